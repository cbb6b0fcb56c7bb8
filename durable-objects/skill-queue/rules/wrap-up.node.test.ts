import { describe, expect, it } from "vitest";
import { effectiveWrapUpSeconds } from "./wrap-up";

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
