/**
 * Whether a skill queue takes a new customer (or a conversation transferred in), from Table 1's
 * "Queuing Processing Parameter Configuration":
 *
 * - nobody signed in → "Call processing on nobody on-duty" (`noAgent`);
 * - the queue holds min(Max. Calls in Queue, maximum number of queuing calls) already → "Queue busy
 *   or overflow processing" (`busy`);
 * - the "Forwarding on Busy Condition" holds → `busy`:
 *   - Device Usage (%): the device usage, counting the newcomer as queuing, is over the threshold;
 *   - Waiting duration (s): the longest-waiting customer has waited over the threshold;
 * - otherwise the customer queues.
 *
 * "Over" is strict: usage exactly at the threshold still queues.
 */
import type { BusyAction } from "../../../worker/db/schema";
import { deviceUsagePercent } from "./device-usage";
import { queueLimit } from "./queue-limit";

/** The queue's state as the admission rule needs it. */
export type AdmissionSnapshot = {
  signedIn: number;
  nonIdle: number;
  /** Customers already waiting (not counting the newcomer). */
  waiting: number;
  /** How long the longest-waiting customer has waited; 0 when nobody waits. */
  oldestWaitSeconds: number;
  maxCallsInQueue: number;
  busy: BusyAction;
};

export type Admission = "queue" | "noAgent" | "busy";

/** Decides what happens to a customer arriving at the queue. */
export function admit(s: AdmissionSnapshot): Admission {
  if (s.signedIn <= 0) return "noAgent";
  const limit = queueLimit(s.maxCallsInQueue, s.busy, s.signedIn);
  if (s.waiting >= limit) return "busy";
  return busyConditionHolds({ ...s, queuing: s.waiting + 1, maxQueuing: limit }) ? "busy" : "queue";
}

/**
 * The queue's device usage once one more customer queues: the figure a transferring queue compares
 * with its "Queue Usage (%)" ("the device usage of the skill queue after the call transfer").
 */
export function usageAfterArrival(s: Omit<AdmissionSnapshot, "oldestWaitSeconds">): number {
  const maxQueuing = queueLimit(s.maxCallsInQueue, s.busy, s.signedIn);
  return deviceUsagePercent({ signedIn: s.signedIn, nonIdle: s.nonIdle, queuing: s.waiting + 1, maxQueuing });
}

/**
 * Whether the busy condition holds for the customers already waiting (nobody new counted), for
 * re-evaluating the queue, e.g. when the longest wait passes the waiting-duration threshold.
 */
export function isBusyNow(s: AdmissionSnapshot): boolean {
  if (s.signedIn <= 0) return false;
  const limit = queueLimit(s.maxCallsInQueue, s.busy, s.signedIn);
  return busyConditionHolds({ ...s, queuing: s.waiting, maxQueuing: limit });
}

/**
 * The "Forwarding on Busy Condition" alone: device usage over the threshold, or the longest wait
 * over the threshold (seconds).
 */
export function busyConditionHolds(s: {
  signedIn: number;
  nonIdle: number;
  queuing: number;
  maxQueuing: number;
  oldestWaitSeconds: number;
  busy: Pick<BusyAction, "forwardingCondition" | "threshold">;
}): boolean {
  return s.busy.forwardingCondition === "deviceUsage"
    ? deviceUsagePercent(s) > s.busy.threshold
    : s.oldestWaitSeconds > s.busy.threshold;
}

/**
 * When a customer who started waiting at `enqueuedAt` (epoch ms) first waits over the
 * waiting-duration threshold, for a timer; null when the condition is device usage.
 */
export function waitingDurationBusyAt(enqueuedAt: number, busy: BusyAction): number | null {
  if (busy.forwardingCondition !== "waitingDuration") return null;
  return enqueuedAt + busy.threshold * 1000 + 1;
}
