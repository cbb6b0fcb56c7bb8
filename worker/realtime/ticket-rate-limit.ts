/**
 * Rate limit of customer chat tickets (`POST /api/v1/chat/tickets`, which needs no login): fixed
 * one-minute windows per client address and per channel, counted in D1 (the generic
 * `login_attempts` counter table, keys `chat-ticket:…`) with one atomic upsert per key, both in one
 * D1 batch (a transaction). Every request counts against its address, refused ones included, so a
 * flood stays refused until its window ends; only a request the address limit lets through counts
 * against the channel, so one address cannot use up a channel's budget and lock its customers out.
 */
import { ApiError } from "../http/problem";

export const TICKET_WINDOW_MS = 60_000;
/** Tickets per client address per minute (across channels); `CHAT_TICKETS_PER_ADDRESS` overrides. */
export const TICKETS_PER_ADDRESS = 30;
/** Tickets per channel per minute (all addresses); `CHAT_TICKETS_PER_CHANNEL` overrides. */
export const TICKETS_PER_CHANNEL = 600;

type Limits = { CHAT_TICKETS_PER_ADDRESS?: string; CHAT_TICKETS_PER_CHANNEL?: string };

/**
 * Counts one request under key ?1 at ?2 (fixed window ?3 ms), unless the gate key ?4 (the address,
 * counted just before in the same transaction) is already over its limit ?5. A null gate counts.
 */
const COUNT = `INSERT INTO login_attempts (key, window_start, failures)
  SELECT ?1, ?2, 1 WHERE NOT EXISTS (SELECT 1 FROM login_attempts WHERE key = ?4 AND failures > ?5)
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE failures + 1 END,
    window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END
  RETURNING window_start, failures`;

/** A limit from the environment ("0" turns it off), else the default. */
export function limit(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** One fixed-window limit: the counter key, the most requests per window ("0" limits are left out) and what it counts in words. */
export type WindowLimit = { key: string; max: number; what: string };

/**
 * Counts one ticket request of `address` for `channelId`; throws 429 problem+json with
 * `Retry-After` (seconds until the window ends) when either limit is exceeded.
 */
export async function limitTicketRequest(
  db: D1Database,
  env: Limits,
  address: string,
  channelId: string,
  now: number,
): Promise<void> {
  await limitRequest(
    db,
    [
      {
        key: `chat-ticket:address:${address}`,
        max: limit(env.CHAT_TICKETS_PER_ADDRESS, TICKETS_PER_ADDRESS),
        what: "this address",
      },
      {
        key: `chat-ticket:channel:${channelId}`,
        max: limit(env.CHAT_TICKETS_PER_CHANNEL, TICKETS_PER_CHANNEL),
        what: "this channel",
      },
    ],
    now,
    "chat requests",
  );
}

/**
 * Counts one request against each limit in one-minute windows (one D1 transaction); the first
 * limit gates the others (a request it refuses counts nowhere else). Throws 429 problem+json
 * ("Too many `noun` from `what`") with `Retry-After` when any is exceeded.
 */
export async function limitRequest(
  db: D1Database,
  limits: WindowLimit[],
  now: number,
  noun: string,
): Promise<void> {
  const checks = limits.filter((c) => c.max > 0);
  // The first check (the address, when its limit is on) gates the ones after it.
  const gate = checks[0];
  if (!gate) return;
  const results = await db.batch<{ window_start: number; failures: number }>(
    checks.map((c, i) =>
      db.prepare(COUNT).bind(c.key, now, TICKET_WINDOW_MS, i === 0 ? null : gate.key, gate.max),
    ),
  );
  let wait = 0;
  let over: string | null = null;
  checks.forEach((c, i) => {
    const row = results[i]?.results[0];
    if (row && row.failures > c.max) {
      const seconds = Math.max(1, Math.ceil((row.window_start + TICKET_WINDOW_MS - now) / 1000));
      if (seconds > wait) {
        wait = seconds;
        over = c.what;
      }
    }
  });
  if (over) {
    throw new ApiError(429, `Too many ${noun} from ${over}; try again in ${wait} s`, undefined, {
      "retry-after": String(wait),
    });
  }
}
