/**
 * `/api/v1/canned-responses`: ready-made replies for the workbench's `/` picker. Tenant-wide ones
 * are written by administrators and read by everyone the OU read rule admits
 * (`cannedResponseReadOus`); personal ones are their owner's alone, for reading and writing. A
 * response the caller may not read answers 404, like an unknown id.
 */
import { and, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { insertBelowLimit } from "../db/limited-insert";
import { cannedResponses } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, invalid, notFound } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import {
  type CannedResponse,
  type CannedResponseInput,
  CannedResponseInputSchema,
  CannedResponseQuerySchema,
  CannedResponseSchema,
  MAX_PERSONAL_CANNED,
  MAX_TENANT_CANNED,
} from "../schemas/canned-responses";
import { pageSchema } from "../schemas/common";
import { caller, tenantDb } from "./context";
import { type CallerOus, callerOus } from "./ou-choice";

type Row = typeof cannedResponses.$inferSelect;
const WHAT = "Canned response";
const PatchSchema = v.partial(CannedResponseInputSchema);

const toApi = (row: Row): CannedResponse => ({
  id: row.id,
  scope: row.scope,
  ouId: row.ouId,
  shortcut: row.shortcut,
  title: row.title,
  text: row.text,
  createdAt: row.createdAt,
});

/** The OU condition of the tenant-wide responses the caller reads (none when they read them all). */
function ouCondition({ choice, existing }: CallerOus): SQL | undefined {
  if (choice.unorganized && [...existing].every((id) => choice.ouIds.has(id))) return undefined;
  const conds = [
    choice.unorganized ? isNull(cannedResponses.ouId) : undefined,
    choice.ouIds.size ? inArray(cannedResponses.ouId, [...choice.ouIds]) : undefined,
  ].filter((cond) => cond !== undefined);
  return conds.length ? or(...conds) : sql`0`;
}

/** Responses the caller may read: their own personal ones and the tenant-wide ones of their OUs. */
async function readable(c: Context<AppEnv>, db: TenantDb): Promise<SQL> {
  const own = and(
    eq(cannedResponses.scope, "personal"),
    eq(cannedResponses.ownerId, caller(c).employeeRowId),
  );
  const shared = and(
    eq(cannedResponses.scope, "tenant"),
    ouCondition(await callerOus(c, db, "cannedResponseRead")),
  );
  return or(own, shared)!;
}

/** 403 unless the caller may write a response of `scope` (tenant-wide: administrators). */
function checkWriter(c: Context<AppEnv>, scope: Row["scope"]): void {
  if (scope === "tenant" && caller(c).role !== "tenantAdmin")
    throw new ApiError(
      403,
      "Only a tenant administrator may manage tenant-wide canned responses; save it as a personal one",
    );
}

/** 422 on `ouId`: a tenant-wide response needs an existing OU (or none); a personal one has none. */
async function checkOu(c: Context<AppEnv>, db: TenantDb, input: CannedResponseInput): Promise<void> {
  if (input.ouId === null) return;
  if (input.scope === "personal")
    throw invalid("ouId", "A personal canned response is yours alone and has no organization unit");
  if (!(await callerOus(c, db, "cannedResponseRead")).existing.has(input.ouId))
    throw invalid("ouId", "No such organization unit");
}

const duplicate = (scope: Row["scope"]) =>
  scope === "tenant"
    ? "Another tenant-wide canned response has this shortcut"
    : "You already have a personal canned response with this shortcut";
const shortcutTaken = (scope: Row["scope"]) => [
  {
    constraint: uniqueIndex(cannedResponses, "canned_responses_shortcut"),
    field: "shortcut",
    message: duplicate(scope),
  },
];

async function checkShortcut(db: TenantDb, next: CannedResponseInput, ownerId: string, id?: string) {
  const clash = await db.count(
    cannedResponses,
    eq(cannedResponses.scope, next.scope),
    eq(cannedResponses.ownerId, ownerId),
    eq(cannedResponses.shortcut, next.shortcut),
    id === undefined ? undefined : ne(cannedResponses.id, id),
  );
  if (clash) throw conflict("shortcut", duplicate(next.scope));
}

async function load(c: Context<AppEnv>, db: TenantDb, id: string): Promise<Row> {
  const [row] = await db.select(cannedResponses, eq(cannedResponses.id, id), await readable(c, db));
  if (!row) throw notFound(WHAT);
  return row;
}

