/**
 * Archive to D1, exactly once: ending a conversation writes an outbox row in the object's SQLite
 * (atomically with the end), then the outbox is flushed with idempotent
 * `INSERT … ON CONFLICT DO NOTHING` statements in one D1 batch. A failed flush stays in the outbox
 * and is retried by the `archive` timer with a growing delay; a later evaluation is an `evaluation`
 * outbox row that updates the archived row (last one counts).
 */
import { and, eq } from "drizzle-orm";
import { conversationMessages, conversations } from "../../worker/db/schema";
import { database } from "../../worker/db/tenant-db";
import type { QueueContext } from "./context";
import { ARCHIVE_RETRY_MAX_MS } from "./context";
import { conversationMetrics } from "./rules/conversation-metrics";

/** D1 binds at most 100 parameters per statement; 8 per message row. */
const ROWS_PER_INSERT = 12;

/** Records that a conversation must be archived (or its evaluation updated) and schedules a flush. */
export function queueArchive(
  q: QueueContext,
  conversationId: string,
  kind: "archive" | "evaluation" = "archive",
): void {
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
        const endedAt = c.ended_at ?? q.now();
        const metrics = conversationMetrics({
          firstQueuedAt: c.first_queued_at ?? null,
          firstConnectedAt: c.first_connected_at ?? null,
          endedAt,
          messages,
        });
        const statements = [
          db
            .insert(conversations)
            .values({
              id: c.id,
              tenantId: c.tenant_id,
              channelId: c.channel_id,
              skillQueueId: q.queueId,
              customerId: c.customer_id,
              customerName: c.customer_name,
              customerNameVerified: c.customer_name_verified === 1,
              agentEmployeeId: c.agent_id,
              agentName: c.agent_name,
              outcome: c.end_reason ?? "agentEnded",
              startedAt: c.started_at,
              queuedAt: c.queued_at,
              connectedAt: c.connected_at,
              endedAt,
              rating: c.rating,
              comment: c.comment,
              messageCount: messages.length,
              ...metrics,
              transfers: c.transfers ?? 0,
            })
            .onConflictDoNothing(),
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
                })),
              )
              .onConflictDoNothing() as unknown as (typeof statements)[number],
          );
        }
        await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
      } else {
        if (q.store.outbox.all().some((p) => p.kind === "archive" && p.conversation_id === c.id)) continue;
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
