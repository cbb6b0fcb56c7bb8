import { describe, expect, it } from "vitest";
import { firstOverlap, minuteOfDay, overlaps } from "./work-time-segments";

describe("work-time segments", () => {
  it.each([
    ["00:00", 0],
    ["09:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
    ["24:01", null],
    ["25:00", null],
    ["9:30", null],
    ["09:60", null],
    ["0930", null],
    ["", null],
  ])("reads %s as %s", (text, minute) => {
    expect(minuteOfDay(text)).toBe(minute);
  });

  it.each([
    ["touching segments do not overlap", ["09:00", "12:00"], ["12:00", "18:00"], false],
    ["one shared minute overlaps", ["09:00", "12:01"], ["12:00", "18:00"], true],
    ["containment overlaps", ["00:00", "24:00"], ["10:00", "11:00"], true],
    ["disjoint", ["08:00", "09:00"], ["10:00", "11:00"], false],
  ])("%s", (_name, a, b, expected) => {
    const seg = ([start, end]: string[]) => ({ start: start!, end: end! });
    expect(overlaps(seg(a), seg(b))).toBe(expected);
    expect(overlaps(seg(b), seg(a))).toBe(expected);
  });

  it("finds the first overlapping pair", () => {
    const segments = [
      { start: "08:00", end: "09:00" },
      { start: "10:00", end: "12:00" },
      { start: "11:00", end: "13:00" },
    ];
    expect(firstOverlap(segments)).toEqual([1, 2]);
    expect(firstOverlap(segments.slice(0, 2))).toBeNull();
  });
});
