/**
 * Offering a chat to a callout agent (spec Table 3, Platform Role: a common agent "can answer or
 * transfer inbound calls"; a callout agent "can answer, transfer, or reject inbound calls").
 *
 * - A common agent is assigned the waiting customer chosen for them (`assign`). A callout agent is
 *   offered it (`offer`): the customer keeps their place in the waiting list while the agent
 *   accepts or rejects, for at most `OFFER_TIMEOUT_MS`; no answer by then counts as a rejection
 *   (the offer is over at exactly offeredAt + 20 s).
 * - An agent has at most one open offer at a time (like a ringing phone): while it is open they
 *   are offered nothing else and assigned nothing else in this queue.
 * - A rejected customer keeps their place and is offered to the next available agent at once. The
 *   agent who rejected them (or let the offer run out) is not offered that customer again for
 *   `REOFFER_BLOCK_MS`: strictly less than 60 s after the rejection they are skipped, at exactly
 *   60 s they may be offered the customer again.
 * - While the customer at the front of the list waits only because every available agent rejected
 *   them, customers behind them may be offered to those agents, so one rejection does not stop the
 *   queue for everyone.
 */
import type { PlatformRole } from "./staff-access";

/** How long a callout agent has to accept or reject an offer. */
export const OFFER_TIMEOUT_MS = 20_000;
/** How long an agent is not offered a customer they rejected again. */
export const REOFFER_BLOCK_MS = 60_000;

export type AssignmentMode = "assign" | "offer";

/** Whether an agent of `role` is assigned a chat or offered it first. */
export function assignmentMode(role: PlatformRole | null): AssignmentMode {
  return role === "callout" ? "offer" : "assign";
}

/** When an offer made at `offeredAt` runs out. */
export function offerDeadline(offeredAt: number): number {
  return offeredAt + OFFER_TIMEOUT_MS;
}

/** Whether an offer made at `offeredAt` has run out at `now` (the deadline itself is out). */
export function offerExpired(offeredAt: number, now: number): boolean {
  return now >= offerDeadline(offeredAt);
}

/** Whether an agent who rejected a customer at `rejectedAt` (null: never) may be offered them at `now`. */
export function mayOfferAgain(rejectedAt: number | null, now: number): boolean {
  return rejectedAt === null || now - rejectedAt >= REOFFER_BLOCK_MS;
}
