import { describe, expect, it } from "vitest";
import { dayRange } from "./date-range";
import { flattenTree, ouTree, subtreeIds } from "./ou-tree";

const units = [
  { id: "b", name: "Beta", parentId: null },
  { id: "a", name: "Alpha", parentId: null },
  { id: "a2", name: "Sales", parentId: "a" },
  { id: "a1", name: "Desk", parentId: "a" },
  { id: "x", name: "Orphan", parentId: "gone" },
];

describe("OU tree", () => {
  it("orders siblings by name, nests children, and lifts orphans to the top", () => {
    expect(flattenTree(ouTree(units)).map(({ unit, depth }) => `${depth}:${unit.id}`)).toEqual([
      "0:a",
      "1:a1",
      "1:a2",
      "0:b",
      "0:x",
    ]);
  });

  it("a unit's subtree holds itself and everything below it", () => {
    expect([...subtreeIds(units, "a")].sort()).toEqual(["a", "a1", "a2"]);
    expect([...subtreeIds(units, "b")]).toEqual(["b"]);
  });
});

describe("conversation date filter", () => {
  it("covers whole local days, the last day included", () => {
    const { from, to } = dayRange("2026-03-01", "2026-03-01");
    expect(from).toBe(new Date(2026, 2, 1).getTime());
    expect(to).toBe(new Date(2026, 2, 2).getTime());
  });

  it("leaves open ends open and refuses an end before the start", () => {
    expect(dayRange("", "")).toEqual({ from: undefined, to: undefined });
    expect(dayRange("2026-03-02", "2026-03-01").error).toBeDefined();
  });
});
