/**
 * Page origins a channel refused recently, so its Integration tab can tell the integrator which
 * pages tried to open a chat and offer to allow them (issue 15).
 *
 * Bounded by construction: a channel has at most `REFUSED_ORIGIN_SLOTS` rows (slots 0–19). One
 * upsert per refusal picks the slot: the origin's own, else the next unused one, else the one
 * seen longest ago, but only when that was at least `TAKE_OVER_AFTER_MS` ago, so a flood of made-up
 * origins can replace at most 20 rows a minute and never the ones just seen. Refusals reach this
 * only past the ticket rate limits (per address and per channel), which bound the writes.
 * A row older than `KEEP_MS` is not listed and counts from 1 again when its origin comes back.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import { refusedOrigins } from "../db/schema";
import type { Db } from "../db/tenant-db";
import { canonicalOrigin } from "../rules/channel-rules";

export const REFUSED_ORIGIN_SLOTS = 20;
/** How long a refused origin is listed after it was last seen. */
export const KEEP_MS = 7 * 24 * 60 * 60 * 1000;
/** A slot seen more recently than this is never taken over by another origin. */
export const TAKE_OVER_AFTER_MS = 60_000;

const RECORD = `INSERT INTO refused_origins (channel_id, slot, tenant_id, origin, first_seen_at, last_seen_at, count)
  SELECT ?1, slot, ?2, ?3, ?4, ?4, 1 FROM (SELECT COALESCE(
    (SELECT slot FROM refused_origins WHERE channel_id = ?1 AND origin = ?3),
    (SELECT COUNT(*) FROM refused_origins WHERE channel_id = ?1 HAVING COUNT(*) < ?5),
    (SELECT slot FROM refused_origins WHERE channel_id = ?1 AND last_seen_at <= ?4 - ?6
      ORDER BY last_seen_at LIMIT 1)
  ) AS slot) WHERE slot IS NOT NULL
  ON CONFLICT (channel_id, slot) DO UPDATE SET
    count = CASE WHEN origin = excluded.origin AND last_seen_at > ?4 - ?7 THEN count + 1 ELSE 1 END,
    first_seen_at = CASE WHEN origin = excluded.origin AND last_seen_at > ?4 - ?7 THEN first_seen_at
      ELSE excluded.first_seen_at END,
    origin = excluded.origin,
    tenant_id = excluded.tenant_id,
    last_seen_at = excluded.last_seen_at`;

export type RefusedOrigin = { origin: string; firstSeenAt: number; lastSeenAt: number; count: number };

/**
 * Records that channel `channelId` refused a page of `origin` at `now` (one statement). Origins
 * that are not plain http(s) origins (`null` from sandboxed frames and files) are not recorded.
 * Never throws: a failed write must not change the refusal the page gets.
 */
export async function recordRefusedOrigin(
  d1: D1Database,
  channel: { id: string; tenantId: string },
  origin: string,
  now: number,
): Promise<void> {
  const allowable = canonical(origin);
  if (!allowable) return;
  try {
    await d1
      .prepare(RECORD)
      .bind(channel.id, channel.tenantId, allowable, now, REFUSED_ORIGIN_SLOTS, TAKE_OVER_AFTER_MS, KEEP_MS)
      .run();
  } catch (err) {
    console.error("recording a refused origin failed", err);
  }
}

/** The channel's origins refused within `KEEP_MS` of `now`, most recently seen first. */
export async function refusedOriginsOf(
  db: Db,
  channel: { id: string; tenantId: string },
  now: number,
): Promise<RefusedOrigin[]> {
  return db
    .select({
      origin: refusedOrigins.origin,
      firstSeenAt: refusedOrigins.firstSeenAt,
      lastSeenAt: refusedOrigins.lastSeenAt,
      count: refusedOrigins.count,
    })
    .from(refusedOrigins)
    .where(
      and(
        eq(refusedOrigins.tenantId, channel.tenantId),
        eq(refusedOrigins.channelId, channel.id),
        gt(refusedOrigins.lastSeenAt, now - KEEP_MS),
      ),
    )
    .orderBy(desc(refusedOrigins.lastSeenAt));
}

/** A page's Origin header as it would be allowed, or null when it is not an http(s) origin. */
function canonical(origin: string): string | null {
  return origin.length <= 300 ? canonicalOrigin(origin.replace(/\/+$/, "")) : null;
}

/** What the integrator reads in the browser console (and the 403 detail): the origin and the fix. */
export function refusalDetail(origin: string): string {
  const allowable = canonical(origin);
  if (!allowable) {
    return `This page's origin (${origin.slice(0, 60) || "none"}) cannot open a chat: embed the widget in an http or https page (not a file or a sandboxed frame) and add that page's origin to the channel's Allowed Origins in the console`;
  }
  return `This page's origin ${allowable} is not allowed to open this channel: add ${allowable} to the channel's Allowed Origins in the console (Channels → the channel → Integration instructions)`;
}
