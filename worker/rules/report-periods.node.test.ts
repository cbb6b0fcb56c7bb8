import { describe, expect, it } from "vitest";
import { daysBetween, localMidnight, reportPeriods } from "./report-periods";

const iso = (ms: number) => new Date(ms).toISOString();
const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe("local midnight", () => {
  it.each([
    ["UTC", "2026-03-01", "2026-03-01T00:00:00.000Z"],
    ["Asia/Shanghai", "2026-03-01", "2026-02-28T16:00:00.000Z"],
    ["America/New_York", "2026-03-08", "2026-03-08T05:00:00.000Z"],
    ["America/New_York", "2026-03-09", "2026-03-09T04:00:00.000Z"],
    ["America/New_York", "2026-11-01", "2026-11-01T04:00:00.000Z"],
    ["Asia/Kolkata", "2026-06-15", "2026-06-14T18:30:00.000Z"],
    ["Pacific/Kiritimati", "2026-01-01", "2025-12-31T10:00:00.000Z"],
    // Santiago springs forward at 00:00: the day begins at 01:00 local, the instant of the change
    ["America/Santiago", "2026-09-06", "2026-09-06T04:00:00.000Z"],
    // Santiago falls back at 24:00 to 23:00 of the same Saturday: Sunday begins an hour later
    ["America/Santiago", "2026-04-05", "2026-04-05T04:00:00.000Z"],
  ])("%s %s → %s", (zone, date, expected) => {
    expect(iso(localMidnight(day(date), zone))).toBe(expected);
  });
});

describe("report periods", () => {
  it("days across a spring-forward change: one 23-hour day", () => {
    const periods = reportPeriods("2026-03-07", "2026-03-09", "America/New_York", "day");
    expect(periods.map((p) => [p.label, (p.end - p.start) / 3_600_000])).toEqual([
      ["2026-03-07", 24],
      ["2026-03-08", 23],
      ["2026-03-09", 24],
    ]);
  });

  it("a single day: from = to", () => {
    const [only, ...rest] = reportPeriods("2026-05-01", "2026-05-01", "Asia/Shanghai", "day");
    expect(rest).toEqual([]);
    expect(only).toEqual({
      label: "2026-05-01",
      start: Date.parse("2026-04-30T16:00:00Z"),
      end: Date.parse("2026-05-01T16:00:00Z"),
    });
  });

  it("weeks start on Monday, clipped to the range, labelled by their Monday", () => {
    // 2026-03-04 is a Wednesday; 2026-03-17 a Tuesday
    const periods = reportPeriods("2026-03-04", "2026-03-17", "UTC", "week");
    expect(periods.map((p) => [p.label, iso(p.start), iso(p.end)])).toEqual([
      ["2026-03-02", "2026-03-04T00:00:00.000Z", "2026-03-09T00:00:00.000Z"],
      ["2026-03-09", "2026-03-09T00:00:00.000Z", "2026-03-16T00:00:00.000Z"],
      ["2026-03-16", "2026-03-16T00:00:00.000Z", "2026-03-18T00:00:00.000Z"],
    ]);
  });

  it("a range starting on a Sunday gives a one-day first week", () => {
    const periods = reportPeriods("2026-03-08", "2026-03-09", "UTC", "week");
    expect(periods.map((p) => p.label)).toEqual(["2026-03-02", "2026-03-09"]);
  });

  it("periods tile the range without gaps", () => {
    const periods = reportPeriods("2025-12-25", "2026-12-31", "Europe/Berlin", "day");
    expect(periods).toHaveLength(372);
    for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toBe(periods[i - 1]!.end);
  });

  it.each([
    ["2026-01-01", "2026-01-01", 1],
    ["2026-01-01", "2026-12-31", 365],
    ["2028-01-01", "2028-12-31", 366],
    ["2026-01-02", "2026-01-01", 0],
  ])("%s … %s is %d days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
