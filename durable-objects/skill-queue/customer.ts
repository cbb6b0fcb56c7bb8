/**
 * The customer side: connecting (a new conversation, or back to the live one, or following one
 * that moved here), the chatbot stage, asking for an agent, messages, typing, read receipts,
 * evaluation and leaving.
 */

import { newId } from "../../worker/db/ids";
import { issueCustomerTicket } from "../../worker/realtime/customer-ticket";
import type { CustomerIdentity } from "../../worker/realtime/identity";
import { CloseCode, type CustomerCommand, type ServerEvent } from "../../worker/realtime/protocol";
import { ticketUrl } from "../../worker/realtime/tickets";
import { suggest } from "./assistant";
import { attachmentFor, attachmentOffer, unknownAttachment } from "./attachments";
import { offeredCalls, startCall } from "./calls/chat-side";
import { chatbotTurn, toAgent } from "./chatbot";
import type { QueueContext } from "./context";
import { EVALUATION_WINDOW_MS, ROBOT_IDLE_MS } from "./context";
import { ackAndFanOut, endConversation, fanOut, summary } from "./conversation";
import { type BrowserHeaders, pageViewed, recordBrowser } from "./customer-context";
import { evaluate } from "./evaluation";
import { conversationStarted } from "./event-payloads";
import { awaitsCustomer, leaveMessage, pendingMessageAdded } from "./leave-message";
import { refreshOffer } from "./offers";
import { replayPage, sendHistory } from "./paging";
import { sendPosition } from "./positions";
import { requestAgent } from "./queue";
import type { CustomerAttachment } from "./sessions";
import type { ConversationRow } from "./store";
import { queueStub } from "./transfer";

type Reply = (event: ServerEvent) => void;

/**
 * A customer socket arrives: find or start their conversation, accept, welcome, then route. Whether
 * a conversation that moved away is still live in its new queue is asked first, outside the
 * atomic step (a step never waits on another queue).
 */
export async function onCustomerConnect(
  q: QueueContext,
  ws: WebSocket,
  who: CustomerIdentity,
  resumeOnly = false,
  browser: BrowserHeaders = { userAgent: null, acceptLanguage: null },
): Promise<void> {
  const own = who.conversationId ? q.store.conversations.get(who.conversationId) : null;
  let forwardLive = false;
  // whether a move of this customer may be recorded (the step consumes it); known to be none when
  // peeked (events run one at a time, so none is recorded in between)
  let movePending = true;
  if (!own || own.customer_id !== who.customerId) {
    const move = q.store.moves.peek(who.customerId, who.channelId, q.now(), EVALUATION_WINDOW_MS);
    movePending = move !== null;
    forwardLive = move !== null && (await stillLiveThere(q, move.targetQueueId, move.conversationId));
  }
  await q.steps.atomic(() => connect(q, ws, who, { forwardLive, movePending }, resumeOnly, browser));
}

/**
 * `resumeOnly` (the widget's background check for a reply to a left message): continue an
 * existing conversation but never start one; with none, the socket closes with 4003.
 */
