import { describe, expect, it } from "vitest";
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
import {
  admitPull,
  charge,
  newAccount,
  newSharedBucket,
  type PullDecision,
  watchUnsent,
} from "./outbound-budget";

const T0 = 1_000_000;
const PAGE = 256 * 1024;
/** Milliseconds the socket's bucket takes to refill `bytes`. */
const refillMs = (bytes: number) => (bytes * 1000) / PULL_RATE_BYTES_PER_S;

/** A socket and a shared bucket that never runs out (so it is never the one that refuses). */
function socket() {
  const endless = Number.POSITIVE_INFINITY;
  return { a: newAccount(T0), shared: { burst: endless, rate: endless, tokens: endless, at: T0 } };
}

describe("the socket's pull bucket", () => {
  it.each<[string, number, number, PullDecision]>([
    ["a fresh socket", 0, 0, { kind: "serve" }],
    ["one byte left", PULL_BURST_BYTES - 1, 0, { kind: "serve" }],
    ["exactly empty", PULL_BURST_BYTES, 0, { kind: "refuse", retryAfterMs: 1, shared: false }],
    [
      "overdrawn by one page of 256 KB",
      PULL_BURST_BYTES + PAGE,
      0,
      { kind: "refuse", retryAfterMs: refillMs(PAGE) + 1, shared: false },
    ],
    [
      "overdrawn by one page, refilled one ms short",
      PULL_BURST_BYTES + PAGE,
      refillMs(PAGE) - 1,
      { kind: "refuse", retryAfterMs: 2, shared: false },
    ],
    [
      "overdrawn by one page, refilled exactly to zero",
      PULL_BURST_BYTES + PAGE,
      refillMs(PAGE),
      { kind: "refuse", retryAfterMs: 1, shared: false },
    ],
    ["overdrawn by one page, one ms later", PULL_BURST_BYTES + PAGE, refillMs(PAGE) + 1, { kind: "serve" }],
  ])("%s: pulled %i bytes, %i ms later → %o", (_name, pulled, later, expected) => {
    const { a, shared } = socket();
    if (pulled) charge(a, shared, pulled, true, T0);
    expect(admitPull(a, shared, T0 + later)).toEqual(expected);
  });

  it("the retry delay is the first moment the bucket is above zero again", () => {
    const { a, shared } = socket();
    charge(a, shared, PULL_BURST_BYTES + 100_000, true, T0);
    const d = admitPull(a, shared, T0);
    if (d.kind !== "refuse") throw new Error("expected a refusal");
    expect(admitPull(a, shared, T0 + d.retryAfterMs - 1).kind).toBe("refuse");
    expect(admitPull(a, shared, T0 + d.retryAfterMs).kind).toBe("serve");
  });

  it("refills at most to the burst", () => {
    const { a, shared } = socket();
    charge(a, shared, 1, true, T0);
    // an hour idle does not store more than the burst
    charge(a, shared, PULL_BURST_BYTES, true, T0 + 3_600_000);
    expect(admitPull(a, shared, T0 + 3_600_000).kind).toBe("refuse");
  });

  it("live frames do not draw on it", () => {
    const { a, shared } = socket();
    charge(a, shared, PULL_BURST_BYTES * 4, false, T0);
    expect(admitPull(a, shared, T0).kind).toBe("serve");
  });

  it("a client that asks again exactly when told is never closed, however much it pulls", () => {
    const { a, shared } = socket();
    let now = T0;
    let served = 0;
    for (let i = 0; i < 100; i++) {
      const d = admitPull(a, shared, now);
      if (d.kind === "close") throw new Error("closed");
      if (d.kind === "serve") {
        served++;
        charge(a, shared, PAGE, true, now);
      } else now += d.retryAfterMs;
    }
    // a page per second once the burst is spent
    expect(served).toBeGreaterThanOrEqual(50);
  });
});

