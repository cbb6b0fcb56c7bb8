/**
 * A callout agent's answers to an offered chat ("answer, transfer, or reject", spec Table 3):
 * `offer.accept` connects the customer with them; `offer.reject`, or no answer by the deadline
 * (`offer` timer), frees their slot and offers the customer, who kept their place, to the next
 * available agent at once. See `offers.ts` and `rules/offer.ts`.
 */
import type { ServerEvent } from "../../worker/realtime/protocol";
import { notifyCheckers } from "./checker";
import type { QueueContext } from "./context";
import { assign, dispatch } from "./dispatch";
import { closeOffer, offerStands } from "./offers";
import { pushPositions } from "./positions";
import { offerDeadline, offerExpired } from "./rules/offer";
import type { StaffAttachment } from "./sessions";

type Reply = (event: ServerEvent) => void;

/** The open offer of `conversationId` to `me`, or an error frame saying there is none. */
function openOffer(q: QueueContext, me: StaffAttachment, conversationId: string, ref: string, reply: Reply) {
  const o = q.store.offers.get(conversationId);
  if (o && o.employee_id === me.employeeId) return o;
  reply({ type: "error", code: "not_found", message: "This chat is no longer offered to you", ref });
  return null;
}

export async function acceptOffer(
  q: QueueContext,
  me: StaffAttachment,
  conversationId: string,
  reply: Reply,
): Promise<void> {
  const o = openOffer(q, me, conversationId, "offer.accept", reply);
  if (!o) return;
  const config = await q.config.require(q.now());
  const stands = offerStands(q, o, config);
  if (!stands || offerExpired(o.offered_at, q.now())) {
    // too late (its timer had not rung yet), or the customer or the agent is gone meanwhile
    await closeOffer(q, o, stands ? "timeout" : "withdrawn");
    reply({
      type: "error",
      code: "conflict",
      message: "This chat is no longer offered to you",
      ref: "offer.accept",
    });
    await dispatch(q);
    return;
  }
  q.store.offers.delete(o.conversation_id);
  q.timers.cancel("offer", o.conversation_id);
  q.sessions.sendAll(q.sessions.employeeSockets(me.employeeId), {
    type: "offer.ended",
    conversationId,
    reason: "accepted",
  });
  const c = q.store.conversations.get(conversationId)!;
  const agent = q.store.agents.get(me.employeeId)!;
  await assign(q, c, agent.employee_id, agent.name, config);
  pushPositions(q);
  notifyCheckers(q);
  await dispatch(q);
}

export async function rejectOffer(
  q: QueueContext,
  me: StaffAttachment,
  conversationId: string,
  reply: Reply,
): Promise<void> {
  const o = openOffer(q, me, conversationId, "offer.reject", reply);
  if (!o) return;
  await closeOffer(q, o, "rejected");
  await dispatch(q);
}

/** The `offer` timer: not answered in time counts as a rejection (or the offer no longer stands). */
export async function offerTimedOut(q: QueueContext, conversationId: string): Promise<void> {
  const o = q.store.offers.get(conversationId);
  if (!o) return;
  if (!offerExpired(o.offered_at, q.now())) {
    // rang early (alarms may): wait for the deadline
    q.timers.set("offer", conversationId, offerDeadline(o.offered_at));
    return;
  }
  const config = await q.config.require(q.now());
  await closeOffer(q, o, offerStands(q, o, config) ? "timeout" : "withdrawn");
  await dispatch(q);
}
