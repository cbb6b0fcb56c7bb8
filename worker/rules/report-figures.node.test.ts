import { describe, expect, it } from "vitest";
import {
  type ArchivedConversation,
  isAnswered,
  isContained,
  isOffered,
  percentile,
  releaseReason,
  responseRate,
} from "./report-figures";

const base: ArchivedConversation = {
  outcome: "agentEnded",
  queuedAt: null,
  connectedAt: null,
  waitMs: null,
  answeredAt: null,
  transfers: 0,
  robotTurns: 0,
  rating: null,
};

describe("what a conversation counts as", () => {
  it.each([
    [
      "answered by an agent",
      { waitMs: 3000, answeredAt: 5, queuedAt: 2, connectedAt: 5 },
      [true, true, null, false],
    ],
    [
      "timed out in the queue",
      { outcome: "timeout", waitMs: 60_000, queuedAt: 1 },
      [true, false, "timeout", false],
    ],
    ["released busy on arrival", { outcome: "busy" }, [true, false, "busy", false]],
    ["released, nobody on duty", { outcome: "noAgent" }, [true, false, "noAgent", false]],
    [
      "off-hours after talking to the robot",
      { outcome: "nonWorkingTime", robotTurns: 2 },
      [true, false, "nonWorkingTime", false],
    ],
    ["the robot alone, idle timeout", { outcome: "robotTimeout", robotTurns: 3 }, [false, false, null, true]],
    [
      "the robot alone, the customer left",
      { outcome: "customerLeft", robotTurns: 1 },
      [false, false, null, true],
    ],
    ["left before the robot said anything", { outcome: "customerLeft" }, [false, false, null, false]],
    [
      "robot, then queued, then left",
      { outcome: "customerLeft", robotTurns: 1, waitMs: 8000, queuedAt: 1 },
      [true, false, null, false],
    ],
    [
      "archived before the figures: queued and connected",
      { queuedAt: 1, connectedAt: 2 },
      [true, true, null, false],
    ],
  ] as const)("%s", (_what, patch, [offered, answered, released, contained]) => {
    const c = { ...base, ...patch };
    expect([isOffered(c), isAnswered(c), releaseReason(c), isContained(c)]).toEqual([
      offered,
      answered,
      released,
      contained,
    ]);
  });
});

describe("CSAT response rate", () => {
  it.each([
    [0, 0, null],
    [0, 4, 0],
    [1, 4, 0.25],
    [4, 4, 1],
    [5, 4, 1],
  ])("%d rated of %d answered → %s", (rated, answered, rate) => {
    expect(responseRate(rated, answered)).toBe(rate);
  });
});

describe("nearest-rank percentiles", () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 90, 7],
    [[1, 2], 50, 1],
    [[1, 2], 90, 2],
    [[1, 2, 3, 4], 50, 2],
    [ten, 50, 5],
    [ten, 90, 9],
    [ten, 91, 10],
    [[...ten, 11], 90, 10],
    [ten, 100, 10],
    [ten, 1, 1],
  ] as const)("%j p%d → %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
