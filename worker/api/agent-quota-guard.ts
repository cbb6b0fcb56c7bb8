/**
 * The quota check again, inside the writing transaction. Two administrators saving at the same
 * moment can both pass the check made before the write; this guard statement runs last in the
 * D1 batch and fails (rolling the whole batch back) when a quota the change adds to is exceeded
 * after all writes, so the later writer gets a 409 instead of silently overrunning the quota.
 */
import { and, count, eq, or, type SQL, sql } from "drizzle-orm";
import { agents } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { conflict } from "../http/problem";
import type { QuotaName, Quotas } from "../rules/agent-rules";

const counted: Record<QuotaName, SQL> = {
  videoAgents: sql`${agents.agentType} = 'video'`,
  multimediaAgents: sql`${agents.agentType} = 'multimedia'`,
  versatileAgents: sql`${agents.agentType} = 'versatile'`,
  intelligentAgents: sql`${agents.intelligentRecognition} = 1`,
};

/** Marks the guard's failure: a NULL primary key is the one insert that can never succeed. */
const TRIPPED = "NOT NULL constraint failed: agents.id";

/**
 * A statement that fails when one of `kinds` (the quotas the change newly counts agents against,
 * see `addedQuotas`) is exceeded; null when there are none.
 */
export function quotaGuard(db: TenantDb, quotas: Quotas, kinds: readonly QuotaName[]): SQL | null {
  if (!kinds.length) return null;
  const over = kinds.map(
    (kind) =>
      sql`(${db.db
        .select({ n: count() })
        .from(agents)
        .where(and(eq(agents.tenantId, db.tenantId), counted[kind]))}) > ${quotas[kind]}`,
  );
  return sql`insert into ${agents} (id, tenant_id, employee_id, platform_role, agent_type, skill_type)
    select null, ${db.tenantId}, '', 'common', 'audio', 'skillQueue' where ${or(...over)}`;
}

/** Runs `write`; a tripped guard becomes a 409 naming the field of `kinds`. */
export async function guarded<T>(kinds: readonly QuotaName[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (String((err as Error)?.message ?? err).includes(TRIPPED)) {
      throw conflict(
        guardField(kinds),
        "Another change used up the tenant's agent quota meanwhile; nothing was saved",
      );
    }
    throw err;
  }
}

/** The field a tripped guard names: agentType, unless only the intelligent quota is guarded. */
export function guardField(kinds: readonly QuotaName[]): "agentType" | "intelligentRecognition" {
  return kinds.some((k) => k !== "intelligentAgents") ? "agentType" : "intelligentRecognition";
}
