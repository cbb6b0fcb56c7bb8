/**
 * Archive, exactly once: ending a conversation (or leaving a message) writes an outbox row in the
 * object's SQLite (atomically with the change), then the outbox is flushed with idempotent writes:
 * the transcript (messages with their attachments' metadata, and the staff notes) as one R2 object
 * (`worker/archive/`), put whole (a left message is archived again when it ends, to the same key),
 * then one D1 batch of two statements: the conversation's index row (summary and report figures)
 * upserted whole and its tags (those still in the tenant's list). A failed flush stays in the
 * outbox and is retried by the `archive` timer with a growing delay. What changes after the end
 * lives in the index, never in the object: a later evaluation is an `evaluation` outbox row that
 * updates the index row (last one counts), tags set after the end a `tags` row that replaces the
 * archived tags; notes are refused once the conversation ended.
 */
import { and, eq, sql } from "drizzle-orm";
import type { ArchivedMessage } from "../../worker/archive/transcript";
import { writeTranscript } from "../../worker/archive/transcripts";
import { conversations, conversationTags, tags } from "../../worker/db/schema";
import { type Db, database } from "../../worker/db/tenant-db";
import type { QueueContext } from "./context";
import { ARCHIVE_RETRY_MAX_MS } from "./context";
import { conversationMetrics } from "./rules/conversation-metrics";
import { type ConversationRow, type MessageRow, preChatOf, tagIdsOf, toChatMessage } from "./store";
import type { OutboxKind } from "./store/outbox";

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

/** A stored message as the archived transcript keeps it. */
function toArchivedMessage(m: MessageRow): ArchivedMessage {
  const chat = toChatMessage(m);
  return {
    seq: m.seq,
    sender: m.sender,
    senderName: m.sender_name,
    text: m.text,
    clientMsgId: m.client_msg_id,
    createdAt: m.at,
    notice: chat.notice ?? null,
    attachment: chat.attachment ?? null,
  };
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
        // the transcript first: an index row is never there without its transcript, and a retry
        // puts the same key again (idempotent)
        await writeTranscript(q.env.ARCHIVE, {
          tenantId: c.tenant_id,
          conversationId: c.id,
          startedAt: c.started_at,
          messages: messages.map(toArchivedMessage),
          notes: q.store.notes.after(c.id).map((n) => ({
            seq: n.seq,
            authorEmployeeId: n.author_id,
            authorName: n.author_name,
            text: n.text,
            createdAt: n.at,
          })),
        });
        await db.batch([
          db
            .insert(conversations)
            .values({ id: c.id, tenantId: c.tenant_id, ...summary })
            .onConflictDoUpdate({ target: conversations.id, set: summary }),
          insertTags(db, c),
        ]);
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
