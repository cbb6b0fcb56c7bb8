/**
 * Archive to D1, exactly once: ending a conversation (or leaving a message) writes an outbox row
 * in the object's SQLite (atomically with the change), then the outbox is flushed with idempotent
 * statements in one D1 batch: the summary row upserted whole, the transcript and the staff notes
 * (in `conversation_notes`, apart from the transcript) `INSERT … ON CONFLICT DO NOTHING`, and the
 * tags (those still in the tenant's list). A failed flush stays in the outbox and is retried by the
 * `archive` timer with a growing delay; a later evaluation is an `evaluation` outbox row that
 * updates the archived row (last one counts), and tags set after the end are a `tags` row that
 * replaces the archived tags.
 */
import { and, eq, sql } from "drizzle-orm";
import {
  conversationMessages,
  conversationNotes,
  conversations,
  conversationTags,
  tags,
} from "../../worker/db/schema";
import { type Db, database } from "../../worker/db/tenant-db";
import type { QueueContext } from "./context";
import { ARCHIVE_RETRY_MAX_MS } from "./context";
import { conversationMetrics } from "./rules/conversation-metrics";
import { type ConversationRow, preChatOf, tagIdsOf, toChatMessage } from "./store";
import type { OutboxKind } from "./store/outbox";

/** D1 binds at most 100 parameters per statement; 10 per message row, 7 per note row. */
export const ROWS_PER_INSERT = 10;

/** The archive outcome of a left message waiting for an agent (state `pending`). */
export const LEFT_MESSAGE_OUTCOME = "leftMessage";

/** Inserts the conversation's tags that are still tags of the tenant (one bound list, however long). */
function insertTags(db: Db, c: ConversationRow) {
  return db
    .insert(conversationTags)
    .select(
      db
        .select({
          tenantId: tags.tenantId,
          conversationId: sql<string>`${c.id}`.as("conversation_id"),
          tagId: tags.id,
        })
        .from(tags)
        .where(
          and(
            eq(tags.tenantId, c.tenant_id),
            sql`${tags.id} in (select value from json_each(${JSON.stringify(tagIdsOf(c))}))`,
          ),
        ),
    )
    .onConflictDoNothing();
}

/** Records that a conversation must be archived (or its evaluation or tags updated) and schedules a flush. */
export function queueArchive(q: QueueContext, conversationId: string, kind: OutboxKind = "archive"): void {
  q.store.outbox.add(conversationId, kind);
  if (q.timers.get("archive", "outbox") === null) q.timers.set("archive", "outbox", q.now());
}

/** Writes every pending outbox row to D1; failures stay queued and re-arm the retry timer. */
export async function flushOutbox(q: QueueContext): Promise<void> {
  const db = database(q.env.DB);
  let retryIn = 0;
  const pending = q.store.outbox.all();
  for (const item of pending) {
    const c = q.store.conversations.get(item.conversation_id);
    if (!c) {
      q.store.outbox.done(item.conversation_id, item.kind);
      continue;
    }
    try {
      if (item.kind === "archive") {
        const messages = q.store.messages.after(c.id, 0);
        const left = q.store.leftMessages.get(c.id);
        const endedAt = c.ended_at ?? left?.left_at ?? q.now();
        const metrics = conversationMetrics({
          firstQueuedAt: c.first_queued_at ?? null,
          firstConnectedAt: c.first_connected_at ?? null,
          endedAt,
          messages,
        });
        // the row is written whole each time: a left message is archived when left and again when
        // it ends (answered or expired), so the history always shows its latest state
        const summary = {
          channelId: c.channel_id,
          skillQueueId: q.queueId,
          customerId: c.customer_id,
          customerName: c.customer_name,
          customerNameVerified: c.customer_name_verified === 1,
          agentEmployeeId: c.agent_id,
          agentName: c.agent_name,
          outcome: c.state === "ended" ? (c.end_reason ?? "agentEnded") : LEFT_MESSAGE_OUTCOME,
          leftAt: left?.left_at ?? null,
          contact: left?.contact ?? null,
          startedAt: c.started_at,
          queuedAt: c.queued_at,
          connectedAt: c.connected_at,
          endedAt,
          rating: c.rating,
          comment: c.comment,
          messageCount: messages.length,
          preChat: preChatOf(c),
          ...metrics,
          transfers: c.transfers ?? 0,
        };
        const statements = [
          db
            .insert(conversations)
            .values({ id: c.id, tenantId: c.tenant_id, ...summary })
            .onConflictDoUpdate({ target: conversations.id, set: summary }),
        ];
        for (let i = 0; i < messages.length; i += ROWS_PER_INSERT) {
          statements.push(
            db
              .insert(conversationMessages)
              .values(
                messages.slice(i, i + ROWS_PER_INSERT).map((m) => ({
                  tenantId: c.tenant_id,
                  conversationId: c.id,
                  seq: m.seq,
                  sender: m.sender,
                  senderName: m.sender_name,
                  text: m.text,
                  clientMsgId: m.client_msg_id,
                  createdAt: m.at,
                  notice: m.notice ? JSON.parse(m.notice) : null,
                  attachment: toChatMessage(m).attachment ?? null,
                })),
              )
              .onConflictDoNothing() as unknown as (typeof statements)[number],
          );
        }
        const notes = q.store.notes.after(c.id);
        for (let i = 0; i < notes.length; i += ROWS_PER_INSERT) {
          statements.push(
            db
              .insert(conversationNotes)
              .values(
                notes.slice(i, i + ROWS_PER_INSERT).map((n) => ({
                  tenantId: c.tenant_id,
                  conversationId: c.id,
                  seq: n.seq,
                  authorEmployeeId: n.author_id,
                  authorName: n.author_name,
                  text: n.text,
                  createdAt: n.at,
                })),
              )
              .onConflictDoNothing() as unknown as (typeof statements)[number],
          );
        }
        statements.push(insertTags(db, c) as unknown as (typeof statements)[number]);
        await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
      } else {
        if (q.store.outbox.all().some((p) => p.kind === "archive" && p.conversation_id === c.id)) continue;
        if (item.kind === "tags")
          await db.batch([
            db
              .delete(conversationTags)
              .where(
                and(eq(conversationTags.conversationId, c.id), eq(conversationTags.tenantId, c.tenant_id)),
              ),
            insertTags(db, c),
          ]);
        else
          await db
            .update(conversations)
            .set({ rating: c.rating, comment: c.comment })
            .where(and(eq(conversations.id, c.id), eq(conversations.tenantId, c.tenant_id)));
      }
      q.store.outbox.done(item.conversation_id, item.kind);
    } catch (err) {
      console.error("archive failed", c.id, err);
      const attempts = q.store.outbox.failed(item.conversation_id, item.kind);
      retryIn = Math.max(retryIn, Math.min(ARCHIVE_RETRY_MAX_MS, attempts * 10_000));
    }
  }
  if (retryIn > 0) q.timers.set("archive", "outbox", q.now() + retryIn);
}
