/**
 * CSV (RFC 4180) for exports and report tables: fields joined by commas, lines ended by CRLF; a
 * field holding a comma, a double quote, CR or LF is quoted, its quotes doubled. A text field
 * starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so that a spreadsheet shows it
 * as text instead of running it as a formula (CSV injection); numbers are written as they are.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
