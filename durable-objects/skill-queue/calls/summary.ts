/** A call row as the protocol shows it, and who hears about it. */
import type { CallSummary, ServerEvent } from "../../../worker/realtime/protocol";
import type { QueueContext } from "../context";
import type { CallRow } from "../store";

export function callSummary(q: QueueContext, c: CallRow): CallSummary {
  return {
    callId: c.id,
    conversationId: c.conversation_id,
    chatSkillQueueId: c.chat_queue_id,
    skillQueueId: q.queueId,
    media: c.media,
    state: c.state,
    customerId: c.customer_id,
    customerName: c.customer_name,
    customerNameVerified: c.customer_name_verified === 1,
    agentEmployeeId: c.agent_id,
    agentName: c.agent_name,
    chatAgentEmployeeId: c.chat_agent_id,
    chatAgentName: c.chat_agent_name,
    placedAt: c.placed_at,
    connectedAt: c.connected_at,
    endedAt: c.ended_at,
    endReason: c.end_reason,
    endedBy: c.ended_by,
  };
}

/** The customer's call sockets. */
export function callerOf(q: QueueContext, c: CallRow): WebSocket[] {
  return q.sessions.callerSockets(c.id);
}

/** The sockets of the agent the call rings or who took it. */
export function agentOf(q: QueueContext, c: CallRow): WebSocket[] {
  return c.agent_id ? q.sessions.employeeSockets(c.agent_id) : [];
}

/** Sends both parties the call's current state. */
export function announceCall(q: QueueContext, callId: string): void {
  const c = q.store.calls.get(callId);
  if (!c) return;
  const event: ServerEvent = { type: "call.updated", call: callSummary(q, c), iceServers: [] };
  q.sessions.sendAll([...callerOf(q, c), ...agentOf(q, c)], event);
}
