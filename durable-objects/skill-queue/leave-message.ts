/**
 * Left messages (issue 15): when a wait ends without an agent (timeout, busy or no-agent release,
 * outside agent work time), the customer may leave a message. A conversation whose customer wrote
 * while queued becomes `pending` at once (nothing they wrote is left unseen); otherwise it ends as
 * before, with the message offered. `message.leave` adds text and contact details and makes it
 * `pending`. Pending conversations stay in this object (single writer: the first agent to pick
 * one up wins) in the queue's Messages inbox until an agent picks them up or the channel's
 * `leaveMessage.pendingDays` pass (`leftExpiry` → ended, `expired`). An answered or expired one
 * that holds something the customer has not seen is kept for them and found when they return.
 */
import type { CustomerCommand, EndReason, Notice, ServerEvent } from "../../worker/realtime/protocol";
import { LEFT_MESSAGES_PAGE } from "../../worker/realtime/protocol";
import { leaveMessageOf } from "../../worker/schemas/leave-message";
import { presenceOf } from "../agent-presence";
import { announceAgent, mirror } from "./agents";
import { queueArchive } from "./archive";
import { notifyCheckers } from "./checker";
import type { QueueContext } from "./context";
import { broadcastUpdate, CONVERSATION_TIMERS, endConversation, post } from "./conversation";
import { dispatch } from "./dispatch";
import { messageLeft } from "./event-payloads";
import { assignedEvent } from "./paging";
import { pushPositions } from "./positions";
import { DEFAULT_DIALOG_END, noReplyMs } from "./rules/dialog-end";
import {
  becomesPending,
  contactProblem,
  DAY_MS,
  expiresAt,
  keptForCustomer,
  LEFT_EVENT_WAIT_MS,
  leftEventAtOnce,
} from "./rules/left-message";
import type { CustomerAttachment, StaffAttachment } from "./sessions";
import type { ConversationRow } from "./store";

type Reply = (event: ServerEvent) => void;
type Release = "timeout" | "busy" | "noAgent" | "nonWorkingTime";
type SystemNotice = { text: string; notice?: Notice | null };

/**
 * A wait ends without an agent. Without left messages on the channel: the notice and the end, as
 * before. With them: the notice, then `pending` when the customer wrote since being queued, else
 * the end with the message offered (`leaveMessage` in the summary).
 */
export async function releaseWait(
  q: QueueContext,
  conversationId: string,
  reason: Release,
  notice: SystemNotice,
): Promise<void> {
  const c = q.store.conversations.get(conversationId);
  if (!c || c.state === "ended" || c.state === "pending") return;
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const settings = leaveMessageOf(channel?.config.leaveMessage);
  const message = { sender: "system" as const, ...notice };
  if (!channel || !settings.enabled) return endConversation(q, c.id, reason, message);
  q.store.leftMessages.offer(c.id, settings.contact);
  const wrote = c.queued_at === null ? 0 : q.store.messages.customerSince(c.id, c.queued_at);
  if (!becomesPending(wrote)) return endConversation(q, c.id, reason, message);
  post(q, c.id, {
    sender: "system",
    senderName: null,
    text: notice.text,
    notice: notice.notice ?? null,
    clientMsgId: null,
  });
  await toPending(q, c, reason, settings.pendingDays);
}

/** Makes a released (or just ended) conversation a left message: `pending`, in the inbox. */
async function toPending(q: QueueContext, c: ConversationRow, reason: EndReason, pendingDays: number) {
  const now = q.now();
  const row = q.store.leftMessages.get(c.id);
  const leftAt = row?.left_at ?? now;
  const expires = row?.expires_at ?? expiresAt(leftAt, pendingDays);
  const wasQueued = c.state === "queued";
  q.store.waiting.dequeue(c.id);
  q.timers.cancelAll(c.id, [...CONVERSATION_TIMERS, "purge"]);
  q.store.conversations.update(c.id, { state: "pending", end_reason: reason, ended_at: null });
  q.store.leftMessages.update(c.id, { left_at: leftAt, expires_at: expires });
  if (row?.left_at == null) {
    if (!row || leftEventAtOnce(row.contact_mode, row.confirmed === 1))
      messageLeft(q, c, row?.contact ?? null, leftAt);
    else q.timers.set("leftEvent", c.id, leftAt + LEFT_EVENT_WAIT_MS);
  }
  q.timers.set("leftExpiry", c.id, expires);
  queueArchive(q, c.id);
  broadcastUpdate(q, c.id, reason);
  notifyInbox(q);
  if (wasQueued) pushPositions(q);
  notifyCheckers(q);
  await dispatch(q);
}

