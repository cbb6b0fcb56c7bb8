/**
 * When a failed webhook delivery is tried again, when it is given up, and when an endpoint that
 * keeps failing is disabled. A delivery fails when the receiver does not answer 2xx within
 * `DELIVERY_TIMEOUT_MS` (redirects are not followed).
 *
 * - Retry n (n = 1, 2, …: the attempt that failed) waits min(30 s × 2^(n−1), 1 h): 30 s, 1 min,
 *   2 min, 4 min, 8 min, 16 min, 32 min, then every hour.
 * - An event is given up when the next attempt would start more than `MAX_EVENT_AGE_MS` (24 h)
 *   after the event was created: about 30 attempts in all.
 * - An endpoint is disabled when at least `DISABLE_MIN_FAILURES` (10) attempts in a row failed
 *   and the first of them is at least `DISABLE_AFTER_MS` (24 h) old: every attempt for a day
 *   failed. A single success resets the count.
 */
export const RETRY_BASE_SECONDS = 30;
export const RETRY_MAX_SECONDS = 3600;
export const MAX_EVENT_AGE_MS = 24 * 3600_000;
export const DISABLE_MIN_FAILURES = 10;
export const DISABLE_AFTER_MS = 24 * 3600_000;
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Seconds before the retry that follows failed attempt `attempt` (1-based). */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(RETRY_BASE_SECONDS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_SECONDS);
}

export type RetryDecision = { retry: true; delaySeconds: number } | { retry: false };

/** After failed attempt `attempt` of an event created at `createdAt`: retry later, or give up. */
export function afterFailure(attempt: number, createdAt: number, now: number): RetryDecision {
  const delaySeconds = retryDelaySeconds(attempt);
  return now + delaySeconds * 1000 - createdAt > MAX_EVENT_AGE_MS
    ? { retry: false }
    : { retry: true, delaySeconds };
}

/** Whether an endpoint whose last `streak` attempts failed, the first at `failingSince`, is disabled now. */
export function shouldDisable(streak: number, failingSince: number | null, now: number): boolean {
  return failingSince !== null && streak >= DISABLE_MIN_FAILURES && now - failingSince >= DISABLE_AFTER_MS;
}

/** The notice shown on a disabled endpoint. */
export function disabledNotice(streak: number): string {
  return `Disabled automatically: the last ${streak} deliveries failed over more than 24 hours. Fix the receiver, then enable the endpoint again.`;
}
