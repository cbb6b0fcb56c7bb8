/** Date filter inputs (YYYY-MM-DD, local days) → the API's [from, to) window in epoch milliseconds. */

/** `to` covers the whole last day; an empty input leaves that end open. */
export function dayRange(fromDate: string, toDate: string): { from?: number; to?: number; error?: string } {
  const from = fromDate ? localMidnight(fromDate) : undefined;
  const toStart = toDate ? localMidnight(toDate) : undefined;
  const to = toStart === undefined ? undefined : nextDay(toStart);
  if (from !== undefined && to !== undefined && from >= to)
    return { error: "The end date is before the start date" };
  return { from, to };
}

function localMidnight(date: string): number | undefined {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d).getTime();
}

function nextDay(ms: number): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}
