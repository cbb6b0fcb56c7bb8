/**
 * Dialog End Method (Table 4): "This function is disabled by default. If it is disabled, the
 * default timeout period is 20 minutes. If it is enabled": after "Prompt Interval for No Reply
 * (min)" without a reply from the customer "the session is disconnected", and "The system sends an
 * end reminder [the Conclusion] after the session is disconnected."
 */
import type { ChannelConfig } from "../../../worker/db/schema";

/** The no-reply timeout when Dialog End Method is disabled. */
export const DEFAULT_NO_REPLY_MINUTES = 20;

/** Dialog End Method of a channel that cannot be read (disabled: the 20-minute default applies). */
export const DEFAULT_DIALOG_END: ChannelConfig["dialogEnd"] = {
  enabled: false,
  noReplyMinutes: DEFAULT_NO_REPLY_MINUTES,
  conclusion: "",
};

/** How long a connected customer may stay silent before the session ends, in milliseconds. */
export function noReplyMs(dialogEnd: ChannelConfig["dialogEnd"]): number {
  return (dialogEnd.enabled ? dialogEnd.noReplyMinutes : DEFAULT_NO_REPLY_MINUTES) * 60_000;
}

/** The conclusion to send when the session ends for no reply; null when disabled or empty. */
export function conclusionFor(dialogEnd: ChannelConfig["dialogEnd"]): string | null {
  return dialogEnd.enabled && dialogEnd.conclusion.trim() !== "" ? dialogEnd.conclusion : null;
}
