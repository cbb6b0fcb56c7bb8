// Open-loop load: messages are due at fixed times (t0 + i / rate) whether or not earlier ones were
// answered, and latency is measured from the due time, not the actual send, so a stalled server
// shows up in the figures instead of silently slowing the client (no coordinated omission).
import { performance } from "node:perf_hooks";

/**
 * Calls `send(i, dueAt)` for i = 0 … count-1 at `rate` per second, catching up in bursts when
 * the event loop is late. Resolves when every message was sent or `deadlineMs` passed (then
 * `stoppedEarly` is true). Returns `{sent, stoppedEarly, maxLagMs}`.
 */
export function runOpenLoop({ rate, count, send, deadlineMs = Number.POSITIVE_INFINITY }) {
  const t0 = performance.now() + 20;
  const interval = 1000 / rate;
  let i = 0;
  let maxLagMs = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now - t0 > deadlineMs) return resolve({ sent: i, stoppedEarly: true, maxLagMs });
      while (i < count) {
        const dueAt = t0 + i * interval;
        if (dueAt > now) break;
        maxLagMs = Math.max(maxLagMs, now - dueAt);
        send(i, dueAt);
        i++;
      }
      if (i >= count) return resolve({ sent: i, stoppedEarly: false, maxLagMs });
      const wait = t0 + i * interval - performance.now();
      setTimeout(tick, Math.max(0, Math.min(wait, 5)));
    };
    setTimeout(tick, 20);
  });
}

/** Resolves when `done()` is true, polling every `everyMs`, or after `timeoutMs` (returns false). */
export async function waitUntil(done, timeoutMs, everyMs = 20) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return done();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { performance };
