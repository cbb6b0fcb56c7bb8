/**
 * Conversation primitives shared by the handlers: summaries, appending a message (seq, then
 * fan-out), state broadcasts and ending a conversation with everything that follows from it.
 */
import type { ConversationSummary, EndReason, Notice, ServerEvent } from "../../worker/realtime/protocol";
import { chatEnded } from "./agents";
import { queueArchive } from "./archive";
import { endCallOfChat } from "./calls/chat-end";
import { notifyCheckers } from "./checker";
import type { QueueContext } from "./context";
import { EVALUATION_WINDOW_MS } from "./context";
import { dispatch } from "./dispatch";
import { conversationEnded, messageCreated } from "./event-payloads";
import { pushPositions } from "./positions";
import { type ConversationRow, type MessageRow, type NewMessage, preChatOf, toChatMessage } from "./store";
import type { TimerKind } from "./timers";

/** Timers that belong to a live conversation and die with it. */
export const CONVERSATION_TIMERS: TimerKind[] = [
  "wait",
  "reminder",
  "noReply",
  "maxDuration",
  "robotIdle",
  "route",
  "handOver",
  "leftExpiry",
];

/**
 * Commands whose handlers write at most one SQL statement (a message; the chatbot's turn opens a
 * transaction of its own), so they run as steps without a transaction (see steps.ts).
 */
export const SINGLE_WRITE_COMMANDS: ReadonlySet<string> = new Set([
  "call.signal",
  "message.send",
  "typing.set",
  "read.mark",
  "session.resume",
  "history.fetch",
]);

export function summary(q: QueueContext, c: ConversationRow): ConversationSummary {
  const left = c.state === "bot" || c.state === "queued" ? null : q.store.leftMessages.get(c.id);
  // offered while pending, or after a release until the customer leaves one (then it is pending)
  const offered = !!left && left.picked_by === null && (c.state === "pending" || left.left_at === null);
  return {
    conversationId: c.id,
    skillQueueId: q.queueId,
    customerId: c.customer_id,
    customerName: c.customer_name,
    customerNameVerified: c.customer_name_verified === 1,
    state: c.state,
    agentEmployeeId: c.agent_id,
    agentName: c.agent_name,
    startedAt: c.started_at,
    queuedAt: c.queued_at,
    connectedAt: c.connected_at,
    lastSeq: c.last_seq,
    evaluation: c.rating === null ? null : { rating: c.rating, comment: c.comment ?? "" },
    leaveMessage: offered ? { contact: left.contact_mode, left: left.confirmed === 1 } : null,
    contact: left?.contact ?? null,
    preChat: preChatOf(c),
  };
}

/** Everyone who sees a conversation: the customer, its agent and watching quality checkers. */
export function audience(q: QueueContext, c: ConversationRow, except?: WebSocket): WebSocket[] {
  // on every message: fresh arrays from the lookups are extended, not copied
  const sockets = q.sessions.customerSockets(c.id);
  for (const ws of staffAudience(q, c)) sockets.push(ws);
  if (!except) return sockets;
  const at = sockets.indexOf(except);
  if (at >= 0) sockets.splice(at, 1);
  return sockets;
}

/** The staff who see a conversation: its agent and the quality checkers watching it (never the customer). */
export function staffAudience(q: QueueContext, c: ConversationRow): WebSocket[] {
  const sockets = c.agent_id ? q.sessions.employeeSockets(c.agent_id) : [];
  for (const ws of q.sessions.checkers()) {
    const a = q.sessions.attachment(ws);
    if (a?.role === "qualityChecker" && a.watching.includes(c.id) && a.employeeId !== c.agent_id)
      sockets.push(ws);
  }
  return sockets;
}

export function fanOut(q: QueueContext, c: ConversationRow, event: ServerEvent, except?: WebSocket): void {
  q.sessions.sendAll(audience(q, c, except), event);
}

/**
 * Appends a message (persisted before anything is sent) and fans it out. A repeated clientMsgId
 * returns the original row with `duplicate: true` and sends nothing.
 */
export function post(
  q: QueueContext,
  conversationId: string,
  m: NewMessage,
): { row: MessageRow; duplicate: boolean } {
  const result = q.store.messages.append(conversationId, m, q.now());
  if (!result.duplicate) {
    const c = q.store.conversations.get(conversationId);
    if (c) fanOut(q, c, { type: "message", message: toChatMessage(result.row) });
    if (c) messageCreated(q, c, result.row);
  }
  return result;
}

/** Sends the conversation's current summary to everyone who sees it. */
export function broadcastUpdate(
  q: QueueContext,
  conversationId: string,
  reason: EndReason | null = null,
): void {
  const c = q.store.conversations.get(conversationId);
  if (c) fanOut(q, c, { type: "conversation.updated", conversation: summary(q, c), reason });
}

/**
 * Ends a live conversation: optional closing message, state `ended`, its timers cancelled, the
 * agent's slot freed and wrap-up started, the archive queued, and the queue re-dispatched.
 * Idempotent: an already ended conversation is left alone.
 */
export async function endConversation(
  q: QueueContext,
  conversationId: string,
  reason: EndReason,
  notice: {
    sender: "system" | "robot";
    senderName?: string | null;
    text: string;
    notice?: Notice | null;
  } | null = null,
): Promise<void> {
  const c = q.store.conversations.get(conversationId);
  if (!c || c.state === "ended") return;
  const now = q.now();
  if (notice?.text)
    post(q, c.id, {
      sender: notice.sender,
      senderName: notice.senderName ?? null,
      text: notice.text,
      notice: notice.notice ?? null,
      clientMsgId: null,
    });
  const wasQueued = c.state === "queued";
  q.store.waiting.dequeue(c.id);
  q.timers.cancelAll(c.id, CONVERSATION_TIMERS);
  q.store.conversations.update(c.id, { state: "ended", ended_at: now, end_reason: reason });
  conversationEnded(q, c.id, reason);
  broadcastUpdate(q, c.id, reason);
  q.timers.set("purge", c.id, now + EVALUATION_WINDOW_MS);
  queueArchive(q, c.id);
  endCallOfChat(q, c.id);
  if (c.agent_id && c.state === "connected") {
    await chatEnded(q, c.agent_id, c.id, c.connected_at ? now - c.connected_at : null);
  }
  if (wasQueued) pushPositions(q);
  notifyCheckers(q);
  await dispatch(q);
}

/**
 * A client's message: persisted first, then acknowledged to the sender (`message.acked` with its
 * seq), then fanned out. A repeated clientMsgId is only re-acknowledged with the original seq.
 */
export function ackAndFanOut(
  q: QueueContext,
  ws: WebSocket,
  c: ConversationRow,
  m: NewMessage & { clientMsgId: string },
): { row: MessageRow; duplicate: boolean } {
  const result = q.store.messages.append(c.id, m, q.now());
  q.sessions.send(ws, {
    type: "message.acked",
    conversationId: c.id,
    clientMsgId: m.clientMsgId,
    seq: result.row.seq,
  });
  // the append changes only the conversation's last seq, which nobody in the audience depends on
  if (!result.duplicate) fanOut(q, c, { type: "message", message: toChatMessage(result.row) });
  // synchronously after the message row (no await between), so both are committed together
  if (!result.duplicate) messageCreated(q, c, result.row);
  return result;
}
