/**
 * An insert that happens only while fewer than `max` rows match a condition, in one statement, so
 * two requests racing for the last free place cannot both get it (D1 runs a statement atomically).
 */
import { count, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteTableWithColumns } from "drizzle-orm/sqlite-core";
import type { TenantDb } from "./tenant-db";

// biome-ignore lint/suspicious/noExplicitAny: drizzle's table generics are only needed structurally here
type TenantTable = SQLiteTableWithColumns<any> & { tenantId: AnySQLiteColumn };

/** Inserts `values` (plus the tenant) unless `max` rows of the tenant already match `conds`; true when inserted. */
export async function insertBelowLimit<T extends TenantTable>(
  db: TenantDb,
  table: T,
  values: Omit<T["$inferInsert"], "tenantId">,
  max: number,
  ...conds: (SQL | undefined)[]
): Promise<boolean> {
  const columns = getTableColumns(table);
  const entries = Object.entries({ ...values, tenantId: db.tenantId }).filter(
    ([, value]) => value !== undefined,
  );
  const names = sql.join(
    entries.map(([key]) => sql.identifier(columns[key]!.name)),
    sql`, `,
  );
  const params = sql.join(
    entries.map(([, value]) => sql`${value}`),
    sql`, `,
  );
  const matching = db.db
    .select({ n: count() })
    .from(table)
    .where(db.where(table, ...conds));
  const result = await db.db.run(
    sql`insert into ${table} (${names}) select ${params} where (${matching}) < ${max}`,
  );
  return result.meta.changes === 1;
}
