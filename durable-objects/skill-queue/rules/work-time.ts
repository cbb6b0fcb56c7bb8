/**
 * Agent Work Time (Table 4): "Workday: A maximum of four working time segments (from 00:00 to
 * 24:00)", the same for "Non-workday", and a "Non-Working Time Notification" for customers who
 * arrive outside them.
 *
 * Local date and time come from the tenant's IANA time zone (via Intl, so DST is the zone's own).
 * A local date is a workday when (its ISO weekday is one of `calendar.workdays` and the date is not
 * in `calendar.holidays`) or the date is in `calendar.extraWorkdays`. Segments are half-open
 * [start, end) in "HH:MM", with "24:00" allowed as an end; a segment never spans midnight, and a day
 * type without segments has no working time. On a DST switch the wall clock decides: in New York a
 * segment from 02:30 opens at 03:00 on the spring-forward day (02:30 never happens), and a segment
 * within the repeated hour in autumn is open both times.
 */
import type { ChannelConfig, WorkSegment } from "../../../worker/db/schema";

/** The tenant's calendar: ISO weekdays (1 = Monday … 7 = Sunday) and "YYYY-MM-DD" dates. */
export type WorkCalendar = { workdays: number[]; holidays: string[]; extraWorkdays: string[] };
type WorkTime = ChannelConfig["workTime"];

/** How far `nextWorkTimeChange` looks ahead. */
export const WORK_TIME_HORIZON_MS = 8 * 86_400_000;

/** Whether `now` (epoch ms) is within the agents' working time. */
export function isWorkingTime(
  workTime: WorkTime,
  calendar: WorkCalendar,
  timeZone: string,
  now: number,
): boolean {
  const t = wallClock(timeZone, now);
  const segments = isWorkday(calendar, t.y, t.m, t.d) ? workTime.workday : workTime.nonWorkday;
  const minute = t.h * 60 + t.min + t.s / 60;
  return segments.some((seg) => {
    const [start, end] = bounds(seg);
    return start <= minute && minute < end;
  });
}

/**
 * The first instant after `now` (epoch ms) at which `isWorkingTime` changes, within
 * `WORK_TIME_HORIZON_MS`; null when it does not change in that window (re-check then).
 *
 * The state can only change where the wall clock reaches a segment bound or midnight, or jumps over
 * one at a UTC offset change; all of those instants are candidates and the earliest one with a
 * different state is the answer.
 */
export function nextWorkTimeChange(
  workTime: WorkTime,
  calendar: WorkCalendar,
  timeZone: string,
  now: number,
): number | null {
  const horizon = now + WORK_TIME_HORIZON_MS;
  const minutes = new Set([0]);
  for (const seg of [...workTime.workday, ...workTime.nonWorkday]) {
    for (const m of bounds(seg)) if (m >= 0 && m <= 1440) minutes.add(m);
  }
  const candidates = offsetChanges(timeZone, now, horizon);
  const today = wallClock(timeZone, now);
  for (let day = -1; day <= 9; day++) {
    for (const m of minutes) {
      candidates.push(...localInstants(timeZone, Date.UTC(today.y, today.m - 1, today.d + day, 0, m)));
    }
  }
  const current = isWorkingTime(workTime, calendar, timeZone, now);
  const ordered = [...new Set(candidates)].filter((c) => c > now && c <= horizon).sort((a, b) => a - b);
  return ordered.find((c) => isWorkingTime(workTime, calendar, timeZone, c) !== current) ?? null;
}

/** Whether a local date is a workday under the calendar. */
export function isWorkday(calendar: WorkCalendar, y: number, m: number, d: number): boolean {
  const date = `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
  if (calendar.extraWorkdays.includes(date)) return true;
  const isoWeekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  return calendar.workdays.includes(isoWeekday) && !calendar.holidays.includes(date);
}

/** A segment's [start, end) in minutes of the day; a malformed bound makes the segment empty. */
function bounds(seg: WorkSegment): [number, number] {
  return [minutesOf(seg.start), minutesOf(seg.end)];
}

function minutesOf(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 1440 ? minutes : Number.NaN;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

type WallClock = { y: number; m: number; d: number; h: number; min: number; s: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading in `timeZone` at `instant`; throws RangeError for an unknown zone. */
function wallClock(timeZone: string, instant: number): WallClock {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const part: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== "literal") part[p.type] = Number(p.value);
  return { y: part.year!, m: part.month!, d: part.day!, h: part.hour!, min: part.minute!, s: part.second! };
}

/** UTC offset of `timeZone` at `instant`, in ms (local wall clock minus UTC). */
export function offsetAt(timeZone: string, instant: number): number {
  const t = wallClock(timeZone, instant);
  return Date.UTC(t.y, t.m - 1, t.d, t.h, t.min, t.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instants at which the wall clock reads `wall` (a local time encoded as if it were UTC): none
 * in a spring-forward gap, two in an autumn overlap, otherwise one.
 */
function localInstants(timeZone: string, wall: number): number[] {
  const offsets = new Set([offsetAt(timeZone, wall - 86_400_000), offsetAt(timeZone, wall + 86_400_000)]);
  return [...offsets]
    .map((o) => wall - o)
    .filter((instant) => offsetAt(timeZone, instant) === wall - instant);
}

/** Instants in (from, to] at which the zone's UTC offset changes, to the second. */
function offsetChanges(timeZone: string, from: number, to: number): number[] {
  const step = 3 * 3_600_000;
  const changes: number[] = [];
  let prev = from;
  let prevOffset = offsetAt(timeZone, prev);
  for (let at = from + step; prev < to; at += step) {
    const next = Math.min(at, to);
    const nextOffset = offsetAt(timeZone, next);
    if (nextOffset !== prevOffset) {
      let lo = Math.floor(prev / 1000);
      let hi = Math.floor(next / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(timeZone, mid * 1000) === prevOffset) lo = mid;
        else hi = mid;
      }
      changes.push(hi * 1000);
    }
    prev = next;
    prevOffset = nextOffset;
  }
  return changes;
}
