/**
 * What an agent configuration must agree with in the tenant's data: the employee, the skill
 * queues or group (media rules of `rules/agent-rules.ts`), the tenant's switches and quotas.
 * Loads the tenant's facts once (`loadFacts`), then checks any number of agents in memory, so a
 * batch of a thousand agents costs the same few queries as one.
 */
import { asc, eq } from "drizzle-orm";
import { inList } from "../db/in-list";
import {
  agentSkillQueues,
  agents,
  employees,
  skillQueueGroupMembers,
  skillQueueGroups,
  skillQueues,
  tenants,
} from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { FieldErrors } from "../http/problem";
import { type AgentUsage, type QueueType, type Quotas, queueMixError } from "../rules/agent-rules";
import type { AgentInput } from "../schemas/agents";

export type AgentRow = typeof agents.$inferSelect;

export type TenantFacts = {
  intelligentFormFilling: boolean;
  quotas: Quotas;
  /** employeeId → name of every employee. */
  employees: Map<string, string>;
  queues: Map<string, QueueType>;
  /** group id → its queue ids in order. */
  groups: Map<string, string[]>;
  /** Every agent of the tenant, by employeeId. */
  agents: Map<string, AgentRow>;
};

export async function loadFacts(db: TenantDb): Promise<TenantFacts> {
  const [tenant, people, queues, groups, members, agentRows] = await Promise.all([
    db.db
      .select({ intelligentFormFilling: tenants.intelligentFormFilling, quotas: tenants.quotas })
      .from(tenants)
      .where(eq(tenants.id, db.tenantId)),
    db.db
      .select({ employeeId: employees.employeeId, name: employees.name })
      .from(employees)
      .where(db.where(employees)),
    db.db
      .select({ id: skillQueues.id, type: skillQueues.type })
      .from(skillQueues)
      .where(db.where(skillQueues)),
    db.db.select({ id: skillQueueGroups.id }).from(skillQueueGroups).where(db.where(skillQueueGroups)),
    db.db
      .select({ groupId: skillQueueGroupMembers.groupId, skillQueueId: skillQueueGroupMembers.skillQueueId })
      .from(skillQueueGroupMembers)
      .where(db.where(skillQueueGroupMembers))
      .orderBy(asc(skillQueueGroupMembers.position)),
    db.select(agents),
  ]);
  const byGroup = new Map<string, string[]>(groups.map((g) => [g.id, []]));
  for (const m of members) byGroup.get(m.groupId)?.push(m.skillQueueId);
  const settings = tenant[0];
  if (!settings) throw new Error(`tenant ${db.tenantId} has no row`);
  return {
    intelligentFormFilling: settings.intelligentFormFilling,
    quotas: settings.quotas,
    employees: new Map(people.map((p) => [p.employeeId, p.name])),
    queues: new Map(queues.map((q) => [q.id, q.type])),
    groups: byGroup,
    agents: new Map(agentRows.map((a) => [a.employeeId, a])),
  };
}

export function usageOf(
  a: Pick<AgentRow, "employeeId" | "agentType" | "intelligentRecognition">,
): AgentUsage {
  return {
    employeeId: a.employeeId,
    agentType: a.agentType,
    intelligentRecognition: a.intelligentRecognition,
  };
}

/** An agent ready to store: the row values and its own queue list ([] for a group). */
export type ResolvedAgent = {
  values: Omit<AgentRow, "id" | "tenantId" | "createdAt">;
  skillQueueIds: string[];
};

/**
 * Checks `input` against the tenant's facts. Answers the field errors, or the agent with its
 * default skill queue filled in (the first queue when none is chosen).
 */
