/**
 * The queue's webhook events, one function per event type, each called once in the step that
 * makes the change (see `events.ts` and the README for the payloads). Ids are derived from the
 * change, so they are unique and stable.
 */
import type { EndReason } from "../../worker/realtime/protocol";
import type { QueueContext } from "./context";
import { emitEvent, mayWant } from "./events";
import { leftText } from "./rules/left-message";
import type { ConversationRow, MessageRow } from "./store";

const base = (q: QueueContext, c: ConversationRow) => ({
  conversationId: c.id,
  skillQueueId: q.queueId,
  channelId: c.channel_id,
  customerId: c.customer_id,
});

export function messageCreated(q: QueueContext, c: ConversationRow, m: MessageRow): void {
  // on the message path: nothing is built for a tenant that does not want it
  if (!mayWant(q, "message.created")) return;
  emitEvent(
    q,
    "message.created",
    {
      ...base(q, c),
      seq: m.seq,
      sender: m.sender,
      senderName: m.sender_name,
      text: m.text,
      createdAt: m.at,
    },
    `msg:${c.id}:${m.seq}`,
  );
}

const withCustomer = (q: QueueContext, c: ConversationRow) => {
  const { customerId: _, ...where } = base(q, c);
  return {
    ...where,
    customer: { id: c.customer_id, name: c.customer_name, nameVerified: c.customer_name_verified === 1 },
  };
};

export function conversationStarted(q: QueueContext, c: ConversationRow): void {
  emitEvent(
    q,
    "conversation.started",
    {
      ...withCustomer(q, c),
      state: c.state,
      startedAt: c.started_at,
    },
    `conv:${c.id}:started`,
  );
}

/** `c` as it is after the assignment (its new agent). */
export function conversationAssigned(
  q: QueueContext,
  c: ConversationRow,
  reason: "dispatched" | "intercepted",
  previousAgentEmployeeId: string | null,
): void {
  const at = q.now();
  emitEvent(
    q,
    "conversation.assigned",
    {
      ...base(q, c),
      agent: { employeeId: c.agent_id ?? "", name: c.agent_name },
      reason,
      previousAgentEmployeeId,
      connectedAt: c.connected_at ?? at,
    },
    `conv:${c.id}:assigned:${at}`,
  );
}

export function conversationTransferred(
  q: QueueContext,
  c: ConversationRow,
  toSkillQueueId: string,
  automatic: boolean,
  at: number,
): void {
  const { skillQueueId, ...where } = base(q, c);
  emitEvent(
    q,
    "conversation.transferred",
    {
      ...where,
      fromSkillQueueId: skillQueueId,
      toSkillQueueId,
      agentEmployeeId: c.agent_id,
      automatic,
      transferredAt: at,
    },
    `conv:${c.id}:transferred:${skillQueueId}:${at}`,
  );
}

/** Called after the conversation was marked ended (its row holds the end). */
export function conversationEnded(q: QueueContext, conversationId: string, reason: EndReason): void {
  const c = q.store.conversations.get(conversationId);
  if (!c) return;
  emitEvent(
    q,
    "conversation.ended",
    {
      ...base(q, c),
      agentEmployeeId: c.agent_id,
      reason,
      startedAt: c.started_at,
      connectedAt: c.connected_at,
      endedAt: c.ended_at ?? q.now(),
      messageCount: c.last_seq,
    },
    `conv:${c.id}:ended`,
  );
}

export function evaluationSubmitted(
  q: QueueContext,
  c: ConversationRow,
  rating: number,
  comment: string,
): void {
  const at = q.now();
  emitEvent(
    q,
    "evaluation.submitted",
    { ...base(q, c), agentEmployeeId: c.agent_id, rating, comment, submittedAt: at },
    `eval:${c.id}:${at}`,
  );
}

/**
 * The conversation just became a left message (the first time in this queue): what the customer
 * wrote since they were queued, and the contact details given so far. Its id names the queue, as a
 * conversation moved on after a pickup may become a left message again in another queue.
 */
export function messageLeft(
  q: QueueContext,
  c: ConversationRow,
  contact: string | null,
  leftAt: number,
): void {
  emitEvent(
    q,
    "message.left",
    {
      ...withCustomer(q, c),
      contact,
      ...leftText(q.store.messages.customerTextsSince(c.id, c.queued_at ?? 0)),
      leftAt,
    },
    `left:${c.id}:${q.queueId}`,
  );
}
