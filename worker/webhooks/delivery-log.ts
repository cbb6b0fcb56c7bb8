/**
 * The delivery log and each endpoint's health: every attempt is a row (the last
 * `DELIVERY_LOG_SIZE` per endpoint are kept), the endpoint row keeps the last answer, and queued
 * deliveries count failures in a row (test sends do not). An endpoint that keeps failing is
 * disabled (`rules/webhook-retry.ts`) and its tenant's queues are told to stop emitting to it.
 */
import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { newId } from "../db/ids";
import { skillQueues, webhookDeliveries, webhookEndpoints } from "../db/schema";
import type { Db } from "../db/tenant-db";
import type { Env } from "../env";
import { notifyConfigChanged } from "../realtime/notify";
import { disabledNotice, shouldDisable } from "../rules/webhook-retry";
import type { AttemptResult } from "./deliver";

export const DELIVERY_LOG_SIZE = 100;

export type Outcome = (typeof webhookDeliveries.$inferSelect)["outcome"];

export type AttemptRecord = AttemptResult & {
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  outcome: Outcome;
  at: number;
  nextAttemptAt?: number | null;
};

/** Writes the attempt to the log (trimming it) and the endpoint's last answer. */
export async function logAttempt(db: Db, a: AttemptRecord): Promise<typeof webhookDeliveries.$inferSelect> {
  const row = {
    id: newId("wd", a.at),
    tenantId: a.tenantId,
    endpointId: a.endpointId,
    eventId: a.eventId,
    eventType: a.eventType,
    attempt: a.attempt,
    outcome: a.outcome,
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    error: a.error,
    at: a.at,
    nextAttemptAt: a.nextAttemptAt ?? null,
  };
  const oldest = sql`(select ${webhookDeliveries.id} from ${webhookDeliveries}
    where ${webhookDeliveries.endpointId} = ${a.endpointId}
    order by ${webhookDeliveries.id} desc limit 1 offset ${DELIVERY_LOG_SIZE - 1})`;
  await db.batch([
    db.insert(webhookDeliveries).values(row),
    db
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, a.endpointId), lt(webhookDeliveries.id, oldest))),
    db
      .update(webhookEndpoints)
      .set({ lastAttemptAt: a.at, lastStatusCode: a.statusCode, lastError: a.error })
      .where(and(eq(webhookEndpoints.id, a.endpointId), eq(webhookEndpoints.tenantId, a.tenantId))),
  ]);
  return row;
}

const own = (a: Pick<AttemptRecord, "endpointId" | "tenantId">, ...more: SQL[]) =>
  and(eq(webhookEndpoints.id, a.endpointId), eq(webhookEndpoints.tenantId, a.tenantId), ...more);

/**
 * Counts a queued delivery's result toward the endpoint's health: a success resets the failures
 * in a row; a failure adds one and may disable the endpoint. Returns whether it was disabled now.
 */
export async function countResult(
  db: Db,
  env: Pick<Env, "SKILL_QUEUE">,
  a: Pick<AttemptRecord, "endpointId" | "tenantId" | "ok" | "at">,
): Promise<boolean> {
  if (a.ok) {
    await db.update(webhookEndpoints).set({ failureStreak: 0, failingSince: null }).where(own(a));
    return false;
  }
  const [health] = await db
    .update(webhookEndpoints)
    .set({
      failureStreak: sql`${webhookEndpoints.failureStreak} + 1`,
      failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${a.at})`,
    })
    .where(own(a))
    .returning({ streak: webhookEndpoints.failureStreak, since: webhookEndpoints.failingSince });
  if (!health || !shouldDisable(health.streak, health.since, a.at)) return false;
  const disabled = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledAt: a.at, disabledReason: disabledNotice(health.streak) })
    .where(own(a, eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (disabled.length === 0) return false;
  const queues = await db
    .select({ id: skillQueues.id })
    .from(skillQueues)
    .where(eq(skillQueues.tenantId, a.tenantId));
  await notifyConfigChanged(
    env,
    queues.map((q) => q.id),
  );
  return true;
}

/** The endpoint's log, newest first. */
export async function deliveryPage(
  db: Db,
  tenantId: string,
  endpointId: string,
  { limit, cursor }: { limit: number; cursor?: string | undefined },
) {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        cursor ? lt(webhookDeliveries.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
