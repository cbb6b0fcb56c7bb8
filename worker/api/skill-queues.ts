/** `/api/v1/skill-queues`: CRUD of skill queues (spec Table 1). */

import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { effectiveWrapUpSeconds } from "../../durable-objects/skill-queue/rules/wrap-up";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { orgUnits, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints, answerOfChecks } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, type FieldErrors } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { notifyConfigChanged } from "../realtime/notify";
import { mergeSkillQueue } from "../rules/skill-queue-merge";
import { pageSchema } from "../schemas/common";
import {
  QUEUING_KEYS,
  type SkillQueue,
  type SkillQueueConfig,
  SkillQueueCreateSchema,
  SkillQueueListQuerySchema,
  SkillQueuePatchSchema,
  SkillQueueSchema,
  skillQueueConfigSchema,
} from "../schemas/skill-queues";
import { tenantDb } from "./context";
import { callerOus, checkOuAccess, checkOuChoice, checkOuExists } from "./ou-choice";
import { visibleQueues } from "./ou-read-scope";
import { firstQueueReference, queueUnreferenced } from "./skill-queue-references";

type Row = typeof skillQueues.$inferSelect;
const WHAT = "Skill queue";
const DUPLICATE = "Another skill queue of the tenant has this name";
const NAME_TAKEN = [
  { constraint: uniqueIndex(skillQueues, "skill_queues_tenant_name"), field: "name", message: DUPLICATE },
];

const configOf = (row: Row): SkillQueueConfig => ({
  name: row.name,
  description: row.description,
  type: row.type,
  channels: row.channels as SkillQueueConfig["channels"],
  ouId: row.ouId,
  maxWaitingTime: row.maxWaitingTime,
  maxCallDuration: row.maxCallDuration,
  wrapUpDuration: row.wrapUpDuration,
  maxCallsInQueue: row.maxCallsInQueue,
  queuing: row.queuing,
  prompts: row.prompts ?? null,
});

const toApi = (row: Row): SkillQueue => ({
  id: row.id,
  ...configOf(row),
  effectiveWrapUpDuration: effectiveWrapUpSeconds(row.wrapUpDuration),
  createdAt: row.createdAt,
});

/** The skill queues the queuing actions of `config` transfer to. */
const transferTargets = (config: SkillQueueConfig) =>
  QUEUING_KEYS.flatMap((key) => {
    const a = config.queuing[key];
    return a.action === "transfer" && a.transferType === "skillQueue" && a.targetId
      ? [{ key, targetId: a.targetId }]
      : [];
  });

/**
 * True in SQL while the queue's OU and its transfer targets (of its own type) exist: the write holds
 * it in its own statement, since neither can be deleted (nor a target change type) while a queue
 * refers to it.
 */
function referencesHold(db: TenantDb, config: SkillQueueConfig): SQL | undefined {
  return and(
    config.ouId === null ? undefined : db.some(orgUnits, eq(orgUnits.id, config.ouId)),
    ...transferTargets(config).map((t) =>
      db.some(skillQueues, eq(skillQueues.id, t.targetId), eq(skillQueues.type, config.type)),
    ),
  );
}

/** Why `referencesHold` failed: the checks' 422, or a 409 when everything is back meanwhile. */
const referencesGone = (db: TenantDb, config: SkillQueueConfig) =>
  answerOfChecks(
    async () => {
      await checkTargets(db, config);
      await checkOuExists(db, config.ouId);
    },
    "queuing",
    "A referenced skill queue",
  );

