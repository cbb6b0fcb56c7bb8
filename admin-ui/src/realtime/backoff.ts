/** Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with "full jitter" so a restarted server is not hit by every client at once. */

export type BackoffOptions = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/** Delay before reconnect attempt `attempt` (0-based): uniform in [cap/2, cap], cap = min(max, base·2^attempt). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  o: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
