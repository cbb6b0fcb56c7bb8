import { describe, expect, it } from "vitest";
import {
  assignmentMode,
  mayOfferAgain,
  OFFER_TIMEOUT_MS,
  offerDeadline,
  offerExpired,
  REOFFER_BLOCK_MS,
} from "./offer";

describe("assignment mode by platform role", () => {
  it.each([
    ["callout", "offer"],
    ["common", "assign"],
    ["qualityChecker", "assign"],
    [null, "assign"],
  ] as const)("%s → %s", (role, mode) => {
    expect(assignmentMode(role)).toBe(mode);
  });
});

describe("offer timeout (20 s)", () => {
  const at = 1_000_000;
  it.each<[string, number, boolean]>([
    ["just made", at, false],
    ["1 ms before the deadline", at + OFFER_TIMEOUT_MS - 1, false],
    ["at the deadline", at + OFFER_TIMEOUT_MS, true],
    ["after the deadline", at + OFFER_TIMEOUT_MS + 1, true],
  ])("%s", (_, now, expired) => {
    expect(offerExpired(at, now)).toBe(expired);
  });

  it("is 20 seconds", () => {
    expect(OFFER_TIMEOUT_MS).toBe(20_000);
    expect(offerDeadline(at)).toBe(at + 20_000);
  });
});

describe("not offered the same customer again for 60 s after a rejection", () => {
  const rejectedAt = 5_000_000;
  it.each<[string, number | null, number, boolean]>([
    ["never rejected", null, rejectedAt, true],
    ["right after the rejection", rejectedAt, rejectedAt, false],
    ["1 ms before the block ends", rejectedAt, rejectedAt + REOFFER_BLOCK_MS - 1, false],
    ["when the block ends", rejectedAt, rejectedAt + REOFFER_BLOCK_MS, true],
    ["later", rejectedAt, rejectedAt + REOFFER_BLOCK_MS + 1, true],
  ])("%s", (_, rejected, now, allowed) => {
    expect(mayOfferAgain(rejected, now)).toBe(allowed);
  });

  it("is 60 seconds", () => {
    expect(REOFFER_BLOCK_MS).toBe(60_000);
  });
});
