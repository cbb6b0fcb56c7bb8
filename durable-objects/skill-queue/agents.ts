/**
 * Agents of this queue: signing in by connecting, status changes, the cross-queue chat slot held
 * in the agent's `AgentPresence` object, wrap-up ("arranging") after a chat, and sign-out (by
 * command, or when the grace period after the last socket closed runs out). The presence object
 * holds the agent's status and wrap-up for all their queues; the agent row here mirrors it.
 */
import type { AgentPresence as AgentPresenceEvent } from "../../worker/realtime/protocol";
import { CloseCode } from "../../worker/realtime/protocol";
import { type AgentState, type ChosenStatus, presenceOf } from "../agent-presence";
import { notifyCheckers } from "./checker";
import type { QueueContext } from "./context";
import { signOutGraceMs } from "./context";
import { post } from "./conversation";
import { dispatch } from "./dispatch";
import { placeInQueue } from "./queue";
import { updateAverage } from "./rules/estimated-wait";
import { effectiveWrapUpSeconds } from "./rules/wrap-up";
import type { AgentRow } from "./store";

export function presenceEvent(q: QueueContext, a: AgentRow): AgentPresenceEvent {
  return {
    employeeId: a.employee_id,
    name: a.name,
    status: a.status,
    activeChats: q.store.conversations.activeChats(a.employee_id),
    maxConcurrentChats: a.max_chats,
    wrapUpUntil: a.wrap_up_until,
    forcedBy: a.forced_by,
  };
}

/** Tells the agent's own sockets and the quality checkers about a presence change. */
export function announceAgent(q: QueueContext, employeeId: string): void {
  const a = q.store.agents.get(employeeId);
  if (!a) return;
  q.sessions.sendAll(q.sessions.employeeSockets(employeeId), {
    type: "agent.updated",
    agent: presenceEvent(q, a),
  });
  notifyCheckers(q);
}

function tenantOf(q: QueueContext): string {
  return q.store.meta.get("tenantId") ?? "";
}

/**
 * Signs an agent in (or back in within the grace period). They take the state their presence
 * object holds: idle when this is the first queue they sign in to, else the rest, forced busy or
 * wrap-up their other queues show.
 */
export async function signIn(
  q: QueueContext,
  employeeId: string,
  name: string,
  maxChats: number,
): Promise<AgentRow> {
  const now = q.now();
  q.timers.cancel("signOutGrace", employeeId);
  q.store.agents.upsert({
    employee_id: employeeId,
    name,
    status: "idle",
    status_since: now,
    wrap_up_until: null,
    max_chats: maxChats,
    signed_in_at: now,
    forced_by: null,
  });
  const presence = presenceOf(q.env, tenantOf(q), employeeId);
  // the agent's state in their other queues (rest, forced busy, a wrap-up) holds here too
  const state = await presence.signIn(q.queueId, employeeId);
  // self-healing: a slot this queue holds for a chat that is no longer the agent's here (a release
  // lost to a failed call) is freed, so a lost release never shrinks the agent's capacity for good
  await presence.releaseQueue(
    q.queueId,
    q.store.conversations.ofAgent(employeeId).map((c) => c.id),
  );
  await presence.releaseQueueCalls(
    q.queueId,
    q.store.calls.ofAgent(employeeId).map((c) => c.id),
  );
  mirror(q, employeeId, state);
  return q.store.agents.get(employeeId) as AgentRow;
}

/**
 * Mirrors the agent's state held by their presence object on their row here: status, wrap-up end,
 * who forced them busy, and the `wrapUp` timer at the wrap-up end. Announces a change (or always,
 * with `announce`). Returns whether the agent is now idle after not being so (the caller
 * re-dispatches).
 */
export function mirror(q: QueueContext, employeeId: string, s: AgentState, announce = false): boolean {
  const a = q.store.agents.get(employeeId);
  if (!a) return false;
  const forcedBy = s.forcedBy ?? null;
  const changed = a.status !== s.status || a.wrap_up_until !== s.wrapUpUntil || a.forced_by !== forcedBy;
  if (changed) {
    q.store.agents.setStatus(
      employeeId,
      s.status,
      a.status === s.status ? a.status_since : q.now(),
      s.wrapUpUntil,
      forcedBy,
    );
    if (s.wrapUpUntil !== null) q.timers.set("wrapUp", employeeId, s.wrapUpUntil);
    else q.timers.cancel("wrapUp", employeeId);
  }
  if (changed || announce) announceAgent(q, employeeId);
  return changed && s.status === "idle" && a.status !== "idle";
}

/**
 * Sets the status a quality checker forced (`busy`, with their name) or released (`idle`) in the
 * agent's presence object, so every queue of theirs honours it; it replaces a running wrap-up.
 */
export async function setStatus(
  q: QueueContext,
  employeeId: string,
  status: ChosenStatus,
  forcedBy: string | null = null,
): Promise<void> {
  if (!q.store.agents.get(employeeId)) return;
  const state = await presenceOf(q.env, tenantOf(q), employeeId).setStatus(
    status,
    q.queueId,
    employeeId,
    forcedBy,
  );
  mirror(q, employeeId, state, true);
  if (state.status === "idle") await dispatch(q);
}

/**
 * The status an agent chose themselves (idle or rest; `idle` ends a running wrap-up early). Their
 * presence object refuses it while a quality checker holds them busy: returns the refusal's text,
 * or null when the status was set.
 */
