/**
 * One customer's data across every store, for a data-protection request: what exists (`lookup`)
 * and erasing it (`eraseCustomer`). Queue objects go first, so a live conversation is ended and
 * dropped there (never archived afterwards) before D1 is erased; D1 conversations are erased in
 * bounded batches through `eraseConversations`; then cases and unused chat tickets.
 */
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { transcriptFigures } from "../archive/transcripts";
import { inList } from "../db/in-list";
import {
  cases,
  chatTickets,
  conversationCalls,
  conversations,
  conversationTags,
  skillQueues,
} from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import type { PrivacyCounts } from "../schemas/privacy";
import { type CustomerMatch, casesOf, conversationsOf } from "./customer-match";
import { addCounts, eraseConversations } from "./erase-conversations";

/** Conversations erased per D1 round (each round is one batch of deletes). */
export const ERASE_BATCH = 100;

const CUSTOMER_KINDS = ["customer", "caller"] as const;

/** Tickets of the customer not used yet (the subject names the customer id). */
const ticketsOf = (match: CustomerMatch) =>
  and(
    eq(chatTickets.tenantId, match.tenantId),
    inList(chatTickets.kind, CUSTOMER_KINDS),
    sql`json_extract(${chatTickets.subject}, '$.customerId') in (select value from json_each(${JSON.stringify(match.customerIds)}))`,
  );

async function queueIds(env: Pick<Env, "DB">, tenantId: string): Promise<string[]> {
  const rows = await database(env.DB)
    .select({ id: skillQueues.id })
    .from(skillQueues)
    .where(eq(skillQueues.tenantId, tenantId));
  return rows.map((r) => r.id);
}

type QueueStub = DurableObjectStub<import("../../durable-objects/skill-queue").SkillQueue>;

/** Asks every skill queue object of the tenant; a queue that cannot answer fails the request. */
async function eachQueue<T>(
  env: Pick<Env, "DB" | "SKILL_QUEUE">,
  match: CustomerMatch,
  ask: (stub: QueueStub) => Promise<T>,
): Promise<T[]> {
  const ids = await queueIds(env, match.tenantId);
  return Promise.all(ids.map((id) => ask(env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(id)))));
}

/** What is stored about the customer, counted (nothing changes). */
export async function lookup(
  env: Pick<Env, "DB" | "SKILL_QUEUE" | "ARCHIVE">,
  match: CustomerMatch,
): Promise<PrivacyCounts> {
  const db = database(env.DB);
  const theirs = and(eq(conversations.tenantId, match.tenantId), conversationsOf(match));
  const ids = db.select({ id: conversations.id }).from(conversations).where(theirs);
  const within = (table: { tenantId: AnySQLiteColumn; conversationId: AnySQLiteColumn }) =>
    and(eq(table.tenantId, match.tenantId), sql`${table.conversationId} in ${ids}`);
  const [refs, [t], [k], [cs], [left], [tickets]] = await db.batch([
    db.select({ id: conversations.id, startedAt: conversations.startedAt }).from(conversations).where(theirs),
    db.select({ n: count() }).from(conversationTags).where(within(conversationTags)),
    db.select({ n: count() }).from(conversationCalls).where(within(conversationCalls)),
    db
      .select({ n: count() })
      .from(cases)
      .where(and(eq(cases.tenantId, match.tenantId), casesOf(match))),
    db
      .select({ n: count() })
      .from(conversations)
      .where(and(theirs, isNotNull(conversations.leftAt))),
    db.select({ n: count() }).from(chatTickets).where(ticketsOf(match)),
  ]);
  // messages, files and notes are in the archive's transcripts (one read per conversation: a
  // request about one customer)
  const figures = await transcriptFigures(env, match.tenantId, refs);
  const live = (await eachQueue(env, match, (stub) => stub.customerConversations(match))).reduce(
    (a, b) => a + b,
    0,
  );
  return {
    conversations: refs.length,
    messages: figures.messages,
    notes: figures.notes,
    tags: t?.n ?? 0,
    calls: k?.n ?? 0,
    attachments: figures.attachments,
    cases: cs?.n ?? 0,
    leftMessages: left?.n ?? 0,
    liveConversations: live,
    chatTickets: tickets?.n ?? 0,
  };
}

/** Erases everything stored about the customer; idempotent (a second run counts zero). */
export async function eraseCustomer(
  env: Pick<Env, "DB" | "SKILL_QUEUE" | "ATTACHMENTS" | "ARCHIVE">,
  match: CustomerMatch,
): Promise<PrivacyCounts> {
  const db = database(env.DB);
  const live = (await eachQueue(env, match, async (stub) => [...(await stub.eraseCustomer(match))])).flat();
  const theirs = and(eq(conversations.tenantId, match.tenantId), conversationsOf(match));
  // the files of conversations that were never archived (those archived are erased with their rows)
  let erased = await eraseConversations(env, match.tenantId, live);
  let leftMessages = 0;
  for (;;) {
    const batch = await db
      .select({ id: conversations.id, leftAt: conversations.leftAt })
      .from(conversations)
      .where(theirs)
      .limit(ERASE_BATCH);
    if (batch.length === 0) break;
    leftMessages += batch.filter((r) => r.leftAt !== null).length;
    const done = await eraseConversations(
      env,
      match.tenantId,
      batch.map((r) => r.id),
    );
    erased = addCounts(erased, done);
    // a round that removed nothing would only repeat itself
    if (done.conversations === 0) break;
  }
  const [removedCases, removedTickets] = await db.batch([
    db.delete(cases).where(and(eq(cases.tenantId, match.tenantId), casesOf(match))),
    db.delete(chatTickets).where(ticketsOf(match)),
  ]);
  return {
    ...erased,
    cases: removedCases.meta.changes,
    leftMessages,
    liveConversations: live.length,
    chatTickets: removedTickets.meta.changes,
  };
}
