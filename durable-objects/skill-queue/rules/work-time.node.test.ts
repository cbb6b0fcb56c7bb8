import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChannelConfig } from "../../../worker/db/schema";
import { isWorkingTime, nextWorkTimeChange, WORK_TIME_HORIZON_MS, type WorkCalendar } from "./work-time";

type WorkTime = ChannelConfig["workTime"];
const officeHours: WorkTime = {
  workday: [
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "18:00" },
  ],
  nonWorkday: [{ start: "10:00", end: "16:00" }],
  nonWorkingNotice: "Closed",
};
const weekdays: WorkCalendar = { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] };
const at = (iso: string) => Date.parse(iso);

describe("working time", () => {
  it.each<[string, string, WorkCalendar, string, boolean]>([
    // 2025-03-05 is a Wednesday; 2025-03-08 a Saturday.
    ["UTC, segment start is inside", "UTC", weekdays, "2025-03-05T09:00:00Z", true],
    ["UTC, one second before the start", "UTC", weekdays, "2025-03-05T08:59:59Z", false],
    ["UTC, last second of a segment", "UTC", weekdays, "2025-03-05T11:59:59Z", true],
    ["UTC, segment end is outside", "UTC", weekdays, "2025-03-05T12:00:00Z", false],
    ["UTC, second segment", "UTC", weekdays, "2025-03-05T13:00:00Z", true],
    ["UTC, Saturday uses the non-workday segments", "UTC", weekdays, "2025-03-08T10:00:00Z", true],
    ["UTC, Saturday outside them", "UTC", weekdays, "2025-03-08T09:30:00Z", false],
    ["Shanghai, 09:00 local is 01:00 UTC", "Asia/Shanghai", weekdays, "2025-03-05T01:00:00Z", true],
    ["Shanghai, 08:59 local", "Asia/Shanghai", weekdays, "2025-03-05T00:59:59Z", false],
    [
      "Shanghai, holiday uses the non-workday segments",
      "Asia/Shanghai",
      { ...weekdays, holidays: ["2025-03-05"] },
      "2025-03-05T01:30:00Z",
      false,
    ],
    [
      "Shanghai, holiday inside the non-workday segment",
      "Asia/Shanghai",
      { ...weekdays, holidays: ["2025-03-05"] },
      "2025-03-05T02:00:00Z",
      true,
    ],
    [
      "Shanghai, extra workday on a Saturday",
      "Asia/Shanghai",
      { ...weekdays, extraWorkdays: ["2025-03-08"] },
      "2025-03-08T01:00:00Z",
      true,
    ],
    [
      "extra workday wins over a holiday on the same date",
      "Asia/Shanghai",
      { ...weekdays, holidays: ["2025-03-08"], extraWorkdays: ["2025-03-08"] },
      "2025-03-08T01:00:00Z",
      true,
    ],
    [
      "the local date decides the day: Friday 17:00 UTC is Saturday 01:00 in Shanghai",
      "Asia/Shanghai",
      { workdays: [5], holidays: [], extraWorkdays: [] },
      "2025-03-07T17:00:00Z",
      false,
    ],
    ["New York in EST: 09:00 local is 14:00 UTC", "America/New_York", weekdays, "2025-03-07T14:00:00Z", true],
    [
      "New York in EST: 13:59 UTC is before opening",
      "America/New_York",
      weekdays,
      "2025-03-07T13:59:59Z",
      false,
    ],
    ["New York in EDT: 09:00 local is 13:00 UTC", "America/New_York", weekdays, "2025-03-10T13:00:00Z", true],
    [
      "New York in EDT: 12:59 UTC is before opening",
      "America/New_York",
      weekdays,
      "2025-03-10T12:59:59Z",
      false,
    ],
    ["workdays 7 means Sunday", "UTC", { ...weekdays, workdays: [7] }, "2025-03-09T09:00:00Z", true],
  ])("%s", (_, zone, calendar, iso, expected) => {
    expect(isWorkingTime(officeHours, calendar, zone, at(iso))).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ["24:00 end covers the last second of the day", "2025-03-05T23:59:59Z", true],
    ["00:00 start covers midnight", "2025-03-05T00:00:00Z", true],
  ])("%s", (_, iso, expected) => {
    const allDay: WorkTime = {
      workday: [{ start: "00:00", end: "24:00" }],
      nonWorkday: [],
      nonWorkingNotice: "",
    };
    expect(isWorkingTime(allDay, weekdays, "UTC", at(iso))).toBe(expected);
  });

  it("has no working time on a day type without segments", () => {
    const none: WorkTime = { workday: [], nonWorkday: [], nonWorkingNotice: "" };
    expect(isWorkingTime(none, weekdays, "UTC", at("2025-03-05T10:00:00Z"))).toBe(false);
  });
});