/** The customer's `message.leave`: text and contact details; the conversation becomes `pending`. */
export async function leaveMessage(
  q: QueueContext,
  me: CustomerAttachment,
  c: ConversationRow,
  cmd: Extract<CustomerCommand, { type: "message.leave" }>,
  reply: Reply,
): Promise<void> {
  const ref = "message.leave";
  const row = q.store.leftMessages.get(c.id);
  const open =
    row !== null &&
    row.picked_by === null &&
    (c.state === "pending" || (c.state === "ended" && row.left_at === null && c.agent_id === null));
  if (!open || c.customer_id !== me.customerId) {
    return reply({
      type: "error",
      code: "not_allowed",
      message: "A message can be left only when no agent could take the chat",
      ref,
    });
  }
  const issues: Record<string, string[]> = {};
  const problem = contactProblem(row.contact_mode, cmd.contact);
  if (problem) issues.contact = [problem];
  const wrote = q.store.messages.lastOfCustomer(c.id) !== null;
  if (!cmd.text && !wrote && c.state === "ended") issues.text = ["write your message"];
  if (Object.keys(issues).length)
    return reply({
      type: "error",
      code: "invalid_frame",
      message: "Invalid message.leave frame",
      ref,
      issues,
    });
  if (cmd.text && !q.store.messages.byClientId(c.id, cmd.clientMsgId)) {
    post(q, c.id, {
      sender: "customer",
      senderName: c.customer_name,
      text: cmd.text,
      clientMsgId: cmd.clientMsgId,
    });
  }
  q.store.leftMessages.update(c.id, { contact: cmd.contact || row.contact, confirmed: 1 });
  if (c.state === "ended") {
    const channel = await q.config.channel(c.tenant_id, c.channel_id);
    const pendingDays = leaveMessageOf(channel?.config.leaveMessage).pendingDays;
    await toPending(q, c, c.end_reason ?? "noAgent", pendingDays);
  } else {
    sendLeftEvent(q, c.id);
    queueArchive(q, c.id);
    broadcastUpdate(q, c.id);
    notifyInbox(q);
  }
  reply({ type: "message.left", conversationId: c.id, clientMsgId: cmd.clientMsgId });
}

/**
 * Sends the `message.left` event that was waiting for the customer's contact details (the
 * `leftEvent` timer), with what they gave by now; nothing when none is waiting.
 */
export function sendLeftEvent(q: QueueContext, conversationId: string): void {
  if (q.timers.get("leftEvent", conversationId) === null) return;
  q.timers.cancel("leftEvent", conversationId);
  leftEventWaitEnded(q, conversationId);
}

/** The `leftEvent` timer fired: the event goes out with whatever contact details were given. */
export function leftEventWaitEnded(q: QueueContext, conversationId: string): void {
  const c = q.store.conversations.get(conversationId);
  const row = q.store.leftMessages.get(conversationId);
  if (c && row?.left_at != null) messageLeft(q, c, row.contact, row.left_at);
}

/** A customer's message to a pending conversation: kept in the transcript, the inbox and archive told. */
export function pendingMessageAdded(q: QueueContext, conversationId: string): void {
  queueArchive(q, conversationId);
  notifyInbox(q);
}

/**
 * An agent picks up a left message: the first one wins (a second gets `conflict` and the item is
 * gone from everyone's inbox). The agent's presence object reserves a slot as for any chat; the
 * chat then runs like a live one (dialog end and max duration counted from the pickup).
 */
