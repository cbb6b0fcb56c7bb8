/**
 * `/api/v1/conversations`: read-only conversation history. Administrators see every conversation
 * of the tenant; any other employee those they handled as the agent and, to know the customer in
 * front of them, a customer's conversations (`customerId`) in the skill queues they serve.
 */
import { and, asc, count, desc, eq, gte, lt, min, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { conversationMessages, conversations } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv, Caller } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { notFound } from "../http/problem";
import { parseOr422 } from "../http/validate";
import { servedBy } from "../realtime/queue-agents";
import {
  type Conversation,
  ConversationQuerySchema,
  ConversationSchema,
  type ConversationSummary,
  ConversationSummarySchema,
  CustomerHistorySchema,
} from "../schemas/conversations";
import { caller, tenantDb } from "./context";

type Row = typeof conversations.$inferSelect;

function toSummary(row: Row): ConversationSummary {
  const { tenantId: _tenant, rating, comment, ...rest } = row;
  return { ...rest, evaluation: rating === null && comment === null ? null : { rating, comment } };
}

/**
 * The conversations `who` may see: an administrator every one; another employee those they
 * handled, and with `servedQueues` also those of the skill queues they serve (a customer's history
 * for the customer panel, and opening one of those transcripts).
 */
function visibleTo(db: TenantDb, who: Caller, servedQueues: boolean): SQL | undefined {
  if (who.role === "tenantAdmin") return undefined;
  const handled = eq(conversations.agentEmployeeId, who.employeeId);
  if (!servedQueues) return handled;
  return or(handled, servedBy(db.db, conversations.skillQueueId, db.tenantId, who.employeeId));
}

/** Newest first: after the cursor means an earlier end, or the same end and a smaller id. */
function before(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const at = cursor.indexOf(":");
  const endedAt = Number(cursor.slice(0, at));
  const id = cursor.slice(at + 1);
  return or(
    lt(conversations.endedAt, endedAt),
    and(eq(conversations.endedAt, endedAt), lt(conversations.id, id)),
  );
}

async function load(db: TenantDb, who: Caller, id: string): Promise<Conversation> {
  const [row] = await db.db
    .select()
    .from(conversations)
    .where(db.where(conversations, eq(conversations.id, id), visibleTo(db, who, true)));
  if (!row) throw notFound("Conversation");
  const lines = await db.db
    .select({
      seq: conversationMessages.seq,
      sender: conversationMessages.sender,
      senderName: conversationMessages.senderName,
      text: conversationMessages.text,
      createdAt: conversationMessages.createdAt,
    })
    .from(conversationMessages)
    .where(db.where(conversationMessages, eq(conversationMessages.conversationId, id)))
    .orderBy(asc(conversationMessages.seq));
  return { ...toSummary(row), transcript: lines };
}

export const conversationsApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = parseOr422(ConversationQuerySchema, c.req.query());
    const db = tenantDb(c);
    const visible = visibleTo(db, caller(c), q.customerId !== undefined);
    const customer = q.customerId === undefined ? undefined : eq(conversations.customerId, q.customerId);
    const rows = await db.db
      .select()
      .from(conversations)
      .where(
        db.where(
          conversations,
          visible,
          customer,
          q.skillQueueId === undefined ? undefined : eq(conversations.skillQueueId, q.skillQueueId),
          q.channelId === undefined ? undefined : eq(conversations.channelId, q.channelId),
          q.agentEmployeeId === undefined ? undefined : eq(conversations.agentEmployeeId, q.agentEmployeeId),
          q.from === undefined ? undefined : gte(conversations.endedAt, q.from),
          q.to === undefined ? undefined : lt(conversations.endedAt, q.to),
          before(q.cursor),
        ),
      )
      .orderBy(desc(conversations.endedAt), desc(conversations.id))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > q.limit && last ? `${last.endedAt}:${last.id}` : null;
    if (!customer) return c.json({ items: items.map(toSummary), nextCursor }, 200);
    const [history] = await db.db
      .select({ conversationCount: count(), firstSeenAt: min(conversations.startedAt) })
      .from(conversations)
      .where(db.where(conversations, visible, customer));
    return c.json(
      {
        items: items.map(toSummary),
        nextCursor,
        customer: {
          conversationCount: history?.conversationCount ?? 0,
          firstSeenAt: history?.firstSeenAt ?? null,
        },
      },
      200,
    );
  })
  .get("/:id", async (c) => c.json(await load(tenantDb(c), caller(c), c.req.param("id")), 200));

const tag = "Conversation history";
const visibility =
  "Administrators see every conversation of the tenant; other employees those they handled as the agent (agentEmployeeId = their employeeId) and, when they ask for one customer (customerId) or open one conversation, also those of the skill queues they serve (directly or through their skill queue group); any other id answers 404.";
document(
  {
    method: "get",
    path: "/api/v1/conversations",
    summary: "List ended conversations, newest first",
    description: `Ordered by endedAt descending (ties by id). ${visibility}`,
    tag,
    response: v.object({
      items: v.array(ConversationSummarySchema),
      nextCursor: v.nullable(v.string()),
      /** Only with customerId: the customer's visible conversations in all (every page), and the earliest start. */
      customer: v.optional(CustomerHistorySchema),
    }),
    query: {
      customerId:
        "only this customer's conversations (an anonymous visitor's customer id, or the identity token's sub); the answer then carries `customer` with their count and first start",
      skillQueueId: "only conversations of this skill queue",
      channelId: "only conversations of this web channel",
      agentEmployeeId: "only conversations handled by this agent",
      from: "endedAt ≥ from (milliseconds since the Unix epoch)",
      to: "endedAt < to (milliseconds since the Unix epoch; after from)",
      ...PAGE_QUERY,
    },
  },
  {
    method: "get",
    path: "/api/v1/conversations/:id",
    summary: "Get a conversation with its transcript (seq order) and evaluation",
    description: visibility,
    tag,
    response: ConversationSchema,
  },
);
