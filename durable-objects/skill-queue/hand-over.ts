/**
 * The receiving side of an agent's hand-over (`conversation.transfer` from another queue): whether
 * this queue takes it now (`rules/hand-over.ts`, asked before the transcript moves and again when
 * it arrives), and the arrival itself. The queuing handling for arriving customers (work time,
 * busy, nobody on-duty) does not apply: a conversation handed over by an agent waits in this
 * queue until an agent here takes it, or until its Max. Waiting Time (timeout handling).
 */
import type { QueueConfig } from "./config";
import type { QueueContext } from "./context";
import { dispatch } from "./dispatch";
import { counts, placeInQueue } from "./queue";
import { type HandOverRefusal, handOverRefusal } from "./rules/hand-over";

/** This queue as a hand-over target: who could take a chat, who waits, and the rule's answer. */
export type HandOverStatus = {
  signedIn: number;
  /** Signed-in agents idle with a free chat slot. */
  idle: number;
  waiting: number;
  /** Why a hand-over would be refused now; null when it would be taken. */
  refusal: HandOverRefusal | null;
};

export function handOverStatus(q: QueueContext, config: QueueConfig): HandOverStatus {
  const c = counts(q);
  const refusal = handOverRefusal({
    signedIn: c.signedIn,
    idle: c.idle,
    waiting: c.waiting,
    maxCallsInQueue: config.queue.maxCallsInQueue,
    busy: config.queue.queuing.busy,
  });
  return { signedIn: c.signedIn, idle: c.idle, waiting: c.waiting, refusal };
}

/**
 * A conversation handed over by an agent arrived (its `handOver` timer is the fallback should the
 * object stop first): it joins the back of the waiting list and is offered like any other.
 */
export async function handOverArrived(q: QueueContext, conversationId: string): Promise<void> {
  q.timers.cancel("handOver", conversationId);
  const c = q.store.conversations.get(conversationId);
  if (c?.state !== "queued" || q.store.waiting.has(c.id)) return;
  await placeInQueue(q, c.id, false);
  await dispatch(q);
}
