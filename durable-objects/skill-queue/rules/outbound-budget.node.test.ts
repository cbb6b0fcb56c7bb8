import { describe, expect, it } from "vitest";
import {
  OUTBOUND_MAX_BYTES,
  OUTBOUND_WINDOW_MS,
  PULL_BURST_BYTES,
  PULL_RATE_BYTES_PER_S,
  PULL_REFUSALS_MAX,
  UNSENT_MAX_BYTES,
} from "../../../worker/realtime/protocol";
import { admitPull, charge, isUnsentOver, newAccount, type PullDecision } from "./outbound-budget";

const T0 = 1_000_000;
/** Milliseconds the bucket takes to refill `bytes`. */
const refillMs = (bytes: number) => (bytes * 1000) / PULL_RATE_BYTES_PER_S;

describe("pull bucket", () => {
  it.each<[string, number, number, PullDecision]>([
    ["a fresh socket", 0, 0, { kind: "serve" }],
    ["one byte left", PULL_BURST_BYTES - 1, 0, { kind: "serve" }],
    ["exactly empty", PULL_BURST_BYTES, 0, { kind: "refuse", retryAfterMs: 1 }],
    [
      "overdrawn by one page of 256 KB",
      PULL_BURST_BYTES + 256 * 1024,
      0,
      { kind: "refuse", retryAfterMs: refillMs(256 * 1024) + 1 },
    ],
    [
      "overdrawn by one page, refilled one ms short",
      PULL_BURST_BYTES + 256 * 1024,
      999,
      { kind: "refuse", retryAfterMs: 2 },
    ],
    [
      "overdrawn by one page, refilled exactly to zero",
      PULL_BURST_BYTES + 256 * 1024,
      1000,
      { kind: "refuse", retryAfterMs: 1 },
    ],
    ["overdrawn by one page, one ms later", PULL_BURST_BYTES + 256 * 1024, 1001, { kind: "serve" }],
  ])("%s: pulled %i bytes, %i ms later → %o", (_name, pulled, later, expected) => {
    const a = newAccount(T0);
    if (pulled) charge(a, pulled, true, T0);
    expect(admitPull(a, T0 + later)).toEqual(expected);
  });

  it("the retry delay is the first moment the bucket is above zero again", () => {
    const a = newAccount(T0);
    charge(a, PULL_BURST_BYTES + 100_000, true, T0);
    const d = admitPull(a, T0);
    if (d.kind !== "refuse") throw new Error("expected a refusal");
    expect(admitPull(a, T0 + d.retryAfterMs - 1).kind).toBe("refuse");
    expect(admitPull(a, T0 + d.retryAfterMs).kind).toBe("serve");
  });

  it("refills at most to the burst", () => {
    const a = newAccount(T0);
    charge(a, 1, true, T0);
    // an hour idle does not store more than the burst
    charge(a, PULL_BURST_BYTES, true, T0 + 3_600_000);
    expect(admitPull(a, T0 + 3_600_000).kind).toBe("refuse");
  });

  it("live frames do not draw on the bucket", () => {
    const a = newAccount(T0);
    charge(a, PULL_BURST_BYTES * 4, false, T0);
    expect(admitPull(a, T0).kind).toBe("serve");
  });

  it(`${PULL_REFUSALS_MAX} refusals in a row are answered; the next one closes`, () => {
    const a = newAccount(T0);
    charge(a, PULL_BURST_BYTES + 256 * 1024, true, T0);
    for (let i = 1; i <= PULL_REFUSALS_MAX; i++) expect(admitPull(a, T0 + i).kind).toBe("refuse");
    expect(admitPull(a, T0 + PULL_REFUSALS_MAX + 1).kind).toBe("close");
  });

  it("a served pull starts the count of refusals over", () => {
    const a = newAccount(T0);
    charge(a, PULL_BURST_BYTES, true, T0);
    for (let i = 0; i < PULL_REFUSALS_MAX; i++) expect(admitPull(a, T0).kind).toBe("refuse");
    expect(admitPull(a, T0 + 1).kind).toBe("serve");
    charge(a, 256 * 1024, true, T0 + 1);
    for (let i = 0; i < PULL_REFUSALS_MAX; i++) expect(admitPull(a, T0 + 1).kind).toBe("refuse");
    expect(admitPull(a, T0 + 1).kind).toBe("close");
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
    const a = newAccount(T0);
    let last = true;
    for (const [bytes, at] of sends) last = charge(a, bytes, false, T0 + at);
    expect(last).toBe(ok);
  });

  it("pulled bytes count toward the total too", () => {
    const a = newAccount(T0);
    charge(a, OUTBOUND_MAX_BYTES, false, T0);
    expect(charge(a, 1, true, T0)).toBe(false);
  });
});

describe("unsent queue", () => {
  it.each([
    [0, false],
    [UNSENT_MAX_BYTES, false],
    [UNSENT_MAX_BYTES + 1, true],
  ])("%i bytes unsent → over: %s", (unsent, over) => {
    expect(isUnsentOver(unsent)).toBe(over);
  });
});
