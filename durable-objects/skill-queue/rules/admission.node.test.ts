import { describe, expect, it } from "vitest";
import type { BusyAction } from "../../../worker/db/schema";
import {
  type AdmissionSnapshot,
  admit,
  isBusyNow,
  usageAfterArrival,
  waitingDurationBusyAt,
} from "./admission";

const busy = (over: Partial<BusyAction> = {}): BusyAction => ({
  action: "release",
  transferType: "skillQueue",
  targetId: null,
  queueUsage: 80,
  forwardingCondition: "deviceUsage",
  threshold: 100,
  maxQueuingMethod: "fixed",
  maxQueuing: 10,
  ...over,
});
const snap = (over: Partial<AdmissionSnapshot> = {}): AdmissionSnapshot => ({
  signedIn: 2,
  nonIdle: 0,
  waiting: 0,
  oldestWaitSeconds: 0,
  maxCallsInQueue: 100,
  busy: busy(),
  ...over,
});

describe("admission of a new customer", () => {
  it.each<[string, Partial<AdmissionSnapshot>, ReturnType<typeof admit>]>([
    ["nobody signed in", { signedIn: 0 }, "noAgent"],
    ["nobody signed in wins over a full queue", { signedIn: 0, waiting: 50 }, "noAgent"],
    ["one slot left in the fixed maximum", { waiting: 9 }, "queue"],
    ["fixed maximum reached", { waiting: 10 }, "busy"],
    ["Max. Calls in Queue is the smaller limit", { waiting: 3, maxCallsInQueue: 3 }, "busy"],
    ["one below Max. Calls in Queue", { waiting: 2, maxCallsInQueue: 3 }, "queue"],
    ["Max. Calls in Queue 0 refuses everyone", { maxCallsInQueue: 0 }, "busy"],
    [
      "scale factor: ceil(150 / 100 × 2) = 3 reached",
      { waiting: 3, busy: busy({ maxQueuingMethod: "percentOfSignedIn", maxQueuing: 150 }) },
      "busy",
    ],
    [
      "scale factor: one slot left",
      { waiting: 2, busy: busy({ maxQueuingMethod: "percentOfSignedIn", maxQueuing: 150 }) },
      "queue",
    ],
    // signedIn 2, nonIdle 1 → 35; newcomer 1 / 10 → 3; usage 38.
    ["usage exactly at the threshold", { nonIdle: 1, busy: busy({ threshold: 38 }) }, "queue"],
    ["usage over the threshold", { nonIdle: 1, busy: busy({ threshold: 37.99 }) }, "busy"],
    // The newcomer counts: 35 + 2 / 10 × 30 = 41 with one already waiting.
    ["newcomer counted as queuing", { nonIdle: 1, waiting: 1, busy: busy({ threshold: 40 }) }, "busy"],
    ["threshold 100 is never exceeded", { nonIdle: 2, waiting: 9, busy: busy({ threshold: 100 }) }, "queue"],
    [
      "waiting duration exactly at the threshold",
      {
        waiting: 1,
        oldestWaitSeconds: 30,
        busy: busy({ forwardingCondition: "waitingDuration", threshold: 30 }),
      },
      "queue",
    ],
    [
      "waiting duration over the threshold",
      {
        waiting: 1,
        oldestWaitSeconds: 31,
        busy: busy({ forwardingCondition: "waitingDuration", threshold: 30 }),
      },
      "busy",
    ],
    [
      "waiting duration ignores device usage",
      { nonIdle: 2, waiting: 9, busy: busy({ forwardingCondition: "waitingDuration", threshold: 0 }) },
      "queue",
    ],
    [
      "waiting-duration threshold 0 with an empty queue",
      { busy: busy({ forwardingCondition: "waitingDuration", threshold: 0 }) },
      "queue",
    ],
  ])("%s", (_, over, expected) => {
    expect(admit(snap(over))).toBe(expected);
  });
});

describe("busy condition for customers already waiting", () => {
  it.each<[string, Partial<AdmissionSnapshot>, boolean]>([
    ["nobody signed in is not busy (no-agent handling instead)", { signedIn: 0, waiting: 5 }, false],
    // 35 + 1 / 10 × 30 = 38: the newcomer is not counted here.
    ["usage at the threshold", { nonIdle: 1, waiting: 1, busy: busy({ threshold: 38 }) }, false],
    ["usage over the threshold", { nonIdle: 1, waiting: 1, busy: busy({ threshold: 37 }) }, true],
    [
      "longest wait over the threshold",
      {
        waiting: 1,
        oldestWaitSeconds: 11,
        busy: busy({ forwardingCondition: "waitingDuration", threshold: 10 }),
      },
      true,
    ],
    [
      "longest wait at the threshold",
      {
        waiting: 1,
        oldestWaitSeconds: 10,
        busy: busy({ forwardingCondition: "waitingDuration", threshold: 10 }),
      },
      false,
    ],
  ])("%s", (_, over, expected) => {
    expect(isBusyNow(snap(over))).toBe(expected);
  });

  it("times the waiting-duration check just past the threshold", () => {
    expect(
      waitingDurationBusyAt(1_000, busy({ forwardingCondition: "waitingDuration", threshold: 30 })),
    ).toBe(31_001);
    expect(waitingDurationBusyAt(1_000, busy())).toBeNull();
  });
});

describe("usage after a transfer arrives", () => {
  it.each<[string, Partial<AdmissionSnapshot>, number]>([
    ["idle queue, limit 10", {}, 3],
    ["one of two busy, two waiting", { nonIdle: 1, waiting: 2 }, 44],
    [
      "nobody signed in: full agent term, limit 0 reads as full",
      { signedIn: 0, busy: busy({ maxQueuingMethod: "percentOfSignedIn" }) },
      100,
    ],
    ["full queue", { nonIdle: 2, waiting: 9 }, 100],
  ])("%s", (_, over, expected) => {
    expect(usageAfterArrival(snap(over))).toBe(expected);
  });
});
