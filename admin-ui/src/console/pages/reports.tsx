/**
 * Reports: conversations per day or week of the tenant's time zone, by skill queue or agent —
 * volume, releases, chatbot containment, waiting / first response / handle time percentiles and
 * CSAT — as SVG charts (each with a table view and a CSV) and tables with CSV downloads.
 */
import { useState } from "preact/hooks";
import type { Report } from "../../../../worker/schemas/reports";
import { withQuery } from "../../shared/api";
import { ErrorState, Spinner } from "../../shared/components/feedback";
import { FieldShell } from "../../shared/form/fields";
import { duration } from "../../shared/i18n";
import { ChartCard } from "../components/charts/chart-card";
import { CsvButton, DataTable } from "../components/charts/data-table";
import { Metric } from "../components/metric";
import { PageHeader } from "../components/page-header";
import { useFetched } from "../models/fetched";
import { reportCharts, reportTables, type Table } from "../models/report";

const DAY_MS = 86_400_000;
const localDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

export function ReportsPage() {
  const [from, setFrom] = useState(() => localDate(Date.now() - 27 * DAY_MS));
  const [to, setTo] = useState(() => localDate(Date.now()));
  const [granularity, setGranularity] = useState<"day" | "week">("day");
  const [by, setBy] = useState<"queue" | "agent">("queue");
  const { data, error, retry } = useFetched<Report>(
    withQuery("/reports/conversations", { from, to, granularity, by }),
  );
  const current =
    data && data.from === from && data.to === to && data.by === by && data.granularity === granularity;
  return (
    <>
      <PageHeader
        title="Reports"
        subtitle={
          data
            ? `Conversations that started from ${data.from} to ${data.to}, in the tenant's time zone (${data.timezone}).`
            : "Conversations per day or week, by skill queue or agent."
        }
      />
      <div class="card toolbar" style={{ marginBottom: "16px" }}>
        <FieldShell id="report-from" label="From">
          <input id="report-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </FieldShell>
        <FieldShell id="report-to" label="To">
          <input id="report-to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </FieldShell>
        <FieldShell id="report-granularity" label="Per">
          <select
            id="report-granularity"
            value={granularity}
            onChange={(e) => setGranularity(e.currentTarget.value as "day" | "week")}
          >
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </FieldShell>
        <FieldShell id="report-by" label="By">
          <select
            id="report-by"
            value={by}
            onChange={(e) => setBy(e.currentTarget.value as "queue" | "agent")}
          >
            <option value="queue">Skill queue</option>
            <option value="agent">Agent</option>
          </select>
        </FieldShell>
      </div>
      {error ? <ErrorState message={error} onRetry={retry} /> : null}
      {!error && !current ? <Spinner label="Counting conversations…" /> : null}
      {!error && data ? <ReportBody report={data} /> : null}
    </>
  );
}

function ReportBody({ report }: { report: Report }) {
  const charts = reportCharts(report);
  const tables = reportTables(report);
  const o = report.overall;
  const secs = (ms: number | null) => (ms === null ? "—" : duration(ms / 1000));
  const stem = `${report.from}-${report.to}-${report.granularity}`;
  return (
    <>
      <div class="metric-row card card-body report-kpis">
        <Metric label="Offered" value={o.offered} />
        <Metric label="Answered" value={o.answered} />
        <Metric label="Chatbot contained" value={o.contained} />
        <Metric label="Wait p50 / p90" value={`${secs(o.waitMs.p50)} / ${secs(o.waitMs.p90)}`} />
        <Metric
          label="First response p50 / p90"
          value={`${secs(o.firstResponseMs.p50)} / ${secs(o.firstResponseMs.p90)}`}
        />
        <Metric
          label={`CSAT (${o.csat.rated} rated${o.csat.responseRate === null ? "" : `, ${Math.round(o.csat.responseRate * 100)}%`})`}
          value={o.csat.average === null ? "—" : `${o.csat.average.toFixed(2)} ★`}
        />
      </div>
      <ChartCard chart={charts.volume} kind="bars" file={`volume-${stem}.csv`} />
      <div class="report-grid">
        <ChartCard chart={charts.csat} kind="lines" file={`csat-${stem}.csv`} />
        <ChartCard chart={charts.times} kind="lines" file={`response-times-${stem}.csv`} />
      </div>
      <TableCard table={tables.byGroup} />
      <TableCard table={tables.byPeriod} />
      <TableCard table={tables.cells} collapsed />
    </>
  );
}

/** A table with its CSV download; `collapsed`: shown (and rendered) only once opened. */
function TableCard<R>({ table, collapsed = false }: { table: Table<R>; collapsed?: boolean }) {
  const id = `table-${table.file.replace(/\W/g, "-")}`;
  const [open, setOpen] = useState(!collapsed);
  return (
    <section class="card card-body chart-card" aria-labelledby={id}>
      <div class="chart-head">
        <h3 id={id}>{table.title}</h3>
        <div class="chart-tools">
          {collapsed ? (
            <button type="button" class="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? "Hide rows" : `Show ${table.rows.length} rows`}
            </button>
          ) : null}
          <CsvButton table={table} />
        </div>
      </div>
      {!open ? null : table.rows.length ? (
        <DataTable table={table} caption={table.title} />
      ) : (
        <p class="muted">No conversations started in this range.</p>
      )}
    </section>
  );
}
