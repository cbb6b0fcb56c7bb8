/**
 * A small SVG chart of values per period: grouped bars (volume) or lines (trends, percentiles).
 * Gaps (null) break a line; a single period shows dots. Decorative to screen readers beyond its
 * label: the data itself is in the chart's table view.
 */
import { type Chart, niceScale } from "../../models/report";

const W = 640;
const H = 220;
const M = { left: 46, right: 12, top: 12, bottom: 30 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const MAX_X_LABELS = 8;

export function SvgChart({ chart, kind, label }: { chart: Chart; kind: "bars" | "lines"; label: string }) {
  const n = chart.labels.length;
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const { top, ticks } =
    chart.top === undefined
      ? niceScale(max)
      : { top: chart.top, ticks: Array.from({ length: chart.top + 1 }, (_, i) => i) };
  const band = n ? PLOT_W / n : PLOT_W;
  const x = (i: number) => M.left + band * (i + 0.5);
  const y = (v: number) => M.top + PLOT_H - (v / top) * PLOT_H;
  const every = Math.max(1, Math.ceil(n / MAX_X_LABELS));
  const barW = Math.max(1, (band * 0.8) / chart.series.length);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {ticks.map((t) => (
        <g key={t} class="chart-grid">
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text x={M.left - 6} y={y(t) + 4} text-anchor="end">
            {t}
          </text>
        </g>
      ))}
      {chart.labels.map((l, i) =>
        i % every === 0 ? (
          <text key={l} class="chart-x" x={x(i)} y={H - 10} text-anchor="middle">
            {l.slice(5)}
          </text>
        ) : null,
      )}
      {kind === "bars"
        ? chart.series.map((s, k) => (
            <g key={s.name} class={`tone-${s.tone}`}>
              {s.values.map((v, i) =>
                v ? (
                  <rect
                    key={i}
                    x={M.left + band * i + band * 0.1 + barW * k}
                    y={y(v)}
                    width={barW}
                    height={M.top + PLOT_H - y(v)}
                  />
                ) : null,
              )}
            </g>
          ))
        : chart.series.map((s) => (
            <g key={s.name} class={`tone-${s.tone}`}>
              <path class="chart-line" d={linePath(s.values, x, y)} />
              {n <= 31
                ? s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={2.5} />))
                : null}
            </g>
          ))}
    </svg>
  );
}

/** An SVG path through the non-null values; a null starts a new segment. */
export function linePath(
  values: (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}
