/**
 * What a customer's browser tells the agent: the page they are on (their page reports, limited per
 * conversation so a page that keeps changing its title cannot flood the queue) and the browser and
 * language their chat connected with (from the upgrade request's headers, shortened, never trusted
 * as more than a hint).
 */

/** Page reports one conversation may make per window; more are refused with `rate_limited`. */
export const PAGE_REPORTS_PER_WINDOW = 30;
export const PAGE_REPORT_WINDOW_MS = 60_000;
/** A user agent longer than this is cut (they are hints, not identities). */
export const MAX_USER_AGENT_CHARS = 300;

export type ReportWindow = { start: number; count: number };

/**
 * A fixed window of `PAGE_REPORT_WINDOW_MS` from its first report: the report is admitted while
 * the window holds fewer than `PAGE_REPORTS_PER_WINDOW` (the 30th is admitted, the 31st refused); a
 * report `PAGE_REPORT_WINDOW_MS` or more after the window's start opens a new one.
 */
export function admitPageReport(w: ReportWindow, now: number): { ok: boolean; window: ReportWindow } {
  if (now - w.start >= PAGE_REPORT_WINDOW_MS || now < w.start)
    return { ok: true, window: { start: now, count: 1 } };
  if (w.count >= PAGE_REPORTS_PER_WINDOW) return { ok: false, window: w };
  return { ok: true, window: { start: w.start, count: w.count + 1 } };
}

/** A BCP 47-like language tag: letters, then dash-separated letters or digits, at most 35 characters. */
const TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** The first language of an `Accept-Language` header (`zh-CN,zh;q=0.9` → `zh-CN`); null when none is usable. */
export function localeOf(acceptLanguage: string | null): string | null {
  const first = acceptLanguage?.split(",")[0]?.split(";")[0]?.trim() ?? "";
  return first.length <= 35 && TAG.test(first) ? first : null;
}

/** The `User-Agent` header without control characters, cut to `MAX_USER_AGENT_CHARS`; null when empty. */
export function userAgentOf(header: string | null): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = (header ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean ? clean.slice(0, MAX_USER_AGENT_CHARS) : null;
}