describe("early pulls (before the retry time given)", () => {
  it("are refused until that time, with what is left of it", () => {
    const { a, shared } = socket();
    charge(a, shared, PULL_BURST_BYTES + PAGE, true, T0);
    expect(admitPull(a, shared, T0)).toMatchObject({ retryAfterMs: refillMs(PAGE) + 1 });
    expect(admitPull(a, shared, T0 + 400)).toEqual({
      kind: "refuse",
      retryAfterMs: refillMs(PAGE) + 1 - 400,
      shared: false,
    });
    expect(admitPull(a, shared, T0 + refillMs(PAGE) + 1)).toEqual({ kind: "serve" });
  });

  it(`${EARLY_PULLS_MAX} in a window are answered; the next one closes`, () => {
    const { a, shared } = socket();
    charge(a, shared, PULL_BURST_BYTES + PAGE, true, T0);
    expect(admitPull(a, shared, T0).kind).toBe("refuse"); // on time: the budget refuses it
    for (let i = 1; i <= EARLY_PULLS_MAX; i++) expect(admitPull(a, shared, T0 + i).kind).toBe("refuse");
    expect(admitPull(a, shared, T0 + EARLY_PULLS_MAX + 1).kind).toBe("close");
  });

  it("a served pull in between does not forgive them; the next window does", () => {
    const { a, shared } = socket();
    let now = T0;
    const earlyOnce = () => {
      charge(a, shared, PULL_BURST_BYTES + PAGE, true, now);
      const d = admitPull(a, shared, now);
      if (d.kind !== "refuse") throw new Error("expected a refusal");
      expect(admitPull(a, shared, now + 1).kind).toBe("refuse");
      now += d.retryAfterMs;
      expect(admitPull(a, shared, now).kind).toBe("serve");
    };
    // each round takes about 3 s (one page to refill), so three rounds stay in one window
    for (let i = 0; i < 3; i++) earlyOnce();
    expect(now - T0).toBeLessThan(OUTBOUND_WINDOW_MS);
    charge(a, shared, PULL_BURST_BYTES + PAGE, true, now);
    admitPull(a, shared, now);
    for (let i = 4; i <= EARLY_PULLS_MAX; i++) expect(admitPull(a, shared, now + 1).kind).toBe("refuse");
    expect(admitPull(a, shared, now + 1).kind).toBe("close");

    const fresh = socket();
    charge(fresh.a, fresh.shared, PULL_BURST_BYTES + PAGE, true, T0);
    admitPull(fresh.a, fresh.shared, T0);
    for (let i = 1; i <= EARLY_PULLS_MAX; i++) admitPull(fresh.a, fresh.shared, T0 + 1);
    // the window that counted them is over: the count starts again
    fresh.a.notBefore = T0 + OUTBOUND_WINDOW_MS + 1;
    expect(admitPull(fresh.a, fresh.shared, T0 + OUTBOUND_WINDOW_MS).kind).toBe("refuse");
  });
});

