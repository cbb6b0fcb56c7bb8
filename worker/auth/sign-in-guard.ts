/**
 * Sign-in limits in D1 (policy and numbers: `rules/sign-in-limits.ts`, README "Sign-in
 * protection"). `reserve` counts an attempt under its keys in one D1 batch, which runs as one
 * transaction: create missing rows, start expired windows over, then add 1 to every key only when
 * none of them must still wait. So a burst of concurrent attempts is let through exactly up to
 * the limits, before any password is checked, and refused attempts count nowhere.
 */
import {
  ACCOUNT_DELAY_CAP_MS,
  ACCOUNT_FIRST_DELAY_MS,
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FAILURES,
  accountDelayMs,
  accountDelaySteps,
  addressKey,
  KNOWN_ADDRESS_MS,
  PAIR_FAILURES,
  WINDOW_MS,
} from "../rules/sign-in-limits";

/** The counters an attempt is charged to; `address` and `account` are null for trusted attempts. */
export type SignInKeys = { pair: string; address: string | null; account: string | null };

export type Reservation =
  | { ok: true }
  | { ok: false; limit: "pair" | "address" | "account"; retryAfterSeconds: number; failures: number };

/**
 * The keys of an attempt on `account` from `ip`. A session of the same employee (its token hash)
 * stands in for the address; a known address or a session leaves out the shared keys.
 */
export function signInKeys(
  account: string,
  ip: string,
  trust: { sessionHash: string | null; knownAddress: boolean },
): SignInKeys {
  const name = account.toLowerCase();
  const address = addressKey(ip);
  if (trust.sessionHash) {
    return {
      pair: `login:session:${JSON.stringify([name, trust.sessionHash])}`,
      address: null,
      account: null,
    };
  }
  const pair = `login:pair:${JSON.stringify([name, address])}`;
  if (trust.knownAddress) return { pair, address: null, account: null };
  return { pair, address: `login:address:${address}`, account: `login:account:${name}` };
}

/** Whether an address last used successfully at `lastSuccessAt` is still known at `now`. */
export function isKnown(lastSuccessAt: number | null | undefined, now: number): boolean {
  return lastSuccessAt != null && now - lastSuccessAt < KNOWN_ADDRESS_MS;
}

/** `accountDelayMs(failures)` as SQL over the row's `failures`. */
const ACCOUNT_DELAY_SQL = `CASE WHEN failures < ${ACCOUNT_FREE_FAILURES} THEN 0 ${accountDelaySteps()
  .map((s, i, all) =>
    i === all.length - 1 ? `ELSE ${s.delayMs}` : `WHEN failures = ${s.failures} THEN ${s.delayMs}`,
  )
  .join(" ")} END`;

/**
 * Milliseconds a row must still wait before another attempt (≤ 0: none). Binds: ?1 pair, ?2
 * address, ?3 account key, ?4 now, ?5 window. Pair and address wait for the end of a full window;
 * the account waits its progressive delay after its last attempt (`window_start`).
 */
const WAIT_SQL = `CASE key
  WHEN ?1 THEN CASE WHEN failures >= ${PAIR_FAILURES} THEN window_start + ?5 - ?4 ELSE 0 END
  WHEN ?2 THEN CASE WHEN failures >= ${ADDRESS_FAILURES} THEN window_start + ?5 - ?4 ELSE 0 END
  ELSE window_start + ${ACCOUNT_DELAY_SQL} - ?4 END`;

const KEYS = "key IN (?1, ?2, ?3)";
const ENSURE = `INSERT OR IGNORE INTO login_attempts (key, window_start, failures)
  SELECT k, ?4, 0 FROM (SELECT ?1 AS k UNION ALL SELECT ?2 UNION ALL SELECT ?3) WHERE k IS NOT NULL`;
const RESTART = `UPDATE login_attempts SET failures = 0, window_start = ?4 WHERE ${KEYS} AND ?4 - window_start >= ?5`;
const COUNT = `UPDATE login_attempts
  SET failures = failures + 1, window_start = CASE WHEN key = ?3 THEN ?4 ELSE window_start END
  WHERE ${KEYS} AND (SELECT max(${WAIT_SQL}) FROM login_attempts WHERE ${KEYS}) <= 0
  RETURNING key`;
