/**
 * `/api/v1/conversations`: conversation history, searchable (text in messages or the customer's
 * name, queue, agent, rating, tag, outcome, time window) and exportable as streamed CSV or JSON
 * (`./conversation-export.ts`). Administrators see every conversation of the tenant; any other
 * employee those they handled as the agent and, to know the customer in front of them, a
 * customer's conversations (`customerId`) in the skill queues they serve. The only change allowed
 * is the conversation's tags (`PATCH`), by those who see it.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  isNotNull,
  isNull,
  lt,
  min,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { type ArchiveEnv, readTranscript } from "../archive/transcripts";
import { afterCursor, newestFirstPage } from "../db/newest-first";
import { conversationCalls, conversations, conversationTags, tags } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv, Caller } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, type FieldErrors, notFound } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { servedBy } from "../realtime/queue-agents";
import {
  type Conversation,
  ConversationExportQuerySchema,
  type ConversationFilters,
  ConversationQuerySchema,
  ConversationSchema,
  type ConversationSummary,
  ConversationSummarySchema,
  CustomerHistorySchema,
  SearchedSchema,
} from "../schemas/conversations";
import { ConversationPatchSchema, MAX_CONVERSATION_TAGS } from "../schemas/tags";
import { caller, tenantDb } from "./context";
import { exportResponse } from "./conversation-export";
import { SCAN_BUDGET, type Searched, scanForText } from "./conversation-scan";

type Row = typeof conversations.$inferSelect;
type TagRef = ConversationSummary["tags"][number];

function toSummary(row: Row, tagsOf: ReadonlyMap<string, TagRef[]>): ConversationSummary {
  const { tenantId: _tenant, rating, comment, ...rest } = row;
  return {
    ...rest,
    evaluation: rating === null && comment === null ? null : { rating, comment },
    tags: tagsOf.get(row.id) ?? [],
  };
}

/** `column IN (ids)` with one bound parameter however many ids (D1 binds at most 100 per statement). */
const inJson = (column: SQL | typeof conversationTags.conversationId, ids: readonly string[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;

/** The tags of the given conversations by name (in name order). */
async function tagsOf(db: TenantDb, ids: readonly string[]): Promise<Map<string, TagRef[]>> {
  const out = new Map<string, TagRef[]>();
  if (!ids.length) return out;
  const rows = await db.db
    .select({ conversationId: conversationTags.conversationId, id: tags.id, name: tags.name })
    .from(conversationTags)
    .innerJoin(tags, and(eq(tags.id, conversationTags.tagId), eq(tags.tenantId, conversationTags.tenantId)))
    .where(db.where(conversationTags, inJson(conversationTags.conversationId, ids)))
    .orderBy(asc(tags.name));
  for (const r of rows)
    out.set(r.conversationId, [...(out.get(r.conversationId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** Conversations carrying tag `tagId`. */
function tagged(db: TenantDb, tagId: string | undefined): SQL | undefined {
  if (tagId === undefined) return undefined;
  return exists(
    db.db
      .select({ one: sql`1` })
      .from(conversationTags)
      .where(
        db.where(
          conversationTags,
          eq(conversationTags.conversationId, conversations.id),
          eq(conversationTags.tagId, tagId),
        ),
      ),
  );
}

/** 422 naming each `tagIds.N` that is not a tag of the tenant. */
async function checkTags(db: TenantDb, tagIds: readonly string[]): Promise<void> {
  if (!tagIds.length) return;
  const found = new Set(
    (
      await db.db
        .select({ id: tags.id })
        .from(tags)
        .where(db.where(tags, inJson(sql`${tags.id}`, tagIds)))
    ).map((t) => t.id),
  );
  const errors: FieldErrors = {};
  tagIds.forEach((id, i) => {
    if (!found.has(id)) errors[`tagIds.${i}`] = ["No such tag"];
  });
  if (Object.keys(errors).length) throw new ApiError(422, "The request has invalid fields", errors);
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

/** The conversations of one customer (`customerId`), or null. */
const customerOf = (f: ConversationFilters) =>
  f.customerId === undefined ? undefined : eq(conversations.customerId, f.customerId);

/**
 * The conditions of the filters and the caller's visibility (with `customerId`: their served queues
 * too); the text (`q`) is searched in the transcripts by `scanForText`.
 */
function selection(db: TenantDb, who: Caller, f: ConversationFilters): (SQL | undefined)[] {
  return [
    visibleTo(db, who, f.customerId !== undefined),
    customerOf(f),
    f.skillQueueId === undefined ? undefined : eq(conversations.skillQueueId, f.skillQueueId),
    f.channelId === undefined ? undefined : eq(conversations.channelId, f.channelId),
    f.agentEmployeeId === undefined ? undefined : eq(conversations.agentEmployeeId, f.agentEmployeeId),
    f.outcome === undefined ? undefined : eq(conversations.outcome, f.outcome),
    f.left === undefined
      ? undefined
      : f.left === "true"
        ? isNotNull(conversations.leftAt)
        : isNull(conversations.leftAt),
    tagged(db, f.tagId),
    f.from === undefined ? undefined : gte(conversations.endedAt, f.from),
    f.to === undefined ? undefined : lt(conversations.endedAt, f.to),
    f.rating === undefined ? undefined : eq(conversations.rating, f.rating),
  ];
}

/** Up to `n` index rows of the selection after `cursor`, newest first. */
function selected(db: TenantDb, who: Caller, f: ConversationFilters, cursor: string | undefined, n: number) {
  return db.db
    .select()
    .from(conversations)
    .where(
      db.where(
        conversations,
        ...selection(db, who, f),
        afterCursor(cursor, conversations.endedAt, conversations.id),
      ),
    )
    .orderBy(desc(conversations.endedAt), desc(conversations.id))
    .limit(n);
}

/**
 * One page of the selection, newest first, with the cursor of the next one. With a text (`q`) it
 * is a bounded scan of the transcripts (`./conversation-scan.ts`): fewer than `limit` items (even
 * none) with a cursor means "not searched to the end yet", and `searched` says how far it got.
 */
async function searchPage(
  db: TenantDb,
  env: ArchiveEnv,
  who: Caller,
  f: ConversationFilters,
  limit: number,
  cursor?: string,
): Promise<{ items: ConversationSummary[]; nextCursor: string | null; searched?: Searched }> {
  const page =
    f.q === undefined
      ? newestFirstPage(await selected(db, who, f, cursor, limit + 1), limit, (r) => r.endedAt)
      : await scanForText(env, db.tenantId, f.q, (at, n) => selected(db, who, f, at, n), limit, cursor);
  const names = await tagsOf(
    db,
    page.items.map((r) => r.id),
  );
  return { ...page, items: page.items.map((r) => toSummary(r, names)) };
}

async function find(db: TenantDb, who: Caller, id: string): Promise<Row> {
  const [row] = await db.db
    .select()
    .from(conversations)
    .where(db.where(conversations, eq(conversations.id, id), visibleTo(db, who, true)));
  if (!row) throw notFound("Conversation");
  return row;
}

async function load(db: TenantDb, env: ArchiveEnv, who: Caller, id: string): Promise<Conversation> {
  const row = await find(db, who, id);
  const { messages, notes } = await readTranscript(env, {
    tenantId: db.tenantId,
    id,
    startedAt: row.startedAt,
  });
  const calls = await db.db
    .select({
      id: conversationCalls.id,
      skillQueueId: conversationCalls.skillQueueId,
      media: conversationCalls.media,
      agentEmployeeId: conversationCalls.agentEmployeeId,
      agentName: conversationCalls.agentName,
      outcome: conversationCalls.outcome,
      endedBy: conversationCalls.endedBy,
      placedAt: conversationCalls.placedAt,
      connectedAt: conversationCalls.connectedAt,
      endedAt: conversationCalls.endedAt,
      durationSeconds: conversationCalls.durationSeconds,
    })
    .from(conversationCalls)
    .where(db.where(conversationCalls, eq(conversationCalls.conversationId, id)))
    .orderBy(asc(conversationCalls.placedAt));
  return {
    ...toSummary(row, await tagsOf(db, [id])),
    transcript: messages.map(({ seq, sender, senderName, text, createdAt, attachment }) => ({
      seq,
      sender,
      senderName,
      text,
      createdAt,
      ...(attachment ? { attachment } : {}),
    })),
    notes,
    calls,
  };
}

export const conversationsApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { limit, cursor, ...filters } = parseOr422(ConversationQuerySchema, c.req.query());
    const db = tenantDb(c);
    const who = caller(c);
    const page = await searchPage(db, c.env, who, filters, limit, cursor);
    if (filters.customerId === undefined) return c.json(page, 200);
    const [history] = await db.db
      .select({ conversationCount: count(), firstSeenAt: min(conversations.startedAt) })
      .from(conversations)
      .where(db.where(conversations, visibleTo(db, who, true), customerOf(filters)));
    return c.json(
      {
        ...page,
        customer: {
          conversationCount: history?.conversationCount ?? 0,
          firstSeenAt: history?.firstSeenAt ?? null,
        },
      },
      200,
    );
  })
  .get("/export", async (c) => {
    const { format, ...filters } = parseOr422(ConversationExportQuerySchema, c.req.query());
    const db = tenantDb(c);
    const who = caller(c);
    return exportResponse(format, Date.now(), (cursor) =>
      searchPage(db, c.env, who, filters, EXPORT_PAGE, cursor),
    );
  })
  .get("/:id", async (c) => c.json(await load(tenantDb(c), c.env, caller(c), c.req.param("id")), 200))
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await find(db, caller(c), id);
    const { tagIds } = await body(c, ConversationPatchSchema);
    await checkTags(db, tagIds);
    await db.db.batch([
      db.delete(conversationTags, eq(conversationTags.conversationId, id)),
      ...(tagIds.length
        ? [
            db.db
              .insert(conversationTags)
              .values(tagIds.map((tagId) => ({ tenantId: db.tenantId, conversationId: id, tagId }))),
          ]
        : []),
    ]);
    return c.json(await load(db, c.env, caller(c), id), 200);
  });

/** Rows read per query while an export streams. */
const EXPORT_PAGE = 200;

const tag = "Conversation history";
const visibility =
  "Administrators see every conversation of the tenant; other employees those they handled as the agent (agentEmployeeId = their employeeId) and, when they ask for one customer (customerId) or open one conversation, also those of the skill queues they serve (directly or through their skill queue group); any other id answers 404.";
const FILTERS = {
  customerId:
    "only this customer's conversations (an anonymous visitor's customer id, or the identity token's sub); the list then carries `customer` with their count and first start",
  skillQueueId: "only conversations of this skill queue",
  channelId: "only conversations of this web channel",
  agentEmployeeId: "only conversations handled by this agent",
  outcome: "only this outcome (`leftMessage`: left messages still waiting for an agent)",
  left: "`true`: only conversations that were left messages (waiting, answered or expired); `false`: the others",
  tagId: "only conversations carrying this tag",
  from: "endedAt ≥ from (milliseconds since the Unix epoch)",
  to: "endedAt < to (milliseconds since the Unix epoch; after from)",
  q: `text (1–100 characters) in one of the messages or in the customer's name; case-insensitive for ASCII letters. Searched by scanning the transcripts of the conversations the other filters select, newest first, at most ${SCAN_BUDGET} per request: a page may hold fewer items than limit (even none) and still a nextCursor, which resumes the scan; \`searched\` says how many conversations this page scanned and the endedAt of the last one`,
  rating: "only conversations the customer rated this (1–5)",
};
document(
  {
    method: "get",
    path: "/api/v1/conversations",
    summary: "List ended conversations and left messages, newest first",
    description: `Ordered by endedAt descending (ties by id). ${visibility}`,
    tag,
    response: v.object({
      items: v.array(ConversationSummarySchema),
      nextCursor: v.nullable(v.string()),
      /** Only with customerId: the customer's visible conversations in all (every page), and the earliest start. */
      customer: v.optional(CustomerHistorySchema),
      /** Only with q: how far this page searched (see the description). */
      searched: v.optional(SearchedSchema),
    }),
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
    summary:
      "Get a conversation with its transcript (seq order), staff notes, tags, evaluation and click-to-dial calls",
    description: `${visibility} \`notes\` are the staff's private notes (never shown to the customer), numbered apart from the messages.`,
    tag,
    response: ConversationSchema,
  },
  {
    method: "patch",
    path: "/api/v1/conversations/:id",
    summary: "Set a conversation's tags",
    description: `\`tagIds\` replaces the whole list: tags of the tenant (422 naming \`tagIds.N\` otherwise), each once, at most ${MAX_CONVERSATION_TAGS}. ${visibility} Answers the conversation as GET does.`,
    tag,
    body: ConversationPatchSchema,
    response: ConversationSchema,
  },
);
