/** `/api/v1/skill-queue-groups`: CRUD of skill queue groups (members in `skill_queue_group_members`). */
import { and, asc, eq, gte, lte, ne, not, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { d1Batch } from "../db/d1-batch";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { agents, skillQueueGroupMembers, skillQueueGroups, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints, answerOfChecks } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, type FieldErrors, invalid, notFound } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { notifyConfigChanged } from "../realtime/notify";
import { listQuerySchema, pageSchema } from "../schemas/common";
import {
  type MediaFamily,
  mediaFamily,
  type SkillQueueGroup,
  type SkillQueueGroupInput,
  SkillQueueGroupInputSchema,
  SkillQueueGroupSchema,
} from "../schemas/skill-queue-groups";
import { referenced, tenantDb } from "./context";

const PatchSchema = v.partial(SkillQueueGroupInputSchema);
const DUPLICATE = "Another skill queue group has this name";
const NAME_TAKEN = [
  {
    constraint: uniqueIndex(skillQueueGroups, "skill_queue_groups_tenant_name"),
    field: "name",
    message: DUPLICATE,
  },
];

type Row = typeof skillQueueGroups.$inferSelect;
type Member = typeof skillQueueGroupMembers.$inferSelect;

function toApi(row: Row, members: readonly Member[]): SkillQueueGroup {
  return {
    id: row.id,
    name: row.name,
    skillQueueIds: members
      .filter((m) => m.groupId === row.id)
      .sort((a, b) => a.position - b.position)
      .map((m) => m.skillQueueId),
    createdAt: row.createdAt,
  };
}

/** Members of the groups whose ids lie in [first, last] (a page is such a range). */
function membersBetween(db: TenantDb, first: string, last: string) {
  return db.db
    .select()
    .from(skillQueueGroupMembers)
    .where(
      db.where(
        skillQueueGroupMembers,
        gte(skillQueueGroupMembers.groupId, first),
        lte(skillQueueGroupMembers.groupId, last),
      ),
    )
    .orderBy(asc(skillQueueGroupMembers.position));
}

async function load(db: TenantDb, id: string): Promise<SkillQueueGroup> {
  const row = await db.get(skillQueueGroups, id, "Skill queue group");
  return toApi(row, await membersBetween(db, id, id));
}

/** Every queue exists in the tenant and all share one media family; answers that family. */
async function checkQueues(db: TenantDb, input: SkillQueueGroupInput): Promise<MediaFamily> {
  const types = new Map(
    (
      await db.db
        .select({ id: skillQueues.id, type: skillQueues.type })
        .from(skillQueues)
        .where(db.where(skillQueues))
    ).map((q) => [q.id, q.type]),
  );
  const errors: FieldErrors = {};
  input.skillQueueIds.forEach((id, i) => {
    if (!types.has(id)) errors[`skillQueueIds.${i}`] = ["No such skill queue"];
  });
  if (Object.keys(errors).length) throw new ApiError(422, "The request has invalid fields", errors);
  const families = new Set(input.skillQueueIds.map((id) => mediaFamily(types.get(id)!)));
  if (families.size > 1) {
    throw invalid(
      "skillQueueIds",
      "All skill queues of a group must share a media type: voice and video (click-to-dial included), or multimedia",
    );
  }
  return [...families][0]!;
}

async function checkName(db: TenantDb, name: string, id?: string): Promise<void> {
  const notSelf = id === undefined ? undefined : ne(skillQueueGroups.id, id);
  if (await db.count(skillQueueGroups, eq(skillQueueGroups.name, name), notSelf)) {
    throw conflict("name", DUPLICATE);
  }
}

/**
 * Statements that store the members of group `groupId`, only while every one of them and the
 * group itself exist (the queue list travels as one JSON parameter).
 */
function insertMembers(db: TenantDb, groupId: string, skillQueueIds: readonly string[]): SQL {
  const t = skillQueueGroupMembers;
  const column = (c: { name: string }) => sql.identifier(c.name);
  return sql`insert into ${t} (${column(t.tenantId)}, ${column(t.groupId)}, ${column(t.skillQueueId)}, ${column(t.position)})
    select ${db.tenantId}, ${groupId}, value, key from json_each(${JSON.stringify(skillQueueIds)})
    where ${membersHold(db, groupId, skillQueueIds)}`;
}

/**
 * True in SQL while group `groupId` and every queue of `skillQueueIds` exist. Each statement of a
 * group's write holds it, so a queue deleted a moment before refuses the whole write instead of
 * leaving a member that points at nothing (a queue is deleted only while no group lists it).
 */
function membersHold(db: TenantDb, groupId: string, skillQueueIds: readonly string[]): SQL {
  return and(
    db.some(skillQueueGroups, eq(skillQueueGroups.id, groupId)),
    not(db.anyMissing(skillQueues, skillQueues.id, skillQueueIds)),
  ) as SQL;
}

/**
 * Why a group's write changed nothing: the group is gone (404), a queue is gone (the check's 422),
 * or everything is back meanwhile (409).
 */
async function queuesGone(db: TenantDb, input: SkillQueueGroupInput, id?: string): Promise<ApiError> {
  if (id !== undefined && !(await db.find(skillQueueGroups, id))) return notFound("Skill queue group");
  return answerOfChecks(() => checkQueues(db, input), "skillQueueIds", "A skill queue");
}

