/**
 * One D1 batch (a single transaction: any failing statement rolls back all of them) built from
 * drizzle query builders and raw `sql` alike. drizzle's own `batch` cannot take raw SQL with
 * parameters (the result of `run()` has no prepared statement), so this binds everything directly.
 */
import type { SQL } from "drizzle-orm";
import type { Db } from "./tenant-db";

type Query = { sql: string; params: unknown[] };
export type BatchItem = SQL | { toSQL(): Query };

export function d1Batch(d1: D1Database, db: Db, items: readonly BatchItem[]) {
  return d1.batch(
    items.map((item) => {
      const query: Query = "toSQL" in item ? item.toSQL() : db.run(item).getQuery();
      return d1.prepare(query.sql).bind(...query.params);
    }),
  );
}
