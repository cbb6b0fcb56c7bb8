/**
 * The two parties of a call on this click-to-dial queue: the customer's call socket (opened with
 * the ticket from `call.placed`) and the agent's socket to this queue. Only the customer of a call
 * and the agent it rings or who took it can act on it; signalling (`call.signal`) is relayed as is,
 * only while the call is connected. A party's socket going away ends the call: the browser's peer
 * connection cannot outlive the page or the link that signals it.
 */

import { mintIceServers } from "../../../worker/realtime/ice-servers";
import type { CallerIdentity } from "../../../worker/realtime/identity";
import {
  type AgentCommand,
  type CallerCommand,
  CloseCode,
  type ErrorCode,
  type ServerEvent,
} from "../../../worker/realtime/protocol";
import type { QueueContext } from "../context";
import { declineEnds } from "../rules/calls";
import type { CallerAttachment, StaffAttachment } from "../sessions";
import type { CallRow } from "../store";
import { incomingEvent } from "./owner";
import { dispatchCalls, finishCall, ringFailed } from "./routing";
import { callerOf, callSummary } from "./summary";
import { syncSoon } from "./sync";

type Reply = (event: ServerEvent) => void;
type AgentCallCommand = Extract<AgentCommand, { type: `call.${string}` }>;

const fail = (reply: Reply, code: ErrorCode, message: string, ref: string) =>
  reply({ type: "error", code, message, ref });

/** A customer's call socket arrives: accepted for its call, welcomed with the call's state. */
export function onCallerConnect(q: QueueContext, ws: WebSocket, who: CallerIdentity): void {
  const c = q.store.calls.get(who.callId);
  const attachment: CallerAttachment = {
    role: "caller",
    tenantId: who.tenantId,
    customerId: who.customerId,
    conversationId: who.conversationId,
    callId: who.callId,
  };
  for (const old of q.sessions.callerSockets(who.callId))
    q.sessions.close(old, CloseCode.replaced, "Another connection for this call took over");
  q.sessions.acceptCaller(ws, attachment);
  const movedTo = c ? null : q.store.calls.movedTo(who.callId);
  if (movedTo) {
    q.sessions.send(ws, { type: "call.moved", callId: who.callId, url: movedTo });
    q.sessions.close(ws, CloseCode.moved, "The call moved to another skill queue");
    return;
  }
  if (!c || c.customer_id !== who.customerId) {
    q.sessions.send(ws, {
      type: "error",
      code: "not_found",
      message: "The call is no longer here",
      ref: null,
    });
    q.sessions.close(ws, CloseCode.conversationClosed, "The call is no longer here");
    return;
  }
  q.sessions.send(ws, { type: "call.welcome", call: callSummary(q, c) });
  if (c.state === "ended") q.sessions.close(ws, CloseCode.normal, "The call ended");
}

export async function onCallerCommand(
  q: QueueContext,
  me: CallerAttachment,
  cmd: CallerCommand,
  reply: Reply,
): Promise<void> {
  const c = q.store.calls.get(cmd.callId);
  if (!c || cmd.callId !== me.callId) return fail(reply, "not_found", "Call not found", cmd.callId);
  if (cmd.type === "call.hangup") {
    if (c.state === "ended") return;
    return finishCall(q, c.id, c.state === "connected" ? "hangup" : "cancelled", "customer");
  }
  if (c.state !== "connected") return fail(reply, "conflict", "The call is not connected", cmd.type);
  q.sessions.sendAll(c.agent_id ? q.sessions.employeeSockets(c.agent_id) : [], {
    type: "call.signalled",
    callId: c.id,
    from: "customer",
    signal: cmd.signal,
  });
}

