/**
 * The chat's side of click to dial, in the chat's (multimedia) queue: which calls the channel
 * offers (the call buttons), `call.start` (asks the click-to-dial queue to place the call and
 * answers `call.placed` with the customer's call-socket ticket), and the owner's notices of the
 * call's changes: the transcript gets "Voice call started / ended (4 min 12 s)" as system events,
 * the chat's agent and watching checkers see the call, and the no-reply dialog end waits while a
 * call is live (the customer is talking, not typing).
 */
import type { CallMedia, ServerEvent } from "../../../worker/realtime/protocol";
import type { ChannelRow } from "../config";
import type { QueueContext } from "../context";
import { EVALUATION_WINDOW_MS } from "../context";
import { audience, post } from "../conversation";
import { callKindsOf, callTranscriptText } from "../rules/calls";
import type { CustomerAttachment } from "../sessions";
import { type ChatCallRow, type ConversationRow, toChatMessage } from "../store";
import type { PlaceCallAnswer } from "./routing";
import type { CallNotice, CallNoticeAnswer } from "./sync";

type Reply = (event: ServerEvent) => void;

/** Latest chat messages a call carries for an agent who is not in the chat. */
export const CALL_CONTEXT_MESSAGES = 20;
const TYPE_TTL_MS = 60_000;
const queueTypes = new WeakMap<QueueContext, Map<string, { type: string | null; at: number }>>();

/** The click-to-dial queue the channel's calls go to, null when it offers none (no setting, or an IVR). */
function callQueueOf(channel: ChannelRow | null): string | null {
  const ctd = channel?.config.clickToDial;
  return ctd?.calledParty === "agent" ? (ctd.skillQueueId ?? null) : null;
}

/** The calls a channel offers now (its click-to-dial queue's type decides; cached a minute). */
export async function offeredCalls(q: QueueContext, channel: ChannelRow | null): Promise<CallMedia[]> {
  const queueId = callQueueOf(channel);
  if (!channel || !queueId) return [];
  const cache = queueTypes.get(q) ?? new Map<string, { type: string | null; at: number }>();
  queueTypes.set(q, cache);
  const now = q.now();
  let known = cache.get(queueId);
  if (!known || now - known.at > TYPE_TTL_MS) {
    known = { type: (await q.config.otherQueue(channel.tenantId, queueId))?.type ?? null, at: now };
    cache.set(queueId, known);
  }
  return known.type ? callKindsOf(known.type) : [];
}

/** `call.start`: checked here, placed by the click-to-dial queue after this step commits. */
export async function startCall(
  q: QueueContext,
  me: CustomerAttachment,
  c: ConversationRow,
  media: CallMedia,
  reply: Reply,
): Promise<void> {
  const refuse = (code: "conflict" | "not_allowed" | "unavailable" | "internal", message: string) =>
    reply({ type: "error", code, message, ref: "call.start" });
  if (c.state !== "connected") return refuse("conflict", "You can call once an agent is chatting with you");
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const queueId = callQueueOf(channel);
  const kinds = await offeredCalls(q, channel);
  if (!queueId || !kinds.includes(media))
    return refuse(
      "not_allowed",
      kinds.length ? `Only ${kinds.join(" and ")} calls are offered here` : "This chat offers no calls",
    );
  const context = q.store.messages
    .before(c.id, c.last_seq + 1, CALL_CONTEXT_MESSAGES)
    .reverse()
    .map(toChatMessage);
  q.steps.later(async () => {
    let answer: PlaceCallAnswer;
    try {
      answer = await q.env.SKILL_QUEUE.get(q.env.SKILL_QUEUE.idFromName(queueId)).placeCall({
        queueId,
        tenantId: c.tenant_id,
        chatQueueId: q.queueId,
        conversationId: c.id,
        channelId: c.channel_id,
        customerId: me.customerId,
        customerName: c.customer_name,
        customerNameVerified: c.customer_name_verified === 1,
        chatAgentId: c.agent_id,
        chatAgentName: c.agent_name,
        media,
        context,
      });
    } catch (err) {
      console.error("placing a call failed", err);
      return refuse("unavailable", "The call could not be placed; please try again");
    }
    if (!answer.ok) return refuse(answer.code, answer.message);
    await q.steps.atomic(async () => {
      record(q, c.id, answer.call.skillQueueId, answer.call, answer.version);
    });
    reply({ type: "call.placed", callId: answer.callId, media, url: answer.url });
  });
}

/** Records a notice of the owner and says what it changed (null: nothing, it was older). */
function record(
  q: QueueContext,
  conversationId: string,
  callQueueId: string,
  call: CallNotice["call"],
  version: number,
): { before: ChatCallRow | null } | null {
  const before = q.store.chatCalls.get(call.callId);
  const changed = q.store.chatCalls.record({
    call_id: call.callId,
    conversation_id: conversationId,
    call_queue_id: callQueueId,
    media: call.media,
    state: call.state,
    version,
    connected_at: call.connectedAt,
    ended_at: call.endedAt,
    end_reason: call.endReason,
    summary: JSON.stringify(call),
  });
  if (!changed) return null;
  const c = q.store.conversations.get(conversationId);
  // staff only: the customer's call part hears of its call on the call socket
  const staff = c ? audience(q, c).filter((ws) => q.sessions.attachment(ws)?.role !== "customer") : [];
  q.sessions.sendAll(staff, { type: "conversation.call", conversationId, call });
  return { before };
}

/**
 * The owner's notice of a call's change: recorded (older notices change nothing); the transcript
 * gets the call's start and end; an ended call restarts the no-reply window. A chat that moved
 * away answers where it went, so the owner tells that queue instead.
 */
export async function callChanged(q: QueueContext, n: CallNotice): Promise<CallNoticeAnswer> {
  const call = n.call;
  const c = q.store.conversations.get(call.conversationId);
  if (!c) {
    const move = q.store.moves.peek(call.customerId, n.channelId, q.now(), EVALUATION_WINDOW_MS);
    return move?.conversationId === call.conversationId ? { movedTo: move.targetQueueId } : { gone: true };
  }
  const change = record(q, c.id, call.skillQueueId, call, n.version);
  if (!change || c.state === "ended") return { ok: true };
  const was = change.before;
  const system = (text: string) =>
    post(q, c.id, { sender: "system", senderName: null, text, clientMsgId: null });
  if (call.connectedAt !== null && was?.connected_at == null)
    system(callTranscriptText(call.media, { kind: "started" }));
  if (call.state === "ended" && was?.state !== "ended") {
    const talkedMs =
      call.connectedAt !== null && call.endedAt !== null ? call.endedAt - call.connectedAt : null;
    system(callTranscriptText(call.media, { kind: "ended", reason: call.endReason ?? "hangup", talkedMs }));
    q.store.conversations.update(c.id, { last_customer_at: Math.max(c.last_customer_at, q.now()) });
  }
  return { ok: true };
}

/** Whether a call of the chat is live (the no-reply dialog end waits for it). */
export function hasLiveCall(q: QueueContext, conversationId: string): boolean {
  return q.store.chatCalls.live(conversationId) !== null;
}

/** A checker starts watching a chat: they see its live call too. */
export function sendChatCall(q: QueueContext, ws: WebSocket, conversationId: string): void {
  const live = q.store.chatCalls.live(conversationId);
  if (live)
    q.sessions.send(ws, { type: "conversation.call", conversationId, call: JSON.parse(live.summary) });
}
