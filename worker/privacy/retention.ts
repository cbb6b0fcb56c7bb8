/**
 * One housekeeping run for a tenant (`rules/retention.ts` says what goes when): ended
 * conversations older than the tenant's transcript retention are erased through
 * `eraseConversations`, oldest first and at most `RETENTION_BATCH`, then old audit entries and
 * expired attempt counters are pruned. Idempotent: a second run finds nothing more to erase.
 * Left messages still waiting for an agent are not ended and are kept; cases are kept (they are
 * trouble tickets, not transcripts: a customer's erasure removes them).
 */
import { and, asc, eq, lt, ne } from "drizzle-orm";
import { LEFT_MESSAGE_OUTCOME } from "../../durable-objects/skill-queue/archive";
import { auditLog, conversations, loginAttempts, tenants } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import { auditCutoff, COUNTER_RETENTION_MS, RETENTION_BATCH, transcriptCutoff } from "../rules/retention";
import { type ConversationErasure, eraseConversations, NO_CONVERSATIONS } from "./erase-conversations";

export type HousekeepingRun = {
  /** False when the tenant no longer exists (nothing more to keep house for). */
  tenantExists: boolean;
  erased: ConversationErasure;
  auditEntriesPruned: number;
  countersPruned: number;
};

export async function housekeep(
  env: Pick<Env, "DB" | "ATTACHMENTS" | "ARCHIVE">,
  tenantId: string,
  now: number,
): Promise<HousekeepingRun> {
  const db = database(env.DB);
  const [tenant] = await db
    .select({ days: tenants.transcriptRetentionDays })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant)
    return { tenantExists: false, erased: NO_CONVERSATIONS, auditEntriesPruned: 0, countersPruned: 0 };
  const cutoff = transcriptCutoff(tenant.days, now);
  let erased = NO_CONVERSATIONS;
  if (cutoff !== null) {
    const due = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.tenantId, tenantId),
          lt(conversations.endedAt, cutoff),
          ne(conversations.outcome, LEFT_MESSAGE_OUTCOME),
        ),
      )
      .orderBy(asc(conversations.endedAt))
      .limit(RETENTION_BATCH);
    erased = await eraseConversations(
      env,
      tenantId,
      due.map((r) => r.id),
    );
  }
  const [audit, counters] = await db.batch([
    db.delete(auditLog).where(and(eq(auditLog.tenantId, tenantId), lt(auditLog.at, auditCutoff(now)))),
    db.delete(loginAttempts).where(lt(loginAttempts.windowStart, now - COUNTER_RETENTION_MS)),
  ]);
  return {
    tenantExists: true,
    erased,
    auditEntriesPruned: audit.meta.changes,
    countersPruned: counters.meta.changes,
  };
}
