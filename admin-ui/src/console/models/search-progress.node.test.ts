import { describe, expect, it } from "vitest";
import { searchProgress } from "./search-progress";

const date = (ms: number) => `day ${ms}`;

describe("history search progress", () => {
  it.each([
    ["no page yet", null, 0, null],
    ["a list without a text search", { items: [], nextCursor: "5:cv" }, 0, null],
    [
      "a search searched to the end",
      { items: [1], nextCursor: null, searched: { scanned: 3, through: 5 } },
      1,
      null,
    ],
    [
      "a search with no match so far",
      { items: [], nextCursor: "5:cv", searched: { scanned: 100, through: 5 } },
      0,
      {
        note: "Searched up to day 5 — no match so far.",
        label: "Search further",
        empty: "No match among the conversations that ended since day 5.",
      },
    ],
    [
      "a search with matches and more to search",
      { items: [1], nextCursor: "5:cv", searched: { scanned: 100, through: 5 } },
      3,
      {
        note: "Searched up to day 5 — older conversations may match too.",
        label: "Search further",
        empty: "No match among the conversations that ended since day 5.",
      },
    ],
  ])("%s", (_name, page, shown, expected) => {
    expect(searchProgress(page, shown, date)).toEqual(expected);
  });
});
