/**
 * `INSERT INTO table (…) SELECT <values> WHERE <cond>`: a row written only while `cond` holds,
 * decided by the writing statement itself. Used for rows that refer to others: with `cond` saying
 * that the referenced rows exist, a reference deleted a moment before cannot leave the new row
 * pointing at nothing (the deleting side guards itself the same way, and D1 runs one transaction
 * at a time). `meta.changes` is 0 when the condition did not hold.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { TenantDb, TenantTable } from "./tenant-db";

export function insertIf<T extends TenantTable>(
  db: TenantDb,
  table: T,
  values: Omit<T["$inferInsert"], "tenantId">,
  cond: SQL | undefined,
): SQL {
  const row: Record<string, unknown> = { ...values, tenantId: db.tenantId };
  // Columns left out take their database default, as in an ordinary insert.
  const columns = Object.entries(getTableColumns(table) as Record<string, AnySQLiteColumn>).filter(
    ([key]) => row[key] !== undefined,
  );
  const names = columns.map(([, column]) => sql.identifier(column.name));
  const params = columns.map(([key, column]) => sql.param(row[key], column));
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(params, sql`, `)} where ${cond ?? sql`1`}`;
}
