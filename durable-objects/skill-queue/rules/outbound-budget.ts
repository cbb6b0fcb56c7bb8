/**
 * A socket's outbound budget ("every limit applies to bytes out as well as frames in"):
 *
 * - pulls draw on a bucket: tokens(now) = min(B, tokens + (now − at) × R / 1000) with
 *   B = `PULL_BURST_BYTES`, R = `PULL_RATE_BYTES_PER_S`; every pulled byte sent takes one token.
 *   A pull is answered while tokens > 0 (its answer may take the bucket below zero by up to one
 *   page); at tokens ≤ 0 it is refused with retry after ⌊−tokens × 1000 / R⌋ + 1 ms, the first
 *   moment tokens > 0 again, and the (`PULL_REFUSALS_MAX` + 1)-th refusal in a row closes;
 * - sent > `OUTBOUND_MAX_BYTES` within a fixed window of `OUTBOUND_WINDOW_MS` (every frame, live
 *   or pulled; the window opens with the first frame at or after the previous one's end) closes;
 *   exactly at it does not;
 * - unsent > `UNSENT_MAX_BYTES` (what the runtime still holds for a peer that is not reading)
 *   closes.
 *
 * The account is one plain object per socket, updated in place: every send to every recipient
 * passes through `charge`, so it allocates nothing.
 */
import {
  OUTBOUND_MAX_BYTES,
  OUTBOUND_WINDOW_MS,
  PULL_BURST_BYTES,
  PULL_RATE_BYTES_PER_S,
  PULL_REFUSALS_MAX,
  UNSENT_MAX_BYTES,
} from "../../../worker/realtime/protocol";

export type OutboundAccount = {
  /** Start of the fixed window of the total and the bytes of every frame sent in it. */
  windowStart: number;
  sent: number;
  /** Pull bucket: tokens (bytes, may be negative) as of `tokensAt`. */
  tokens: number;
  tokensAt: number;
  /** Pulls refused since the last one answered. */
  refused: number;
};

export type PullDecision = { kind: "serve" } | { kind: "refuse"; retryAfterMs: number } | { kind: "close" };

export function newAccount(now: number): OutboundAccount {
  return { windowStart: now, sent: 0, tokens: PULL_BURST_BYTES, tokensAt: now, refused: 0 };
}

function refill(a: OutboundAccount, now: number): void {
  if (now <= a.tokensAt) return;
  a.tokens = Math.min(PULL_BURST_BYTES, a.tokens + ((now - a.tokensAt) * PULL_RATE_BYTES_PER_S) / 1000);
  a.tokensAt = now;
}

/** Whether a pull arriving at `now` is answered, refused with a retry delay, or closes the socket. */
export function admitPull(a: OutboundAccount, now: number): PullDecision {
  refill(a, now);
  if (a.tokens > 0) {
    a.refused = 0;
    return { kind: "serve" };
  }
  a.refused++;
  if (a.refused > PULL_REFUSALS_MAX) return { kind: "close" };
  return { kind: "refuse", retryAfterMs: Math.floor((-a.tokens * 1000) / PULL_RATE_BYTES_PER_S) + 1 };
}

/** Counts `bytes` just sent (`pulled`: answering a pull); false once the window's total is over budget. */
export function charge(a: OutboundAccount, bytes: number, pulled: boolean, now: number): boolean {
  if (now - a.windowStart >= OUTBOUND_WINDOW_MS) {
    a.windowStart = now;
    a.sent = 0;
  }
  a.sent += bytes;
  if (pulled) {
    refill(a, now);
    a.tokens -= bytes;
  }
  return a.sent <= OUTBOUND_MAX_BYTES;
}

/** Whether a peer with `unsent` bytes still queued for it has stopped reading. */
export function isUnsentOver(unsent: number): boolean {
  return unsent > UNSENT_MAX_BYTES;
}
