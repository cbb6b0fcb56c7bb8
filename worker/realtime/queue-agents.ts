/**
 * Which agents serve a skill queue: agents configured with the queue directly
 * (`agent_skill_queues`) or through their skill queue group (`skill_queue_group_members`).
 * Used by the agent ticket endpoint and by the SkillQueue Durable Object's config loader.
 */
import { and, eq, inArray, or } from "drizzle-orm";
import { agentSkillQueues, agents, employees, skillQueueGroupMembers } from "../db/schema";
import type { Db } from "../db/tenant-db";

export type QueueAgent = {
  employeeId: string;
  name: string;
  platformRole: "common" | "qualityChecker" | "callout";
  maxConcurrentChats: number;
};

/** The agents (any platform role) configured to serve `skillQueueId` in `tenantId`. */
export async function agentsOfQueue(db: Db, tenantId: string, skillQueueId: string): Promise<QueueAgent[]> {
  const [direct, groups] = await Promise.all([
    db
      .select({ agentId: agentSkillQueues.agentId })
      .from(agentSkillQueues)
      .where(and(eq(agentSkillQueues.tenantId, tenantId), eq(agentSkillQueues.skillQueueId, skillQueueId))),
    db
      .select({ groupId: skillQueueGroupMembers.groupId })
      .from(skillQueueGroupMembers)
      .where(
        and(
          eq(skillQueueGroupMembers.tenantId, tenantId),
          eq(skillQueueGroupMembers.skillQueueId, skillQueueId),
        ),
      ),
  ]);
  const agentIds = direct.map((r) => r.agentId);
  const groupIds = groups.map((r) => r.groupId);
  if (agentIds.length === 0 && groupIds.length === 0) return [];
  const conds = [
    agentIds.length ? and(eq(agents.skillType, "skillQueue"), inArray(agents.id, agentIds)) : undefined,
    groupIds.length
      ? and(eq(agents.skillType, "skillQueueGroup"), inArray(agents.skillQueueGroupId, groupIds))
      : undefined,
  ].filter((c) => c !== undefined);
  const rows = await db
    .select({
      employeeId: agents.employeeId,
      name: employees.name,
      platformRole: agents.platformRole,
      maxConcurrentChats: agents.maxConcurrentChats,
    })
    .from(agents)
    .innerJoin(
      employees,
      and(eq(employees.tenantId, agents.tenantId), eq(employees.employeeId, agents.employeeId)),
    )
    .where(and(eq(agents.tenantId, tenantId), or(...conds)));
  return rows;
}