export async function pickUp(
  q: QueueContext,
  me: StaffAttachment,
  conversationId: string,
  reply: Reply,
): Promise<void> {
  const conflict = (message: string) =>
    reply({ type: "error", code: "conflict", message, ref: conversationId });
  if (me.role !== "agent")
    return reply({
      type: "error",
      code: "not_allowed",
      message: "Only an agent may do this",
      ref: conversationId,
    });
  const c = q.store.conversations.get(conversationId);
  const row = c ? q.store.leftMessages.get(c.id) : null;
  if (!c || !row || row.left_at === null)
    return reply({ type: "error", code: "not_found", message: "No such left message", ref: conversationId });
  if (c.state !== "pending" || row.picked_by !== null)
    return conflict("Another agent already picked up this message");
  const agent = q.store.agents.get(me.employeeId);
  if (!agent)
    return reply({ type: "error", code: "not_allowed", message: "Sign in first", ref: conversationId });
  const reservation = await presenceOf(q.env, c.tenant_id, me.employeeId).reserve(
    q.queueId,
    c.id,
    agent.max_chats,
  );
  if (!reservation.ok) {
    mirror(q, me.employeeId, reservation, true);
    return reply({
      type: "error",
      code: "unavailable",
      message: "You cannot take another chat now (at your chat limit, at rest or wrapping up)",
      ref: conversationId,
    });
  }
  if (!q.store.leftMessages.pickUp(c.id, me.employeeId)) {
    await presenceOf(q.env, c.tenant_id, me.employeeId).release(c.id);
    return conflict("Another agent already picked up this message");
  }
  sendLeftEvent(q, c.id);
  const now = q.now();
  const config = await q.config.require(now);
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  q.timers.cancel("leftExpiry", c.id);
  q.store.conversations.update(c.id, {
    state: "connected",
    agent_id: me.employeeId,
    agent_name: agent.name,
    connected_at: now,
    last_customer_at: now,
  });
  q.timers.set("noReply", c.id, now + noReplyMs(channel?.config.dialogEnd ?? DEFAULT_DIALOG_END));
  q.timers.set("maxDuration", c.id, now + config.queue.maxCallDuration * 1000);
  const picked = q.store.conversations.get(c.id) as ConversationRow;
  q.sessions.sendAll(q.sessions.employeeSockets(me.employeeId), assignedEvent(q, picked));
  post(q, c.id, {
    sender: "system",
    senderName: null,
    text: `You are now chatting with ${agent.name}.`,
    notice: { code: "connectedTo", params: { name: agent.name } },
    clientMsgId: null,
  });
  broadcastUpdate(q, c.id);
  announceAgent(q, me.employeeId);
  notifyInbox(q);
  notifyCheckers(q);
}

export const EXPIRED_NOTICE = "Sorry, nobody could answer your message in time. Please start a new chat.";

/** `leftExpiry` timer: a left message nobody picked up ends (`expired`), the customer told. */
export async function leftMessageExpired(q: QueueContext, conversationId: string): Promise<void> {
  const c = q.store.conversations.get(conversationId);
  if (c?.state !== "pending") return;
  await endConversation(q, c.id, "expired", {
    sender: "system",
    text: EXPIRED_NOTICE,
    notice: { code: "expired", params: {} },
  });
  notifyInbox(q);
}

/**
 * Whether an ended left message still holds something its customer has not seen (a reply, the
 * expiry notice) within the channel's pending days after its end; returns until when, else null.
 */
export async function keptUntil(q: QueueContext, c: ConversationRow): Promise<number | null> {
  const row = q.store.leftMessages.get(c.id);
  if (!row || row.left_at === null || c.ended_at === null) return null;
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const pendingDays = leaveMessageOf(channel?.config.leaveMessage).pendingDays;
  const unseen = q.store.messages.othersAfter(c.id, row.seen_seq);
  return keptForCustomer({ endedAt: c.ended_at, pendingDays, unseen }, q.now())
    ? c.ended_at + pendingDays * DAY_MS
    : null;
}

/** Whether a returning customer continues this ended conversation (a left message with news for them). */
export function awaitsCustomer(q: QueueContext, c: ConversationRow): boolean {
  const row = q.store.leftMessages.get(c.id);
  return !!row && row.left_at !== null && q.store.messages.othersAfter(c.id, row.seen_seq);
}

/** The Messages inbox event: left messages nobody picked up, oldest first. */
export function inboxEvent(q: QueueContext): Extract<ServerEvent, { type: "leftMessages.updated" }> {
  const { rows, total } = q.store.leftMessages.waiting(LEFT_MESSAGES_PAGE);
  const items = [];
  for (const r of rows) {
    const c = q.store.conversations.get(r.conversation_id);
    if (!c || r.left_at === null) continue;
    const last = q.store.messages.lastOfCustomer(c.id);
    items.push({
      conversationId: c.id,
      customerName: c.customer_name,
      customerNameVerified: c.customer_name_verified === 1,
      contact: r.contact,
      leftAt: r.left_at,
      expiresAt: r.expires_at ?? r.left_at,
      preview: (last?.text ?? "").slice(0, 200),
    });
  }
  return { type: "leftMessages.updated", items, total };
}

/** Tells every agent of the queue the inbox changed. */
export function notifyInbox(q: QueueContext): void {
  const agents = q.sessions.sockets("agent");
  if (agents.length) q.sessions.sendAll(agents, inboxEvent(q));
}
