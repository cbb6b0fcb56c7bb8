import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BusyAction } from "../../../worker/db/schema";
import { maxQueuingCalls, queueLimit } from "./queue-limit";

const busy = (maxQueuingMethod: BusyAction["maxQueuingMethod"], maxQueuing: number): BusyAction => ({
  action: "release",
  transferType: "skillQueue",
  targetId: null,
  queueUsage: 80,
  forwardingCondition: "deviceUsage",
  threshold: 90,
  maxQueuingMethod,
  maxQueuing,
});

describe("maximum number of queuing calls", () => {
  it.each([
    ["fixed", 10, 0, 10],
    ["fixed", 10, 7, 10],
    ["fixed", 0, 7, 0],
    ["percentOfSignedIn", 100, 7, 7],
    ["percentOfSignedIn", 7, 100, 7],
    ["percentOfSignedIn", 150, 3, 5],
    ["percentOfSignedIn", 50, 3, 2],
    ["percentOfSignedIn", 1, 1, 1],
    ["percentOfSignedIn", 200, 3, 6],
    ["percentOfSignedIn", 10_000, 2, 200],
    ["percentOfSignedIn", 10, 0, 0],
    ["percentOfSignedIn", 33, 3, 1],
    ["percentOfSignedIn", 34, 3, 2],
  ] as const)("%s %d with %d signed in → %d", (method, value, signedIn, expected) => {
    expect(maxQueuingCalls(busy(method, value), signedIn)).toBe(expected);
  });

  it("rounds up exactly, free of floating-point drift", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (scale, signedIn) => {
          const product = scale * signedIn;
          const expected = (product - (product % 100)) / 100 + (product % 100 === 0 ? 0 : 1);
          expect(maxQueuingCalls(busy("percentOfSignedIn", scale), signedIn)).toBe(expected);
        },
      ),
    );
  });
});

describe("queue limit", () => {
  it.each([
    [100, "fixed", 10, 0, 10],
    [5, "fixed", 10, 0, 5],
    [0, "fixed", 10, 0, 0],
    [100, "percentOfSignedIn", 150, 4, 6],
    [3, "percentOfSignedIn", 150, 4, 3],
    [100, "percentOfSignedIn", 150, 0, 0],
  ] as const)(
    "min(Max. Calls in Queue %d, %s %d with %d signed in) → %d",
    (max, method, value, signedIn, limit) => {
      expect(queueLimit(max, busy(method, value), signedIn)).toBe(limit);
    },
  );
});