async function connect(
  q: QueueContext,
  ws: WebSocket,
  who: CustomerIdentity,
  { forwardLive, movePending }: { forwardLive: boolean; movePending: boolean },
  resumeOnly: boolean,
  browser: BrowserHeaders,
): Promise<void> {
  const now = q.now();
  const channel = await q.config.channel(who.tenantId, who.channelId);
  let c: ConversationRow | null = null;
  let fresh = false;
  if (who.conversationId) {
    const moved = q.store.conversations.get(who.conversationId);
    if (moved && moved.customer_id === who.customerId) c = moved;
  }
  if (!c) {
    const forward = movePending
      ? q.store.moves.take(who.customerId, who.channelId, now, EVALUATION_WINDOW_MS)
      : null;
    if (forward && forwardLive) {
      const ticket = await issueCustomerTicket(
        q.env,
        forward.targetQueueId,
        { ...who, conversationId: forward.conversationId },
        now,
      );
      q.sessions.acceptCustomer(ws, {
        role: "customer",
        tenantId: who.tenantId,
        channelId: who.channelId,
        customerId: who.customerId,
        conversationId: forward.conversationId,
      });
      q.sessions.send(ws, {
        type: "session.moved",
        skillQueueId: forward.targetQueueId,
        url: ticketUrl("customer", ticket),
      });
      q.sessions.close(ws, CloseCode.moved, "The conversation moved to another skill queue");
      return;
    }
    const latest = q.store.conversations.latestOfCustomer(who.customerId, who.channelId);
    // a live one, or a left message with a reply (or its expiry) the customer has not seen yet
    if (latest && (latest.state !== "ended" || awaitsCustomer(q, latest))) c = latest;
  }
  if (!c && resumeOnly) {
    q.sessions.acceptCustomer(ws, { ...customerAttachment(who), conversationId: "" });
    q.sessions.send(ws, {
      type: "session.welcome",
      role: "customer",
      skillQueueId: q.queueId,
      conversations: [],
      agent: null,
      serverTime: now,
      calls: [],
    });
    q.sessions.close(ws, CloseCode.conversationClosed, "No conversation to continue");
    return;
  }
  if (!c) {
    fresh = true;
    const chatbot = channel?.config.chatbot.enabled ?? false;
    c = {
      id: newId("cv", now),
      tenant_id: who.tenantId,
      channel_id: who.channelId,
      customer_id: who.customerId,
      customer_name: who.customerName,
      customer_name_verified: who.customerNameVerified ? 1 : 0,
      state: chatbot ? "bot" : "queued",
      agent_id: null,
      agent_name: null,
      started_at: now,
      queued_at: null,
      connected_at: null,
      ended_at: null,
      end_reason: null,
      last_seq: 0,
      rating: null,
      comment: null,
      hops: "[]",
      last_customer_at: now,
      pre_chat: JSON.stringify(who.preChat),
    };
    q.store.conversations.insert(c);
    conversationStarted(q, c);
    if (chatbot) q.timers.set("robotIdle", c.id, now + ROBOT_IDLE_MS);
  }
  for (const old of q.sessions.customerSockets(c.id)) {
    q.sessions.close(old, CloseCode.replaced, "Another connection of this customer took over");
  }
  q.sessions.acceptCustomer(ws, { ...customerAttachment(who), conversationId: c.id });
  const offer = await attachmentOffer(q, c, channel, now);
  q.sessions.send(ws, {
    type: "session.welcome",
    role: "customer",
    skillQueueId: q.queueId,
    conversations: [summary(q, c)],
    agent: null,
    serverTime: now,
    calls: await offeredCalls(q, channel),
    ...(offer ? { attachments: offer } : {}),
  });
  recordBrowser(q, c, browser);
  if (fresh && c.state === "queued") await requestAgent(q, c.id);
  else sendPosition(q, ws, c.id);
}

function customerAttachment(who: CustomerIdentity): Omit<CustomerAttachment, "conversationId"> {
  return { role: "customer", tenantId: who.tenantId, channelId: who.channelId, customerId: who.customerId };
}

/** Whether a conversation that moved away is still live in its new queue (else start afresh here). */
async function stillLiveThere(q: QueueContext, queueId: string, conversationId: string): Promise<boolean> {
  try {
    return await queueStub(q, queueId).isLive(conversationId);
  } catch (err) {
    console.error("move lookup failed", err);
    return false;
  }
}

