/**
 * The agent checks again, inside the writing transaction. Two requests at the same moment can both
 * pass the checks made before the write: two administrators filling the last quota slot, or one
 * configuring an agent while another deletes its employee, skill queue or group. This guard
 * statement runs last in the D1 batch and fails (rolling the whole batch back) when, after all
 * writes, a quota the change adds to is exceeded or something a written agent refers to no longer
 * exists. The other side guards itself in its own statement (an employee, queue or group is only
 * deleted while no agent refers to it), and D1 runs one transaction at a time, so one of the two
 * always sees the other.
 */
import { and, count, eq, or, type SQL, sql } from "drizzle-orm";
import { notNull } from "../db/constraint";
import { agents, employees, skillQueueGroups, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { answerFor } from "../http/constraint-answer";
import type { QuotaName, Quotas } from "../rules/agent-rules";
import type { ResolvedAgent } from "./agent-checks";

const counted: Record<QuotaName, SQL> = {
  videoAgents: sql`${agents.agentType} = 'video'`,
  multimediaAgents: sql`${agents.agentType} = 'multimedia'`,
  versatileAgents: sql`${agents.agentType} = 'versatile'`,
  intelligentAgents: sql`${agents.intelligentRecognition} = 1`,
};

/** The guard's failure: a NULL primary key is the one insert that can never succeed. */
const TRIPPED = [
  {
    constraint: notNull(agents, agents.id),
    field: "body",
    message: "Another change made this one invalid meanwhile; nothing was saved, try again",
  },
];

/**
 * The statement that ends the batch writing `written`: it fails when one of `kinds` (the quotas the
 * change newly counts agents against, see `addedQuotas`) is exceeded or when an employee, skill
 * queue or group of `written` is missing.
 */
export function writeGuard(
  db: TenantDb,
  quotas: Quotas,
  kinds: readonly QuotaName[],
  written: readonly ResolvedAgent[],
): SQL {
  const over = kinds.map(
    (kind) =>
      sql`(${db.db
        .select({ n: count() })
        .from(agents)
        .where(and(eq(agents.tenantId, db.tenantId), counted[kind]))}) > ${quotas[kind]}`,
  );
  const values = written.map((a) => a.values);
  const queueIds = written.flatMap((a) => [
    ...a.skillQueueIds,
    ...(a.values.defaultSkillQueueId ? [a.values.defaultSkillQueueId] : []),
  ]);
  const groupIds = values.flatMap((v) => (v.skillQueueGroupId ? [v.skillQueueGroupId] : []));
  const missing = [
    db.anyMissing(
      employees,
      employees.employeeId,
      values.map((v) => v.employeeId),
    ),
    db.anyMissing(skillQueues, skillQueues.id, queueIds),
    db.anyMissing(skillQueueGroups, skillQueueGroups.id, groupIds),
  ];
  return sql`insert into ${agents} (id, tenant_id, employee_id, platform_role, agent_type, skill_type)
    select null, ${db.tenantId}, '', 'common', 'audio', 'skillQueue' where ${or(...over, ...missing)}`;
}

/**
 * Runs `write`. When the guard trips, `recheck` runs the checks again against the state that made
 * it trip and throws or answers their result (a 422 naming what no longer exists, a 409 naming the
 * full quota); when they pass because the state changed back meanwhile, the answer is a 409 asking
 * to try again.
 */
export async function guarded<T>(write: () => Promise<T>, recheck: () => Promise<T | undefined>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const tripped = answerFor(err, TRIPPED);
    if (!tripped) throw err;
    const answer = await recheck();
    if (answer !== undefined) return answer;
    throw tripped;
  }
}
