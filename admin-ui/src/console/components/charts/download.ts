/** Saves text as a file download (a CSV of a table) without a round trip to the server. */
export function downloadText(file: string, text: string, type = "text/csv;charset=utf-8"): void {
  // the byte order mark makes spreadsheet programs read the CSV as UTF-8
  const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
