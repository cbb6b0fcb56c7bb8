/**
 * `/api/v1/cases`: cases (trouble tickets) created from a chat. An agent creates a case for a
 * conversation they serve or served (live in its skill queue's object, or archived in D1) and sees
 * and edits the cases of their conversations and those they created; administrators see and edit
 * every case of the tenant (the same visibility as the conversation history).
 */
import { desc, eq, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { newId } from "../db/ids";
import { afterCursor, newestFirstPage } from "../db/newest-first";
import { cases, conversations, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv, Caller, Env } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import {
  type Case,
  CaseFieldsSchema,
  CaseInputSchema,
  CasePatchSchema,
  CaseQuerySchema,
  CaseSchema,
} from "../schemas/cases";
import { emitWorkerEvent } from "../webhooks/emit";
import type { WebhookEventData } from "../webhooks/events";
import { caller, tenantDb } from "./context";

type Row = typeof cases.$inferSelect;

const toApi = ({ tenantId: _tenant, ...row }: Row): Case => row;

/** The `case.created` webhook payload: where the case comes from and what it says, no contact details. */
const caseCreated = (k: Case): WebhookEventData["case.created"] => ({
  caseId: k.id,
  conversationId: k.conversationId,
  skillQueueId: k.skillQueueId,
  channelId: k.channelId,
  customerId: k.customerId,
  title: k.title,
  description: k.description,
  category: k.category,
  priority: k.priority,
  status: k.status,
  createdBy: { employeeId: k.createdByEmployeeId, name: k.createdByName },
  createdAt: k.createdAt,
});

/** The cases `who` may see and edit. */
function visibleTo(who: Caller): SQL | undefined {
  if (who.role === "tenantAdmin") return undefined;
  return or(eq(cases.agentEmployeeId, who.employeeId), eq(cases.createdByEmployeeId, who.employeeId));
}

type Facts = {
  skillQueueId: string | null;
  channelId: string;
  customerId: string;
  agentEmployeeId: string | null;
};

/**
 * The conversation a case is created from: archived in D1, or still live in the object of the
 * skill queue the workbench names (which must be the tenant's). Null when neither knows it.
 */
async function conversationFacts(
  env: Env,
  db: TenantDb,
  conversationId: string,
  skillQueueId: string | undefined,
): Promise<Facts | null> {
  const [archived] = await db.db
    .select({
      skillQueueId: conversations.skillQueueId,
      channelId: conversations.channelId,
      customerId: conversations.customerId,
      agentEmployeeId: conversations.agentEmployeeId,
    })
    .from(conversations)
    .where(db.where(conversations, eq(conversations.id, conversationId)));
  if (archived) return archived;
  if (!skillQueueId || !(await db.find(skillQueues, skillQueueId))) return null;
  const live = await env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(skillQueueId)).caseFacts(conversationId);
  if (!live || live.tenantId !== db.tenantId) return null;
  return {
    skillQueueId,
    channelId: live.channelId,
    customerId: live.customerId,
    agentEmployeeId: live.agentEmployeeId,
  };
}

const NO_CONVERSATION =
  "Conversation not found: a case is created from a chat you serve or served (administrators: any chat of the tenant)";

export const casesApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = parseOr422(CaseQuerySchema, c.req.query());
    const db = tenantDb(c);
    const rows = await db.db
      .select()
      .from(cases)
      .where(
        db.where(
          cases,
          visibleTo(caller(c)),
          q.conversationId === undefined ? undefined : eq(cases.conversationId, q.conversationId),
          q.status === undefined ? undefined : eq(cases.status, q.status),
          afterCursor(q.cursor, cases.createdAt, cases.id),
        ),
      )
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(q.limit + 1);
    const { items, nextCursor } = newestFirstPage(rows, q.limit, (r) => r.createdAt);
    return c.json({ items: items.map(toApi), nextCursor }, 200);
  })
  .get("/:id", async (c) => {
    const row = await tenantDb(c).get(cases, c.req.param("id"), "Case", visibleTo(caller(c)));
    return c.json(toApi(row), 200);
  })
  .post("/", async (c) => {
    const { conversationId, skillQueueId, ...fields } = await body(c, CaseInputSchema);
    const db = tenantDb(c);
    const who = caller(c);
    const facts = await conversationFacts(c.env, db, conversationId, skillQueueId);
    if (!facts || (who.role !== "tenantAdmin" && facts.agentEmployeeId !== who.employeeId))
      throw new ApiError(404, NO_CONVERSATION);
    const id = newId("cs");
    await db.insert(cases, {
      id,
      conversationId,
      ...facts,
      createdByEmployeeId: who.employeeId,
      createdByName: who.name,
      ...fields,
      updatedAt: Date.now(),
    });
    const created = toApi(await db.get(cases, id, "Case"));
    await emitWorkerEvent(c.env, db.tenantId, "case.created", caseCreated(created), {
      id: `case:${id}`,
      now: created.createdAt,
    });
    return c.json(created, 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const visible = visibleTo(caller(c));
    const current = await db.get(cases, id, "Case", visible);
    const patch = await body(c, CasePatchSchema);
    const fields = Object.keys(CaseFieldsSchema.entries) as (keyof typeof CaseFieldsSchema.entries)[];
    const merged = Object.fromEntries(fields.map((k) => [k, patch[k] ?? current[k]]));
    const next = parseOr422(CaseFieldsSchema, merged);
    await db.db
      .update(cases)
      .set({ ...next, updatedAt: Date.now() })
      .where(db.where(cases, eq(cases.id, id), visible));
    return c.json(toApi(await db.get(cases, id, "Case")), 200);
  });

const tag = "Cases";
const visibility =
  "Administrators see and edit every case of the tenant; other employees the cases of conversations they served as the agent and those they created; any other id answers 404.";
document(
  {
    method: "get",
    path: "/api/v1/cases",
    summary: "List cases, newest first",
    description: `Ordered by createdAt descending (ties by id). ${visibility}`,
    tag,
    response: v.object({ items: v.array(CaseSchema), nextCursor: v.nullable(v.string()) }),
    query: {
      conversationId: "only cases created from this conversation",
      status: "open | inProgress | resolved | closed",
      ...PAGE_QUERY,
    },
  },
  {
    method: "get",
    path: "/api/v1/cases/:id",
    summary: "Get a case",
    description: visibility,
    tag,
    response: CaseSchema,
  },
  {
    method: "post",
    path: "/api/v1/cases",
    summary: "Create a case from a chat",
    description:
      "The conversation is the chat the case comes from: archived (conversation history), or still live in `skillQueueId` (the workbench's queue). An agent may create a case only for a chat they serve or served (404 otherwise, as for another tenant's chat); an administrator for any chat of the tenant. `phone` is 5–15 digits with optional +, spaces, dots, dashes and brackets; `email` an address; empty strings mean none. The workbench pre-fills the form from the dialog when the agent's Smart Form Filling is on (the agent corrects it before saving). A new case sends the `case.created` webhook event (id `case:<caseId>`).",
    tag,
    body: CaseInputSchema,
    response: CaseSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/v1/cases/:id",
    summary: "Update a case",
    description: `Partial: the given fields replace, the result is validated as a whole. The conversation cannot change. ${visibility}`,
    tag,
    body: CasePatchSchema,
    response: CaseSchema,
  },
);