export async function onCustomerCommand(
  q: QueueContext,
  ws: WebSocket,
  me: CustomerAttachment,
  cmd: CustomerCommand,
  reply: Reply,
) {
  if (cmd.type === "history.fetch") {
    const target = q.store.conversations.get(cmd.conversationId);
    if (!target || target.customer_id !== me.customerId || target.channel_id !== me.channelId)
      return reply({
        type: "error",
        code: "not_found",
        message: "Conversation not found",
        ref: cmd.conversationId,
      });
    return sendHistory(q, ws, target, cmd.beforeSeq);
  }
  const c = q.store.conversations.get(me.conversationId);
  if (!c && cmd.type === "evaluation.submit" && cmd.conversationId) {
    const target = q.store.conversations.get(cmd.conversationId);
    if (target && target.customer_id === me.customerId)
      return evaluate(q, ws, target, cmd.rating, cmd.comment, reply);
  }
  if (!c)
    return reply({
      type: "error",
      code: "not_found",
      message: "The conversation is no longer here",
      ref: cmd.type,
    });
  const ended = () =>
    reply({
      type: "error",
      code: "conflict",
      message: "The conversation has ended",
      ref: cmd.type === "message.send" ? cmd.clientMsgId : cmd.type,
    });
  switch (cmd.type) {
    case "session.resume":
      replayPage(q, ws, c, cmd.lastSeq);
      sendPosition(q, ws, c.id);
      return;
    case "message.send": {
      if (c.state === "ended") {
        const existing = q.store.messages.byClientId(c.id, cmd.clientMsgId);
        if (existing)
          return reply({
            type: "message.acked",
            conversationId: c.id,
            clientMsgId: cmd.clientMsgId,
            seq: existing.seq,
          });
        return ended();
      }
      const file = cmd.attachmentId
        ? attachmentFor(q, c, cmd.attachmentId, { kind: "customer", id: c.customer_id })
        : null;
      if (cmd.attachmentId && !file) return reply(unknownAttachment(cmd.clientMsgId));
      const message = {
        sender: "customer" as const,
        senderName: c.customer_name,
        text: cmd.text,
        clientMsgId: cmd.clientMsgId,
        attachment: file,
      };
      if (c.state === "pending") {
        await q.steps.atomic(async () => {
          if (!ackAndFanOut(q, ws, c, message).duplicate) pendingMessageAdded(q, c.id);
        });
        return;
      }
      // the append records when the customer last spoke; the no-reply timer re-arms from it
      if (c.state !== "bot") {
        const { row, duplicate } = ackAndFanOut(q, ws, c, message);
        if (!duplicate) await suggest(q, c, row.seq, row.text);
        // only a waiting customer can be on offer to a callout agent
        if (!duplicate && c.state === "queued") refreshOffer(q, c.id);
        return;
      }
      await q.steps.atomic(async () => {
        if (!ackAndFanOut(q, ws, c, message).duplicate) await chatbotTurn(q, c, cmd.text);
      });
      return;
    }
    case "agent.request":
      if (c.state === "ended") return ended();
      if (c.state !== "bot") {
        return reply({
          type: "error",
          code: "conflict",
          message: "You are already waiting for or chatting with an agent",
          ref: cmd.type,
        });
      }
      await toAgent(q, c);
      return;
    case "typing.set":
      if (c.state === "ended") return;
      fanOut(q, c, { type: "typing", conversationId: c.id, from: "customer", isTyping: cmd.isTyping }, ws);
      return;
    case "read.mark":
      // what the customer has seen of a left message (one statement; none for other chats)
      q.store.leftMessages.seen(c.id, Math.min(cmd.seq, c.last_seq));
      fanOut(
        q,
        c,
        { type: "read", conversationId: c.id, by: "customer", seq: Math.min(cmd.seq, c.last_seq) },
        ws,
      );
      return;
    case "evaluation.submit": {
      const target = cmd.conversationId ? q.store.conversations.get(cmd.conversationId) : c;
      if (!target || target.customer_id !== me.customerId || target.channel_id !== me.channelId) {
        return reply({ type: "error", code: "not_found", message: "Conversation not found", ref: cmd.type });
      }
      await evaluate(q, ws, target, cmd.rating, cmd.comment, reply);
      return;
    }
    case "conversation.leave":
      await endConversation(q, c.id, "customerLeft");
      return;
    case "message.leave":
      await leaveMessage(q, me, c, cmd, reply);
      return;
    case "call.start":
      return startCall(q, me, c, cmd.media, reply);
    case "page.viewed":
      pageViewed(q, c, cmd, reply);
      return;
  }
}
