/**
 * What every handler module works with: the object's store, sockets, timers, cached config, the
 * Worker environment and the clock. Built once per object instance by `SkillQueue`.
 */
import type { Env } from "../../worker/env";
import type { ConfigCache } from "./config";
import type { Sessions } from "./sessions";
import type { Steps } from "./steps";
import type { Store } from "./store";
import type { Timers } from "./timers";

export type QueueContext = {
  /** The skill queue this object serves (it is named after it). */
  readonly queueId: string;
  readonly store: Store;
  readonly sessions: Sessions;
  /** Atomic steps: transactions, socket effects after the commit, follow-ups outside them. */
  readonly steps: Steps;
  readonly timers: Timers;
  readonly config: ConfigCache;
  readonly env: Env;
  now(): number;
  /**
   * Runs `work` in the background, outside the event chain: for calls to another skill queue that
   * may itself be waiting on this one (a click-to-dial queue telling a chat's queue about a call).
   */
  detach(work: () => Promise<void>): void;
  /** Runs `fn` as an event of its own, after those already in the chain. */
  enqueue<T>(fn: () => Promise<T>): Promise<T>;
};

/** How long an ended conversation stays in the object for a late evaluation. */
export const EVALUATION_WINDOW_MS = 24 * 60 * 60_000;
/** An agent whose sockets all closed stays signed in this long before being signed out. */
export const SIGN_OUT_GRACE_MS = 60_000;

/**
 * The sign-out grace in force: `SIGN_OUT_GRACE_SECONDS` when set to a positive number (the
 * reliability runs shorten it so a restart's sign-outs fit in CI), else `SIGN_OUT_GRACE_MS`.
 */
export function signOutGraceMs(env: Pick<Env, "SIGN_OUT_GRACE_SECONDS">): number {
  const seconds = Number(env.SIGN_OUT_GRACE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : SIGN_OUT_GRACE_MS;
}
/** A customer who says nothing to the chatbot for this long gets the timeout reply and the chat ends. */
export const ROBOT_IDLE_MS = 10 * 60_000;
/** Archive retries back off linearly up to this delay. */
export const ARCHIVE_RETRY_MAX_MS = 5 * 60_000;
