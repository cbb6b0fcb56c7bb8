/**
 * The migrations that make sibling org unit names unique, run over a database that already holds
 * duplicates. They run on a copy of the table (the real one already has the indexes, and other test
 * files share it), created as 0000_init created `org_units`.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const COPY = "org_units_migration_copy";
const onCopy = (query: string) =>
  query.replaceAll("org_units", COPY).replaceAll(`${COPY}_`, "org_units_copy_");

function migration(name: string): string[] {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.includes(name));
  if (!found) throw new Error(`no migration ${name}`);
  return found.queries.map(onCopy);
}

type Row = { id: string; tenant: string; parent: string | null; name: string; at: number };

async function run(rows: Row[]): Promise<Map<string, string>> {
  await env.DB.exec(`DROP TABLE IF EXISTS ${COPY}`);
  await env.DB.prepare(
    `CREATE TABLE ${COPY} (id text PRIMARY KEY NOT NULL, tenant_id text NOT NULL, name text NOT NULL, parent_id text, created_at integer NOT NULL)`,
  ).run();
  await env.DB.batch(
    rows.map((r) =>
      env.DB.prepare(`INSERT INTO ${COPY} VALUES (?, ?, ?, ?, ?)`).bind(
        r.id,
        r.tenant,
        r.name,
        r.parent,
        r.at,
      ),
    ),
  );
  for (const query of [
    ...migration("org_unit_sibling_names_dedupe"),
    ...migration("0004_org_unit_sibling_names"),
  ])
    await env.DB.prepare(query).run();
  const { results } = await env.DB.prepare(`SELECT id, name FROM ${COPY}`).all<{
    id: string;
    name: string;
  }>();
  return new Map(results.map((r) => [r.id, r.name]));
}

describe("migration to unique sibling org unit names", () => {
  it("renames later duplicates in creation order and then builds both unique indexes", async () => {
    const long = "x".repeat(100);
    const names = await run([
      { id: "a3", tenant: "t1", parent: null, name: "Sales", at: 3 },
      { id: "a1", tenant: "t1", parent: null, name: "Sales", at: 1 },
      { id: "a2", tenant: "t1", parent: null, name: "Sales", at: 2 },
      { id: "n1", tenant: "t1", parent: "a1", name: "East", at: 1 },
      { id: "n2", tenant: "t1", parent: "a1", name: "East", at: 2 },
      { id: "n3", tenant: "t1", parent: "a2", name: "East", at: 3 },
      { id: "o1", tenant: "t2", parent: null, name: "Sales", at: 1 },
      { id: "l1", tenant: "t1", parent: null, name: long, at: 1 },
      { id: "l2", tenant: "t1", parent: null, name: long, at: 2 },
    ]);
    expect(Object.fromEntries(names)).toEqual({
      a1: "Sales",
      a2: "Sales (2)",
      a3: "Sales (3)",
      n1: "East",
      n2: "East (2)",
      n3: "East",
      o1: "Sales",
      l1: long,
      l2: `${"x".repeat(96)} (2)`,
    });
    const insert = (id: string, parent: string | null, name: string) =>
      env.DB.prepare(`INSERT INTO ${COPY} VALUES (?, 't1', ?, ?, 9)`).bind(id, name, parent).run();
    await expect(insert("dup_top", null, "Sales")).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(insert("dup_nested", "a1", "East")).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it("falls back to the id as suffix when the numbered name is taken too", async () => {
    const names = await run([
      { id: "b1", tenant: "t1", parent: null, name: "Sales", at: 1 },
      { id: "b2", tenant: "t1", parent: null, name: "Sales", at: 2 },
      { id: "b0", tenant: "t1", parent: null, name: "Sales (2)", at: 0 },
    ]);
    expect(Object.fromEntries(names)).toEqual({ b0: "Sales (2)", b1: "Sales", b2: "Sales (2) (b2)" });
  });

  it("leaves a database without duplicates as it was", async () => {
    const names = await run([
      { id: "c1", tenant: "t1", parent: null, name: "Sales", at: 1 },
      { id: "c2", tenant: "t1", parent: "c1", name: "Sales", at: 2 },
    ]);
    expect(Object.fromEntries(names)).toEqual({ c1: "Sales", c2: "Sales" });
  });
});
