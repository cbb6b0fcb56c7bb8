/**
 * Whether a skill queue takes a conversation an agent hands over to it (`conversation.transfer`).
 * The spec's queuing handling (busy, timeout, nobody on-duty: release or transfer) is about
 * customers arriving at a queue; an agent's hand-over is not such an arrival, so it never gets a
 * release or an automatic transfer. Instead the target is asked first, and when it would refuse,
 * the chat stays with the agent:
 *
 * - nobody signed in to the target (agents within the reconnect grace count) → `nobodySignedIn`;
 * - an agent of the target is idle with a free chat slot → taken (it is offered at once);
 * - otherwise the conversation waits in the target's queue, unless the queue already holds
 *   min(Max. Calls in Queue, maximum number of queuing calls) customers → `queueFull`.
 *
 * A conversation the target takes waits in its queue like any other (positions, reminders, and
 * the Max. Waiting Time with its timeout handling).
 */
import { type QueuingLimit, queueLimit } from "./queue-limit";

/** The target queue's state as the hand-over rule needs it. */
export type HandOverSnapshot = {
  signedIn: number;
  /** Signed-in agents who are idle with a free chat slot. */
  idle: number;
  /** Customers waiting in the target's queue now. */
  waiting: number;
  maxCallsInQueue: number;
  busy: QueuingLimit;
};

export const HAND_OVER_REFUSALS = ["nobodySignedIn", "queueFull"] as const;
export type HandOverRefusal = (typeof HAND_OVER_REFUSALS)[number];

/** Why the target refuses the hand-over, or null when it takes it. */
export function handOverRefusal(s: HandOverSnapshot): HandOverRefusal | null {
  if (s.signedIn <= 0) return "nobodySignedIn";
  if (s.idle > 0) return null;
  return s.waiting >= queueLimit(s.maxCallsInQueue, s.busy, s.signedIn) ? "queueFull" : null;
}

/** What the transferring agent is told when the target refuses (the chat stays with them). */
export function handOverRefusalMessage(reason: HandOverRefusal, queueName: string): string {
  return reason === "nobodySignedIn"
    ? `Nobody is signed in to ${queueName}; the chat stays with you`
    : `${queueName} has as many customers waiting as it may hold; the chat stays with you`;
}
