/**
 * A data-protection request reaching this queue (`worker/privacy/customer-data.ts` asks every
 * queue of the tenant): the customer's conversations here, whatever their state, are counted or
 * erased. Erasing one is like moving it away without a target: the customer's sockets close with
 * 4009 (`erased`, do not reconnect), its agent and watching checkers get `conversation.removed`
 * (reason `erased`) and the agent's slot back without wrap-up, a live call ends, and every row
 * about it goes (messages, notes, files' records, context, offers, both outboxes, so it is never
 * archived or announced afterwards). Calls of the customer this queue owns go too.
 */

import type { CustomerMatch } from "../../worker/privacy/customer-match";
import { CloseCode } from "../../worker/realtime/protocol";
import { presenceOf } from "../agent-presence";
import { announceAgent } from "./agents";
import { endCallOfChat } from "./calls/chat-end";
import { finishCall } from "./calls/routing";
import { notifyCheckers } from "./checker";
import type { QueueContext } from "./context";
import { CONVERSATION_TIMERS } from "./conversation";
import { dispatch } from "./dispatch";
import { notifyInbox } from "./leave-message";
import { pushPositions } from "./positions";
import type { TimerKind } from "./timers";

export const ERASED_REASON = "The customer's data was erased";

const CALL_TIMERS: TimerKind[] = ["callRing", "callWait", "callMaxDuration", "callSync"];

/** Whether this object serves a queue of the request's tenant (an unbound object holds nothing). */
function ours(q: QueueContext, match: CustomerMatch): boolean {
  return q.queueId !== "" && q.store.meta.get("tenantId") === match.tenantId;
}

/** How many of the customer's conversations this queue holds. */
export function countCustomer(q: QueueContext, match: CustomerMatch): number {
  if (!ours(q, match)) return 0;
  return q.store.customerData.conversationIds(match.customerIds, match.email).length;
}

/** Erases the customer's conversations and calls here; returns the ids of the conversations that went. */
export async function eraseCustomer(q: QueueContext, match: CustomerMatch): Promise<string[]> {
  if (!ours(q, match)) return [];
  const ids = q.store.customerData.conversationIds(match.customerIds, match.email);
  const agents = new Set<string>();
  // a conversation found by email names its customer: their calls and moves go too
  const customerIds = new Set(match.customerIds);
  for (const id of ids) {
    const c = q.store.conversations.get(id);
    if (!c) continue;
    customerIds.add(c.customer_id);
    for (const ws of q.sessions.customerSockets(id)) q.sessions.close(ws, CloseCode.erased, ERASED_REASON);
    endCallOfChat(q, id);
    const removed = { type: "conversation.removed" as const, conversationId: id, reason: "erased" };
    if (c.agent_id) q.sessions.sendAll(q.sessions.employeeSockets(c.agent_id), removed);
    q.sessions.sendAll(q.sessions.checkers(), removed);
    if (c.agent_id && c.state === "connected") {
      await presenceOf(q.env, c.tenant_id, c.agent_id).release(id);
      agents.add(c.agent_id);
    }
    q.timers.cancelAll(id, [...CONVERSATION_TIMERS, "purge", "offer"]);
    q.store.customerData.forgetConversation(id);
    q.store.conversations.delete(id);
  }
  for (const callId of q.store.customerData.callIds([...customerIds])) {
    for (const ws of q.sessions.callerSockets(callId)) q.sessions.close(ws, CloseCode.erased, ERASED_REASON);
    if (q.store.calls.get(callId)?.state !== "ended") await finishCall(q, callId, "chatEnded", "system");
    q.timers.cancelAll(callId, CALL_TIMERS);
    q.store.customerData.forgetCall(callId);
  }
  q.store.customerData.forgetMoves([...customerIds]);
  if (ids.length > 0) {
    for (const employeeId of agents) announceAgent(q, employeeId);
    pushPositions(q);
    notifyInbox(q);
    notifyCheckers(q);
    await dispatch(q);
  }
  return ids;
}
