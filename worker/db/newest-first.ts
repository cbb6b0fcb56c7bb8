/**
 * Paging of newest-first lists by `(time, id)` descending: the cursor is `<time>:<id>` of the last
 * item of a page (`timeCursorSchema`), and the next page holds what comes after it, that is an
 * earlier time, or the same time and a smaller id.
 */
import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** The condition for the rows after `cursor` (none without a cursor). */
export function afterCursor(
  cursor: string | undefined,
  time: SQLiteColumn,
  id: SQLiteColumn,
): SQL | undefined {
  if (!cursor) return undefined;
  const at = cursor.indexOf(":");
  const t = Number(cursor.slice(0, at));
  return or(lt(time, t), and(eq(time, t), lt(id, cursor.slice(at + 1))));
}

/** A page of `limit` from `rows` (fetched with `limit + 1`) and the cursor of the next one, if any. */
export function newestFirstPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  time: (row: T) => number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${time(last)}:${last.id}` : null };
}
