/**
 * Skill queue form logic (spec Table 1) as pure functions: which fields apply for a type, the
 * dependent labels and ranges, the transfer targets, and the adjustments when a field changes.
 */
import {
  defaultsFor,
  defaultTransferType,
  maxQueuingRange,
  PROMPT_DEFAULTS,
  QUEUING_KEYS,
  type SkillQueue,
  type SkillQueueConfig,
  type SkillQueueType,
  takesChannels,
  takesPrompts,
  thresholdRange,
  transferTypesFor,
} from "../../../../worker/schemas/skill-queues";

export type SkillQueueDraft = SkillQueueConfig;

/** A new queue: the server schema's defaults (type voice) and an empty name. */
export function newSkillQueueDraft(): SkillQueueDraft {
  return { name: "", ...defaultsFor("voice") };
}

/** The editable configuration of a stored queue. */
export function skillQueueDraft(q: SkillQueue): SkillQueueDraft {
  const { id: _id, createdAt: _createdAt, effectiveWrapUpDuration: _effective, ...config } = q;
  return structuredClone(config);
}

/** Which optional parts of the form a queue of `type` shows. */
export function skillQueueFieldsFor(type: SkillQueueType) {
  return {
    /** "Subtype": multimedia only. */
    channels: takesChannels(type),
    /** "Setting Prompt Information Parameters": voice and video only. */
    prompts: takesPrompts(type),
    /** Transfer Type options: Skill Queue only for multimedia. */
    transferTypes: transferTypesFor(type),
    /** Transfer Type is fixed (not a choice) when there is only one option. */
    transferTypeFixed: transferTypesFor(type).length === 1,
    maxQueuing: maxQueuingRange(type),
  };
}

/** The threshold field's label and range, after "Forwarding on Busy Condition". */
export function thresholdField(condition: "deviceUsage" | "waitingDuration") {
  return {
    label: condition === "deviceUsage" ? "Device Usage Threshold (%)" : "Waiting duration (s)",
    ...thresholdRange(condition),
  };
}

/** "Scale Factor" for the percentage method, else "Maximum number of queuing calls". */
export function maxQueuingLabel(method: "fixed" | "percentOfSignedIn"): string {
  return method === "percentOfSignedIn" ? "Scale Factor" : "Maximum number of queuing calls";
}

/** The target field's label after the transfer type. */
export function targetLabel(transferType: "skillQueue" | "ivr"): string {
  return transferType === "ivr" ? "Select IVR" : "Select Skill";
}

/** Queues a queue of `type` may transfer to: same type, never itself. */
export function transferTargets<Q extends { id: string; type: SkillQueueType }>(
  queues: readonly Q[],
  type: SkillQueueType,
  selfId: string | null,
): Q[] {
  return queues.filter((q) => q.type === type && q.id !== selfId);
}

/** Keeps the draft consistent after `path` changed (new type, release, other transfer type, prompt methods). */
export function normalizeSkillQueue(
  next: SkillQueueDraft,
  previous: SkillQueueDraft,
  path: string,
): SkillQueueDraft {
  let draft = next;
  if (path === "type" && next.type !== previous.type) {
    const type = next.type;
    const queuing = { ...draft.queuing };
    for (const key of QUEUING_KEYS) {
      const action = { ...queuing[key] };
      if (!transferTypesFor(type).includes(action.transferType))
        action.transferType = defaultTransferType(type);
      // A skill queue target had the old type, so it no longer qualifies.
      if (action.transferType === "skillQueue") action.targetId = null;
      (queuing as Record<string, unknown>)[key] = action;
    }
    draft = {
      ...draft,
      channels: takesChannels(type) ? draft.channels : [],
      prompts: takesPrompts(type) ? (draft.prompts ?? { ...PROMPT_DEFAULTS }) : null,
      queuing,
    };
  }
  const actionChange = /^queuing\.(timeout|busy|noAgent)\.(action|transferType)$/.exec(path);
  if (actionChange) {
    const key = actionChange[1] as (typeof QUEUING_KEYS)[number];
    const before = previous.queuing[key];
    const after = draft.queuing[key];
    if (after.action === "release" || after.transferType !== before.transferType) {
      draft = { ...draft, queuing: { ...draft.queuing, [key]: { ...after, targetId: null } } };
    }
  }
  if (draft.prompts && path.startsWith("prompts.")) {
    const p = { ...draft.prompts };
    if (path === "prompts.queuingMethod" && p.queuingMethod !== previous.prompts?.queuingMethod)
      p.queuingToneOrIvr = null;
    if (p.holdMethod === "defaultTone") p.holdTone = null;
    if (p.answerType !== "employeeIdAndCustom") p.answerVoice = null;
    draft = { ...draft, prompts: p };
  }
  return draft;
}
