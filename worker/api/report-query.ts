/**
 * The SQL of a report: one scan grouped by period × group for the counts (rolled up in code, since
 * counts add up), and one windowed query per level for the nearest-rank percentiles (which do
 * not). Conversations are found by `started_at` through the `conversations_tenant_started` index,
 * one index range per period; the periods travel as one JSON parameter (D1 binds ≤ 100).
 * The SQL mirrors the definitions of `../rules/report-figures.ts`; a test compares the two.
 */
import { RELEASE_REASONS, responseRate } from "../rules/report-figures";
import type { Period } from "../rules/report-periods";
import type { Figures } from "../schemas/reports";

const RELEASES = RELEASE_REASONS.map((r) => `'${r}'`).join(", ");
const OFFERED = `(wait_ms IS NOT NULL OR queued_at IS NOT NULL OR outcome IN (${RELEASES}))`;

/** Column of the grouping: a skill queue or the agent who last had the conversation. */
const GROUP_COLUMN = { queue: "skill_queue_id", agent: "agent_employee_id" } as const;
export type GroupBy = keyof typeof GROUP_COLUMN;

const base = (by: GroupBy) => `
WITH p AS (
  SELECT CAST(key AS INTEGER) AS i, json_extract(value, '$[0]') AS s, json_extract(value, '$[1]') AS e
  FROM json_each(?1)
),
base AS (
  SELECT p.i AS period, c.${GROUP_COLUMN[by]} AS grp, c.*
  FROM p CROSS JOIN conversations AS c INDEXED BY conversations_tenant_started
  WHERE c.tenant_id = ?2 AND c.started_at >= p.s AND c.started_at < p.e
)`;

const countsSql = (by: GroupBy) => `${base(by)}
SELECT period, grp,
  count(*) AS conversations,
  sum(${OFFERED}) AS offered,
  sum(answered_at IS NOT NULL OR connected_at IS NOT NULL) AS answered,
  ${RELEASE_REASONS.map((r) => `sum(outcome = '${r}') AS ${r}`).join(",\n  ")},
  sum(transfers > 0) AS transferred,
  sum(robot_turns > 0 AND NOT ${OFFERED}) AS contained,
  count(rating) AS rated,
  coalesce(sum(rating), 0) AS ratingSum,
  ${[1, 2, 3, 4, 5].map((r) => `sum(rating = ${r}) AS r${r}`).join(", ")},
  max(agent_name) AS agentName
FROM base GROUP BY period, grp`;

const METRICS = { waitMs: "wait_ms", firstResponseMs: "first_response_ms", handleMs: "handle_ms" } as const;
type Metric = keyof typeof METRICS;

/** Percentile levels: the partition of each (period × group, period, group, everything). */
const LEVELS = { cell: ["period", "grp"], period: ["period"], group: ["grp"], all: [] } as const;
type Level = keyof typeof LEVELS;

const percentilesSql = (by: GroupBy, level: Level) => {
  const keys = LEVELS[level];
  const cols = keys.map((k) => `${k}, `).join("");
  const partition = ["m", ...keys].join(", ");
  const values = Object.entries(METRICS)
    .map(([m, col]) => `SELECT '${m}' AS m, period, grp, ${col} AS x FROM base WHERE ${col} IS NOT NULL`)
    .join("\n  UNION ALL ");
  return `${base(by)},
v AS (${values}),
r AS (
  SELECT m, ${cols}x, row_number() OVER (PARTITION BY ${partition} ORDER BY x) AS rn,
    count(*) OVER (PARTITION BY ${partition}) AS n
  FROM v
)
SELECT m, ${cols}max(CASE WHEN rn = (50 * n + 99) / 100 THEN x END) AS p50,
  max(CASE WHEN rn = (90 * n + 99) / 100 THEN x END) AS p90
FROM r GROUP BY ${partition}`;
};

type CountRow = {
  period: number;
  grp: string | null;
  conversations: number;
  offered: number;
  answered: number;
  timeout: number;
  busy: number;
  noAgent: number;
  nonWorkingTime: number;
  transferred: number;
  contained: number;
  rated: number;
  ratingSum: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
  agentName: string | null;
};
type PercentileRow = {
  m: Metric;
  period?: number;
  grp?: string | null;
  p50: number | null;
  p90: number | null;
};

/** Counts of a set of conversations, before the percentiles are attached. */
type Counts = Omit<CountRow, "period" | "grp" | "agentName">;

