/**
 * The maximum number of customers a skill queue holds (Table 1, "Max. Calls in Queue" and
 * "Maximum call queuing data calculation method"):
 *
 * - Fixed value: "The value of Maximum number of queuing calls is used as the maximum number of
 *   queuing calls."
 * - Percentage of signed-in agents: "The value of Scale Factor is divided by 100 and then
 *   multiplied by the number of signed-in agents. The calculation result is rounded up",
 *   i.e. ceil(scale / 100 × signedIn).
 *
 * The queue holds at most min(Max. Calls in Queue, maximum number of queuing calls).
 */
import type { BusyAction } from "../../../worker/db/schema";

/** The part of the busy-handling settings that sets the maximum number of queuing calls. */
export type QueuingLimit = Pick<BusyAction, "maxQueuingMethod" | "maxQueuing">;

/** The maximum number of queuing calls from the busy-handling settings. */
export function maxQueuingCalls(busy: QueuingLimit, signedIn: number): number {
  if (busy.maxQueuingMethod === "fixed") return Math.max(0, busy.maxQueuing);
  // Integer product first: 7 / 100 × 100 is 7.000000000000001 in floating point and would round up to 8.
  return Math.max(0, Math.ceil((busy.maxQueuing * Math.max(0, signedIn)) / 100));
}

/** How many customers may wait in the queue at once. */
export function queueLimit(maxCallsInQueue: number, busy: QueuingLimit, signedIn: number): number {
  return Math.max(0, Math.min(maxCallsInQueue, maxQueuingCalls(busy, signedIn)));
}
