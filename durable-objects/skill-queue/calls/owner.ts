/**
 * The click-to-dial queue's side of a call, the parts every path shares: ringing an agent (their
 * call slot already reserved), putting a call in the queue, and ending it (the agent's call slot
 * freed, their wrap-up started when they talked). Each change is announced to both parties and
 * synced to the chat's queue (`sync.ts`).
 */
import type { CallEndReason, ChatMessage, ServerEvent } from "../../../worker/realtime/protocol";
import { presenceOf } from "../../agent-presence";
import { mirror } from "../agents";
import type { QueueConfig } from "../config";
import type { QueueContext } from "../context";
import { RING_TIMEOUT_MS } from "../rules/calls";
import { effectiveWrapUpSeconds } from "../rules/wrap-up";
import type { CallRow } from "../store";
import { agentOf, announceCall, callerOf, callSummary } from "./summary";
import { syncSoon } from "./sync";

/** Timers that belong to a live call and die with it. */
export const CALL_TIMERS = ["callRing", "callWait", "callMaxDuration"] as const;

export type EndedBy = "customer" | "agent" | "system";

function tenantOf(q: QueueContext): string {
  return q.store.meta.get("tenantId") ?? "";
}

/** `call.incoming` for the agent it rings (with the chat's latest messages for context). */
export function incomingEvent(q: QueueContext, c: CallRow): ServerEvent {
  return {
    type: "call.incoming",
    call: callSummary(q, c),
    context: JSON.parse(c.context) as ChatMessage[],
  };
}

/** Rings an agent whose call slot is reserved: `callRing` runs out after `RING_TIMEOUT_MS`. */
export function ring(q: QueueContext, callId: string, employeeId: string, name: string): void {
  const now = q.now();
  q.store.calls.update(callId, {
    state: "ringing",
    agent_id: employeeId,
    agent_name: name,
    rang_at: now,
    queue_ord: null,
  });
  q.timers.set("callRing", callId, now + RING_TIMEOUT_MS);
  const c = q.store.calls.get(callId) as CallRow;
  q.sessions.sendAll(q.sessions.employeeSockets(employeeId), incomingEvent(q, c));
  q.sessions.sendAll(callerOf(q, c), { type: "call.updated", call: callSummary(q, c), iceServers: [] });
  syncSoon(q, callId);
}

/**
 * Puts a call in the queue (at the back, or the front for a call whose ring was missed); its max
 * waiting time counts from when the queue first took it.
 */
export function enqueueCall(q: QueueContext, callId: string, front: boolean, config: QueueConfig): void {
  const c = q.store.calls.get(callId);
  if (!c) return;
  const now = q.now();
  const queuedAt = c.queued_at ?? now;
  q.store.calls.update(callId, {
    state: "queued",
    agent_id: null,
    agent_name: null,
    queued_at: queuedAt,
    queue_ord: q.store.calls.nextOrd(front),
  });
  q.timers.cancel("callRing", callId);
  q.timers.set("callWait", callId, Math.max(now, queuedAt + config.queue.maxWaitingTime * 1000));
  announceCall(q, callId);
  syncSoon(q, callId);
}

/**
 * Frees the call slot of the agent a call rings, without ending the call (declined by an agent who
 * is not the chat's, missed, or their socket went away); they are not rung for it again. The call
 * waits (`queued`) for where it goes next.
 */
export async function unring(q: QueueContext, c: CallRow): Promise<void> {
  if (!c.agent_id) return;
  const state = await presenceOf(q.env, tenantOf(q), c.agent_id).releaseCall(c.id, q.queueId);
  const excluded = JSON.parse(c.excluded) as string[];
  q.store.calls.update(c.id, {
    state: "queued",
    excluded: JSON.stringify([...new Set([...excluded, c.agent_id])]),
    agent_id: null,
    agent_name: null,
  });
  q.sessions.sendAll(agentOf(q, c), {
    type: "call.updated",
    call: callSummary(q, q.store.calls.get(c.id) as CallRow),
    iceServers: [],
  });
  mirror(q, c.agent_id, state);
}

/**
 * Ends a call (idempotent): its timers stop, the agent's call slot is freed (and, after a talk, the
 * agent wraps up for this queue's effective wrap-up duration in all their queues), both parties
 * hear it and the customer's call socket closes.
 */
export async function endCall(
  q: QueueContext,
  callId: string,
  reason: CallEndReason,
  by: EndedBy,
): Promise<void> {
  const c = q.store.calls.get(callId);
  if (!c || c.state === "ended") return;
  const now = q.now();
  for (const kind of CALL_TIMERS) q.timers.cancel(kind, c.id);
  q.store.calls.update(c.id, {
    state: "ended",
    ended_at: now,
    end_reason: reason,
    ended_by: by,
    queue_ord: null,
  });
  if (c.agent_id && (c.state === "ringing" || c.state === "connected")) {
    const presence = presenceOf(q.env, tenantOf(q), c.agent_id);
    if (c.state === "connected") {
      const config = await q.config.get(now);
      const seconds = effectiveWrapUpSeconds(config?.queue.wrapUpDuration ?? 0);
      const state = await presence.callEnded(
        q.queueId,
        c.agent_id,
        c.id,
        seconds > 0 ? now + seconds * 1000 : null,
      );
      mirror(q, c.agent_id, state, true);
    } else mirror(q, c.agent_id, await presence.releaseCall(c.id, q.queueId));
  }
  announceCall(q, c.id);
  for (const ws of callerOf(q, c)) q.sessions.close(ws, 1000, "The call ended");
  syncSoon(q, c.id);
}
