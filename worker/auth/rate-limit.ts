/**
 * Login rate limiting in D1: at most `MAX_FAILURES` failed logins per key (account and client
 * address, counted separately) in a fixed window. A success clears the account's counter.
 */
import { eq, sql } from "drizzle-orm";
import { loginAttempts } from "../db/schema";
import type { Db } from "../db/tenant-db";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/** Seconds until `key` may try again, or 0 when it may try now. */
export async function retryAfter(db: Db, key: string, now: number): Promise<number> {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
  if (!row || now - row.windowStart >= WINDOW_MS || row.failures < MAX_FAILURES) return 0;
  return Math.ceil((row.windowStart + WINDOW_MS - now) / 1000);
}

export async function recordFailure(db: Db, key: string, now: number): Promise<void> {
  await db
    .insert(loginAttempts)
    .values({ key, windowStart: now, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`case when ${now} - ${loginAttempts.windowStart} >= ${WINDOW_MS} then 1 else ${loginAttempts.failures} + 1 end`,
        windowStart: sql`case when ${now} - ${loginAttempts.windowStart} >= ${WINDOW_MS} then ${now} else ${loginAttempts.windowStart} end`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
