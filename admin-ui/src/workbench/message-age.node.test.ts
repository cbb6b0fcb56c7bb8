import { describe, expect, it } from "vitest";
import { age } from "./message-age";

const MIN = 60_000;
describe("age of a left message", () => {
  it.each([
    [-5_000, "0 min ago"],
    [59_999, "0 min ago"],
    [MIN, "1 min ago"],
    [59 * MIN, "59 min ago"],
    [60 * MIN, "1 h ago"],
    [47 * 60 * MIN + 59 * MIN, "47 h ago"],
    [48 * 60 * MIN, "2 d ago"],
    [30 * 24 * 60 * MIN, "30 d ago"],
  ])("%d ms → %s", (ms, text) => {
    expect(age(ms)).toBe(text);
  });
});
