/** A report table with its CSV download: the accessible view of a chart and the report's tables. */
import { type Table, tableCsv } from "../../models/report";
import { downloadText } from "./download";

export function CsvButton<R>({ table }: { table: Table<R> }) {
  return (
    <button type="button" class="btn btn-small" onClick={() => downloadText(table.file, tableCsv(table))}>
      Download CSV
    </button>
  );
}

export function DataTable<R>({ table, caption }: { table: Table<R>; caption?: string }) {
  return (
    <div class="table-wrap report-table">
      <table class="table">
        {caption ? <caption class="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.label} scope="col" class={c.numeric ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {table.columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.label} scope="row">
                    {c.value(row) ?? "—"}
                  </th>
                ) : (
                  <td key={c.label} class={c.numeric ? "num" : undefined}>
                    {c.value(row) ?? "—"}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