export function resolveAgent(
  input: AgentInput,
  facts: TenantFacts,
): { errors: FieldErrors; agent?: ResolvedAgent } {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  if (!facts.employees.has(input.employeeId)) add("employeeId", "No employee has this employeeId");
  if (input.smartFormFilling && !facts.intelligentFormFilling) {
    add(
      "smartFormFilling",
      "The tenant has not enabled the intelligent TT filling feature (intelligentFormFilling)",
    );
  }

  let served: string[] = [];
  let field: "skillQueueIds" | "skillQueueGroupId" = "skillQueueIds";
  if (input.skillType === "skillQueue") {
    input.skillQueueIds.forEach((id, i) => {
      if (!facts.queues.has(id)) add(`skillQueueIds.${i}`, "No such skill queue");
    });
    served = input.skillQueueIds.filter((id) => facts.queues.has(id));
  } else {
    field = "skillQueueGroupId";
    const members = facts.groups.get(input.skillQueueGroupId ?? "");
    if (!members) add(field, "No such skill queue group");
    else if (!members.length) add(field, "The skill queue group has no skill queues");
    else served = members;
  }
  const mix = queueMixError(
    input.agentType,
    served.map((id) => facts.queues.get(id)!),
  );
  if (mix) add(field, mix);
  const defaultSkillQueueId = input.defaultSkillQueueId ?? served[0] ?? null;
  if (
    defaultSkillQueueId !== null &&
    !served.includes(defaultSkillQueueId) &&
    input.skillType === "skillQueueGroup"
  ) {
    add("defaultSkillQueueId", "The default skill queue must belong to the skill queue group");
  }
  if (Object.keys(errors).length) return { errors };
  const { skillQueueIds, ...rest } = input;
  return {
    errors,
    agent: {
      values: { ...rest, defaultSkillQueueId },
      skillQueueIds: input.skillType === "skillQueue" ? skillQueueIds : [],
    },
  };
}

/** The stored agent as a whole input, the base that PATCH and batch merge over. */
export function inputOf(row: AgentRow, skillQueueIds: string[]): AgentInput {
  return {
    employeeId: row.employeeId,
    platformRole: row.platformRole,
    agentType: row.agentType,
    phone: row.phone,
    intelligentRecognition: row.intelligentRecognition,
    smartFormFilling: row.smartFormFilling,
    phoneOnly: row.phoneOnly,
    anonymizationFlag: row.anonymizationFlag,
    skillType: row.skillType,
    skillQueueIds,
    skillQueueGroupId: row.skillQueueGroupId,
    defaultSkillQueueId: row.defaultSkillQueueId,
    maxConcurrentChats: row.maxConcurrentChats,
  };
}

/**
 * `patch` over `base`. Switching skillType drops the skill fields of the other type unless the
 * patch gives them; new queues (or a new group) without a default that still belongs to them make
 * the first queue the default.
 */
export function mergeAgent(
  base: Partial<AgentInput>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...patch };
  if (patch.skillType !== undefined && patch.skillType !== base.skillType) {
    merged.skillQueueIds = patch.skillQueueIds ?? [];
    merged.skillQueueGroupId = patch.skillQueueGroupId ?? null;
    merged.defaultSkillQueueId = patch.defaultSkillQueueId ?? null;
  }
  if (patch.defaultSkillQueueId === undefined) {
    const queues = patch.skillQueueIds;
    const leavesList = Array.isArray(queues) && !queues.includes(merged.defaultSkillQueueId);
    const leavesGroup =
      patch.skillQueueGroupId !== undefined && patch.skillQueueGroupId !== base.skillQueueGroupId;
    if (leavesList || leavesGroup) merged.defaultSkillQueueId = null;
  }
  return merged;
}

/** The own queue lists of the given agents, in order. */
export async function queuesOfAgents(
  db: TenantDb,
  agentIds: readonly string[],
): Promise<Map<string, string[]>> {
  const lists = new Map<string, string[]>(agentIds.map((id) => [id, []]));
  if (!agentIds.length) return lists;
  const rows = await db.db
    .select({ agentId: agentSkillQueues.agentId, skillQueueId: agentSkillQueues.skillQueueId })
    .from(agentSkillQueues)
    .where(db.where(agentSkillQueues, inList(agentSkillQueues.agentId, agentIds)))
    .orderBy(asc(agentSkillQueues.position));
  for (const r of rows) lists.get(r.agentId)?.push(r.skillQueueId);
  return lists;
}
