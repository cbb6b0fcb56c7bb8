import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, updateAverage } from "./estimated-wait";

describe("estimated wait", () => {
  it.each([
    // position, idleSlots, signedIn, avgHandleSeconds, seconds
    [1, 1, 1, 120, 0],
    [2, 2, 1, 120, 0],
    [3, 2, 1, 120, 120],
    [1, 0, 1, 120, 120],
    [2, 0, 1, 120, 240],
    [1, 0, 2, 120, 60],
    [3, 0, 2, 120, 180],
    [1, 0, 3, 100, 34],
    [1, 0, 0, 120, 120],
    [1, 0, 1, 0, DEFAULT_HANDLE_SECONDS],
    [1, -1, 1, 60, 60],
  ])(
    "position %d, %d free slots, %d signed in, %d s average → %d s",
    (position, idleSlots, signedIn, avg, seconds) => {
      expect(estimateWaitSeconds(position, { idleSlots, signedIn, avgHandleSeconds: avg })).toBe(seconds);
    },
  );

  it("is a whole number that never decreases with the position", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        (position, idleSlots, signedIn, avgHandleSeconds) => {
          const s = { idleSlots, signedIn, avgHandleSeconds };
          const wait = estimateWaitSeconds(position, s);
          expect(Number.isInteger(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(estimateWaitSeconds(position + 1, s)).toBeGreaterThanOrEqual(wait);
        },
      ),
    );
  });
});

describe("estimated wait capped at the Max. Waiting Time", () => {
  it.each([
    // position, signedIn, avgHandleSeconds, maxWaitSeconds, seconds
    [1, 1, 120, 119, 119],
    [1, 1, 120, 120, 120],
    [1, 1, 120, 121, 120],
    [10, 1, 180, 60, 60],
    [10, 0, 180, 1, 1],
    [1, 1, 120, 0, 0],
  ])(
    "position %d, %d signed in, %d s average, max wait %d s → %d s",
    (position, signedIn, avgHandleSeconds, maxWaitSeconds, seconds) => {
      expect(
        estimateWaitSeconds(position, { idleSlots: 0, signedIn, avgHandleSeconds, maxWaitSeconds }),
      ).toBe(seconds);
    },
  );

  it("never exceeds the cap, for any queue", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.integer({ min: 1, max: 60_000 }),
        (position, signedIn, avgHandleSeconds, maxWaitSeconds) => {
          const wait = estimateWaitSeconds(position, {
            idleSlots: 0,
            signedIn,
            avgHandleSeconds,
            maxWaitSeconds,
          });
          expect(wait).toBeLessThanOrEqual(maxWaitSeconds);
        },
      ),
    );
  });
});

describe("average handling time", () => {
  it.each([
    [0, 100, 100],
    [Number.NaN, 100, 100],
    [100, 200, 120],
    [100, 100, 100],
    [200, 100, 180],
  ])("prev %d, sample %d → %d", (prev, sample, next) => {
    expect(updateAverage(prev, sample)).toBeCloseTo(next, 9);
  });

  it("honours alpha", () => {
    expect(updateAverage(100, 200, 0.5)).toBe(150);
  });

  it("stays between the previous average and the sample", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (prev, sample, alpha) => {
          const next = updateAverage(prev, sample, alpha);
          expect(next).toBeGreaterThanOrEqual(Math.min(prev, sample) - 1e-6);
          expect(next).toBeLessThanOrEqual(Math.max(prev, sample) + 1e-6);
        },
      ),
    );
  });
});
