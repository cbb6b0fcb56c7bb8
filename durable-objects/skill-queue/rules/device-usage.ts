/**
 * Device usage of a skill queue, the spec's load figure (Table 1, "Queue Usage (%)"):
 *
 *   Device usage (%) = (non-idle agents / signed-in agents) × 70 + (queuing calls / max queuing calls) × 30
 *
 * "Non-idle" counts every signed-in agent whose status is not idle (busy, rest, arranging).
 */

/** A queue's load at one moment. */
export type UsageSnapshot = {
  /** Agents signed in to the queue. */
  signedIn: number;
  /** Signed-in agents whose status is not idle. */
  nonIdle: number;
  /** Customers waiting in the queue. */
  queuing: number;
  /** The queue's maximum number of queuing calls (see `queueLimit`). */
  maxQueuing: number;
};

/**
 * Device usage in percent, 0–100, not rounded (callers compare it exactly against thresholds).
 *
 * Zero guards, where the formula divides by zero: with nobody signed in the agent term is the full
 * 70 (nobody can take a call); with a maximum of 0 queuing calls the queue term is the full 30 when
 * anyone is queuing, else 0. Each ratio is capped at 1, so a queue over its (since lowered)
 * maximum reads as full rather than above 100 %.
 */
export function deviceUsagePercent(s: UsageSnapshot): number {
  const [agents, signedIn] = s.signedIn <= 0 ? [1, 1] : [clamp(s.nonIdle, s.signedIn), s.signedIn];
  const [queuing, maxQueuing] =
    s.maxQueuing <= 0 ? [s.queuing > 0 ? 1 : 0, 1] : [clamp(s.queuing, s.maxQueuing), s.maxQueuing];
  // One division of integers: 11/15 × 70 + 2/9 × 30 is 57.99999999999999 term by term, but exactly 58 here,
  // so a usage that equals an integer threshold compares equal to it.
  return (agents * 70 * maxQueuing + queuing * 30 * signedIn) / (signedIn * maxQueuing);
}

function clamp(part: number, whole: number): number {
  return Math.min(whole, Math.max(0, part));
}
