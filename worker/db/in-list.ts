/**
 * `column IN (list)` with the whole list bound as one JSON parameter, because D1 binds at most 100
 * parameters per statement and lists (agents of a batch, ids of a page) can be longer.
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

export function inList(column: AnySQLiteColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
