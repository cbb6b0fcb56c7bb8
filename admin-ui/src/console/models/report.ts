/**
 * The Reports page as data: the tables (each also a CSV download) and the chart series built from
 * one `GET /reports/conversations` answer, so the page only renders. Charts and tables show the
 * same numbers: a chart's table view is its table here.
 */
import { type CsvValue, csvLine } from "../../../../worker/rules/csv";
import type { Figures, Report } from "../../../../worker/schemas/reports";

export type Column<R> = { label: string; value: (row: R) => CsvValue; numeric?: boolean };
export type Table<R = unknown> = { title: string; file: string; columns: Column<R>[]; rows: R[] };

/** Seconds, rounded, from milliseconds (null stays null). */
export const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const avg = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** The figures as columns, after the leading columns that name the row. */
function figureColumns<R>(get: (row: R) => Figures): Column<R>[] {
  const n = (label: string, value: (f: Figures) => CsvValue): Column<R> => ({
    label,
    value: (r) => value(get(r)),
    numeric: true,
  });
  return [
    n("Conversations", (f) => f.conversations),
    n("Offered", (f) => f.offered),
    n("Answered", (f) => f.answered),
    n("Released: timeout", (f) => f.released.timeout),
    n("Released: busy", (f) => f.released.busy),
    n("Released: no agent", (f) => f.released.noAgent),
    n("Released: off-hours", (f) => f.released.nonWorkingTime),
    n("Transferred", (f) => f.transferred),
    n("Chatbot contained", (f) => f.contained),
    n("Wait p50 (s)", (f) => seconds(f.waitMs.p50)),
    n("Wait p90 (s)", (f) => seconds(f.waitMs.p90)),
    n("First response p50 (s)", (f) => seconds(f.firstResponseMs.p50)),
    n("First response p90 (s)", (f) => seconds(f.firstResponseMs.p90)),
    n("Handle p50 (s)", (f) => seconds(f.handleMs.p50)),
    n("Handle p90 (s)", (f) => seconds(f.handleMs.p90)),
    n("CSAT average", (f) => avg(f.csat.average)),
    n("Rated", (f) => f.csat.rated),
    n("CSAT response rate (%)", (f) => pct(f.csat.responseRate)),
    ...[1, 2, 3, 4, 5].map((star) => n(`Rated ${star}`, (f) => f.csat.ratings[star - 1] ?? 0)),
  ];
}

type PeriodRow = { label: string; figures: Figures };
type GroupRow = { name: string; figures: Figures };
type CellRow = { label: string; name: string; figures: Figures };

export function reportTables(r: Report): {
  byPeriod: Table<PeriodRow>;
  byGroup: Table<GroupRow>;
  cells: Table<CellRow>;
} {
  const who = r.by === "queue" ? "Skill queue" : "Agent";
  const periodLabel = r.granularity === "day" ? "Day" : "Week of";
  const names = new Map(r.groups.map((g) => [g.id, g.name]));
  const stem = `report-${r.from}-${r.to}-${r.granularity}`;
  return {
    byPeriod: {
      title: r.granularity === "day" ? "Per day" : "Per week",
      file: `${stem}.csv`,
      columns: [{ label: periodLabel, value: (p) => p.label }, ...figureColumns<PeriodRow>((p) => p.figures)],
      rows: r.periods.map((p, i) => ({ label: p.label, figures: r.byPeriod[i]! })),
    },
    byGroup: {
      title: r.by === "queue" ? "By skill queue" : "By agent",
      file: `${stem}-by-${r.by}.csv`,
      columns: [{ label: who, value: (g) => g.name }, ...figureColumns<GroupRow>((g) => g.figures)],
      rows: r.byGroup.map((g) => ({ name: names.get(g.group) ?? String(g.group), figures: g })),
    },
    cells: {
      title: `${r.granularity === "day" ? "Per day" : "Per week"} and ${r.by === "queue" ? "skill queue" : "agent"}`,
      file: `${stem}-per-period-and-${r.by}.csv`,
      columns: [
        { label: periodLabel, value: (c) => c.label },
        { label: who, value: (c) => c.name },
        ...figureColumns<CellRow>((c) => c.figures),
      ],
      rows: r.cells.map((c) => ({
        label: r.periods[c.period]?.label ?? "",
        name: names.get(c.group) ?? String(c.group),
        figures: c,
      })),
    },
  };
}

/** A table as CSV text: a header line, then one line per row. */
export function tableCsv<R>(t: Table<R>): string {
  return (
    csvLine(t.columns.map((c) => c.label)) +
    t.rows.map((r) => csvLine(t.columns.map((c) => c.value(r)))).join("")
  );
}

export type Series = {
  name: string;
  values: (number | null)[];
  tone: "accent" | "success" | "warning" | "danger" | "muted";
};
/** `top`: a fixed top of the y axis (the CSAT scale), else one that fits the values. */
export type Chart = { title: string; unit: string; labels: string[]; series: Series[]; top?: number };

/** The three charts: volume over time, CSAT trend, response-time percentiles (seconds). */
export function reportCharts(r: Report): { volume: Chart; csat: Chart; times: Chart } {
  const labels = r.periods.map((p) => p.label);
  const of = (f: (x: Figures) => number | null) => r.byPeriod.map(f);
  return {
    volume: {
      title: "Volume over time",
      unit: "conversations",
      labels,
      series: [
        { name: "Offered", values: of((f) => f.offered), tone: "accent" },
        { name: "Answered", values: of((f) => f.answered), tone: "success" },
        {
          name: "Released",
          values: of(
            (f) => f.released.timeout + f.released.busy + f.released.noAgent + f.released.nonWorkingTime,
          ),
          tone: "danger",
        },
        { name: "Chatbot contained", values: of((f) => f.contained), tone: "muted" },
      ],
    },
    csat: {
      title: "CSAT trend",
      unit: "average rating (1–5)",
      labels,
      top: 5,
      series: [{ name: "Average rating", values: of((f) => avg(f.csat.average)), tone: "warning" }],
    },
    times: {
      title: "Response times",
      unit: "seconds",
      labels,
      series: [
        { name: "First response p50", values: of((f) => seconds(f.firstResponseMs.p50)), tone: "accent" },
        { name: "First response p90", values: of((f) => seconds(f.firstResponseMs.p90)), tone: "danger" },
        { name: "Wait p50", values: of((f) => seconds(f.waitMs.p50)), tone: "success" },
        { name: "Wait p90", values: of((f) => seconds(f.waitMs.p90)), tone: "warning" },
      ],
    },
  };
}

/** A chart's data as a table (its accessible view and its CSV). */
export function chartTable(c: Chart, file: string): Table<number> {
  return {
    title: c.title,
    file,
    columns: [
      { label: "Period", value: (i) => c.labels[i] },
      ...c.series.map((s) => ({ label: s.name, value: (i: number) => s.values[i] ?? null, numeric: true })),
    ],
    rows: c.labels.map((_, i) => i),
  };
}

/**
 * A "nice" upper bound for a y axis and its ticks: the smallest 1, 2 or 5 × 10^k step with at most
 * `count` steps covering `max` (0 or less → 1).
 */
export function niceScale(max: number, count = 4): { top: number; ticks: number[] } {
  const target = max > 0 ? max : 1;
  const raw = target / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s * count >= target) ?? 10 * pow;
  const top = Math.ceil(target / step) * step;
  const ticks = Array.from(
    { length: Math.round(top / step) + 1 },
    (_, i) => Math.round(i * step * 1e6) / 1e6,
  );
  return { top, ticks };
}
