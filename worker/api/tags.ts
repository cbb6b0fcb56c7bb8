/**
 * `/api/v1/tags`: the tenant's conversation tags. Every employee reads them (the workbench tags
 * chats from this list); administrators create, rename and delete them. Deleting a tag takes it
 * off every archived conversation. Running queues reload the list after a change.
 */
import { eq, ne, sql } from "drizzle-orm";
import { Hono } from "hono";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { insertBelowLimit } from "../db/limited-insert";
import { conversationTags, tags } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { conflict } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { MAX_TENANT_TAGS, type Tag, TagInputSchema, TagSchema } from "../schemas/tags";
import { notifyQueuesAfterWrite } from "./config-changed";
import { tenantDb } from "./context";

const WHAT = "Tag";
const DUPLICATE = "Another tag has this name";
const NAME_TAKEN = [{ constraint: uniqueIndex(tags, "tags_tenant_name"), field: "name", message: DUPLICATE }];

const toApi = (row: typeof tags.$inferSelect): Tag => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
});

/** 409 when another tag of the tenant has this name in any case. */
async function checkName(db: TenantDb, name: string, id?: string): Promise<void> {
  const notSelf = id === undefined ? undefined : ne(tags.id, id);
  if (await db.count(tags, sql`lower(${tags.name}) = lower(${name})`, notSelf))
    throw conflict("name", DUPLICATE);
}

export const tagsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .use(notifyQueuesAfterWrite)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(tags, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(toApi(await tenantDb(c).get(tags, c.req.param("id"), WHAT)), 200))
  .post("/", async (c) => {
    const input = await body(c, TagInputSchema);
    const db = tenantDb(c);
    await checkName(db, input.name);
    const id = newId("tag");
    const inserted = await answerConstraints(NAME_TAKEN, () =>
      insertBelowLimit(db, tags, { id, name: input.name }, MAX_TENANT_TAGS),
    );
    if (!inserted)
      throw conflict("name", `The tenant has ${MAX_TENANT_TAGS} tags, the most allowed; delete one first`);
    return c.json(toApi(await db.get(tags, id, WHAT)), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(tags, id, WHAT);
    const input = await body(c, TagInputSchema);
    await checkName(db, input.name, id);
    await answerConstraints(NAME_TAKEN, () => db.update(tags, id, { name: input.name }));
    return c.json(toApi(await db.get(tags, id, WHAT)), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(tags, id, WHAT);
    await db.db.batch([
      db.delete(conversationTags, eq(conversationTags.tagId, id)),
      db.delete(tags, eq(tags.id, id)),
    ]);
    return c.body(null, 204);
  });

const tag = "Tags";
document(
  {
    method: "get",
    path: "/api/v1/tags",
    summary: "List the tenant's conversation tags",
    description: "Any employee may read them (the workbench tags conversations from this list).",
    tag,
    response: pageSchema(TagSchema),
    query: PAGE_QUERY,
  },
  { method: "get", path: "/api/v1/tags/:id", summary: "Get a tag", tag, response: TagSchema },
  {
    method: "post",
    path: "/api/v1/tags",
    summary: "Create a tag",
    description: `\`name\` (1–40 characters) is unique in the tenant whatever its case (409). A tenant has at most ${MAX_TENANT_TAGS} tags (409).`,
    tag,
    body: TagInputSchema,
    response: TagSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/tags/:id",
    summary: "Rename a tag",
    description: "Conversations keep the tag under its new name.",
    tag,
    body: TagInputSchema,
    response: TagSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/tags/:id",
    summary: "Delete a tag",
    description:
      "Takes the tag off every archived conversation too; live conversations drop it when they are archived.",
    tag,
    status: 204,
    auth: "admin",
  },
);
