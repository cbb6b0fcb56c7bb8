/**
 * The one door to tenant data: every query built here is scoped by `tenant_id`, which comes only
 * from the verified session. Another tenant's id therefore behaves exactly like an unknown id.
 */
import { and, asc, count, eq, exists, gt, notExists, type SQL, sql } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { AnySQLiteColumn, SQLiteTableWithColumns } from "drizzle-orm/sqlite-core";
import { notFound } from "../http/problem";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;

// biome-ignore lint/suspicious/noExplicitAny: drizzle's table generics are only needed structurally here
type AnyTable = SQLiteTableWithColumns<any>;
export type TenantTable = AnyTable & { tenantId: AnySQLiteColumn };
type TenantTableWithId = TenantTable & { id: AnySQLiteColumn };

const databases = new WeakMap<D1Database, Db>();

/**
 * The drizzle database over a D1 binding, one per binding: building it walks the whole schema
 * (its relational config), which was several per cent of the isolate's time when done per request.
 */
export function database(d1: D1Database): Db {
  let db = databases.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    databases.set(d1, db);
  }
  return db;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

export class TenantDb {
  constructor(
    readonly db: Db,
    readonly tenantId: string,
  ) {
    if (!tenantId) throw new Error("TenantDb needs a tenant id");
  }

  /** `tenant_id = ?` combined with the given conditions. */
  where(table: TenantTable, ...conds: (SQL | undefined)[]): SQL {
    return and(eq(table.tenantId, this.tenantId), ...conds)!;
  }

  /**
   * A condition that holds only while no row of `table` matches `conds`. Put it in a writing
   * statement so that a reference added concurrently still blocks the write.
   */
  none(table: TenantTable, ...conds: (SQL | undefined)[]): SQL {
    return notExists(
      this.db
        .select({ one: sql`1` })
        .from(table)
        .where(this.where(table, ...conds)),
    );
  }

  /** The opposite of `none`: holds while some row of `table` matches `conds`. */
  some(table: TenantTable, ...conds: (SQL | undefined)[]): SQL {
    return exists(
      this.db
        .select({ one: sql`1` })
        .from(table)
        .where(this.where(table, ...conds)),
    );
  }

  /** Holds while one of `ids` is not the `key` of a row of `table` (ids travel as one JSON parameter). */
  anyMissing(table: TenantTable, key: AnySQLiteColumn, ids: readonly string[]): SQL {
    return sql`exists (select 1 from json_each(${JSON.stringify([...new Set(ids)])}) as wanted
      where not exists (select 1 from ${table} where ${this.where(table, sql`${key} = wanted.value`)}))`;
  }

  select<T extends TenantTable>(table: T, ...conds: (SQL | undefined)[]) {
    return this.db
      .select()
      .from(table)
      .where(this.where(table, ...conds)) as unknown as Promise<T["$inferSelect"][]>;
  }

  /** The row `id`, when it also meets `conds` (a caller's visibility, for one). */
  async find<T extends TenantTableWithId>(
    table: T,
    id: string,
    ...conds: (SQL | undefined)[]
  ): Promise<T["$inferSelect"] | undefined> {
    const rows = await this.db
      .select()
      .from(table)
      .where(this.where(table, eq(table.id, id), ...conds))
      .limit(1);
    return rows[0] as T["$inferSelect"] | undefined;
  }

  /** Like `find`, or throws 404 naming `what`. */
  async get<T extends TenantTableWithId>(
    table: T,
    id: string,
    what: string,
    ...conds: (SQL | undefined)[]
  ): Promise<T["$inferSelect"]> {
    const row = await this.find(table, id, ...conds);
    if (!row) throw notFound(what);
    return row;
  }

  /** Keyset pagination in id order (ids are time-sortable, so this is creation order). */
  async page<T extends TenantTableWithId>(
    table: T,
    { limit, cursor }: { limit: number; cursor?: string | undefined },
    ...conds: (SQL | undefined)[]
  ): Promise<Page<T["$inferSelect"]>> {
    const rows = (await this.db
      .select()
      .from(table)
      .where(this.where(table, cursor ? gt(table.id, cursor) : undefined, ...conds))
      .orderBy(asc(table.id))
      .limit(limit + 1)) as T["$inferSelect"][];
    const items = rows.slice(0, limit);
    const last = items.at(-1) as { id: string } | undefined;
    return { items, nextCursor: rows.length > limit && last ? last.id : null };
  }

  async count(table: TenantTable, ...conds: (SQL | undefined)[]): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(table)
      .where(this.where(table, ...conds));
    return row?.n ?? 0;
  }

  insert<T extends TenantTable>(table: T, values: Omit<T["$inferInsert"], "tenantId">) {
    return this.db.insert(table).values({ ...values, tenantId: this.tenantId } as T["$inferInsert"]);
  }

  update<T extends TenantTableWithId>(table: T, id: string, values: Partial<T["$inferInsert"]>) {
    const { tenantId: _ignored, ...rest } = values as Record<string, unknown>;
    return this.db
      .update(table)
      .set(rest as T["$inferInsert"])
      .where(this.where(table, eq(table.id, id)));
  }

  delete(table: TenantTable, ...conds: SQL[]) {
    return this.db.delete(table).where(this.where(table, ...conds));
  }
}