/** Each skill-queue transfer target must be a queue of this tenant of the same type (422 otherwise). */
async function checkTargets(db: TenantDb, config: SkillQueueConfig): Promise<void> {
  const wanted = transferTargets(config);
  if (wanted.length === 0) return;
  const found = await db.db
    .select({ id: skillQueues.id, type: skillQueues.type })
    .from(skillQueues)
    .where(
      db.where(
        skillQueues,
        inArray(
          skillQueues.id,
          wanted.map((w) => w.targetId),
        ),
      ),
    );
  const typeOf = new Map(found.map((q) => [q.id, q.type]));
  const errors: FieldErrors = {};
  for (const { key, targetId } of wanted) {
    const type = typeOf.get(targetId);
    if (type === undefined) errors[`queuing.${key}.targetId`] = ["No such skill queue"];
    else if (type !== config.type) {
      errors[`queuing.${key}.targetId`] = [`The target must be a ${config.type} skill queue, like this one`];
    }
  }
  if (Object.keys(errors).length > 0) throw new ApiError(422, "The request has invalid fields", errors);
}

async function checkName(db: TenantDb, name: string, id?: string): Promise<void> {
  const clash = await db.count(
    skillQueues,
    eq(skillQueues.name, name),
    id === undefined ? undefined : ne(skillQueues.id, id),
  );
  if (clash) throw conflict("name", DUPLICATE);
}

