/**
 * Retention of a tenant's data, run by its housekeeping object (`durable-objects/housekeeping/`):
 * - transcripts: an ended conversation whose `endedAt` is more than `transcriptRetentionDays` days
 *   before now is erased (strictly older: one ended exactly at the cutoff is kept); null keeps
 *   them forever; the setting is 1–3650 days;
 * - the audit log: entries older than `AUDIT_RETENTION_DAYS` are pruned (strictly older);
 * - attempt counters (`login_attempts`) whose window began more than `COUNTER_RETENTION_MS` ago
 *   are pruned: every limit's window is far shorter, so such a row can no longer limit anything.
 * A run erases at most `RETENTION_BATCH` conversations; a full batch runs again after
 * `CATCH_UP_MS`, otherwise the next run is `HOUSEKEEPING_INTERVAL_MS` later.
 */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const AUDIT_RETENTION_DAYS = 365;
export const COUNTER_RETENTION_MS = 24 * 3600_000;
export const RETENTION_BATCH = 50;
export const CATCH_UP_MS = 1_000;
export const HOUSEKEEPING_INTERVAL_MS = 3600_000;

const DAY_MS = 24 * 3600_000;

/** Conversations that ended before this instant are erased; null: none is. */
export function transcriptCutoff(retentionDays: number | null, now: number): number | null {
  return retentionDays === null ? null : now - retentionDays * DAY_MS;
}

/** Audit entries before this instant are pruned. */
export function auditCutoff(now: number): number {
  return now - AUDIT_RETENTION_DAYS * DAY_MS;
}

/** When the next run is due: soon while a backlog remains, else after the interval. */
export function nextRun(erasedInRun: number, now: number): number {
  return now + (erasedInRun >= RETENTION_BATCH ? CATCH_UP_MS : HOUSEKEEPING_INTERVAL_MS);
}