export const cannedResponsesApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { scope, ...paging } = parseOr422(CannedResponseQuerySchema, c.req.query());
    const db = tenantDb(c);
    const page = await db.page(
      cannedResponses,
      paging,
      await readable(c, db),
      scope ? eq(cannedResponses.scope, scope) : undefined,
    );
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(toApi(await load(c, tenantDb(c), c.req.param("id"))), 200))
  .post("/", async (c) => {
    const input = await body(c, CannedResponseInputSchema);
    const db = tenantDb(c);
    checkWriter(c, input.scope);
    await checkOu(c, db, input);
    const ownerId = input.scope === "personal" ? caller(c).employeeRowId : "";
    await checkShortcut(db, input, ownerId);
    const id = newId("cnd");
    const max = input.scope === "personal" ? MAX_PERSONAL_CANNED : MAX_TENANT_CANNED;
    const inserted = await answerConstraints(shortcutTaken(input.scope), () =>
      insertBelowLimit(
        db,
        cannedResponses,
        { id, ownerId, ...input },
        max,
        eq(cannedResponses.scope, input.scope),
        eq(cannedResponses.ownerId, ownerId),
      ),
    );
    if (!inserted)
      throw conflict(
        "scope",
        input.scope === "personal"
          ? `You have ${max} personal canned responses, the most allowed; delete one first`
          : `The tenant has ${max} tenant-wide canned responses, the most allowed; delete one first`,
      );
    return c.json(toApi(await db.get(cannedResponses, id, WHAT)), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await load(c, db, id);
    checkWriter(c, current.scope);
    const patch = await body(c, PatchSchema);
    if (patch.scope !== undefined && patch.scope !== current.scope)
      throw invalid("scope", "The scope of a canned response cannot change; create a new one instead");
    const { id: _id, createdAt: _createdAt, ...fields } = toApi(current);
    const next = parseOr422(CannedResponseInputSchema, { ...fields, ...patch });
    await checkOu(c, db, next);
    await checkShortcut(db, next, current.ownerId, id);
    await answerConstraints(shortcutTaken(next.scope), () =>
      db.update(cannedResponses, id, {
        ouId: next.ouId,
        shortcut: next.shortcut,
        title: next.title,
        text: next.text,
      }),
    );
    return c.json(toApi(await db.get(cannedResponses, id, WHAT)), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await load(c, db, id);
    checkWriter(c, current.scope);
    await db.delete(cannedResponses, eq(cannedResponses.id, id));
    return c.body(null, 204);
  });

const tag = "Canned responses";
const visibility =
  "Readable: the caller's own personal responses, and the tenant-wide ones of Unorganized and of the OUs the caller may read (administrators and, without data isolation, everyone: all of them; with data isolation an agent reads their home OU and accessible OUs). Anything else answers 404.";
const writing =
  "Tenant-wide responses are written by tenant administrators only (403); personal ones by their owner. `shortcut` (1–32 letters, digits, - or _, stored in lower case) is unique among the tenant-wide responses and among each employee's personal ones (409). `text` (1–2000 characters) may use the variables {customer.name} and {agent.name}, with an optional fallback after a bar ({customer.name|there}); any other {a.b} is refused (422).";
document(
  {
    method: "get",
    path: "/api/v1/canned-responses",
    summary: "List the canned responses the caller may use",
    description: visibility,
    tag,
    response: pageSchema(CannedResponseSchema),
    query: { ...PAGE_QUERY, scope: "only tenant or only personal responses" },
  },
  {
    method: "get",
    path: "/api/v1/canned-responses/:id",
    summary: "Get a canned response",
    description: visibility,
    tag,
    response: CannedResponseSchema,
  },
  {
    method: "post",
    path: "/api/v1/canned-responses",
    summary: "Create a canned response",
    description: `${writing} Defaults: scope personal, ouId null (Unorganized; personal responses have none, 422). At most ${MAX_TENANT_CANNED} tenant-wide responses per tenant and ${MAX_PERSONAL_CANNED} personal ones per employee (409).`,
    tag,
    body: CannedResponseInputSchema,
    response: CannedResponseSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/v1/canned-responses/:id",
    summary: "Update a canned response",
    description: `${writing} The scope cannot change (422).`,
    tag,
    body: PatchSchema,
    response: CannedResponseSchema,
  },
  {
    method: "delete",
    path: "/api/v1/canned-responses/:id",
    summary: "Delete a canned response",
    description: "Tenant-wide: administrators; personal: the owner.",
    tag,
    status: 204,
  },
);