describe("the object's shared pull bucket", () => {
  it("one socket's pulls empty it for the others, who are told when to ask again", () => {
    const shared = newSharedBucket(T0);
    const heavy = newAccount(T0);
    const other = newAccount(T0);
    charge(heavy, shared, OBJECT_PULL_BURST_BYTES - 1, true, T0);
    expect(admitPull(other, shared, T0)).toEqual({ kind: "serve" });
    charge(heavy, shared, PAGE, true, T0);
    const overdrawn = PAGE - 1;
    expect(admitPull(other, shared, T0)).toEqual({
      kind: "refuse",
      retryAfterMs: Math.floor((overdrawn * 1000) / OBJECT_PULL_RATE_BYTES_PER_S) + 1,
      shared: true,
    });
  });

  it("its refusals never close a socket that waits as told", () => {
    const shared = newSharedBucket(T0);
    const a = newAccount(T0);
    let now = T0;
    for (let i = 0; i < 5 * EARLY_PULLS_MAX; i++) {
      shared.tokens = -PAGE; // someone else keeps it empty
      shared.at = now;
      const d = admitPull(a, shared, now);
      expect(d).toMatchObject({ kind: "refuse", shared: true });
      if (d.kind === "refuse") now += d.retryAfterMs;
    }
  });

  it("asking before the time it gave counts as early", () => {
    const shared = newSharedBucket(T0);
    const a = newAccount(T0);
    shared.tokens = -PAGE;
    const first = admitPull(a, shared, T0);
    expect(first).toMatchObject({ kind: "refuse", shared: true });
    if (first.kind !== "refuse") return;
    expect(admitPull(a, shared, T0 + first.retryAfterMs - 10)).toEqual({
      kind: "refuse",
      retryAfterMs: 10,
      shared: false,
    });
    for (let i = 2; i <= EARLY_PULLS_MAX; i++) expect(admitPull(a, shared, T0 + 1).kind).toBe("refuse");
    expect(admitPull(a, shared, T0 + 1).kind).toBe("close");
  });

  it("a socket that waits as told is served once the shared bucket refills", () => {
    const shared = newSharedBucket(T0);
    const a = newAccount(T0);
    shared.tokens = -PAGE;
    const d = admitPull(a, shared, T0);
    if (d.kind !== "refuse") throw new Error("expected a refusal");
    expect(admitPull(a, shared, T0 + d.retryAfterMs)).toEqual({ kind: "serve" });
  });

  it("when both are empty, the socket's own bucket is the one named", () => {
    const shared = newSharedBucket(T0);
    const a = newAccount(T0);
    charge(a, shared, PULL_BURST_BYTES + OBJECT_PULL_BURST_BYTES, true, T0);
    expect(admitPull(a, shared, T0)).toMatchObject({ kind: "refuse", shared: false });
  });
});

describe("total per window", () => {
  it.each<[string, [number, number][], boolean]>([
    ["exactly the budget", [[OUTBOUND_MAX_BYTES, 0]], true],
    ["one byte over", [[OUTBOUND_MAX_BYTES + 1, 0]], false],
    [
      "over in small frames",
      [
        [OUTBOUND_MAX_BYTES, 0],
        [1, OUTBOUND_WINDOW_MS - 1],
      ],
      false,
    ],
    [
      "the budget again in the next window",
      [
        [OUTBOUND_MAX_BYTES, 0],
        [OUTBOUND_MAX_BYTES, OUTBOUND_WINDOW_MS],
      ],
      true,
    ],
  ])("%s", (_name, sends, ok) => {
    const { a, shared } = socket();
    let last = true;
    for (const [bytes, at] of sends) last = charge(a, shared, bytes, false, T0 + at);
    expect(last).toBe(ok);
  });

  it("pulled bytes count toward the total too", () => {
    const { a, shared } = socket();
    charge(a, shared, OUTBOUND_MAX_BYTES, false, T0);
    expect(charge(a, shared, 1, true, T0)).toBe(false);
  });
});

describe("unsent queue", () => {
  it.each<[string, number | null, number, number, number | null | "close"]>([
    ["nothing unsent", null, 0, 0, null],
    ["exactly the cap", null, UNSENT_MAX_BYTES, 0, null],
    ["one byte over: first seen", null, UNSENT_MAX_BYTES + 1, 0, T0],
    ["still over, one ms short of the grace", T0, UNSENT_MAX_BYTES + 1, UNSENT_GRACE_MS - 1, T0],
    ["still over after the grace", T0, UNSENT_MAX_BYTES + 1, UNSENT_GRACE_MS, "close"],
    ["caught up within the grace", T0, UNSENT_MAX_BYTES, 1000, null],
  ])("%s", (_name, overSince, unsent, later, expected) => {
    expect(watchUnsent(overSince, unsent, T0 + later)).toBe(expected);
  });

  it("a peer that drains in between starts the grace over", () => {
    let seen = watchUnsent(null, UNSENT_MAX_BYTES + 1, T0);
    seen = watchUnsent(seen as number | null, 0, T0 + 4000);
    seen = watchUnsent(seen as number | null, UNSENT_MAX_BYTES + 1, T0 + 4500);
    expect(watchUnsent(seen as number | null, UNSENT_MAX_BYTES + 1, T0 + UNSENT_GRACE_MS + 1000)).toBe(
      T0 + 4500,
    );
  });
});
