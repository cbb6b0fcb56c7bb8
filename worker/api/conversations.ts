/**
 * `/api/v1/conversations`: read-only conversation history, searchable (text in messages or the
 * customer's name, queue, agent, rating, time window) and exportable as streamed CSV or JSON
 * (`./conversation-export.ts`). Administrators see every conversation of the tenant; any other
 * employee only those they handled as the agent.
 */
import { and, asc, desc, eq, exists, gte, lt, or, type SQL, sql } from "drizzle-orm";
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
  ConversationExportQuerySchema,
  type ConversationFilters,
  ConversationQuerySchema,
  ConversationSchema,
  type ConversationSummary,
  ConversationSummarySchema,
} from "../schemas/conversations";
import { caller, tenantDb } from "./context";
import { exportResponse } from "./conversation-export";

type Row = typeof conversations.$inferSelect;

export function toSummary(row: Row): ConversationSummary {
  const { tenantId: _tenant, rating, comment, ...rest } = row;
  return { ...rest, evaluation: rating === null && comment === null ? null : { rating, comment } };
}

/** The conversations `who` may see. */
function visibleTo(who: Caller): SQL | undefined {
  return who.role === "tenantAdmin" ? undefined : eq(conversations.agentEmployeeId, who.employeeId);
}

/** Case-insensitive (ASCII) text in the customer's name or in one of the conversation's messages. */
function mentions(db: TenantDb, text: string | undefined): SQL | undefined {
  if (text === undefined) return undefined;
  const needle = text.toLowerCase();
  return or(
    sql`instr(lower(${conversations.customerName}), ${needle}) > 0`,
    exists(
      db.db
        .select({ one: sql`1` })
        .from(conversationMessages)
        .where(
          and(
            eq(conversationMessages.tenantId, conversations.tenantId),
            eq(conversationMessages.conversationId, conversations.id),
            sql`instr(lower(${conversationMessages.text}), ${needle}) > 0`,
          ),
        ),
    ),
  );
}

/** The conditions of the filters, the caller's visibility and the cursor. */
function selection(db: TenantDb, who: Caller, f: ConversationFilters, cursor?: string): SQL {
  return db.where(
    conversations,
    visibleTo(who),
    f.skillQueueId === undefined ? undefined : eq(conversations.skillQueueId, f.skillQueueId),
    f.channelId === undefined ? undefined : eq(conversations.channelId, f.channelId),
    f.agentEmployeeId === undefined ? undefined : eq(conversations.agentEmployeeId, f.agentEmployeeId),
    f.from === undefined ? undefined : gte(conversations.endedAt, f.from),
    f.to === undefined ? undefined : lt(conversations.endedAt, f.to),
    f.rating === undefined ? undefined : eq(conversations.rating, f.rating),
    mentions(db, f.q),
    before(cursor),
  );
}

/** One page of the selection, newest first, with the cursor of the next one. */
export async function searchPage(
  db: TenantDb,
  who: Caller,
  f: ConversationFilters,
  limit: number,
  cursor?: string,
): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  const rows = await db.db
    .select()
    .from(conversations)
    .where(selection(db, who, f, cursor))
    .orderBy(desc(conversations.endedAt), desc(conversations.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? `${last.endedAt}:${last.id}` : null;
  return { items: items.map(toSummary), nextCursor };
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
    })
    .from(conversationMessages)
    .where(db.where(conversationMessages, eq(conversationMessages.conversationId, id)))
    .orderBy(asc(conversationMessages.seq));
  return { ...toSummary(row), transcript: lines };
}

export const conversationsApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { limit, cursor, ...filters } = parseOr422(ConversationQuerySchema, c.req.query());
    return c.json(await searchPage(tenantDb(c), caller(c), filters, limit, cursor), 200);
  })
  .get("/export", async (c) => {
    const { format, ...filters } = parseOr422(ConversationExportQuerySchema, c.req.query());
    const db = tenantDb(c);
    const who = caller(c);
    return exportResponse(format, Date.now(), (cursor) => searchPage(db, who, filters, EXPORT_PAGE, cursor));
  })
  .get("/:id", async (c) => c.json(await load(tenantDb(c), caller(c), c.req.param("id")), 200));

/** Rows read per query while an export streams. */
const EXPORT_PAGE = 200;

const tag = "Conversation history";
const FILTERS = {
  skillQueueId: "only conversations of this skill queue",
  channelId: "only conversations of this web channel",
  agentEmployeeId: "only conversations handled by this agent",
  from: "endedAt ≥ from (milliseconds since the Unix epoch)",
  to: "endedAt < to (milliseconds since the Unix epoch; after from)",
  q: "text (1–100 characters) in one of the messages or in the customer's name; case-insensitive for ASCII letters",
  rating: "only conversations the customer rated this (1–5)",
};
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
    query: { ...FILTERS, ...PAGE_QUERY },
  },
  {
    method: "get",
    path: "/api/v1/conversations/export",
    summary: "Export the selected conversations as CSV or JSON, streamed",
    description: `The same filters as the list, every matching conversation newest first, streamed page by page (never built in memory): format=csv gives text/csv (RFC 4180, CRLF, a header line; text cells starting with = + - @ are prefixed with ' against formula injection), format=json an application/json array of conversation summaries. Sent as an attachment. ${visibility}`,
    tag,
    response: v.array(ConversationSummarySchema),
    contentTypes: ["text/csv", "application/json"],
    query: { ...FILTERS, format: "csv | json [csv]" },
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
