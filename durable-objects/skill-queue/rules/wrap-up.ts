/**
 * Wrap-up ("arranging"): "Duration during which an agent is in wrap-up state after a call ends.
 * After this duration, the agent enters the idle state and can answer calls from customers."
 *
 * The wrap-up is the agent's, not a queue's: it holds in every queue they are signed in to (their
 * `AgentPresence` object keeps it). How it combines with the status the agent chose:
 *
 * - a chat that ends while the agent is idle starts a wrap-up of the effective duration of the
 *   queue where it ended; while it runs the agent shows `arranging` everywhere and takes no new chat;
 * - overlapping wrap-ups (chats ending in two queues): the later end wins, a shorter one never cuts
 *   a running one short;
 * - a chat that ends while the agent is at rest or forced busy starts none (they take no chat anyway);
 * - a status chosen during the wrap-up replaces it: `rest` or `busy` hold after its end, and `idle`
 *   ends it early (the configured duration is the maximum wrap-up time).
 */

/** The status an agent chose (`idle`, `rest`) or a quality checker forced (`busy`). */
export type ChosenStatus = "idle" | "rest" | "busy";

/** What every queue of the agent shows: `arranging` until `wrapUpUntil` while a wrap-up runs. */
export type PresenceState =
  | { status: ChosenStatus; wrapUpUntil: null }
  | { status: "arranging"; wrapUpUntil: number };

/**
 * Effective wrap-up ("arranging") duration, as the spec states it: a value in [1,5) gives 5,
 * [5,10) gives 10, [10,15) gives 15 and so on (12 → 15), i.e. floor(v / 5) × 5 + 5.
 * 0 means no wrap-up.
 */
export function effectiveWrapUpSeconds(configured: number): number {
  return configured <= 0 ? 0 : Math.floor(configured / 5) * 5 + 5;
}

/** The agent's state at `now`: idle with a wrap-up ending after `now` shows as arranging. */
export function presenceState(chosen: ChosenStatus, wrapUpUntil: number | null, now: number): PresenceState {
  return chosen === "idle" && wrapUpUntil !== null && wrapUpUntil > now
    ? { status: "arranging", wrapUpUntil }
    : { status: chosen, wrapUpUntil: null };
}

/**
 * The wrap-up end after a chat ended at `now` with a wrap-up ending at `until` (null: the queue
 * has none): only an idle agent wraps up, and of two wrap-ups the later end wins.
 */
export function wrapUpAfterChat(
  chosen: ChosenStatus,
  running: number | null,
  until: number | null,
  now: number,
): number | null {
  const current = running !== null && running > now ? running : null;
  if (chosen !== "idle" || until === null || until <= now) return current;
  return current === null ? until : Math.max(current, until);
}
