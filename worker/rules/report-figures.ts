/**
 * What a report counts, from one archived conversation (see `docs/reports.md`):
 *
 * - **offered**: the customer asked for a person: it joined a waiting list, or was released when
 *   asking (busy, nobody on duty, off-hours).
 * - **answered**: an agent took it (in any queue).
 * - **released** by reason: it ended by the queue's timeout, busy or no-agent handling, or
 *   outside work time (`nonWorkingTime`, shown as off-hours).
 * - **transferred**: it moved to another skill queue at least once (an agent's hand-over or an
 *   automatic transfer); it counts in the queue where it ended.
 * - **contained**: the chatbot answered (at least one robot turn) and the customer never asked
 *   for a person.
 * - **CSAT**: average rating (1–5) of the rated conversations; response rate = rated ÷ answered
 *   (only a conversation that reached an agent is invited to rate), at most 1; none when nothing
 *   was answered.
 * - **percentiles** (waiting, first response, handle time) by nearest rank: the p-th percentile
 *   of n sorted values is the value at rank ⌈p·n/100⌉ (1-based); none of no values.
 */

export const RELEASE_REASONS = ["timeout", "busy", "noAgent", "nonWorkingTime"] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** The archived columns the counts read (`queuedAt`/`connectedAt` cover rows archived before the figures). */
export type ArchivedConversation = {
  outcome: string;
  queuedAt: number | null;
  connectedAt: number | null;
  waitMs: number | null;
  answeredAt: number | null;
  transfers: number;
  robotTurns: number;
  rating: number | null;
};

const isRelease = (outcome: string): outcome is ReleaseReason =>
  (RELEASE_REASONS as readonly string[]).includes(outcome);

export function isOffered(c: ArchivedConversation): boolean {
  return c.waitMs !== null || c.queuedAt !== null || isRelease(c.outcome);
}

export function isAnswered(c: ArchivedConversation): boolean {
  return c.answeredAt !== null || c.connectedAt !== null;
}

export function releaseReason(c: ArchivedConversation): ReleaseReason | null {
  return isRelease(c.outcome) ? c.outcome : null;
}

export function isContained(c: ArchivedConversation): boolean {
  return c.robotTurns > 0 && !isOffered(c);
}

/** CSAT response rate: rated ÷ answered, at most 1; null when nothing was answered. */
export function responseRate(rated: number, answered: number): number | null {
  return answered === 0 ? null : Math.min(1, rated / answered);
}

/** Rank (1-based) of the p-th percentile among n sorted values: ⌈p·n/100⌉ (0 when n = 0). */
export const percentileRank = (p: number, n: number) => Math.floor((p * n + 99) / 100);

/** The p-th percentile (integer p, 1–100) of ascending `sorted` values by nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  return sorted.length === 0 ? null : (sorted[percentileRank(p, sorted.length) - 1] ?? null);
}
