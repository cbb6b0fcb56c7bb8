import { describe, expect, it } from "vitest";
import { effectiveWrapUpSeconds, presenceState, wrapUpAfterChat } from "./wrap-up";

describe("effective wrap-up duration", () => {
  it.each([
    [0, 0],
    [1, 5],
    [4, 5],
    [4.5, 5],
    [5, 10],
    [9, 10],
    [10, 15],
    [12, 15],
    [14, 15],
    [15, 20],
    [3599, 3600],
    [3600, 3605],
  ])("%d s → %d s", (configured, effective) => {
    expect(effectiveWrapUpSeconds(configured)).toBe(effective);
  });
});

const NOW = 1_000_000;

describe("the state every queue shows", () => {
  it.each([
    ["idle, no wrap-up", "idle", null, { status: "idle", wrapUpUntil: null }],
    ["idle, wrap-up ends 1 ms later", "idle", NOW + 1, { status: "arranging", wrapUpUntil: NOW + 1 }],
    ["idle, wrap-up ends now: over", "idle", NOW, { status: "idle", wrapUpUntil: null }],
    ["idle, wrap-up ended before", "idle", NOW - 1, { status: "idle", wrapUpUntil: null }],
    ["rest with a wrap-up end stored", "rest", NOW + 5000, { status: "rest", wrapUpUntil: null }],
    ["busy with a wrap-up end stored", "busy", NOW + 5000, { status: "busy", wrapUpUntil: null }],
  ] as const)("%s", (_what, chosen, until, state) => {
    expect(presenceState(chosen, until, NOW)).toEqual(state);
  });
});

describe("the wrap-up end after a chat ends", () => {
  it.each([
    ["idle, none running → the queue's", "idle", null, NOW + 10_000, NOW + 10_000],
    ["the queue has none, none running", "idle", null, null, null],
    ["the queue has none, one running → it goes on", "idle", NOW + 4000, null, NOW + 4000],
    ["a later end wins over a running one", "idle", NOW + 4000, NOW + 10_000, NOW + 10_000],
    ["a shorter one never cuts a running one short", "idle", NOW + 20_000, NOW + 10_000, NOW + 20_000],
    ["an expired end counts as none", "idle", NOW - 1, NOW + 10_000, NOW + 10_000],
    ["an expired end alone → none", "idle", NOW, null, null],
    ["at rest: none", "rest", null, NOW + 10_000, null],
    ["forced busy: none", "busy", null, NOW + 10_000, null],
  ] as const)("%s", (_what, chosen, running, until, expected) => {
    expect(wrapUpAfterChat(chosen, running, until, NOW)).toBe(expected);
  });
});
