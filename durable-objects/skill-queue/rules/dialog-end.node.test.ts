import { describe, expect, it } from "vitest";
import type { ChannelConfig } from "../../../worker/db/schema";
import { conclusionFor, noReplyMs } from "./dialog-end";

type DialogEnd = ChannelConfig["dialogEnd"];

describe("dialog end", () => {
  it.each<[string, DialogEnd, number, string | null]>([
    [
      "disabled: 20 minutes, no conclusion",
      { enabled: false, noReplyMinutes: 5, conclusion: "Bye" },
      1_200_000,
      null,
    ],
    [
      "enabled: configured minutes and conclusion",
      { enabled: true, noReplyMinutes: 5, conclusion: "Bye" },
      300_000,
      "Bye",
    ],
    ["enabled: one minute", { enabled: true, noReplyMinutes: 1, conclusion: "Bye" }, 60_000, "Bye"],
    [
      "enabled with a blank conclusion",
      { enabled: true, noReplyMinutes: 30, conclusion: "  " },
      1_800_000,
      null,
    ],
  ])("%s", (_, dialogEnd, ms, conclusion) => {
    expect(noReplyMs(dialogEnd)).toBe(ms);
    expect(conclusionFor(dialogEnd)).toBe(conclusion);
  });
});