/** Agents given this group must keep a consistent configuration after an update. */
async function checkAgents(
  db: TenantDb,
  id: string,
  from: MediaFamily | null,
  next: SkillQueueGroupInput,
  to: MediaFamily,
) {
  const users = await db.db
    .select({ employeeId: agents.employeeId, defaultSkillQueueId: agents.defaultSkillQueueId })
    .from(agents)
    .where(db.where(agents, eq(agents.skillQueueGroupId, id)));
  if (!users.length) return;
  if (from !== null && from !== to) {
    throw conflict("skillQueueIds", "Agents use this group, so its media type cannot change");
  }
  const orphaned = users.find(
    (a) => a.defaultSkillQueueId && !next.skillQueueIds.includes(a.defaultSkillQueueId),
  );
  if (orphaned) {
    throw conflict(
      "skillQueueIds",
      `The group must keep skill queue ${orphaned.defaultSkillQueueId}: it is the default skill queue of agent ${orphaned.employeeId}`,
    );
  }
}

async function familyOf(db: TenantDb, skillQueueIds: readonly string[]): Promise<MediaFamily | null> {
  const [first] = skillQueueIds;
  if (first === undefined) return null;
  const queue = await db.find(skillQueues, first);
  return queue ? mediaFamily(queue.type) : null;
}

export const skillQueueGroupsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .get("/", async (c) => {
    const db = tenantDb(c);
    const page = await db.page(skillQueueGroups, parseOr422(listQuerySchema, c.req.query()));
    const first = page.items[0];
    const last = page.items.at(-1);
    const members = first && last ? await membersBetween(db, first.id, last.id) : [];
    return c.json({ items: page.items.map((g) => toApi(g, members)), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(await load(tenantDb(c), c.req.param("id")), 200))
  .post("/", async (c) => {
    const input = await body(c, SkillQueueGroupInputSchema);
    const db = tenantDb(c);
    await checkQueues(db, input);
    await checkName(db, input.name);
    const id = newId("sqg");
    const [group] = await answerConstraints(NAME_TAKEN, () =>
      d1Batch(c.env.DB, db.db, [
        insertIf(
          db,
          skillQueueGroups,
          { id, name: input.name },
          not(db.anyMissing(skillQueues, skillQueues.id, input.skillQueueIds)),
        ),
        insertMembers(db, id, input.skillQueueIds),
      ]),
    );
    if (group?.meta.changes === 0) throw await queuesGone(db, input);
    return c.json(await load(db, id), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await load(db, id);
    const patch = await body(c, PatchSchema);
    const next = parseOr422(SkillQueueGroupInputSchema, {
      name: current.name,
      skillQueueIds: current.skillQueueIds,
      ...patch,
    });
    const family = await checkQueues(db, next);
    await checkName(db, next.name, id);
    await checkAgents(db, id, await familyOf(db, current.skillQueueIds), next, family);
    const hold = membersHold(db, id, next.skillQueueIds);
    const [group] = await answerConstraints(NAME_TAKEN, () =>
      d1Batch(c.env.DB, db.db, [
        db.db
          .update(skillQueueGroups)
          .set({ name: next.name })
          .where(db.where(skillQueueGroups, eq(skillQueueGroups.id, id), hold)),
        db.delete(skillQueueGroupMembers, eq(skillQueueGroupMembers.groupId, id), hold),
        insertMembers(db, id, next.skillQueueIds),
      ]),
    );
    if (group?.meta.changes === 0) throw await queuesGone(db, next, id);
    // membership decides which queues the group's agents serve: the queues they left or joined
    // reload and re-check their staff (a new group, or a deleted one, has no agents)
    const moved = [
      ...current.skillQueueIds.filter((q) => !next.skillQueueIds.includes(q)),
      ...next.skillQueueIds.filter((q) => !current.skillQueueIds.includes(q)),
    ];
    if (moved.length > 0 && (await db.count(agents, eq(agents.skillQueueGroupId, id))))
      await notifyConfigChanged(c.env, moved);
    return c.json(await load(db, id), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(skillQueueGroups, id, "Skill queue group");
    if (await db.count(agents, eq(agents.skillQueueGroupId, id))) throw referenced("an agent");
    const unused = db.none(agents, eq(agents.skillQueueGroupId, id));
    const [, result] = await db.db.batch([
      db.delete(skillQueueGroupMembers, eq(skillQueueGroupMembers.groupId, id), unused),
      db.delete(skillQueueGroups, eq(skillQueueGroups.id, id), unused),
    ]);
    if (result.meta.changes === 0) throw referenced("an agent");
    return c.body(null, 204);
  });

const tag = "Skill queue groups";
const Page = pageSchema(SkillQueueGroupSchema);
document(
  {
    method: "get",
    path: "/api/v1/skill-queue-groups",
    summary: "List skill queue groups",
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  {
    method: "get",
    path: "/api/v1/skill-queue-groups/:id",
    summary: "Get a skill queue group",
    tag,
    response: SkillQueueGroupSchema,
  },
  {
    method: "post",
    path: "/api/v1/skill-queue-groups",
    summary: "Create a skill queue group",
    description:
      "`name` is unique in the tenant (409). `skillQueueIds` (1–100, in order, no repeats) must be skill queues of the tenant of one media family: voice, video, voiceClickToDial and videoClickToDial together, or multimedia alone (422). The write itself requires every listed queue to still exist, so a group racing with the deletion of one of its queues is refused as a whole with the same 422.",
    tag,
    body: SkillQueueGroupInputSchema,
    response: SkillQueueGroupSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/skill-queue-groups/:id",
    summary: "Update a skill queue group",
    description:
      "`skillQueueIds` replaces the whole list. While agents use the group its media family cannot change and it must keep each such agent's default skill queue (409); the group's agents lose the queues that leave it at once, open sockets there included (close code 4005).",
    tag,
    body: PatchSchema,
    response: SkillQueueGroupSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/skill-queue-groups/:id",
    summary: "Delete a skill queue group (409 while an agent uses it)",
    tag,
    status: 204,
    auth: "admin",
  },
);
