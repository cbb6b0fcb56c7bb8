/**
 * The `leaveMessage` section of a web channel (issue 15): whether a customer whose wait ended
 * (released, or outside agent work time) may leave a message, whether they give contact details,
 * and how long a left message waits for an agent. Stored in the channel's JSON config; channels
 * saved before it existed read the defaults through `leaveMessageOf`.
 */
import * as v from "valibot";
import { CONTACT_MODES } from "../realtime/protocol";
import { intRange } from "./common";

/** Days a left message waits for an agent: at least 1, at most 30. */
export const PENDING_DAYS = { min: 1, max: 30, default: 7 } as const;

export const LeaveMessageObject = v.strictObject({
  enabled: v.optional(v.boolean("leaveMessage.enabled must be true or false"), true),
  /** off: no contact field; optional; required: an email address or a phone number. */
  contact: v.optional(v.picklist(CONTACT_MODES, "contact must be off, optional or required"), "optional"),
  /** Whole days a left message waits to be picked up; then it expires (outcome `expired`). */
  pendingDays: v.optional(intRange(PENDING_DAYS.min, PENDING_DAYS.max), PENDING_DAYS.default),
});
export type LeaveMessageSettings = v.InferOutput<typeof LeaveMessageObject>;

/** The stored section with defaults filled in (absent in channels saved before it existed). */
export function leaveMessageOf(stored: unknown): LeaveMessageSettings {
  const parsed = v.safeParse(LeaveMessageObject, stored ?? {});
  return parsed.success ? parsed.output : v.parse(LeaveMessageObject, {});
}

/** The output shape (API responses). */
export const LeaveMessageSchema = v.object({
  enabled: v.boolean(),
  contact: v.picklist(CONTACT_MODES),
  pendingDays: v.number(),
});
