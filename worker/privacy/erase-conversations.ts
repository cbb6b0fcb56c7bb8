/**
 * The one place that removes the stored content of conversations: their summaries, transcripts,
 * staff notes (the archive's R2 objects or legacy D1 rows, `worker/archive/transcripts.ts`),
 * tags, click-to-dial calls (D1) and files (R2). Both a customer's erasure
 * (`erase-customer.ts`) and transcript retention (`durable-objects/housekeeping/`) go through it,
 * so a new place a transcript is kept only has to be added here. Files go first: when a step
 * fails, the D1 rows are still there and the next run finds and erases the conversation again.
 */
import { and, eq, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { deleteTranscripts, transcriptFigures } from "../archive/transcripts";
import { deleteConversationAttachments } from "../attachments/bucket";
import { inList } from "../db/in-list";
import { conversationCalls, conversations, conversationTags } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";

/** What an erasure removed, by kind. */
export type ConversationErasure = {
  conversations: number;
  messages: number;
  notes: number;
  tags: number;
  calls: number;
  attachments: number;
};

export const NO_CONVERSATIONS: ConversationErasure = {
  conversations: 0,
  messages: 0,
  notes: 0,
  tags: 0,
  calls: 0,
  attachments: 0,
};

/** Adds two counts of the same shape. */
export function addCounts<T extends Record<string, number>>(a: T, b: T): T {
  const out = { ...a };
  for (const key of Object.keys(b) as (keyof T)[]) out[key] = ((a[key] ?? 0) + (b[key] ?? 0)) as T[keyof T];
  return out;
}

/**
 * Erases the given conversations of `tenantId` everywhere they are stored (also the files of a
 * conversation not archived yet). Ids of another tenant or of nothing count zero. Idempotent.
 */
export async function eraseConversations(
  env: Pick<Env, "DB" | "ATTACHMENTS" | "ARCHIVE">,
  tenantId: string,
  conversationIds: readonly string[],
): Promise<ConversationErasure> {
  if (conversationIds.length === 0) return NO_CONVERSATIONS;
  const db = database(env.DB);
  // the key prefix names the tenant: another tenant's id finds no file
  let attachments = 0;
  for (const id of conversationIds) attachments += await deleteConversationAttachments(env, tenantId, id);
  // the transcripts (R2 objects, legacy D1 rows) are counted, then deleted, located by the index
  // rows read once here (before those rows go)
  const refs = await db
    .select({ id: conversations.id, startedAt: conversations.startedAt })
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), inList(conversations.id, conversationIds)));
  const { messages, notes } = await transcriptFigures(env, tenantId, refs);
  await deleteTranscripts(env, tenantId, refs);
  const of = (table: { tenantId: AnySQLiteColumn }, column: AnySQLiteColumn) =>
    sql`${table.tenantId} = ${tenantId} and ${inList(column, conversationIds)}`;
  const [tags, calls, summaries] = await db.batch([
    db.delete(conversationTags).where(of(conversationTags, conversationTags.conversationId)),
    db.delete(conversationCalls).where(of(conversationCalls, conversationCalls.conversationId)),
    db.delete(conversations).where(of(conversations, conversations.id)),
  ]);
  return {
    conversations: summaries.meta.changes,
    messages,
    notes,
    tags: tags.meta.changes,
    calls: calls.meta.changes,
    attachments,
  };
}
