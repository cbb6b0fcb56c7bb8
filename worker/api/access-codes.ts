/** `/api/v1/access-codes`: CRUD of access codes. */
import { and, eq, ne } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { accessCodes, calledRoutes } from "../db/schema";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { conflict, invalid } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { type AccessCode, AccessCodeInputSchema, AccessCodeSchema } from "../schemas/access-codes";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { referenced, tenantDb } from "./context";

const toApi = (row: typeof accessCodes.$inferSelect): AccessCode => ({
  id: row.id,
  code: row.code,
  mediaType: row.mediaType,
  createdAt: row.createdAt,
});

const PatchSchema = v.partial(AccessCodeInputSchema);
const DUPLICATE = "This access code already exists";
const CODE_TAKEN = [
  { constraint: uniqueIndex(accessCodes, "access_codes_tenant_code"), field: "code", message: DUPLICATE },
];
const FROZEN = "The media type cannot change while called routes use this access code";

export const accessCodesApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(accessCodes, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) =>
    c.json(toApi(await tenantDb(c).get(accessCodes, c.req.param("id"), "Access code")), 200),
  )
  .post("/", async (c) => {
    const input = await body(c, AccessCodeInputSchema);
    const db = tenantDb(c);
    if (await db.count(accessCodes, eq(accessCodes.code, input.code))) throw conflict("code", DUPLICATE);
    const id = newId("ac");
    await answerConstraints(CODE_TAKEN, () => db.insert(accessCodes, { id, ...input }));
    return c.json(toApi(await db.get(accessCodes, id, "Access code")), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(accessCodes, id, "Access code");
    const patch = await body(c, PatchSchema);
    const next = parseOr422(AccessCodeInputSchema, {
      code: current.code,
      mediaType: current.mediaType,
      ...patch,
    });
    if (await db.count(accessCodes, and(eq(accessCodes.code, next.code), ne(accessCodes.id, id)))) {
      throw conflict("code", DUPLICATE);
    }
    const mediaChanges = next.mediaType !== current.mediaType;
    if (mediaChanges && (await db.count(calledRoutes, eq(calledRoutes.accessCodeId, id)))) {
      throw invalid("mediaType", FROZEN);
    }
    const result = await answerConstraints(CODE_TAKEN, () =>
      db.db
        .update(accessCodes)
        .set(next)
        .where(
          db.where(
            accessCodes,
            eq(accessCodes.id, id),
            mediaChanges ? db.none(calledRoutes, eq(calledRoutes.accessCodeId, id)) : undefined,
          ),
        ),
    );
    if (result.meta.changes === 0) throw invalid("mediaType", FROZEN);
    return c.json(toApi(await db.get(accessCodes, id, "Access code")), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(accessCodes, id, "Access code");
    if (await db.count(calledRoutes, eq(calledRoutes.accessCodeId, id))) throw referenced("a called route");
    const result = await db.delete(
      accessCodes,
      eq(accessCodes.id, id),
      db.none(calledRoutes, eq(calledRoutes.accessCodeId, id)),
    );
    if (result.meta.changes === 0) throw referenced("a called route");
    return c.body(null, 204);
  });

const tag = "Access codes";
const Page = pageSchema(AccessCodeSchema);
document(
  {
    method: "get",
    path: "/api/v1/access-codes",
    summary: "List access codes",
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  {
    method: "get",
    path: "/api/v1/access-codes/:id",
    summary: "Get an access code",
    tag,
    response: AccessCodeSchema,
  },
  {
    method: "post",
    path: "/api/v1/access-codes",
    summary: "Create an access code",
    tag,
    body: AccessCodeInputSchema,
    response: AccessCodeSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/access-codes/:id",
    summary: "Update an access code",
    tag,
    body: PatchSchema,
    response: AccessCodeSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/access-codes/:id",
    summary: "Delete an access code (409 while a called route uses it)",
    tag,
    status: 204,
    auth: "admin",
  },
);
