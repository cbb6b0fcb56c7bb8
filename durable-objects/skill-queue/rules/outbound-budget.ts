/**
 * Outbound budget ("every limit applies to bytes out as well as frames in"):
 *
 * - pulls draw on two buckets, the socket's (B = `PULL_BURST_BYTES`, R = `PULL_RATE_BYTES_PER_S`)
 *   and the queue object's, shared by all its sockets (`OBJECT_PULL_BURST_BYTES`,
 *   `OBJECT_PULL_RATE_BYTES_PER_S`): tokens(now) = min(B, tokens + (now − at) × R / 1000), and
 *   every pulled byte sent takes one token from both. A pull is answered while both hold more than
 *   zero (its answer may take them below zero by up to one page); otherwise it is refused with
 *   retry after ⌊−tokens × 1000 / R⌋ + 1 ms of the empty bucket (the socket's first), the first
 *   moment it holds more than zero again. A pull that comes before the retry time its socket was
 *   given ("early") is refused until then, and the (`EARLY_PULLS_MAX` + 1)-th early pull within
 *   one window closes the socket: it ignores the server. A client that waits as told is never
 *   closed for pulling, however much it pulls;
 * - sent > `OUTBOUND_MAX_BYTES` within one window (every frame, live or pulled) closes; exactly
 *   at it does not;
 * - unsent > `UNSENT_MAX_BYTES` (what the runtime still holds for the peer) closes when it is
 *   seen again at least `UNSENT_GRACE_MS` after it was first seen, without a look in between that
 *   found it at or under the cap: the peer is not reading. A burst to a peer that reads (many
 *   assignments with their transcripts in one step) drains by then.
 *
 * Windows are fixed, `OUTBOUND_WINDOW_MS` long, each opening with the first event at or after the
 * previous one's end.
 *
 * Accounts and buckets are plain objects updated in place: every send to every recipient passes
 * through `charge`, so it allocates nothing.
 */
import {
  EARLY_PULLS_MAX,
  OBJECT_PULL_BURST_BYTES,
  OBJECT_PULL_RATE_BYTES_PER_S,
  OUTBOUND_MAX_BYTES,
  OUTBOUND_WINDOW_MS,
  PULL_BURST_BYTES,
  PULL_RATE_BYTES_PER_S,
  UNSENT_GRACE_MS,
  UNSENT_MAX_BYTES,
} from "../../../worker/realtime/protocol";

/** A token bucket of bytes: `tokens` (may be negative) as of `at`. */
export type Bucket = { readonly burst: number; readonly rate: number; tokens: number; at: number };

export type OutboundAccount = {
  /** Start of the current window, the bytes of every frame sent in it and its early pulls. */
  windowStart: number;
  sent: number;
  early: number;
  /** The socket's pull bucket. */
  pulls: Bucket;
  /** The socket was told not to pull again before this time. */
  notBefore: number;
};

export type PullDecision =
  | { kind: "serve" }
  | { kind: "refuse"; retryAfterMs: number; shared: boolean }
  | { kind: "close" };

export function newAccount(now: number): OutboundAccount {
  return {
    windowStart: now,
    sent: 0,
    early: 0,
    pulls: { burst: PULL_BURST_BYTES, rate: PULL_RATE_BYTES_PER_S, tokens: PULL_BURST_BYTES, at: now },
    notBefore: Number.NEGATIVE_INFINITY,
  };
}

/** The queue object's pull bucket, shared by all its sockets. */
export function newSharedBucket(now: number): Bucket {
  return {
    burst: OBJECT_PULL_BURST_BYTES,
    rate: OBJECT_PULL_RATE_BYTES_PER_S,
    tokens: OBJECT_PULL_BURST_BYTES,
    at: now,
  };
}

function roll(a: OutboundAccount, now: number): void {
  if (now - a.windowStart < OUTBOUND_WINDOW_MS) return;
  a.windowStart = now;
  a.sent = 0;
  a.early = 0;
}

function refill(b: Bucket, now: number): void {
  if (now <= b.at) return;
  b.tokens = Math.min(b.burst, b.tokens + ((now - b.at) * b.rate) / 1000);
  b.at = now;
}

/** Milliseconds until an empty bucket holds more than zero again. */
function untilAboveZero(b: Bucket): number {
  return Math.floor((-b.tokens * 1000) / b.rate) + 1;
}

/** Whether a pull arriving at `now` is answered, refused with a retry delay, or closes the socket. */
export function admitPull(a: OutboundAccount, shared: Bucket, now: number): PullDecision {
  roll(a, now);
  if (now < a.notBefore) {
    a.early++;
    if (a.early > EARLY_PULLS_MAX) return { kind: "close" };
    return { kind: "refuse", retryAfterMs: Math.ceil(a.notBefore - now), shared: false };
  }
  refill(a.pulls, now);
  refill(shared, now);
  const empty = a.pulls.tokens <= 0 ? a.pulls : shared.tokens <= 0 ? shared : null;
  if (!empty) return { kind: "serve" };
  const retryAfterMs = untilAboveZero(empty);
  a.notBefore = now + retryAfterMs;
  return { kind: "refuse", retryAfterMs, shared: empty === shared };
}

/**
 * Counts `bytes` just sent (`pulled`: answering a pull, taken from both buckets); false once the
 * socket's total in the window is over budget.
 */
export function charge(
  a: OutboundAccount,
  shared: Bucket,
  bytes: number,
  pulled: boolean,
  now: number,
): boolean {
  roll(a, now);
  a.sent += bytes;
  if (pulled) {
    refill(a.pulls, now);
    refill(shared, now);
    a.pulls.tokens -= bytes;
    shared.tokens -= bytes;
  }
  return a.sent <= OUTBOUND_MAX_BYTES;
}

/**
 * A look at a peer's unsent queue: the time it was first seen over the cap (`overSince`, null
 * while at or under it), or "close" once it has been over for `UNSENT_GRACE_MS`.
 */
export function watchUnsent(overSince: number | null, unsent: number, now: number): number | null | "close" {
  if (unsent <= UNSENT_MAX_BYTES) return null;
  if (overSince === null) return now;
  return now - overSince >= UNSENT_GRACE_MS ? "close" : overSince;
}