/** An agent's call command on this queue's socket. */
export async function onAgentCallCommand(
  q: QueueContext,
  me: StaffAttachment,
  cmd: AgentCallCommand,
  reply: Reply,
): Promise<void> {
  const c = q.store.calls.get(cmd.callId);
  if (!c || c.agent_id !== me.employeeId || me.role !== "agent")
    return fail(reply, "not_found", "Call not found", cmd.callId);
  switch (cmd.type) {
    case "call.accept":
      if (c.state !== "ringing") return fail(reply, "conflict", "The call is no longer ringing", cmd.type);
      return accept(q, c);
    case "call.decline":
      if (c.state !== "ringing") return fail(reply, "conflict", "The call is no longer ringing", cmd.type);
      return decline(q, c);
    case "call.hangup":
      if (c.state === "ringing") return decline(q, c);
      if (c.state === "connected") return finishCall(q, c.id, "hangup", "agent");
      return;
    case "call.signal":
      if (c.state !== "connected") return fail(reply, "conflict", "The call is not connected", cmd.type);
      q.sessions.sendAll(callerOf(q, c), {
        type: "call.signalled",
        callId: c.id,
        from: "agent",
        signal: cmd.signal,
      });
      return;
  }
}

/**
 * The agent answers: the call is connected, its max call duration starts, and each party gets
 * its own ICE servers (short-lived TURN credentials when configured); the customer then offers.
 */
async function accept(q: QueueContext, c: CallRow): Promise<void> {
  const now = q.now();
  const config = await q.config.require(now);
  q.timers.cancel("callRing", c.id);
  q.timers.cancel("callWait", c.id);
  q.timers.set("callMaxDuration", c.id, now + config.queue.maxCallDuration * 1000);
  q.store.calls.update(c.id, { state: "connected", connected_at: now });
  const row = q.store.calls.get(c.id) as CallRow;
  const [forCustomer, forAgent] = await Promise.all([
    mintIceServers(q.env, config.queue.maxCallDuration),
    mintIceServers(q.env, config.queue.maxCallDuration),
  ]);
  const call = callSummary(q, row);
  q.sessions.sendAll(callerOf(q, row), { type: "call.updated", call, iceServers: forCustomer });
  q.sessions.sendAll(q.sessions.employeeSockets(c.agent_id ?? ""), {
    type: "call.updated",
    call,
    iceServers: forAgent,
  });
  syncSoon(q, c.id);
}

/** Declined by the chat's agent: the call ends. By anyone else: it goes on to another agent. */
async function decline(q: QueueContext, c: CallRow): Promise<void> {
  if (c.agent_id && declineEnds(c.chat_agent_id, c.agent_id)) return finishCall(q, c.id, "declined", "agent");
  await ringFailed(q, c);
}

/** The customer's call socket closed: their call ends (unless another socket took over). */
export async function callerLeft(q: QueueContext, me: CallerAttachment): Promise<void> {
  const c = q.store.calls.get(me.callId);
  if (!c || c.state === "ended" || q.sessions.callerSockets(c.id).length > 0) return;
  await finishCall(q, c.id, c.state === "connected" ? "connectionLost" : "cancelled", "customer");
}

/**
 * The agent's last socket to this queue closed, or they signed out: a call ringing them goes on
 * to someone else, a connected call ends.
 */
export async function agentLeft(q: QueueContext, employeeId: string): Promise<void> {
  if (q.sessions.employeeSockets(employeeId).length > 0) return;
  await dropAgentCalls(q, employeeId);
}

async function dropAgentCalls(q: QueueContext, employeeId: string): Promise<void> {
  for (const c of q.store.calls.ofAgent(employeeId)) {
    if (c.state === "ringing") await ringFailed(q, c);
    else await finishCall(q, c.id, "connectionLost", "agent");
  }
  await dispatchCalls(q);
}

/**
 * An agent (re)connected to this queue: a call ringing them rings again on the new socket; a
 * connected call is over (the page or link that carried it is gone).
 */
export async function agentConnected(q: QueueContext, ws: WebSocket, employeeId: string): Promise<void> {
  for (const c of q.store.calls.ofAgent(employeeId)) {
    if (c.state === "ringing") q.sessions.send(ws, incomingEvent(q, c));
    else await finishCall(q, c.id, "connectionLost", "agent");
  }
}

/** A signing-out agent's calls: as when their socket goes away. */
export const agentSignedOut = dropAgentCalls;
