import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deviceUsagePercent } from "./device-usage";

describe("device usage (%)", () => {
  it.each([
    // signedIn, nonIdle, queuing, maxQueuing, usage
    [10, 0, 0, 100, 0],
    [10, 10, 0, 100, 70],
    [10, 5, 0, 100, 35],
    [10, 0, 100, 100, 30],
    [10, 0, 50, 100, 15],
    [4, 1, 1, 4, 25],
    [10, 10, 100, 100, 100],
    [0, 0, 0, 100, 70],
    [0, 0, 5, 10, 85],
    [10, 0, 0, 0, 0],
    [10, 0, 1, 0, 30],
    [0, 0, 0, 0, 70],
    [10, 0, 150, 100, 30],
    [15, 11, 2, 9, 58],
    [15, 1, 11, 18, 23],
  ])("signedIn %d, nonIdle %d, queuing %d / %d → %d %%", (signedIn, nonIdle, queuing, maxQueuing, usage) => {
    expect(deviceUsagePercent({ signedIn, nonIdle, queuing, maxQueuing })).toBe(usage);
  });

  it("weights the agent term by 70 and the queue term by 30", () => {
    expect(deviceUsagePercent({ signedIn: 3, nonIdle: 1, queuing: 1, maxQueuing: 3 })).toBeCloseTo(
      70 / 3 + 10,
      12,
    );
  });

  it("is exact whenever the formula's value is a whole number", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (signedIn, nonIdleRaw, maxQueuing, queuingRaw) => {
          const nonIdle = Math.min(nonIdleRaw, signedIn);
          const queuing = Math.min(queuingRaw, maxQueuing);
          const numerator = nonIdle * 70 * maxQueuing + queuing * 30 * signedIn;
          const denominator = signedIn * maxQueuing;
          fc.pre(numerator % denominator === 0);
          expect(deviceUsagePercent({ signedIn, nonIdle, queuing, maxQueuing })).toBe(
            numerator / denominator,
          );
        },
      ),
    );
  });

  it("stays within 0–100 and grows with load", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (signedIn, nonIdleRaw, queuing, maxQueuing) => {
          const nonIdle = Math.min(nonIdleRaw, signedIn);
          const u = deviceUsagePercent({ signedIn, nonIdle, queuing, maxQueuing });
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThanOrEqual(100);
          expect(
            deviceUsagePercent({ signedIn, nonIdle, queuing: queuing + 1, maxQueuing }),
          ).toBeGreaterThanOrEqual(u);
          if (nonIdle < signedIn) {
            expect(
              deviceUsagePercent({ signedIn, nonIdle: nonIdle + 1, queuing, maxQueuing }),
            ).toBeGreaterThan(u);
          }
        },
      ),
    );
  });
});
