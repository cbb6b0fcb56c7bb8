import { describe, expect, it } from "vitest";
import { conversationMetrics } from "./conversation-metrics";

const T = 1_000_000;
const m = (sender: string, after: number) => ({ sender, at: T + after });

describe("conversation report figures", () => {
  it.each([
    [
      "straight to an agent",
      { firstQueuedAt: T, firstConnectedAt: T + 5000, endedAt: T + 65_000 },
      [m("customer", 0), m("system", 5000), m("agent", 8000), m("customer", 9000)],
      { waitMs: 5000, answeredAt: T + 5000, firstResponseMs: 8000, handleMs: 60_000, robotTurns: 0 },
    ],
    [
      "bot turns first: neither start nor response; the clock starts at the queue",
      { firstQueuedAt: T + 30_000, firstConnectedAt: T + 31_000, endedAt: T + 90_000 },
      [m("customer", 0), m("robot", 1), m("customer", 20_000), m("robot", 30_000), m("agent", 33_000)],
      { waitMs: 1000, answeredAt: T + 31_000, firstResponseMs: 3000, handleMs: 59_000, robotTurns: 2 },
    ],
    [
      "transferred after a timeout: wait and first response run from the first queue",
      { firstQueuedAt: T, firstConnectedAt: T + 70_000, endedAt: T + 100_000 },
      [m("customer", 0), m("system", 60_000), m("system", 70_000), m("agent", 75_000)],
      { waitMs: 70_000, answeredAt: T + 70_000, firstResponseMs: 75_000, handleMs: 30_000, robotTurns: 0 },
    ],
    [
      "handed over by an agent: the first agent's first message counts, handle spans both",
      { firstQueuedAt: T, firstConnectedAt: T + 1000, endedAt: T + 50_000 },
      [m("agent", 2000), m("system", 10_000), m("agent", 30_000)],
      { waitMs: 1000, answeredAt: T + 1000, firstResponseMs: 2000, handleMs: 49_000, robotTurns: 0 },
    ],
    [
      "answered but the agent never wrote; a checker's message is no response",
      { firstQueuedAt: T, firstConnectedAt: T + 1000, endedAt: T + 4000 },
      [m("customer", 0), m("checker", 2000)],
      { waitMs: 1000, answeredAt: T + 1000, firstResponseMs: null, handleMs: 3000, robotTurns: 0 },
    ],
    [
      "queued, released on timeout: the wait runs to the end",
      { firstQueuedAt: T, firstConnectedAt: null, endedAt: T + 120_000 },
      [m("customer", 0), m("system", 120_000)],
      { waitMs: 120_000, answeredAt: null, firstResponseMs: null, handleMs: null, robotTurns: 0 },
    ],
    [
      "the robot alone (contained): no wait, no response, no handle",
      { firstQueuedAt: null, firstConnectedAt: null, endedAt: T + 9000 },
      [m("customer", 0), m("robot", 1), m("customer", 5000), m("robot", 5001)],
      { waitMs: null, answeredAt: null, firstResponseMs: null, handleMs: null, robotTurns: 2 },
    ],
    [
      "released at admission (busy, off-hours): never queued",
      { firstQueuedAt: null, firstConnectedAt: null, endedAt: T },
      [m("customer", 0), m("system", 0)],
      { waitMs: null, answeredAt: null, firstResponseMs: null, handleMs: null, robotTurns: 0 },
    ],
    [
      "connected the same millisecond: 0, not none",
      { firstQueuedAt: T, firstConnectedAt: T, endedAt: T },
      [m("agent", 0)],
      { waitMs: 0, answeredAt: T, firstResponseMs: 0, handleMs: 0, robotTurns: 0 },
    ],
    [
      "clock skew between objects counts as 0",
      { firstQueuedAt: T, firstConnectedAt: T - 5, endedAt: T - 10 },
      [m("agent", -1)],
      { waitMs: 0, answeredAt: T - 5, firstResponseMs: 0, handleMs: 0, robotTurns: 0 },
    ],
  ] as const)("%s", (_what, times, messages, expected) => {
    expect(conversationMetrics({ ...times, messages })).toEqual(expected);
  });
});
