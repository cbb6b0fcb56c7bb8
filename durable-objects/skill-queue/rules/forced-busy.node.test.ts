import { describe, expect, it } from "vitest";
import { statusAtFreshSignIn, statusChoice } from "./forced-busy";

describe("statusChoice", () => {
  it.each([
    ["idle → rest", "idle", null, "rest", true],
    ["rest → idle", "rest", null, "idle", true],
    ["idle → idle", "idle", null, "idle", true],
    ["forced busy → idle", "busy", "Quinn", "idle", false],
    ["forced busy → rest", "busy", "Quinn", "rest", false],
  ] as const)("%s: allowed %s", (_what, chosen, by, wanted, ok) => {
    expect(statusChoice(chosen, by, wanted).ok).toBe(ok);
  });

  it("names who set the agent busy, or says a quality checker did", () => {
    expect(statusChoice("busy", "Quinn", "idle")).toEqual({
      ok: false,
      message: "Quinn set you busy; you cannot choose idle until a quality checker releases you",
    });
    expect(statusChoice("busy", null, "rest")).toMatchObject({
      message: "A quality checker set you busy; you cannot choose rest until a quality checker releases you",
    });
  });
});

describe("statusAtFreshSignIn", () => {
  it.each([
    ["idle", "idle"],
    ["rest", "idle"],
    ["busy", "busy"],
  ] as const)("%s → %s", (chosen, next) => {
    expect(statusAtFreshSignIn(chosen)).toBe(next);
  });
});
