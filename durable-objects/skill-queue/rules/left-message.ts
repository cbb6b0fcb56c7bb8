/**
 * Left messages (issue 15), as pure rules:
 *
 * - `contactProblem`: the contact details a customer gives with a left message, per the channel's
 *   `leaveMessage.contact`: `off` takes none, `optional` takes none or a valid one, `required` a
 *   valid one. Valid: an email address (`local@domain.tld`) or a phone number (an optional `+`,
 *   then 6–20 digits, spaces, dots, dashes and parentheses allowed between them).
 * - `becomesPending`: when a wait ends without an agent (released, or outside work time), the
 *   conversation becomes a left message at once if the customer wrote anything since they were
 *   queued (nothing they wrote is left unseen); otherwise the chat ends and the message is only
 *   offered.
 * - `keptForCustomer`: an ended left message stays in the queue's object while it holds something
 *   the customer has not seen (an agent's reply, the expiry notice), at most the channel's
 *   pending days after its end: `now < endedAt + pendingDays × 1 day` (strict).
 * - `leftText`: the text a `message.left` webhook event carries: the customer's messages, one a
 *   line, at most `LEFT_TEXT_CHARS` characters; longer is cut to `LEFT_TEXT_CHARS − 1` characters
 *   and `…` (exactly `LEFT_TEXT_CHARS` is kept whole).
 * - `leftEventAtOnce`: that event carries the contact details the customer gives, so it goes out
 *   when the conversation becomes `pending` only if nothing more can come: the channel takes no
 *   contact details (`off`) or the customer already confirmed with `message.leave`. Otherwise
 *   (a wait released after the customer wrote, the form still open) it waits for their
 *   `message.leave`, an agent's pickup, or `LEFT_EVENT_WAIT_MS` after the message was left,
 *   whichever comes first.
 */
import type { ContactMode } from "../../../worker/realtime/protocol";

export const DAY_MS = 24 * 60 * 60_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]+$/;

/** Why the contact details are refused, or null when they are fine. */
export function contactProblem(mode: ContactMode, contact: string): string | null {
  const value = contact.trim();
  if (value === "")
    return mode === "required" ? "contact is required: an email address or a phone number" : null;
  if (mode === "off") return "this channel takes no contact details";
  if (EMAIL.test(value)) return null;
  const digits = value.replace(/\D/g, "").length;
  if (PHONE.test(value) && digits >= 6 && digits <= 20) return null;
  return "contact must be an email address or a phone number";
}

/** Whether a released wait becomes a left message at once (the customer wrote while queued). */
export function becomesPending(customerMessagesSinceQueued: number): boolean {
  return customerMessagesSinceQueued > 0;
}

/** When a left message expires: `leftAt + pendingDays × 1 day`. */
export function expiresAt(leftAt: number, pendingDays: number): number {
  return leftAt + pendingDays * DAY_MS;
}

/** Whether an ended left message with unseen messages is still kept for the customer at `now`. */
export function keptForCustomer(
  s: { endedAt: number; pendingDays: number; unseen: boolean },
  now: number,
): boolean {
  return s.unseen && now < s.endedAt + s.pendingDays * DAY_MS;
}

/** The most characters of a left message's text a `message.left` event carries. */
export const LEFT_TEXT_CHARS = 4000;

/** The customer's messages as one text, one a line, bounded (see the module comment). */
export function leftText(texts: readonly string[]): { text: string; truncated: boolean } {
  const all = texts.join("\n");
  if (all.length <= LEFT_TEXT_CHARS) return { text: all, truncated: false };
  return { text: `${all.slice(0, LEFT_TEXT_CHARS - 1)}…`, truncated: true };
}

/** How long a `message.left` event waits for the contact details of a customer who has not confirmed. */
export const LEFT_EVENT_WAIT_MS = 5 * 60_000;

/** Whether the `message.left` event goes out as the conversation becomes `pending` (see the module comment). */
export function leftEventAtOnce(mode: ContactMode, confirmed: boolean): boolean {
  return mode === "off" || confirmed;
}