const ZERO: Counts = {
  conversations: 0,
  offered: 0,
  answered: 0,
  timeout: 0,
  busy: 0,
  noAgent: 0,
  nonWorkingTime: 0,
  transferred: 0,
  contained: 0,
  rated: 0,
  ratingSum: 0,
  r1: 0,
  r2: 0,
  r3: 0,
  r4: 0,
  r5: 0,
};

function add(into: Counts, row: Counts): Counts {
  for (const k of Object.keys(ZERO) as (keyof Counts)[]) into[k] += row[k] ?? 0;
  return into;
}

const NO_PERCENTILES = { p50: null, p90: null };

function figures(
  c: Counts,
  pct: Map<Metric, { p50: number | null; p90: number | null }> | undefined,
): Figures {
  return {
    conversations: c.conversations,
    offered: c.offered,
    answered: c.answered,
    released: { timeout: c.timeout, busy: c.busy, noAgent: c.noAgent, nonWorkingTime: c.nonWorkingTime },
    transferred: c.transferred,
    contained: c.contained,
    waitMs: pct?.get("waitMs") ?? NO_PERCENTILES,
    firstResponseMs: pct?.get("firstResponseMs") ?? NO_PERCENTILES,
    handleMs: pct?.get("handleMs") ?? NO_PERCENTILES,
    csat: {
      average: c.rated ? c.ratingSum / c.rated : null,
      rated: c.rated,
      responseRate: responseRate(c.rated, c.answered),
      ratings: [c.r1, c.r2, c.r3, c.r4, c.r5],
    },
  };
}

/** A period index and group as one map key (`-` stands for no period / all groups). */
const keyOf = (period: number | undefined, grp: string | null | undefined) =>
  `${period ?? "-"}|${grp === undefined ? "-" : (grp ?? "")}`;

function indexPercentiles(rows: PercentileRow[]) {
  const map = new Map<string, Map<Metric, { p50: number | null; p90: number | null }>>();
  for (const r of rows) {
    const k = keyOf(r.period, r.grp);
    const m = map.get(k) ?? new Map();
    m.set(r.m, { p50: r.p50, p90: r.p90 });
    map.set(k, m);
  }
  return map;
}

export type ReportData = {
  groups: { id: string | null; agentName: string | null }[];
  overall: Figures;
  byPeriod: Figures[];
  byGroup: (Figures & { group: string | null })[];
  cells: (Figures & { period: number; group: string | null })[];
};

/** Runs the report's queries in one D1 batch and assembles the figures. */
export async function reportData(
  d1: D1Database,
  tenantId: string,
  periods: readonly Period[],
  by: GroupBy,
): Promise<ReportData> {
  const bounds = JSON.stringify(periods.map((p) => [p.start, p.end]));
  const statements = [
    countsSql(by),
    ...(Object.keys(LEVELS) as Level[]).map((l) => percentilesSql(by, l)),
  ].map((text) => d1.prepare(text).bind(bounds, tenantId));
  const [counts, ...levels] = await d1.batch(statements);
  const cellsRows = (counts?.results ?? []) as CountRow[];
  const [cellPct, periodPct, groupPct, allPct] = levels.map((l) =>
    indexPercentiles((l.results ?? []) as PercentileRow[]),
  ) as [ReturnType<typeof indexPercentiles>, ...ReturnType<typeof indexPercentiles>[]];

  const perPeriod = periods.map(() => ({ ...ZERO }));
  const perGroup = new Map<string | null, { counts: Counts; agentName: string | null }>();
  const overall = { ...ZERO };
  for (const row of cellsRows) {
    add(perPeriod[row.period]!, row);
    const g = perGroup.get(row.grp) ?? { counts: { ...ZERO }, agentName: null };
    add(g.counts, row);
    g.agentName ??= row.agentName;
    perGroup.set(row.grp, g);
    add(overall, row);
  }
  const groups = [...perGroup.entries()].sort(([a], [b]) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return {
    groups: groups.map(([id, g]) => ({ id, agentName: g.agentName })),
    overall: figures(overall, allPct?.get(keyOf(undefined, undefined))),
    byPeriod: perPeriod.map((c, i) => figures(c, periodPct?.get(keyOf(i, undefined)))),
    byGroup: groups.map(([id, g]) => ({
      group: id,
      ...figures(g.counts, groupPct?.get(keyOf(undefined, id))),
    })),
    cells: cellsRows.map((row) => ({
      period: row.period,
      group: row.grp,
      ...figures(row, cellPct.get(keyOf(row.period, row.grp))),
    })),
  };
}
