/**
 * The estimated wait shown in the queue reminder, in whole seconds.
 *
 * Model: a customer at `position` (1 = next) is served at once when that many chat slots are free
 * (`position ≤ idleSlots`). Otherwise they wait for `position − idleSlots` chats to end; each
 * signed-in agent ends one chat per average handling time, so
 *
 *   wait = ceil((position − idleSlots) / max(1, signedIn) × avgHandleSeconds)
 *
 * It is conservative for agents serving several chats at once (they free slots faster) and never
 * decreases with the position. The average handling time is an exponential moving average of the
 * durations of ended chats (`updateAverage`); until the first chat ends `DEFAULT_HANDLE_SECONDS`
 * stands in.
 *
 * The estimate never exceeds the queue's Max. Waiting Time (`maxWaitSeconds`): at that point the
 * timeout handling ends the wait whatever happens, so promising more would be wrong:
 *
 *   shown = min(wait, maxWaitSeconds)
 */

/** Assumed handling time before any chat in the queue has ended. */
export const DEFAULT_HANDLE_SECONDS = 180;

/** Estimated wait in seconds for the customer at `position`. */
export function estimateWaitSeconds(
  position: number,
  s: { idleSlots: number; signedIn: number; avgHandleSeconds: number; maxWaitSeconds?: number },
): number {
  const ahead = position - Math.max(0, s.idleSlots);
  if (ahead <= 0) return 0;
  const handle = s.avgHandleSeconds > 0 ? s.avgHandleSeconds : DEFAULT_HANDLE_SECONDS;
  const wait = Math.ceil((ahead * handle) / Math.max(1, s.signedIn));
  return Math.min(wait, Math.max(0, Math.floor(s.maxWaitSeconds ?? Number.POSITIVE_INFINITY)));
}

/**
 * Exponential moving average: prev + alpha × (sample − prev). A non-positive or non-finite `prev`
 * means no history yet, so the sample itself becomes the average.
 */
export function updateAverage(prev: number, sample: number, alpha = 0.2): number {
  if (!(prev > 0) || !Number.isFinite(prev)) return sample;
  return prev + alpha * (sample - prev);
}