describe("next work-time change", () => {
  const sundays: WorkTime = { workday: [], nonWorkday: [], nonWorkingNotice: "" };
  it.each<[string, WorkTime, WorkCalendar, string, string, string | null]>([
    [
      "UTC, closed before opening",
      officeHours,
      weekdays,
      "UTC",
      "2025-03-05T08:00:00Z",
      "2025-03-05T09:00:00Z",
    ],
    ["UTC, open until lunch", officeHours, weekdays, "UTC", "2025-03-05T09:00:00Z", "2025-03-05T12:00:00Z"],
    [
      "UTC, lunch until the afternoon",
      officeHours,
      weekdays,
      "UTC",
      "2025-03-05T12:00:00Z",
      "2025-03-05T13:00:00Z",
    ],
    [
      "UTC, Friday evening to Saturday's non-workday segment",
      officeHours,
      weekdays,
      "UTC",
      "2025-03-07T18:00:00Z",
      "2025-03-08T10:00:00Z",
    ],
    [
      "Shanghai, closing at 18:00 local",
      officeHours,
      weekdays,
      "Asia/Shanghai",
      "2025-03-05T09:00:00Z",
      "2025-03-05T10:00:00Z",
    ],
    [
      "adjacent all-day segments do not change at midnight",
      { workday: [{ start: "00:00", end: "24:00" }], nonWorkday: [], nonWorkingNotice: "" },
      weekdays,
      "Asia/Shanghai",
      "2025-03-03T02:00:00Z",
      "2025-03-07T16:00:00Z",
    ],
    [
      "New York, Friday close to Saturday's 10:00 EST non-workday segment",
      officeHours,
      weekdays,
      "America/New_York",
      "2025-03-07T23:00:00Z",
      "2025-03-08T15:00:00Z",
    ],
    [
      "New York, Monday opening after the switch is 13:00 UTC",
      { ...officeHours, nonWorkday: [] },
      weekdays,
      "America/New_York",
      "2025-03-07T23:00:00Z",
      "2025-03-10T13:00:00Z",
    ],
    [
      "New York, a segment from 02:30 opens when the clock jumps to 03:00 EDT",
      { ...sundays, nonWorkday: [{ start: "02:30", end: "05:00" }] },
      weekdays,
      "America/New_York",
      "2025-03-08T12:00:00Z",
      "2025-03-09T07:00:00Z",
    ],
    [
      "New York, and closes at 05:00 EDT",
      { ...sundays, nonWorkday: [{ start: "02:30", end: "05:00" }] },
      weekdays,
      "America/New_York",
      "2025-03-09T07:00:00Z",
      "2025-03-09T09:00:00Z",
    ],
    ["never any working time", sundays, weekdays, "America/New_York", "2025-03-05T12:00:00Z", null],
    [
      "a long holiday beyond the horizon",
      { ...officeHours, nonWorkday: [] },
      {
        ...weekdays,
        holidays: [
          "2025-03-06",
          "2025-03-07",
          "2025-03-10",
          "2025-03-11",
          "2025-03-12",
          "2025-03-13",
          "2025-03-14",
        ],
      },
      "UTC",
      "2025-03-05T18:00:00Z",
      null,
    ],
  ])("%s", (_, workTime, calendar, zone, from, expected) => {
    expect(nextWorkTimeChange(workTime, calendar, zone, at(from))).toBe(
      expected === null ? null : at(expected),
    );
  });

  it("opens and closes twice in the repeated autumn hour", () => {
    const workTime: WorkTime = {
      workday: [],
      nonWorkday: [{ start: "01:30", end: "01:45" }],
      nonWorkingNotice: "",
    };
    const changes: string[] = [];
    let now = at("2025-11-02T04:00:00Z");
    for (let i = 0; i < 4; i++) {
      now = nextWorkTimeChange(workTime, weekdays, "America/New_York", now)!;
      changes.push(new Date(now).toISOString());
    }
    expect(changes).toEqual([
      "2025-11-02T05:30:00.000Z",
      "2025-11-02T05:45:00.000Z",
      "2025-11-02T06:30:00.000Z",
      "2025-11-02T06:45:00.000Z",
    ]);
  });

  it("finds the first change exactly at the horizon", () => {
    const workTime: WorkTime = {
      workday: [{ start: "00:00", end: "24:00" }],
      nonWorkday: [],
      nonWorkingNotice: "",
    };
    const everyDay: WorkCalendar = {
      workdays: [1, 2, 3, 4, 5, 6, 7],
      holidays: ["2025-03-13"],
      extraWorkdays: [],
    };
    expect(nextWorkTimeChange(workTime, everyDay, "UTC", at("2025-03-05T00:00:00Z"))).toBe(
      at("2025-03-05T00:00:00Z") + WORK_TIME_HORIZON_MS,
    );
    expect(nextWorkTimeChange(workTime, everyDay, "UTC", at("2025-03-04T23:59:59Z"))).toBeNull();
  });

  const hhmm = fc.integer({ min: 0, max: 96 }).map((q) => {
    const minutes = q * 15;
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  });
  const segments = fc.array(
    fc.tuple(hhmm, hhmm).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a })),
    { maxLength: 4 },
  );

  it("reports a real change and no change before it", () => {
    fc.assert(
      fc.property(
        segments,
        segments,
        fc.constantFrom("UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin"),
        fc.integer({ min: at("2025-03-01T00:00:00Z"), max: at("2025-11-10T00:00:00Z") }),
        (workday, nonWorkday, zone, now) => {
          const workTime: WorkTime = { workday, nonWorkday, nonWorkingNotice: "" };
          const state = isWorkingTime(workTime, weekdays, zone, now);
          const change = nextWorkTimeChange(workTime, weekdays, zone, now);
          const end = change ?? now + WORK_TIME_HORIZON_MS;
          if (change !== null) {
            expect(change).toBeGreaterThan(now);
            expect(isWorkingTime(workTime, weekdays, zone, change)).not.toBe(state);
            expect(isWorkingTime(workTime, weekdays, zone, change - 1000)).toBe(state);
          }
          for (let t = now + 1000; t < end; t += 14 * 60_000) {
            expect(isWorkingTime(workTime, weekdays, zone, t)).toBe(state);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
