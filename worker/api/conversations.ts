/**
 * `/api/v1/conversations`: read-only conversation history. Administrators see every conversation
 * of the tenant; any other employee only those they handled as the agent.
 */
import { and, asc, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { conversationMessages, conversations } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv, Caller } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { notFound } from "../http/problem";
import { parseOr422 } from "../http/validate";
import {
  type Conversation,
  ConversationQuerySchema,
  ConversationSchema,
  type ConversationSummary,
  ConversationSummarySchema,
} from "../schemas/conversations";
import { caller, tenantDb } from "./context";

type Row = typeof conversations.$inferSelect;

function toSummary(row: Row): ConversationSummary {
  const { tenantId: _tenant, rating, comment, ...rest } = row;
  return { ...rest, evaluation: rating === null && comment === null ? null : { rating, comment } };
}

/** The conversations `who` may see. */
function visibleTo(who: Caller): SQL | undefined {
  return who.role === "tenantAdmin" ? undefined : eq(conversations.agentEmployeeId, who.employeeId);
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
    .where(db.where(conversations, eq(conversations.id, id), visibleTo(who)));
  if (!row) throw notFound("Conversation");
  const lines = await db.db
    .select({
      seq: conversationMessages.seq,
      sender: conversationMessages.sender,
      senderName: conversationMessages.senderName,
      text: conversationMessages.text,
      createdAt: conversationMessages.createdAt,
      attachment: conversationMessages.attachment,
    })
    .from(conversationMessages)
    .where(db.where(conversationMessages, eq(conversationMessages.conversationId, id)))
    .orderBy(asc(conversationMessages.seq));
  return {
    ...toSummary(row),
    transcript: lines.map(({ attachment, ...line }) => (attachment ? { ...line, attachment } : line)),
  };
}

export const conversationsApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = parseOr422(ConversationQuerySchema, c.req.query());
    const db = tenantDb(c);
    const rows = await db.db
      .select()
      .from(conversations)
      .where(
        db.where(
          conversations,
          visibleTo(caller(c)),
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
    return c.json({ items: items.map(toSummary), nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(await load(tenantDb(c), caller(c), c.req.param("id")), 200));

const tag = "Conversation history";
const visibility =
  "Administrators see every conversation of the tenant; other employees only those they handled as the agent (agentEmployeeId = their employeeId); any other id answers 404.";
document(
  {
    method: "get",
    path: "/api/v1/conversations",
    summary: "List ended conversations, newest first",
    description: `Ordered by endedAt descending (ties by id). ${visibility}`,
    tag,
    response: v.object({ items: v.array(ConversationSummarySchema), nextCursor: v.nullable(v.string()) }),
    query: {
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
