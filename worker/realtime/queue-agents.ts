/**
 * Which agents serve a skill queue: agents configured with the queue directly
 * (`agent_skill_queues`) or through their skill queue group (`skill_queue_group_members`).
 * Used by the agent ticket endpoint and by the SkillQueue Durable Object's config loader; and the
 * other way round, the queues an agent serves (what of the conversation history they may read).
 */
import { and, type Column, eq, inArray, or, type SQL } from "drizzle-orm";
import { agentSkillQueues, agents, employees, skillQueueGroupMembers } from "../db/schema";
import type { Db } from "../db/tenant-db";

export type QueueAgent = {
  employeeId: string;
  name: string;
  platformRole: "common" | "qualityChecker" | "callout";
  agentType: "audio" | "video" | "multimedia" | "versatile";
  maxConcurrentChats: number;
};

/**
 * The agents (any platform role) configured to serve `skillQueueId` in `tenantId`. One statement
 * with sub-selects, so the number of bound parameters stays constant however many agents serve
 * the queue (D1 refuses a statement with more than 100).
 */
export async function agentsOfQueue(db: Db, tenantId: string, skillQueueId: string): Promise<QueueAgent[]> {
  const direct = db
    .select({ agentId: agentSkillQueues.agentId })
    .from(agentSkillQueues)
    .where(and(eq(agentSkillQueues.tenantId, tenantId), eq(agentSkillQueues.skillQueueId, skillQueueId)));
  const groups = db
    .select({ groupId: skillQueueGroupMembers.groupId })
    .from(skillQueueGroupMembers)
    .where(
      and(
        eq(skillQueueGroupMembers.tenantId, tenantId),
        eq(skillQueueGroupMembers.skillQueueId, skillQueueId),
      ),
    );
  return db
    .select({
      employeeId: agents.employeeId,
      name: employees.name,
      platformRole: agents.platformRole,
      agentType: agents.agentType,
      maxConcurrentChats: agents.maxConcurrentChats,
    })
    .from(agents)
    .innerJoin(
      employees,
      and(eq(employees.tenantId, agents.tenantId), eq(employees.employeeId, agents.employeeId)),
    )
    .where(
      and(
        eq(agents.tenantId, tenantId),
        or(
          and(eq(agents.skillType, "skillQueue"), inArray(agents.id, direct)),
          and(eq(agents.skillType, "skillQueueGroup"), inArray(agents.skillQueueGroupId, groups)),
        ),
      ),
    );
}

/**
 * `queueColumn` is one of the skill queues `employeeId` serves as an agent of any platform role
 * (directly or through their skill queue group): two sub-selects, so the statement's bound
 * parameters stay few however many queues they serve.
 */
export function servedBy(db: Db, queueColumn: Column, tenantId: string, employeeId: string): SQL {
  const agent = and(eq(agents.tenantId, tenantId), eq(agents.employeeId, employeeId));
  const direct = db
    .select({ skillQueueId: agentSkillQueues.skillQueueId })
    .from(agentSkillQueues)
    .innerJoin(agents, eq(agents.id, agentSkillQueues.agentId))
    .where(and(agent, eq(agents.skillType, "skillQueue"), eq(agentSkillQueues.tenantId, tenantId)));
  const grouped = db
    .select({ skillQueueId: skillQueueGroupMembers.skillQueueId })
    .from(skillQueueGroupMembers)
    .innerJoin(agents, eq(agents.skillQueueGroupId, skillQueueGroupMembers.groupId))
    .where(
      and(agent, eq(agents.skillType, "skillQueueGroup"), eq(skillQueueGroupMembers.tenantId, tenantId)),
    );
  return or(inArray(queueColumn, direct), inArray(queueColumn, grouped))!;
}
