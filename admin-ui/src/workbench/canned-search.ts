/**
 * The `/` shortcut of the reply box, as pure functions. Typing `/` at the start of the box or after
 * a space opens the picker; what follows it up to the caret (no spaces) is the query. Matches:
 * a shortcut starting with the query first, then a shortcut containing it, then a title, then a
 * text containing it (case-insensitive); within a rank by shortcut, personal before tenant-wide.
 * Choosing one replaces `/query` with the response's text, its variables filled in.
 */
import type { CannedResponse } from "../../../worker/schemas/canned-responses";

/** Most matches the picker lists. */
export const MAX_MATCHES = 8;

/** The `/query` that ends at the caret, or null when the caret is not in one. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/([^\s/]*)$/.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[2] ?? "";
  return { start: caret - query.length - 1, query };
}

function rank(c: CannedResponse, q: string): number {
  const shortcut = c.shortcut.toLowerCase();
  if (shortcut.startsWith(q)) return 0;
  if (shortcut.includes(q)) return 1;
  if (c.title.toLowerCase().includes(q)) return 2;
  if (c.text.toLowerCase().includes(q)) return 3;
  return -1;
}

/** The responses matching `query`, best first, at most `limit`. */
export function matchCanned(
  items: readonly CannedResponse[],
  query: string,
  limit = MAX_MATCHES,
): CannedResponse[] {
  const q = query.toLowerCase();
  return items
    .map((c) => ({ c, r: rank(c, q) }))
    .filter((x) => x.r >= 0)
    .sort(
      (a, b) =>
        a.r - b.r ||
        a.c.shortcut.localeCompare(b.c.shortcut) ||
        (a.c.scope === b.c.scope ? 0 : a.c.scope === "personal" ? -1 : 1),
    )
    .slice(0, limit)
    .map((x) => x.c);
}

/** `text` with `[start, caret)` replaced by `insert`, and where the caret goes after it. */
export function replaceRange(
  text: string,
  start: number,
  caret: number,
  insert: string,
): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(caret), caret: start + insert.length };
}
