/**
 * A call's changes reach the chat's queue (its transcript gets the call's events, its staff see the
 * call) and, once it ended, D1's history. Both happen after the change commits, in the background:
 * the chat's queue may itself be waiting on this queue (placing a call), so this queue never waits
 * for it inside its event chain. Each change counts a version; the chat's queue keeps the highest
 * it saw, so notices overtaking each other do no harm. The `callSync` timer retries what did not
 * arrive; once everything did, an ended call is dropped an hour later.
 */
import { conversationCalls } from "../../../worker/db/schema";
import { database } from "../../../worker/db/tenant-db";
import type { CallSummary } from "../../../worker/realtime/protocol";
import type { QueueContext } from "../context";
import type { CallRow } from "../store";
import { callSummary } from "./summary";

/** When a change that did not arrive is tried again. */
export const SYNC_RETRY_MS = 15_000;
/** How long an ended, fully synced call stays in the object. */
export const ENDED_CALL_KEEP_MS = 60 * 60_000;

/** What the chat's queue is told. */
export type CallNotice = {
  /** The chat's queue (the object it is sent to is named after it). */
  queueId: string;
  tenantId: string;
  channelId: string;
  call: CallSummary;
  version: number;
};

/** The chat's queue's answer: recorded (or older than what it has), or where the chat went. */
export type CallNoticeAnswer = { ok: true } | { movedTo: string } | { gone: true };

/** Schedules the sync of a call after the open step commits (with the retry timer as a fallback). */
export function syncSoon(q: QueueContext, callId: string): void {
  q.timers.set("callSync", callId, q.now() + SYNC_RETRY_MS);
  q.steps.effect(() => q.detach(() => syncCall(q, callId)));
}

function synced(c: CallRow): boolean {
  return c.notified_version >= c.version && (c.state !== "ended" || c.archived === 1);
}

/** Tells the chat's queue and archives an ended call; records what arrived (outside the event chain). */
export async function syncCall(q: QueueContext, callId: string): Promise<void> {
  const c = q.store.calls.get(callId);
  if (!c || synced(c)) return;
  let notified = c.notified_version;
  let archived = c.archived === 1;
  if (notified < c.version) {
    try {
      const answer = await chatQueue(q, c.chat_queue_id).callChanged({
        queueId: c.chat_queue_id,
        tenantId: c.tenant_id,
        channelId: c.channel_id,
        call: callSummary(q, c),
        version: c.version,
      });
      if ("movedTo" in answer) {
        await q.enqueue(() =>
          q.steps.atomic(async () => {
            q.store.calls.chatMoved(c.id, answer.movedTo);
            syncSoon(q, c.id);
          }),
        );
        return;
      }
      notified = c.version;
    } catch (err) {
      console.error("call notice failed", c.id, err);
    }
  }
  if (c.state === "ended" && !archived) {
    try {
      await archiveCall(q, c);
      archived = true;
    } catch (err) {
      console.error("call archive failed", c.id, err);
    }
  }
  await q.enqueue(() =>
    q.steps.atomic(async () => {
      q.store.calls.synced(c.id, notified, archived);
      const now = q.store.calls.get(c.id);
      if (!now || !synced(now)) return;
      if (now.state === "ended")
        q.timers.set("callSync", c.id, (now.ended_at ?? q.now()) + ENDED_CALL_KEEP_MS);
      else q.timers.cancel("callSync", c.id);
    }),
  );
}

/** The `callSync` timer: try again what did not arrive, or drop an ended call that is done. */
export function onSyncTimer(q: QueueContext, callId: string): void {
  const c = q.store.calls.get(callId);
  if (!c) return;
  if (synced(c)) {
    if (c.state === "ended") q.store.calls.delete(c.id);
    return;
  }
  syncSoon(q, c.id);
}

async function archiveCall(q: QueueContext, c: CallRow): Promise<void> {
  await database(q.env.DB)
    .insert(conversationCalls)
    .values({
      id: c.id,
      tenantId: c.tenant_id,
      conversationId: c.conversation_id,
      skillQueueId: q.queueId,
      media: c.media,
      agentEmployeeId: c.connected_at === null ? null : c.agent_id,
      agentName: c.connected_at === null ? null : c.agent_name,
      outcome: c.end_reason ?? "hangup",
      endedBy: c.ended_by,
      placedAt: c.placed_at,
      connectedAt: c.connected_at,
      endedAt: c.ended_at ?? q.now(),
      durationSeconds:
        c.connected_at === null ? 0 : Math.floor(((c.ended_at ?? q.now()) - c.connected_at) / 1000),
    })
    .onConflictDoNothing();
}

function chatQueue(q: QueueContext, queueId: string) {
  return q.env.SKILL_QUEUE.get(q.env.SKILL_QUEUE.idFromName(queueId));
}
