/** `/api/v1/org-units`: CRUD of the tenant's organization unit tree. */
import { eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { calledRoutes, cannedResponses, employees, orgUnits, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { conflict, invalid } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { type OrgUnit, type OrgUnitInput, OrgUnitInputSchema, OrgUnitSchema } from "../schemas/org-units";
import { referenced, tenantDb } from "./context";

const toApi = (row: typeof orgUnits.$inferSelect): OrgUnit => ({
  id: row.id,
  name: row.name,
  parentId: row.parentId,
  createdAt: row.createdAt,
});

const PatchSchema = v.partial(OrgUnitInputSchema);
const DUPLICATE = "Another unit with the same parent already has this name";
const NAME_TAKEN = ["org_units_sibling_name", "org_units_top_level_name"].map((index) => ({
  constraint: uniqueIndex(orgUnits, index),
  field: "name",
  message: DUPLICATE,
}));

const sameParent = (parentId: string | null) =>
  parentId === null ? isNull(orgUnits.parentId) : eq(orgUnits.parentId, parentId);

/** Checks the parent exists and, for an existing unit, that it is not the unit or one of its descendants. */
async function checkParent(db: TenantDb, input: OrgUnitInput, id?: string): Promise<void> {
  if (input.parentId === null) return;
  const all = await db.db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(db.where(orgUnits));
  const parentOf = new Map(all.map((u) => [u.id, u.parentId]));
  if (!parentOf.has(input.parentId)) throw invalid("parentId", "No such organization unit");
  if (id === undefined) return;
  const seen = new Set<string>();
  for (let at: string | null | undefined = input.parentId; at; at = parentOf.get(at)) {
    if (at === id)
      throw invalid("parentId", "A unit cannot be placed under itself or one of its descendants");
    if (seen.has(at)) break;
    seen.add(at);
  }
}

/**
 * True in SQL while the parent exists: the write holds it in its own statement, since a unit is
 * deleted only while it has no children.
 */
const parentHolds = (db: TenantDb, parentId: string | null) =>
  parentId === null ? undefined : db.some(orgUnits, eq(orgUnits.id, parentId));

async function checkName(db: TenantDb, input: OrgUnitInput, id?: string): Promise<void> {
  const clash = await db.count(
    orgUnits,
    eq(orgUnits.name, input.name),
    sameParent(input.parentId),
    id === undefined ? undefined : ne(orgUnits.id, id),
  );
  if (clash) throw conflict("name", DUPLICATE);
}

/** The first thing that still refers to the unit, or null. */
/** What may refer to OU `id`: while any does, the OU cannot be deleted. */
function references(id: string): { what: string; table: Parameters<TenantDb["count"]>[0]; cond: SQL }[] {
  const inAccessibleOus = sql`exists (select 1 from json_each(${employees.accessibleOus}) where json_extract(json_each.value, '$.ouId') = ${id})`;
  return [
    { what: "a child unit", table: orgUnits, cond: eq(orgUnits.parentId, id) },
    { what: "an employee", table: employees, cond: or(eq(employees.ouId, id), inAccessibleOus) as SQL },
    { what: "a skill queue", table: skillQueues, cond: eq(skillQueues.ouId, id) },
    { what: "a called route", table: calledRoutes, cond: eq(calledRoutes.ouId, id) },
    { what: "a canned response", table: cannedResponses, cond: eq(cannedResponses.ouId, id) },
  ];
}

async function firstReference(db: TenantDb, id: string): Promise<string | null> {
  for (const ref of references(id)) if (await db.count(ref.table, ref.cond)) return ref.what;
  return null;
}

export const orgUnitsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(orgUnits, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) =>
    c.json(toApi(await tenantDb(c).get(orgUnits, c.req.param("id"), "Organization unit")), 200),
  )
  .post("/", async (c) => {
    const input = await body(c, OrgUnitInputSchema);
    const db = tenantDb(c);
    await checkParent(db, input);
    await checkName(db, input);
    const id = newId("ou");
    const result = await answerConstraints(NAME_TAKEN, () =>
      db.db.run(insertIf(db, orgUnits, { id, ...input }, parentHolds(db, input.parentId))),
    );
    if (result.meta.changes === 0) throw invalid("parentId", "No such organization unit");
    return c.json(toApi(await db.get(orgUnits, id, "Organization unit")), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(orgUnits, id, "Organization unit");
    const patch = await body(c, PatchSchema);
    const next = parseOr422(OrgUnitInputSchema, { name: current.name, parentId: current.parentId, ...patch });
    await checkParent(db, next, id);
    await checkName(db, next, id);
    const result = await answerConstraints(NAME_TAKEN, () =>
      db.db
        .update(orgUnits)
        .set(next)
        .where(db.where(orgUnits, eq(orgUnits.id, id), parentHolds(db, next.parentId))),
    );
    if (result.meta.changes === 0) {
      await db.get(orgUnits, id, "Organization unit");
      throw invalid("parentId", "No such organization unit");
    }
    return c.json(toApi(await db.get(orgUnits, id, "Organization unit")), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(orgUnits, id, "Organization unit");
    const what = await firstReference(db, id);
    if (what) throw referenced(what);
    const unused = references(id).map((ref) => db.none(ref.table, ref.cond));
    const result = await db.delete(orgUnits, eq(orgUnits.id, id), ...unused);
    if (result.meta.changes === 0) throw referenced((await firstReference(db, id)) ?? "another row");
    return c.body(null, 204);
  });

const tag = "Organization units";
const Page = pageSchema(OrgUnitSchema);
document(
  {
    method: "get",
    path: "/api/v1/org-units",
    summary: "List organization units",
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  {
    method: "get",
    path: "/api/v1/org-units/:id",
    summary: "Get an organization unit",
    tag,
    response: OrgUnitSchema,
  },
  {
    method: "post",
    path: "/api/v1/org-units",
    summary: "Create an organization unit",
    description: "`name` is unique among siblings (409); `parentId` must be a unit of the tenant (422).",
    tag,
    body: OrgUnitInputSchema,
    response: OrgUnitSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/org-units/:id",
    summary: "Rename or move an organization unit",
    description: "Moving a unit under itself or one of its descendants answers 422 naming `parentId`.",
    tag,
    body: PatchSchema,
    response: OrgUnitSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/org-units/:id",
    summary: "Delete an organization unit",
    description:
      "409 while a child unit, an employee (home or accessible OU), a skill queue or a called route refers to it.",
    tag,
    status: 204,
    auth: "admin",
  },
);
