/**
 * The customer's way in reads a web channel and the skill queue its called route leads to on
 * every ticket and every upgrade. Those rows change only when an admin edits the configuration, so
 * each Worker isolate keeps what it read for `CHANNEL_CACHE_TTL_MS` instead of asking D1 each
 * time (D1 is one database for the whole deployment: docs/scaling.md).
 *
 * Freshness: a successful configuration write in this isolate empties the cache at once
 * (`forgetCachedChannels`, run after every tenant and platform write), so the next customer here
 * sees the change; another isolate keeps its copy for at most `CHANNEL_CACHE_TTL_MS`. A channel or
 * route that is gone is cached as gone too (for the same bound), so a stream of tickets for a
 * deleted channel does not reach D1 either.
 */
import { and, eq } from "drizzle-orm";
import { calledRoutes, channels } from "../db/schema";
import type { database } from "../db/tenant-db";

/** How long another isolate may keep serving a channel or route after an admin changed it. */
export const CHANNEL_CACHE_TTL_MS = 5_000;
/** Entries kept at most (a full cache is emptied; channels are few per tenant). */
const MAX_ENTRIES = 10_000;

export type ChannelRow = typeof channels.$inferSelect;
/** The channel and the skill queue its called route leads to (null skill queue: the route is gone). */
export type ChannelWithQueue = { channel: ChannelRow; skillQueueId: string | null };

type Entry = { value: ChannelWithQueue | null; at: number };
const entries = new Map<string, Entry>();
/** Grows with every `forgetCachedChannels`: a read that began before a write is not kept. */
let generation = 0;

/** Empties the cache: the next ticket or upgrade reads D1 again. */
export function forgetCachedChannels(): void {
  generation++;
  entries.clear();
}

/** Reads the channel and its route's skill queue from D1 (null: no such channel). */
async function load(db: ReturnType<typeof database>, channelId: string): Promise<ChannelWithQueue | null> {
  const [channel] = await db.select().from(channels).where(eq(channels.id, channelId)).limit(1);
  if (!channel) return null;
  const [route] = await db
    .select({ skillQueueId: calledRoutes.skillQueueId })
    .from(calledRoutes)
    .where(and(eq(calledRoutes.id, channel.routeId), eq(calledRoutes.tenantId, channel.tenantId)))
    .limit(1);
  return { channel, skillQueueId: route?.skillQueueId ?? null };
}

/** The channel with its queue as of at most `CHANNEL_CACHE_TTL_MS` ago (this isolate's writes: now). */
export async function cachedChannel(
  db: ReturnType<typeof database>,
  channelId: string,
  now: number,
): Promise<ChannelWithQueue | null> {
  const hit = entries.get(channelId);
  if (hit && now - hit.at < CHANNEL_CACHE_TTL_MS && now >= hit.at) return hit.value;
  const started = generation;
  const value = await load(db, channelId);
  if (started !== generation) return value;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(channelId, { value, at: now });
  return value;
}