const STATE = `SELECT key, failures, ${WAIT_SQL} AS wait FROM login_attempts WHERE ${KEYS}`;

/** Counts one attempt under `keys` at `now`, or says which limit refuses it and for how long. */
export async function reserve(db: D1Database, keys: SignInKeys, now: number): Promise<Reservation> {
  const params = [keys.pair, keys.address, keys.account, now, WINDOW_MS];
  // D1 wants exactly as many values as the statement's highest ?N.
  const bind = (sql: string) =>
    db
      .prepare(sql)
      .bind(...params.slice(0, Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1])))));
  const [, , counted, state] = await db.batch([bind(ENSURE), bind(RESTART), bind(COUNT), bind(STATE)]);
  if ((counted?.results.length ?? 0) > 0) return { ok: true };
  const rows = (state?.results ?? []) as { key: string; failures: number; wait: number }[];
  const worst = rows.reduce((a, b) => (b.wait > a.wait ? b : a));
  const limit = worst.key === keys.pair ? "pair" : worst.key === keys.address ? "address" : "account";
  return {
    ok: false,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil(worst.wait / 1000)),
    failures: worst.failures,
  };
}

/**
 * After a correct password: the pair starts over, the address and account get their attempt back
 * (their other failures stay), and the address becomes known for `employeeRowId`.
 */
export async function settleSuccess(
  db: D1Database,
  keys: SignInKeys,
  employeeRowId: string,
  ip: string,
  now: number,
): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM login_attempts WHERE key = ?").bind(keys.pair),
    db
      .prepare("UPDATE login_attempts SET failures = max(failures - 1, 0) WHERE key IN (?, ?)")
      .bind(keys.address, keys.account),
    db
      .prepare(
        `INSERT INTO sign_in_addresses (employee_row_id, address, last_success_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (employee_row_id, address) DO UPDATE SET last_success_at = ?3`,
      )
      .bind(employeeRowId, addressKey(ip), now),
  ]);
}

const minutes = (ms: number) => `${ms / 60_000} minutes`;
const days = KNOWN_ADDRESS_MS / 86_400_000;

/** The 429 detail: which limit, for how long, and what still works. */
export function refusalDetail(r: Extract<Reservation, { ok: false }>): string {
  const wait = `try again in ${r.retryAfterSeconds} s`;
  switch (r.limit) {
    case "pair":
      return `Too many failed sign-ins to this account from this address (${PAIR_FAILURES} in ${minutes(WINDOW_MS)}): ${wait}`;
    case "address":
      return `Too many failed sign-ins from this address across accounts (${ADDRESS_FAILURES} in ${minutes(WINDOW_MS)}): ${wait}. Addresses you signed in from before are not limited`;
    case "account":
      return `This account had ${r.failures} failed sign-ins from new addresses, so each new try waits ${accountDelayMs(r.failures) / 1000} s: ${wait}. Addresses you signed in from in the last ${days} days are not delayed`;
  }
}

/** The policy in words, for the OpenAPI description of the login route. */
export const POLICY = `Sign-in protection (README "Sign-in protection"): every attempt is counted before the password is checked, and refused attempts are neither checked nor counted. 429 problem+json with Retry-After when: ${PAIR_FAILURES} failed sign-ins to this account from this client address (cf-connecting-ip; IPv6 counts as its /64) within ${minutes(WINDOW_MS)} from the first attempt; or ${ADDRESS_FAILURES} failures from this address across accounts within ${minutes(WINDOW_MS)}; or, for the account across new addresses, after ${ACCOUNT_FREE_FAILURES} failures each attempt waits after the previous one ${ACCOUNT_FIRST_DELAY_MS / 1000} s, doubling per failure up to ${ACCOUNT_DELAY_CAP_MS / 1000} s (the count starts over after ${minutes(WINDOW_MS)} without an attempt). From an address the employee signed in from within the last ${days} days, or with the employee's own valid session (counted per session instead of per address), only the first limit applies, so failures elsewhere never lock the owner out. A success clears its account-and-address count.`;
