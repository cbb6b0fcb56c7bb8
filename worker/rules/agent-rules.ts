/**
 * Agent configuration rules of spec step 5 (Table 3), as pure functions.
 *
 * Media families. "If multiple skill queues need to be added, ensure that the media types of all
 * the skill queues are the same, except for versatile agents. For example, the media types of all
 * the skill queues are voice and video, or multimedia." So there are two families:
 * - voice and video: voice, video, voiceClickToDial, videoClickToDial (click-to-dial queues carry
 *   voice or video calls);
 * - multimedia: multimedia.
 * A non-versatile agent's queues all belong to one family; a versatile agent may mix them (which is
 * how one agent takes a web chat and then the customer's click-to-dial call).
 *
 * Agent type ↔ queue type (what the agent can serve):
 * - audio: voice, voiceClickToDial;
 * - video: voice, video, voiceClickToDial, videoClickToDial (a video agent also takes audio calls);
 * - multimedia: multimedia;
 * - versatile: every type.
 *
 * Quotas. Video, multimedia and versatile agents count against the tenant's quota of their type,
 * agents with intelligent recognition against `intelligentAgents`. A change is refused when it
 * makes an agent newly count against a quota and the total after the change exceeds the quota.
 */

export const AGENT_TYPES = ["audio", "video", "multimedia", "versatile"] as const;
export type AgentType = (typeof AGENT_TYPES)[number];
export const QUEUE_TYPES = ["voice", "multimedia", "video", "voiceClickToDial", "videoClickToDial"] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];
export type MediaFamily = "voiceAndVideo" | "multimedia";

export function mediaFamily(type: QueueType): MediaFamily {
  return type === "multimedia" ? "multimedia" : "voiceAndVideo";
}

const serves: Record<AgentType, readonly QueueType[]> = {
  audio: ["voice", "voiceClickToDial"],
  video: ["voice", "video", "voiceClickToDial", "videoClickToDial"],
  multimedia: ["multimedia"],
  versatile: QUEUE_TYPES,
};

/** True when an agent of `agentType` can serve a queue of `queueType`. */
export function canServe(agentType: AgentType, queueType: QueueType): boolean {
  return serves[agentType].includes(queueType);
}

export const MIXED_MEDIA =
  "All skill queues of an agent must share a media type (voice and video, or multimedia) unless the agent is versatile";

/** Why an agent of `agentType` cannot take these queues, or null when it can. */
export function queueMixError(agentType: AgentType, queueTypes: readonly QueueType[]): string | null {
  if (agentType !== "versatile" && new Set(queueTypes.map(mediaFamily)).size > 1) return MIXED_MEDIA;
  const refused = [...new Set(queueTypes.filter((t) => !canServe(agentType, t)))];
  if (refused.length) {
    return `A ${agentType} agent cannot serve ${refused.join(", ")} skill queues (it serves ${serves[agentType].join(", ")})`;
  }
  return null;
}

export type QuotaName = "videoAgents" | "multimediaAgents" | "versatileAgents" | "intelligentAgents";
export type Quotas = Record<QuotaName, number>;
/** What of an agent counts against quotas. */
export type AgentUsage = { employeeId: string; agentType: AgentType; intelligentRecognition: boolean };

const quotaOfType: Partial<Record<AgentType, QuotaName>> = {
  video: "videoAgents",
  multimedia: "multimediaAgents",
  versatile: "versatileAgents",
};

/** The quotas one agent counts against. */
export function quotasUsedBy(agent: Omit<AgentUsage, "employeeId">): QuotaName[] {
  const used: QuotaName[] = [];
  const byType = quotaOfType[agent.agentType];
  if (byType) used.push(byType);
  if (agent.intelligentRecognition) used.push("intelligentAgents");
  return used;
}

export type QuotaOverrun = {
  quota: QuotaName;
  /** The agent field to blame: `agentType` or `intelligentRecognition`. */
  field: "agentType" | "intelligentRecognition";
  limit: number;
  total: number;
  /** Agents of the change that newly count against the quota. */
  employeeIds: string[];
  message: string;
};

const labels: Record<QuotaName, string> = {
  videoAgents: "video agents",
  multimediaAgents: "multimedia agents",
  versatileAgents: "versatile agents",
  intelligentAgents: "intelligent agents",
};

/**
 * Quotas that `changes` would overrun. `existing` is every agent of the tenant now; `changes` are
 * the new states of created or updated agents (matched by employeeId); `removed` are employeeIds
 * whose agent goes away.
 */
export function quotaOverruns(
  quotas: Quotas,
  existing: readonly AgentUsage[],
  changes: readonly AgentUsage[],
  removed: readonly string[] = [],
): QuotaOverrun[] {
  const before = new Map(existing.map((a) => [a.employeeId, a]));
  const after = new Map(before);
  for (const id of removed) after.delete(id);
  for (const agent of changes) after.set(agent.employeeId, agent);

  const overruns: QuotaOverrun[] = [];
  for (const quota of Object.keys(labels) as QuotaName[]) {
    const total = [...after.values()].filter((a) => quotasUsedBy(a).includes(quota)).length;
    const newcomers = changes
      .filter((a) => quotasUsedBy(a).includes(quota))
      .filter((a) => {
        const old = before.get(a.employeeId);
        return !old || !quotasUsedBy(old).includes(quota);
      })
      .map((a) => a.employeeId);
    const limit = quotas[quota];
    if (newcomers.length && total > limit) {
      overruns.push({
        quota,
        field: quota === "intelligentAgents" ? "intelligentRecognition" : "agentType",
        limit,
        total,
        employeeIds: newcomers,
        message: `The tenant's quota of ${limit} ${labels[quota]} would be exceeded (${total} configured)`,
      });
    }
  }
  return overruns;
}

/** The quotas that `changes` newly count agents against (what a concurrent writer could overrun). */
export function addedQuotas(existing: readonly AgentUsage[], changes: readonly AgentUsage[]): QuotaName[] {
  const before = new Map(existing.map((a) => [a.employeeId, a]));
  const added = new Set<QuotaName>();
  for (const agent of changes) {
    const old = before.get(agent.employeeId);
    for (const quota of quotasUsedBy(agent)) if (!old || !quotasUsedBy(old).includes(quota)) added.add(quota);
  }
  return [...added];
}
