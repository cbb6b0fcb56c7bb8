/**
 * Whether a staff member may keep what they hold in a skill queue (an open socket, an agent
 * sign-in, being offered customers), judged against the queue's current configuration (Agent
 * Management), not only against the ticket they connected with.
 *
 * - The socket's role is fixed by the ticket: `qualityChecker` for the platform role
 *   qualityChecker, `agent` for common and callout agents (`staffRole`).
 * - Access holds while the employee is configured for the queue (directly or through their skill
 *   queue group) with a platform role of the same staff role. Not configured (agent deleted, queue
 *   removed from their queues, group membership changed) → `notConfigured`; configured with the
 *   other role (a checker demoted to common, a common agent promoted to checker) → `roleChanged`.
 * - A signed-in agent is offered a new customer only while access holds and at least one socket of
 *   theirs is open: an agent within the sign-out grace (every socket gone) keeps their chats until
 *   the grace runs out, but gets no new ones.
 */
export type PlatformRole = "common" | "qualityChecker" | "callout";
export type StaffRole = "agent" | "qualityChecker";
export type AccessLoss = "notConfigured" | "roleChanged";

export function staffRole(platformRole: PlatformRole): StaffRole {
  return platformRole === "qualityChecker" ? "qualityChecker" : "agent";
}

/** Why `role` no longer has access given the employee's configured platform role here (null: it has). */
export function accessLoss(role: StaffRole, configured: PlatformRole | null): AccessLoss | null {
  if (configured === null) return "notConfigured";
  return staffRole(configured) === role ? null : "roleChanged";
}

/** Whether a signed-in agent may be offered a new customer now. */
export function mayBeOffered(configured: PlatformRole | null, openSockets: number): boolean {
  return accessLoss("agent", configured) === null && openSockets > 0;
}

/** Why an employee's access was withdrawn, as told to them in the close reason (≤ 120 characters). */
export const REVOKED_REASONS = {
  notConfigured: "You are no longer configured for this skill queue",
  roleChanged: "Your role in this skill queue changed; sign in again",
  credentials: "Your password changed or your account was removed; sign in again",
} as const satisfies Record<AccessLoss | "credentials", string>;

export type RevokedReason = keyof typeof REVOKED_REASONS;
