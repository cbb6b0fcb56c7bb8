/**
 * The periods of a report: local days or ISO weeks (Monday first) of the tenant's time zone,
 * between two local dates, both included. A period runs from its local midnight to the next
 * (23 or 25 hours across a daylight-saving change); a week is clipped to the range, so the first
 * and last weeks may be shorter. A report covers at most `MAX_REPORT_DAYS` days.
 */

import { offsetAt } from "../../durable-objects/skill-queue/rules/work-time";

export type Granularity = "day" | "week";

export type Period = {
  /** The local date the period starts on (a week: its Monday, even when clipped), `YYYY-MM-DD`. */
  label: string;
  /** [start, end) in milliseconds since the Unix epoch. */
  start: number;
  end: number;
};

/** A year, leap day included. */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01 (a calendar date, no time zone). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The instant a local date begins in `timeZone`: its midnight, or where midnight does not exist
 * (a daylight-saving gap at 00:00), the first instant of that date.
 */
export function localMidnight(day: number, timeZone: string): number {
  const wall = day * DAY_MS;
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  // the earlier of the two guesses whose local time is on that date: in a gap at midnight the
  // guess by the offset after the change falls on the day before
  const onDate = [first, second].filter((t) => t + offsetAt(timeZone, t) >= wall);
  return Math.min(...onDate);
}

/** Days since 1970-01-01 of the Monday of `day`'s ISO week (1970-01-01 was a Thursday). */
const mondayOf = (day: number) => day - ((day + 3) % 7);

/** The periods from local date `from` to local date `to`, both included (`from` ≤ `to`). */
export function reportPeriods(
  from: string,
  to: string,
  timeZone: string,
  granularity: Granularity,
): Period[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  const periods: Period[] = [];
  for (let day = first; day <= last; ) {
    const next = granularity === "day" ? day + 1 : Math.min(mondayOf(day) + 7, last + 1);
    periods.push({
      label: dateOf(granularity === "day" ? day : mondayOf(day)),
      start: localMidnight(day, timeZone),
      end: localMidnight(next, timeZone),
    });
    day = next;
  }
  return periods;
}

/** Days from `from` to `to`, both included; ≤ 0 when `to` is before `from`. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;
