import { describe, expect, it } from "vitest";
import type { Figures, Report } from "../../../../worker/schemas/reports";
import { chartTable, niceScale, reportCharts, reportTables, tableCsv } from "./report";

const figures = (patch: Partial<Figures> = {}): Figures => ({
  conversations: 0,
  offered: 0,
  answered: 0,
  released: { timeout: 0, busy: 0, noAgent: 0, nonWorkingTime: 0 },
  transferred: 0,
  contained: 0,
  waitMs: { p50: null, p90: null },
  firstResponseMs: { p50: null, p90: null },
  handleMs: { p50: null, p90: null },
  csat: { average: null, rated: 0, responseRate: null, ratings: [0, 0, 0, 0, 0] },
  ...patch,
});

const busy = figures({
  conversations: 10,
  offered: 8,
  answered: 6,
  released: { timeout: 1, busy: 1, noAgent: 0, nonWorkingTime: 0 },
  contained: 2,
  waitMs: { p50: 12_400, p90: 61_600 },
  firstResponseMs: { p50: 20_000, p90: 70_000 },
  csat: { average: 4.333333, rated: 3, responseRate: 0.5, ratings: [0, 0, 0, 2, 1] },
});

const report: Report = {
  timezone: "Asia/Shanghai",
  from: "2026-03-01",
  to: "2026-03-02",
  granularity: "day",
  by: "queue",
  periods: [
    { label: "2026-03-01", start: 0, end: 1 },
    { label: "2026-03-02", start: 1, end: 2 },
  ],
  groups: [
    { id: "sq_a", name: 'Sales, "VIP"' },
    { id: null, name: "No skill queue" },
  ],
  overall: busy,
  byPeriod: [busy, figures()],
  byGroup: [
    { group: "sq_a", ...busy },
    { group: null, ...figures({ conversations: 1 }) },
  ],
  cells: [{ period: 0, group: "sq_a", ...busy }],
};

describe("report tables", () => {
  it("one row per period, group and non-empty cell, named", () => {
    const t = reportTables(report);
    expect(t.byPeriod.rows.map((r) => r.label)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(t.byGroup.rows.map((r) => r.name)).toEqual(['Sales, "VIP"', "No skill queue"]);
    expect(t.cells.rows.map((r) => [r.label, r.name])).toEqual([["2026-03-01", 'Sales, "VIP"']]);
    expect(t.byGroup.file).toBe("report-2026-03-01-2026-03-02-day-by-queue.csv");
  });

  it("CSV: header, seconds rounded, rates in percent, empty for none, names quoted", () => {
    const csv = tableCsv(reportTables(report).byGroup).split("\r\n");
    expect(csv[0]).toMatch(/^Skill queue,Conversations,Offered,Answered,Released: timeout,/);
    expect(csv[1]).toBe('"Sales, ""VIP""",10,8,6,1,1,0,0,0,2,12,62,20,70,,,4.33,3,50,0,0,0,2,1');
    expect(csv[2]).toBe("No skill queue,1,0,0,0,0,0,0,0,0,,,,,,,,0,,0,0,0,0,0");
    expect(csv[3]).toBe("");
  });
});

describe("report charts", () => {
  it("series per period, and the same numbers as a table", () => {
    const { volume, times } = reportCharts(report);
    expect(volume.series.find((s) => s.name === "Released")?.values).toEqual([2, 0]);
    expect(times.series[0]?.values).toEqual([20, null]);
    const table = chartTable(volume, "volume.csv");
    expect(tableCsv(table).split("\r\n").slice(0, 3)).toEqual([
      "Period,Offered,Answered,Released,Chatbot contained",
      "2026-03-01,8,6,2,2",
      "2026-03-02,0,0,0,0",
    ]);
  });
});

describe("nice axis scale", () => {
  it.each([
    [0, 1, [0, 0.5, 1]],
    [5, 6, [0, 2, 4, 6]],
    [7, 8, [0, 2, 4, 6, 8]],
    [100, 100, [0, 50, 100]],
    [101, 150, [0, 50, 100, 150]],
    [930, 1000, [0, 500, 1000]],
  ])("max %d → top %d", (max, top, ticks) => {
    const scale = niceScale(max);
    expect(scale.top).toBe(top);
    expect(scale.ticks).toEqual(ticks);
  });
});
