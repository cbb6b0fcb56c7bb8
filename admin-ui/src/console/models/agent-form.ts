/**
 * Agent configuration form logic (spec Table 3) as pure functions: Smart Form Filling availability,
 * which queues an agent type may take, and the adjustments when a field changes.
 */
import { type AgentType, canServe, mediaFamily, type QueueType } from "../../../../worker/rules/agent-rules";
import type { Agent, AgentInput } from "../../../../worker/schemas/agents";

/** Every field of the configuration form (the API's create body). */
export type AgentDraft = {
  employeeId: string;
  platformRole: AgentInput["platformRole"];
  agentType: AgentType;
  phone: string | null;
  intelligentRecognition: boolean;
  smartFormFilling: boolean;
  phoneOnly: boolean;
  anonymizationFlag: boolean;
  skillType: AgentInput["skillType"];
  skillQueueIds: string[];
  skillQueueGroupId: string | null;
  defaultSkillQueueId: string | null;
  maxConcurrentChats: number;
};

/** A new agent: the schema's defaults (common multimedia agent, 5 concurrent chats). */
export function newAgentDraft(employeeId = ""): AgentDraft {
  return {
    employeeId,
    platformRole: "common",
    agentType: "multimedia",
    phone: null,
    intelligentRecognition: false,
    smartFormFilling: false,
    phoneOnly: false,
    anonymizationFlag: false,
    skillType: "skillQueue",
    skillQueueIds: [],
    skillQueueGroupId: null,
    defaultSkillQueueId: null,
    maxConcurrentChats: 5,
  };
}

export function agentDraft(a: Agent): AgentDraft {
  const { id: _id, createdAt: _c, employeeName: _n, servedSkillQueueIds: _s, ...fields } = a;
  return { ...fields, skillQueueIds: [...fields.skillQueueIds] };
}

/**
 * Smart Form Filling can be switched on only when the tenant's "Enabling the Intelligent TT Filling
 * Feature" is on and the agent's Intelligent Recognition is on.
 */
export function smartFormFillingAvailable(
  draft: Pick<AgentDraft, "intelligentRecognition">,
  tenantSwitch: boolean,
) {
  return tenantSwitch && draft.intelligentRecognition;
}

/**
 * Whether a queue can be ticked for an agent: the agent type must serve its type and, unless the
 * agent is versatile, it must share the media family of the queues already chosen.
 */
export function queueChoice(
  agentType: AgentType,
  queue: { id: string; type: QueueType },
  chosen: readonly { id: string; type: QueueType }[],
): { allowed: boolean; reason?: string } {
  if (!canServe(agentType, queue.type)) return { allowed: false, reason: "not served by this agent type" };
  const others = chosen.filter((q) => q.id !== queue.id);
  if (agentType !== "versatile" && others.some((q) => mediaFamily(q.type) !== mediaFamily(queue.type))) {
    return { allowed: false, reason: "another media type than the chosen queues" };
  }
  return { allowed: true };
}

/** Keeps the draft consistent after `path` changed. */
export function normalizeAgent(
  next: AgentDraft,
  previous: AgentDraft,
  path: string,
  queues: readonly { id: string; type: QueueType }[],
  tenantSwitch: boolean,
): AgentDraft {
  let draft = next;
  if (!smartFormFillingAvailable(draft, tenantSwitch) && draft.smartFormFilling)
    draft = { ...draft, smartFormFilling: false };
  if (path === "skillType" && draft.skillType !== previous.skillType) {
    draft = { ...draft, skillQueueIds: [], skillQueueGroupId: null, defaultSkillQueueId: null };
  }
  if (path === "agentType") {
    const kept = draft.skillQueueIds.filter((id) => {
      const q = queues.find((x) => x.id === id);
      return !q || canServe(draft.agentType, q.type);
    });
    draft = { ...draft, skillQueueIds: kept };
  }
  if (
    draft.skillType === "skillQueue" &&
    draft.defaultSkillQueueId &&
    !draft.skillQueueIds.includes(draft.defaultSkillQueueId)
  ) {
    draft = { ...draft, defaultSkillQueueId: null };
  }
  if (path === "skillQueueGroupId" && draft.skillQueueGroupId !== previous.skillQueueGroupId) {
    draft = { ...draft, defaultSkillQueueId: null };
  }
  return draft;
}

/** The batch body's agent selection: ids from a selection, or a from–to employee ID segment. */
export function batchSelection(
  mode: "ids" | "range",
  ids: readonly string[],
  range: { from: string; to: string },
): { employeeIds: string[] } | { range: { from: string; to: string } } {
  return mode === "ids"
    ? { employeeIds: [...ids] }
    : { range: { from: range.from.trim(), to: range.to.trim() } };
}

/** The `set` of a batch: every configuration field (the employee comes from the selection). */
export function batchSettings(draft: AgentDraft) {
  const { employeeId: _e, ...set } = draft;
  return set;
}
