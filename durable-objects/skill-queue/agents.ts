/**
 * Agents of this queue: signing in by connecting, status changes, the cross-queue chat slot held
 * in the agent's `AgentPresence` object, wrap-up ("arranging") after a chat, and sign-out (by
 * command, or when the grace period after the last socket closed runs out).
 */
import type { AgentPresence as AgentPresenceEvent, AgentStatus } from "../../worker/realtime/protocol";
import { CloseCode } from "../../worker/realtime/protocol";
import { presenceOf } from "../agent-presence";
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
    activeChats: q.store.activeChats(a.employee_id),
    maxConcurrentChats: a.max_chats,
    wrapUpUntil: a.wrap_up_until,
  };
}

/** Tells the agent's own sockets and the quality checkers about a presence change. */
export function announceAgent(q: QueueContext, employeeId: string): void {
  const a = q.store.agent(employeeId);
  if (!a) return;
  q.sessions.sendAll(q.sessions.employeeSockets(employeeId), {
    type: "agent.updated",
    agent: presenceEvent(q, a),
  });
  notifyCheckers(q);
}

function tenantOf(q: QueueContext): string {
  return q.store.meta("tenantId") ?? "";
}

/** Signs an agent in (or back in within the grace period). New sign-ins start idle. */
export async function signIn(
  q: QueueContext,
  employeeId: string,
  name: string,
  maxChats: number,
): Promise<AgentRow> {
  const now = q.now();
  q.timers.cancel("signOutGrace", employeeId);
  const existing = q.store.agent(employeeId);
  q.store.upsertAgent({
    employee_id: employeeId,
    name,
    status: "idle",
    status_since: now,
    wrap_up_until: null,
    max_chats: maxChats,
    signed_in_at: now,
  });
  const presence = presenceOf(q.env, tenantOf(q), employeeId);
  await presence.register(q.queueId, true);
  // self-healing: a slot this queue holds for a chat that is no longer the agent's here (a release
  // lost to a failed call) is freed, so a lost release never shrinks the agent's capacity for good
  await presence.releaseQueue(
    q.queueId,
    q.store.conversationsOf(employeeId).map((c) => c.id),
  );
  if (!existing) await presence.setStatus("idle", q.queueId, employeeId);
  return q.store.agent(employeeId) as AgentRow;
}

/** Sets an agent's status here and in their presence object (so every queue of theirs honours it). */
export async function setStatus(q: QueueContext, employeeId: string, status: AgentStatus): Promise<void> {
  if (!q.store.agent(employeeId)) return;
  q.timers.cancel("wrapUp", employeeId);
  q.store.setAgentStatus(employeeId, status, q.now());
  if (status !== "arranging")
    await presenceOf(q.env, tenantOf(q), employeeId).setStatus(status, q.queueId, employeeId);
  announceAgent(q, employeeId);
  if (status === "idle") await dispatch(q);
}

/**
 * The agent's status changed in another of their queues (their presence object tells us): show it
 * here too. `rest` and `busy` hold in every queue (ending a wrap-up here); `idle` ends them, but a
 * wrap-up after a chat of this queue goes on.
 */
export async function presenceChanged(
  q: QueueContext,
  employeeId: string,
  status: "idle" | "rest" | "busy",
): Promise<void> {
  const a = q.store.agent(employeeId);
  if (!a || a.status === status || (status === "idle" && a.status === "arranging")) return;
  q.timers.cancel("wrapUp", employeeId);
  q.store.setAgentStatus(employeeId, status, q.now());
  announceAgent(q, employeeId);
  if (status === "idle") await dispatch(q);
}

export async function releaseSlot(
  q: QueueContext,
  employeeId: string,
  conversationId: string,
): Promise<void> {
  await presenceOf(q.env, tenantOf(q), employeeId).release(conversationId, q.queueId);
}

/**
 * After a chat ends, an idle agent is `arranging` for the queue's effective wrap-up duration, then
 * idle again (0: idle at once). Also feeds the average handling time used for wait estimates.
 */
export async function startWrapUp(
  q: QueueContext,
  employeeId: string,
  handleMs: number | null,
): Promise<void> {
  if (handleMs !== null) {
    const prev = Number(q.store.meta("avgHandleSeconds") ?? "0");
    q.store.setMeta("avgHandleSeconds", String(updateAverage(prev, handleMs / 1000)));
  }
  const a = q.store.agent(employeeId);
  if (!a) return;
  const config = await q.config.get(q.now());
  const seconds = effectiveWrapUpSeconds(config?.queue.wrapUpDuration ?? 0);
  if (seconds > 0 && (a.status === "idle" || a.status === "arranging")) {
    const until = q.now() + seconds * 1000;
    q.store.setAgentStatus(employeeId, "arranging", q.now(), until);
    q.timers.set("wrapUp", employeeId, until);
  }
  announceAgent(q, employeeId);
}

/** Wrap-up timer: arranging → idle, then the freed agent takes the next waiting customer. */
export async function wrapUpEnded(q: QueueContext, employeeId: string): Promise<void> {
  const a = q.store.agent(employeeId);
  if (a?.status !== "arranging") return;
  q.store.setAgentStatus(employeeId, "idle", q.now());
  announceAgent(q, employeeId);
  await dispatch(q);
}

/**
 * Signs an agent out of this queue: their live chats go back to the front of the waiting list,
 * their slots here are freed and their sockets closed.
 */
export async function signOut(q: QueueContext, employeeId: string, why: string): Promise<void> {
  const a = q.store.agent(employeeId);
  if (!a) return;
  const chats = q.store.conversationsOf(employeeId);
  q.store.deleteAgent(employeeId);
  q.timers.cancelAll(employeeId, ["wrapUp", "signOutGrace"]);
  for (const c of chats) {
    q.timers.cancelAll(c.id, ["noReply"]);
    q.store.updateConversation(c.id, {
      state: "queued",
      agent_id: null,
      agent_name: null,
      connected_at: null,
    });
    post(q, c.id, {
      sender: "system",
      senderName: null,
      text: "Your agent left. You are back at the front of the queue.",
      clientMsgId: null,
    });
    await placeInQueue(q, c.id, true);
  }
  const presence = presenceOf(q.env, tenantOf(q), employeeId);
  await presence.register(q.queueId, false);
  await presence.releaseQueue(q.queueId);
  for (const ws of q.sessions.employeeSockets(employeeId)) q.sessions.close(ws, CloseCode.normal, why);
  notifyCheckers(q);
  await dispatch(q);
}

/** The last socket of an agent closed: sign them out unless they come back within the grace period. */
export function agentDisconnected(q: QueueContext, employeeId: string, closing: WebSocket): void {
  if (!q.store.agent(employeeId)) return;
  if (q.sessions.employeeSockets(employeeId).some((ws) => ws !== closing)) return;
  q.timers.set("signOutGrace", employeeId, q.now() + signOutGraceMs(q.env));
}

export async function graceExpired(q: QueueContext, employeeId: string): Promise<void> {
  if (q.sessions.employeeSockets(employeeId).length > 0) return;
  await signOut(q, employeeId, "Signed out after the disconnect grace period");
}
