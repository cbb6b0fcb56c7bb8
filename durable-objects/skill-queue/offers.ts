/**
 * Offers to callout agents (`rules/offer.ts`): dispatch offers a waiting customer to a callout
 * agent instead of assigning them. The customer stays on the waiting list at their place; the
 * agent's chat slot is reserved in their presence object while the offer is open; an `offer`
 * timer ends it at the deadline. An offer that is no longer valid (the customer left or moved, the
 * agent signed out, lost their socket, or is no longer idle) is withdrawn at the next dispatch or
 * by its timer, whichever comes first. The agent's answers are in `offer-answers.ts`.
 */
import type { OfferEndReason } from "../../worker/realtime/protocol";
import { releaseSlot } from "./agents";
import { configuredRole, type QueueConfig } from "./config";
import type { QueueContext } from "./context";
import { summary } from "./conversation";
import { offerDeadline, REOFFER_BLOCK_MS } from "./rules/offer";
import { mayBeOffered } from "./rules/staff-access";
import type { AgentRow, ConversationRow, OfferRow } from "./store";

const PREVIEW_CHARS = 200;

/** Offers a waiting conversation to a callout agent whose slot is reserved. */
export function offer(q: QueueContext, c: ConversationRow, agent: AgentRow): void {
  const now = q.now();
  q.store.offers.add(c.id, agent.employee_id, now);
  q.timers.set("offer", c.id, offerDeadline(now));
  sendOffer(q, q.sessions.employeeSockets(agent.employee_id), c, now);
}

/** The customer wrote while their chat is offered: the agent gets the offer again with the new preview. */
export function refreshOffer(q: QueueContext, conversationId: string): void {
  const o = q.store.offers.get(conversationId);
  const c = o && q.store.conversations.get(conversationId);
  if (o && c) sendOffer(q, q.sessions.employeeSockets(o.employee_id), c, o.offered_at);
}

/** Sends an agent who (re)connects the offers still open for them. */
export function resendOffers(q: QueueContext, ws: WebSocket, employeeId: string): void {
  for (const o of q.store.offers.ofAgent(employeeId)) {
    const c = q.store.conversations.get(o.conversation_id);
    if (c) sendOffer(q, [ws], c, o.offered_at);
  }
}

function sendOffer(q: QueueContext, sockets: WebSocket[], c: ConversationRow, offeredAt: number): void {
  const last = q.store.messages.lastOfCustomer(c.id);
  q.sessions.sendAll(sockets, {
    type: "conversation.offered",
    conversation: summary(q, c),
    expiresAt: offerDeadline(offeredAt),
    preview: last ? last.text.slice(0, PREVIEW_CHARS) : null,
  });
}

/**
 * Closes an offer: the row and its timer go, the agent's reserved slot is freed and their sockets
 * told. A rejection or a timeout is recorded, so the agent is not offered this customer again for
 * a while; a withdrawal is not (the agent did not decide anything).
 */
export async function closeOffer(
  q: QueueContext,
  o: OfferRow,
  reason: Exclude<OfferEndReason, "accepted">,
): Promise<void> {
  q.store.offers.delete(o.conversation_id);
  q.timers.cancel("offer", o.conversation_id);
  if (reason !== "withdrawn") q.store.offers.reject(o.conversation_id, o.employee_id, q.now());
  await releaseSlot(q, o.employee_id, o.conversation_id);
  q.sessions.sendAll(q.sessions.employeeSockets(o.employee_id), {
    type: "offer.ended",
    conversationId: o.conversation_id,
    reason,
  });
}

/** Whether an open offer still stands: the customer waits here and the agent may take a chat. */
export function offerStands(q: QueueContext, o: OfferRow, config: QueueConfig): boolean {
  const c = q.store.conversations.get(o.conversation_id);
  const agent = q.store.agents.get(o.employee_id);
  return (
    c?.state === "queued" &&
    q.store.waiting.has(c.id) &&
    agent?.status === "idle" &&
    mayBeOffered(configuredRole(config, o.employee_id), q.sessions.employeeSockets(o.employee_id).length)
  );
}

/** Withdraws offers that no longer stand and forgets rejections that no longer block (before dispatching). */
export async function reconcileOffers(q: QueueContext, config: QueueConfig): Promise<void> {
  q.store.offers.forgetRejections(q.now() - REOFFER_BLOCK_MS);
  for (const o of q.store.offers.all()) if (!offerStands(q, o, config)) await closeOffer(q, o, "withdrawn");
}
