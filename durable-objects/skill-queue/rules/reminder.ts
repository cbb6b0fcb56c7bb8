/**
 * Queue reminder (Table 4): "Queue reminder interval (seconds): This parameter is mandatory. The
 * default value is 10." and "Queue reminder content: Notification displayed if a customer is in a
 * queue". The content may use `{position}` (1 = next in line) and `{waitSeconds}` (the estimated
 * wait); every occurrence is replaced.
 */

/** The reminder interval when none is configured. */
export const DEFAULT_REMINDER_INTERVAL_SECONDS = 10;
/** The reminder shown when the channel leaves the content empty. */
export const DEFAULT_REMINDER_CONTENT =
  "You are number {position} in the queue. Estimated wait: about {waitSeconds} seconds.";

/** The reminder text for one customer. */
export function renderReminder(content: string, values: { position: number; waitSeconds: number }): string {
  const template = content.trim() === "" ? DEFAULT_REMINDER_CONTENT : content;
  return template
    .replaceAll("{position}", String(values.position))
    .replaceAll("{waitSeconds}", String(values.waitSeconds));
}

/** When the next reminder is due (epoch ms); a non-positive interval falls back to the default. */
export function nextReminderAt(lastAt: number, intervalSeconds: number): number {
  const interval = intervalSeconds > 0 ? intervalSeconds : DEFAULT_REMINDER_INTERVAL_SECONDS;
  return lastAt + interval * 1000;
}

/**
 * Reminders fall due on a grid of this many milliseconds: customers who arrive within one tick
 * of each other are reminded in one alarm ring instead of one ring each (while a queue fills, a
 * ring per arrival was as many events as the arrivals themselves). A reminder comes at most this
 * much after its interval.
 */
export const REMINDER_TICK_MS = 250;

/** `dueAt` (epoch ms) moved up to the next tick of the reminder grid (unchanged when on it). */
export function onReminderTick(dueAt: number): number {
  return Math.ceil(dueAt / REMINDER_TICK_MS) * REMINDER_TICK_MS;
}
