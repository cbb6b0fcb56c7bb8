/**
 * Forced busy: "Quality checkers can … force an agent busy." A forced busy is the checker's
 * decision, so the agent cannot undo it: while they are held busy they may choose neither idle nor
 * rest (rest would only be a way out), in any of their queues; a quality checker releases them
 * (`agent.release`), which makes them idle. It also survives signing out and in again, unlike a
 * rest, which a fresh sign-in ends.
 */
import type { ChosenStatus } from "./wrap-up";

export type StatusChoice = { ok: true } | { ok: false; message: string };

/** Whether an agent whose current chosen status is `chosen` may choose `wanted` (idle or rest) now. */
export function statusChoice(
  chosen: ChosenStatus,
  forcedBy: string | null,
  wanted: "idle" | "rest",
): StatusChoice {
  if (chosen !== "busy") return { ok: true };
  const who = forcedBy ?? "A quality checker";
  return {
    ok: false,
    message: `${who} set you busy; you cannot choose ${wanted} until a quality checker releases you`,
  };
}

/** The chosen status a fresh sign-in (no queue signed in before) starts from: a rest ends, a forced busy holds. */
export function statusAtFreshSignIn(chosen: ChosenStatus): ChosenStatus {
  return chosen === "busy" ? "busy" : "idle";
}
