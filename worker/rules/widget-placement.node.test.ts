import { describe, expect, it } from "vitest";
import { parsePlacement } from "./widget-placement";

describe("widget placement", () => {
  it.each([
    [undefined, undefined, { side: "right", x: 20, y: 20 }],
    [null, "", { side: "right", x: 20, y: 20 }],
    ["bottom-right", "24", { side: "right", x: 24, y: 24 }],
    ["bottom-left", "24,80", { side: "left", x: 24, y: 80 }],
    [" bottom-left ", " 0 , 400 ", { side: "left", x: 0, y: 400 }],
    ["bottom-left", "400", { side: "left", x: 400, y: 400 }],
  ])("position %j offset %j → %j", (position, offset, expected) => {
    expect(parsePlacement(position, offset)).toEqual({ ...expected, problems: [] });
  });

  it.each([
    ["top-left", undefined, { side: "right", x: 20, y: 20 }, /data-position/],
    ["bottom-left", "401", { side: "left", x: 20, y: 20 }, /data-offset .*0 to 400/],
    [undefined, "24,401", { side: "right", x: 20, y: 20 }, /data-offset/],
    [undefined, "-1", { side: "right", x: 20, y: 20 }, /data-offset/],
    [undefined, "24px", { side: "right", x: 20, y: 20 }, /data-offset/],
    [undefined, "1,2,3", { side: "right", x: 20, y: 20 }, /data-offset/],
    [undefined, "2.5", { side: "right", x: 20, y: 20 }, /data-offset/],
  ])("ignores position %j offset %j, naming it", (position, offset, expected, problem) => {
    const p = parsePlacement(position, offset);
    expect(p).toMatchObject(expected);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatch(problem);
  });
});