export async function chooseStatus(
  q: QueueContext,
  employeeId: string,
  status: "idle" | "rest",
): Promise<string | null> {
  if (!q.store.agents.get(employeeId)) return null;
  const choice = await presenceOf(q.env, tenantOf(q), employeeId).choose(status, q.queueId, employeeId);
  if (!choice.ok) return choice.message;
  mirror(q, employeeId, choice.state, true);
  if (choice.state.status === "idle") await dispatch(q);
  return null;
}

/**
 * The agent's state changed in another of their queues (a status chosen or forced, a wrap-up
 * started): their presence object tells us, and we read it from there (so notices arriving out of
 * order cannot leave a stale state), show it here and, when they are idle again, offer them chats.
 */
export async function presenceChanged(q: QueueContext, employeeId: string): Promise<void> {
  if (!q.store.agents.get(employeeId)) return;
  const state = await presenceOf(q.env, tenantOf(q), employeeId).state();
  if (mirror(q, employeeId, state)) await dispatch(q);
}

export async function releaseSlot(
  q: QueueContext,
  employeeId: string,
  conversationId: string,
): Promise<void> {
  await presenceOf(q.env, tenantOf(q), employeeId).release(conversationId, q.queueId);
}

/**
 * A chat of the agent ended here: its slot is freed and the agent wraps up (`arranging`) for this
 * queue's effective wrap-up duration in all their queues, in one call to their presence object (so
 * no other queue can offer them a chat in between). Also feeds the average handling time used for
 * wait estimates.
 */
export async function chatEnded(
  q: QueueContext,
  employeeId: string,
  conversationId: string,
  handleMs: number | null,
): Promise<void> {
  if (handleMs !== null) {
    const prev = Number(q.store.meta.get("avgHandleSeconds") ?? "0");
    q.store.meta.set("avgHandleSeconds", String(updateAverage(prev, handleMs / 1000)));
  }
  const config = await q.config.get(q.now());
  const seconds = effectiveWrapUpSeconds(config?.queue.wrapUpDuration ?? 0);
  const until = seconds > 0 ? q.now() + seconds * 1000 : null;
  const state = await presenceOf(q.env, tenantOf(q), employeeId).chatEnded(
    q.queueId,
    employeeId,
    conversationId,
    until,
  );
  mirror(q, employeeId, state, true);
}

/**
 * Wrap-up timer: the wrap-up end is the presence object's (a later wrap-up in another queue may
 * have moved it), so the state is read from there; once it is over the agent is idle again and
 * takes the next waiting customer.
 */
export async function wrapUpEnded(q: QueueContext, employeeId: string): Promise<void> {
  const a = q.store.agents.get(employeeId);
  if (a?.status !== "arranging") return;
  const state = await presenceOf(q.env, tenantOf(q), employeeId).state();
  if (state.status === "arranging" && state.wrapUpUntil === a.wrap_up_until) {
    // the timer ran before the wrap-up's end (or this clock is ahead of the presence object's)
    q.timers.set("wrapUp", employeeId, Math.max(state.wrapUpUntil, q.now() + WRAP_UP_RECHECK_MS));
    return;
  }
  if (mirror(q, employeeId, state)) await dispatch(q);
}

/** A wrap-up timer that ran before the wrap-up's end looks again this much later at the earliest. */
const WRAP_UP_RECHECK_MS = 1000;

/**
 * Signs an agent out of this queue: their live chats go back to the front of the waiting list,
 * their slots here are freed and their sockets closed.
 */
export async function signOut(q: QueueContext, employeeId: string, why: string): Promise<void> {
  const a = q.store.agents.get(employeeId);
  if (!a) return;
  const chats = q.store.conversations.ofAgent(employeeId);
  q.store.agents.delete(employeeId);
  q.timers.cancelAll(employeeId, ["wrapUp", "signOutGrace"]);
  for (const c of chats) {
    q.timers.cancelAll(c.id, ["noReply"]);
    q.store.conversations.update(c.id, {
      state: "queued",
      agent_id: null,
      agent_name: null,
      connected_at: null,
    });
    post(q, c.id, {
      sender: "system",
      senderName: null,
      text: "Your agent left. You are back at the front of the queue.",
      notice: { code: "agentLeft", params: {} },
      clientMsgId: null,
    });
    await placeInQueue(q, c.id, true);
  }
  const presence = presenceOf(q.env, tenantOf(q), employeeId);
  await presence.register(q.queueId, false);
  await presence.releaseQueue(q.queueId);
  await presence.releaseQueueCalls(
    q.queueId,
    q.store.calls.ofAgent(employeeId).map((c) => c.id),
  );
  for (const ws of q.sessions.employeeSockets(employeeId)) q.sessions.close(ws, CloseCode.normal, why);
  notifyCheckers(q);
  await dispatch(q);
}

/** The last socket of an agent closed: sign them out unless they come back within the grace period. */
export function agentDisconnected(q: QueueContext, employeeId: string, closing: WebSocket): void {
  if (!q.store.agents.get(employeeId)) return;
  if (q.sessions.employeeSockets(employeeId).some((ws) => ws !== closing)) return;
  q.timers.set("signOutGrace", employeeId, q.now() + signOutGraceMs(q.env));
}

export async function graceExpired(q: QueueContext, employeeId: string): Promise<void> {
  if (q.sessions.employeeSockets(employeeId).length > 0) return;
  await signOut(q, employeeId, "Signed out after the disconnect grace period");
}
