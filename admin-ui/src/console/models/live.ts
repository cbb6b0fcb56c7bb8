/**
 * Live dashboard model: a bounded history of each queue's samples (polled every 2 s) and the SVG
 * path of a sparkline over it. Pure, testable without components.
 */
import type { LiveStats } from "../../../../worker/schemas/realtime";

export type Sample = { at: number; stats: LiveStats };

/** Poll period of `/skill-queues/:id/live`. */
export const POLL_MS = 2000;
/** How far back the sparklines reach. */
export const WINDOW_MS = 5 * 60 * 1000;

/** `history` with `sample` appended and samples older than the window dropped. */
export function appendSample(history: readonly Sample[], sample: Sample, windowMs = WINDOW_MS): Sample[] {
  return [...history.filter((s) => s.at > sample.at - windowMs && s.at < sample.at), sample];
}

/**
 * The `d` of a polyline through `values` scaled into width × height (y grows downwards), with the
 * top at `max` (at least 1, so all-zero data lies on the baseline). Empty input gives "".
 */
export function sparklinePath(
  values: readonly number[],
  width: number,
  height: number,
  max?: number,
): string {
  if (values.length === 0) return "";
  const top = Math.max(1, max ?? Math.max(...values));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, i) => {
      const x = values.length > 1 ? i * step : width;
      const y = height - (Math.min(Math.max(value, 0), top) / top) * height;
      return `${i === 0 ? "M" : "L"}${round(x)},${round(y)}`;
    })
    .join(" ");
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Totals over every queue's latest sample. */
export function totals(latest: readonly LiveStats[]) {
  return latest.reduce(
    (t, s) => ({
      waiting: t.waiting + s.waiting,
      signedIn: t.signedIn + s.signedIn,
      idle: t.idle + s.idle,
      busy: t.busy + s.busy,
      arranging: t.arranging + s.arranging,
      longestWaitSeconds: Math.max(t.longestWaitSeconds, s.longestWaitSeconds),
    }),
    { waiting: 0, signedIn: 0, idle: 0, busy: 0, arranging: 0, longestWaitSeconds: 0 },
  );
}
