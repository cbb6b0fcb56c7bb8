/** One figure with its label, in a row of figures (`metric-row`). */
export function Metric({ label, value }: { label: string; value: string | number }) {
  return (
    <div class="metric">
      <div class="value">{value}</div>
      <div class="label">{label}</div>
    </div>
  );
}
