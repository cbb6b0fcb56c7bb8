/**
 * How many files a customer may upload to one conversation (the queue object counts; the Worker
 * adds a limit per client address). Agents are signed-in employees and are not counted here.
 *
 * - At most `UPLOADS_PER_MINUTE` uploads started within the last minute: the 11th is refused
 *   (`rate`) until the oldest of them is a minute old.
 * - At most `FILES_MAX` files in the conversation: the 51st is refused (`files`).
 * - At most `BYTES_MAX` bytes in the conversation, this file included: over is refused (`bytes`);
 *   exactly the cap is allowed.
 *
 * An upload still running counts with the size it announced (`Content-Length`); one that has run
 * longer than `UPLOAD_STALE_MS` (its Worker gave up) no longer counts.
 */

export const UPLOADS_PER_MINUTE = 10;
export const FILES_MAX = 50;
export const BYTES_MAX = 100 * 1024 * 1024;
export const RATE_WINDOW_MS = 60_000;
export const UPLOAD_STALE_MS = 15 * 60_000;

/** What the conversation holds from its customer, uploads still running included. */
export type Usage = {
  /** Uploads started at or after `now − RATE_WINDOW_MS`. */
  recent: number;
  /** The oldest of those, for the wait (ms since the epoch); null when there is none. */
  oldestRecentAt: number | null;
  files: number;
  bytes: number;
};

export type QuotaRefusal =
  | { reason: "rate"; retryAfterMs: number }
  | { reason: "files" }
  | { reason: "bytes" };

/** Whether one more file of `size` bytes may be uploaded at `now`; null when it may. */
export function quotaRefusal(usage: Usage, size: number, now: number): QuotaRefusal | null {
  if (usage.recent >= UPLOADS_PER_MINUTE) {
    const since = usage.oldestRecentAt ?? now;
    return { reason: "rate", retryAfterMs: Math.max(1, since + RATE_WINDOW_MS - now) };
  }
  if (usage.files >= FILES_MAX) return { reason: "files" };
  if (usage.bytes + size > BYTES_MAX) return { reason: "bytes" };
  return null;
}
