/** `/api/v1/robots`: CRUD of robots; web channels refer to them by access code. */

import { and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { channels, robots } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { conflict } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { type Robot, RobotInputSchema, RobotSchema } from "../schemas/robots";
import { notifyQueuesAfterWrite } from "./config-changed";
import { referenced, tenantDb } from "./context";

const toApi = (row: typeof robots.$inferSelect): Robot => ({
  id: row.id,
  name: row.name,
  accessCode: row.accessCode,
  kind: row.kind,
  intents: row.intents,
  defaultReply: row.defaultReply,
  createdAt: row.createdAt,
});

const PatchSchema = v.partial(RobotInputSchema);
const DUPLICATE = "Another robot has this access code";
const CODE_TAKEN = [
  { constraint: uniqueIndex(robots, "robots_tenant_access_code"), field: "accessCode", message: DUPLICATE },
];
const IN_USE = "a web channel (chatbot or robot assistant)";
/** A robot at every maximum (200 intents × (20 × 50 + 1000) characters) is about 420 KB of JSON. */
const MAX_BODY = 1024 * 1024;

/** A channel uses the robot as its enabled chatbot or as its robot assistant. */
function channelUses(accessCode: string): SQL {
  const at = (path: string) => sql`json_extract(${channels.config}, ${path})`;
  return or(
    and(sql`${at("$.chatbot.enabled")} = 1`, sql`${at("$.chatbot.robotAccessCode")} = ${accessCode}`),
    sql`${at("$.assistant.accessCode")} = ${accessCode}`,
  )!;
}

const inUse = async (db: TenantDb, accessCode: string) =>
  (await db.count(channels, channelUses(accessCode))) > 0;

async function checkUnique(db: TenantDb, accessCode: string, id?: string): Promise<void> {
  const notSelf = id === undefined ? undefined : ne(robots.id, id);
  if (await db.count(robots, eq(robots.accessCode, accessCode), notSelf))
    throw conflict("accessCode", DUPLICATE);
}

export const robotsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .use(notifyQueuesAfterWrite)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(robots, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(toApi(await tenantDb(c).get(robots, c.req.param("id"), "Robot")), 200))
  .post("/", async (c) => {
    const input = await body(c, RobotInputSchema, MAX_BODY);
    const db = tenantDb(c);
    await checkUnique(db, input.accessCode);
    const id = newId("rb");
    await answerConstraints(CODE_TAKEN, () => db.insert(robots, { id, ...input }));
    return c.json(toApi(await db.get(robots, id, "Robot")), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(robots, id, "Robot");
    const patch = await body(c, PatchSchema, MAX_BODY);
    const { id: _id, createdAt: _createdAt, ...fields } = toApi(current);
    const next = parseOr422(RobotInputSchema, { ...fields, ...patch });
    await checkUnique(db, next.accessCode, id);
    const used =
      (next.accessCode !== current.accessCode || next.kind !== current.kind) &&
      (await inUse(db, current.accessCode));
    if (used && next.accessCode !== current.accessCode) {
      throw conflict("accessCode", `The access code cannot change while ${IN_USE} uses it`);
    }
    if (used) throw conflict("kind", `The kind cannot change while ${IN_USE} uses this robot`);
    // In the statement too, so that a channel starting to use the robot meanwhile still blocks it.
    const frozen = next.accessCode !== current.accessCode || next.kind !== current.kind;
    const result = await answerConstraints(CODE_TAKEN, () =>
      db.db
        .update(robots)
        .set(next)
        .where(
          db.where(
            robots,
            eq(robots.id, id),
            frozen ? db.none(channels, channelUses(current.accessCode)) : undefined,
          ),
        ),
    );
    if (result.meta.changes === 0) {
      await db.get(robots, id, "Robot");
      const field = next.accessCode !== current.accessCode ? "accessCode" : "kind";
      throw conflict(
        field,
        `The ${field === "kind" ? "kind" : "access code"} cannot change while ${IN_USE} uses this robot`,
      );
    }
    return c.json(toApi(await db.get(robots, id, "Robot")), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(robots, id, "Robot");
    if (await inUse(db, current.accessCode)) throw referenced(IN_USE);
    const result = await db.delete(
      robots,
      eq(robots.id, id),
      db.none(channels, channelUses(current.accessCode)),
    );
    if (result.meta.changes === 0) throw referenced(IN_USE);
    return c.body(null, 204);
  });

const tag = "Robots";
const Page = pageSchema(RobotSchema);
document(
  {
    method: "get",
    path: "/api/v1/robots",
    summary: "List robots",
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  { method: "get", path: "/api/v1/robots/:id", summary: "Get a robot", tag, response: RobotSchema },
  {
    method: "post",
    path: "/api/v1/robots",
    summary: "Create a robot",
    description:
      "`accessCode` is unique in the tenant (409). `intents` (0–200, tried in order) each hold 1–20 distinct keywords of 1–50 characters and a reply of 1–1000 characters; with no intents every message gets `defaultReply`. An empty `defaultReply` is stored as null.",
    tag,
    body: RobotInputSchema,
    response: RobotSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/robots/:id",
    summary: "Update a robot",
    description:
      "`accessCode` and `kind` cannot change (409) while a web channel uses the robot as its enabled chatbot or as its robot assistant.",
    tag,
    body: PatchSchema,
    response: RobotSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/robots/:id",
    summary: "Delete a robot",
    description:
      "409 while a web channel uses it: `config.chatbot.robotAccessCode` with the chatbot enabled, or `config.assistant.accessCode`.",
    tag,
    status: 204,
    auth: "admin",
  },
);
