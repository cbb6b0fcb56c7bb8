/**
 * Agent work-time segments of a web channel ("HH:MM"–"HH:MM" within one day, 00:00–24:00).
 * Spec step 6, Agent Work Time: at most four segments for workdays and four for non-workdays.
 * A segment covers [start, end): it contains `start` and stops just before `end`, so two
 * segments that touch (09:00–12:00, 12:00–18:00) do not overlap.
 */

export type WorkSegment = { start: string; end: string };

/** Most segments per day kind. */
export const MAX_SEGMENTS = 4;

/** The whole day: the default of both lists, so a new channel is always open. */
export const WHOLE_DAY: readonly WorkSegment[] = [{ start: "00:00", end: "24:00" }];

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes since midnight of "HH:MM" (00:00 → 0 … 24:00 → 1440), or null when not a clock time. */
export function minuteOfDay(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  if (text === "24:00") return 1440;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** True when `a` and `b` share at least one minute. */
export function overlaps(a: WorkSegment, b: WorkSegment): boolean {
  const [as, ae, bs, be] = [a.start, a.end, b.start, b.end].map(minuteOfDay);
  if (as == null || ae == null || bs == null || be == null) return false;
  return as < be && bs < ae;
}

/** The first pair of overlapping segments as indexes, or null. */
export function firstOverlap(segments: readonly WorkSegment[]): [number, number] | null {
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      if (overlaps(segments[i]!, segments[j]!)) return [i, j];
    }
  }
  return null;
}
