/** A chart with its legend, a switch to the same data as a table, and a CSV download. */
import "./charts.css";
import { useState } from "preact/hooks";
import { type Chart, chartTable } from "../../models/report";
import { CsvButton, DataTable } from "./data-table";
import { SvgChart } from "./svg-chart";

export function ChartCard({ chart, kind, file }: { chart: Chart; kind: "bars" | "lines"; file: string }) {
  const [asTable, setAsTable] = useState(false);
  const table = chartTable(chart, file);
  const id = `chart-${file.replace(/\W/g, "-")}`;
  return (
    <section class="card card-body chart-card" aria-labelledby={id}>
      <div class="chart-head">
        <h3 id={id}>
          {chart.title} <span class="muted">({chart.unit})</span>
        </h3>
        <div class="chart-tools">
          <button
            type="button"
            class="btn btn-small"
            aria-pressed={asTable}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? "Show chart" : "Show table"}
          </button>
          <CsvButton table={table} />
        </div>
      </div>
      {asTable ? (
        <DataTable table={table} caption={`${chart.title}, ${chart.unit}, per period`} />
      ) : (
        <>
          <SvgChart
            chart={chart}
            kind={kind}
            label={`${chart.title} in ${chart.unit} over ${chart.labels.length} periods; use Show table for the figures`}
          />
          <ul class="chart-legend">
            {chart.series.map((s) => (
              <li key={s.name} class={`tone-${s.tone}`}>
                <span class="swatch" aria-hidden="true" />
                {s.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