export const skillQueuesApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { type, ...paging } = parseOr422(SkillQueueListQuerySchema, c.req.query());
    const db = tenantDb(c);
    const page = await db.page(
      skillQueues,
      paging,
      type ? eq(skillQueues.type, type) : undefined,
      await visibleQueues(c, db),
    );
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => {
    const db = tenantDb(c);
    return c.json(toApi(await db.get(skillQueues, c.req.param("id"), WHAT, await visibleQueues(c, db))), 200);
  })
  .post("/", async (c) => {
    const db = tenantDb(c);
    const input = await body(c, SkillQueueCreateSchema);
    const config = parseOr422(skillQueueConfigSchema(), mergeSkillQueue(null, input));
    checkOuChoice(await callerOus(c, db, "skillQueue"), config.ouId);
    await checkTargets(db, config);
    await checkName(db, config.name);
    const id = newId("sq");
    const result = await answerConstraints(NAME_TAKEN, () =>
      db.db.run(insertIf(db, skillQueues, { id, ...config }, referencesHold(db, config))),
    );
    if (result.meta.changes === 0) throw await referencesGone(db, config);
    return c.json(toApi(await db.get(skillQueues, id, WHAT)), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const row = await db.get(skillQueues, id, WHAT, await visibleQueues(c, db));
    const ous = await callerOus(c, db, "skillQueue");
    checkOuAccess(ous, row.ouId, "skill queue");
    const patch = await body(c, SkillQueuePatchSchema);
    const current = configOf(row);
    const next = parseOr422(skillQueueConfigSchema(id), mergeSkillQueue(current, patch));
    if (next.ouId !== current.ouId) checkOuChoice(ous, next.ouId);
    await checkTargets(db, next);
    await checkName(db, next.name, id);
    const typeChanges = next.type !== current.type;
    if (typeChanges) {
      const what = await firstQueueReference(db, id);
      if (what) throw conflict("type", `The type cannot change while ${what} refers to this skill queue`);
    }
    const result = await answerConstraints(NAME_TAKEN, () =>
      db.db
        .update(skillQueues)
        .set(next)
        .where(
          db.where(
            skillQueues,
            eq(skillQueues.id, id),
            typeChanges ? queueUnreferenced(db, id) : undefined,
            referencesHold(db, next),
          ),
        ),
    );
    if (result.meta.changes === 0) {
      await db.get(skillQueues, id, WHAT);
      if (typeChanges && (await firstQueueReference(db, id))) {
        throw conflict("type", "The type cannot change while something refers to this skill queue");
      }
      throw await referencesGone(db, next);
    }
    await notifyConfigChanged(c.env, [id]);
    return c.json(toApi(await db.get(skillQueues, id, WHAT)), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const row = await db.get(skillQueues, id, WHAT, await visibleQueues(c, db));
    checkOuAccess(await callerOus(c, db, "skillQueue"), row.ouId, "skill queue");
    const what = await firstQueueReference(db, id);
    if (what) throw new ApiError(409, `Still referenced by ${what}; remove that reference first`);
    const result = await db.delete(skillQueues, eq(skillQueues.id, id), queueUnreferenced(db, id));
    if (result.meta.changes === 0) {
      throw new ApiError(409, "Still referenced; remove the references to this skill queue first");
    }
    await notifyConfigChanged(c.env, [id]);
    return c.body(null, 204);
  });

const tag = "Skill queues";
const Page = pageSchema(SkillQueueSchema);
const rules = [
  'Defaults: description "", type voice, channels [], ouId null (Unorganized), maxWaitingTime 60, maxCallDuration 86400, wrapUpDuration 5, maxCallsInQueue 100;',
  "each queuing action releases (transferType ivr, or skillQueue for multimedia, targetId null);",
  "busy: queueUsage 80, forwardingCondition deviceUsage, threshold 100, maxQueuingMethod fixed, maxQueuing 100;",
  "voice and video queues get prompts defaultTone / defaultTone / employeeId.",
  "Rules (422 naming the field): channels only for multimedia (no duplicates, [] = all);",
  "prompts only for voice and video; multimedia transfers only to a skill queue;",
  "transfer needs targetId (a skill queue of this tenant of the same type, never the queue itself, or an IVR access code of digits), release takes none;",
  "threshold 0–100 for deviceUsage, 0–9999 for waitingDuration; maxQueuing 0–10000 for voice/video, 1–10000 otherwise;",
  "a tone/IVR/voice is required exactly when its method selects one.",
  "A common agent may only choose (and change queues of) the OUs the spec allows: with data isolation the accessible OUs with readWrite, otherwise all OUs and Unorganized.",
  "Reading: with data isolation on, a common agent lists and gets only the queues of their accessible OUs (read or readWrite; not Unorganized) and the queues they serve as an agent; any other queue answers 404 to them, for reading, changing, deleting and its live statistics. Administrators, and everyone while isolation is off, read all queues.",
  "effectiveWrapUpDuration is read-only (rounded up to the next multiple of 5; 0 = none). Duplicate name: 409.",
].join(" ");
document(
  {
    method: "get",
    path: "/api/v1/skill-queues",
    summary: "List skill queues",
    tag,
    response: Page,
    query: {
      ...PAGE_QUERY,
      type: "only queues of this type",
    },
  },
  {
    method: "get",
    path: "/api/v1/skill-queues/:id",
    summary: "Get a skill queue",
    tag,
    response: SkillQueueSchema,
  },
  {
    method: "post",
    path: "/api/v1/skill-queues",
    summary: "Create a skill queue",
    description: `Only name is required; nested objects may be partial. ${rules}`,
    tag,
    body: SkillQueueCreateSchema,
    response: SkillQueueSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/v1/skill-queues/:id",
    summary: "Update a skill queue",
    description:
      "Partial: given fields replace, nested objects merge per key, and the whole is re-validated. Switching an action to release clears its targetId; switching a prompt method to its default clears its tone; changing type resets channels, adds or drops prompts and moves releasing actions to an allowed transferType unless the request sets them. `prompts: null` resets voice/video prompts to the defaults. The type cannot change (409) while a called route, an agent, a skill queue group, another queue's transfer or a channel's click-to-dial refers to the queue. " +
      rules,
    tag,
    body: SkillQueuePatchSchema,
    response: SkillQueueSchema,
  },
  {
    method: "delete",
    path: "/api/v1/skill-queues/:id",
    summary: "Delete a skill queue",
    description:
      "409 while a called route, an agent (skill queue or default skill queue), a skill queue group, another queue's transfer target or a web channel's click-to-dial refers to it. Live conversations do not block the deletion: they end at once with reason queueDeleted (the customer told, archived as usual) and every socket of the queue, staff and customer, closes with 4010; a later connection is closed with 4010 too.",
    tag,
    status: 204,
  },
);
