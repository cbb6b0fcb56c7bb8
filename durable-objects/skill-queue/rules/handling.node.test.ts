import { describe, expect, it } from "vitest";
import type { BusyAction, QueueAction } from "../../../worker/db/schema";
import {
  decideHandling,
  type HandlingContext,
  MAX_TRANSFER_HOPS,
  type ReleaseReason,
  releaseReason,
} from "./handling";

const transfer: QueueAction = { action: "transfer", transferType: "skillQueue", targetId: "q-b" };
const busyTransfer: BusyAction = {
  ...transfer,
  queueUsage: 60,
  forwardingCondition: "deviceUsage",
  threshold: 90,
  maxQueuingMethod: "fixed",
  maxQueuing: 10,
};
const ctx = (over: Partial<HandlingContext> = {}, usage = 10): HandlingContext => ({
  selfId: "q-a",
  target: { id: "q-b", type: "multimedia", usageAfterTransfer: usage },
  hops: [],
  ...over,
});

describe("queuing handling: release or transfer", () => {
  it.each<[string, QueueAction | BusyAction, HandlingContext, ReleaseReason | null]>([
    ["release configured", { ...transfer, action: "release" }, ctx(), "configured"],
    ["IVR transfer in a web chat releases", { ...transfer, transferType: "ivr" }, ctx(), "ivr"],
    ["target missing", transfer, ctx({ target: null }), "noTarget"],
    ["no target configured", { ...transfer, targetId: null }, ctx(), "noTarget"],
    [
      "target state for another queue than configured",
      transfer,
      ctx({ target: { id: "q-c", type: "multimedia", usageAfterTransfer: 0 } }),
      "noTarget",
    ],
    [
      "target is this queue",
      { ...transfer, targetId: "q-a" },
      ctx({ target: { id: "q-a", type: "multimedia", usageAfterTransfer: 0 } }),
      "self",
    ],
    [
      "target of another type",
      transfer,
      ctx({ target: { id: "q-b", type: "voice", usageAfterTransfer: 0 } }),
      "typeMismatch",
    ],
    [
      "same non-multimedia type",
      transfer,
      ctx({ selfType: "voice", target: { id: "q-b", type: "voice", usageAfterTransfer: 0 } }),
      null,
    ],
    ["target already visited", transfer, ctx({ hops: ["q-x", "q-b"] }), "loop"],
    ["hops below the maximum", transfer, ctx({ hops: ["q-x", "q-y"] }), null],
    ["hops at the maximum", transfer, ctx({ hops: ["q-x", "q-y", "q-z"] }), "tooManyHops"],
    [
      "hops at the maximum, by the constant",
      transfer,
      ctx({ hops: Array.from({ length: MAX_TRANSFER_HOPS }, (_, i) => `q-${i}`) }),
      "tooManyHops",
    ],
    ["busy: target usage below Queue Usage", busyTransfer, ctx({}, 59.99), null],
    ["busy: target usage equal to Queue Usage", busyTransfer, ctx({}, 60), "targetUsage"],
    ["busy: target usage above Queue Usage", busyTransfer, ctx({}, 61), "targetUsage"],
    ["busy: Queue Usage 0 never transfers", { ...busyTransfer, queueUsage: 0 }, ctx({}, 0), "targetUsage"],
    ["busy: Queue Usage 100 transfers below full", { ...busyTransfer, queueUsage: 100 }, ctx({}, 99), null],
    ["timeout/no agent: target below full", transfer, ctx({}, 99.9), null],
    ["timeout/no agent: target full", transfer, ctx({}, 100), "targetUsage"],
  ])("%s", (_, action, context, reason) => {
    expect(releaseReason(action, context)).toBe(reason);
    expect(decideHandling(action, context)).toEqual(
      reason === null ? { kind: "transfer", targetId: context.target?.id } : { kind: "release" },
    );
  });
});
