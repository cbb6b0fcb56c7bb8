/**
 * Cross-field rules of a skill queue (spec Table 1) as pure functions of the whole configuration.
 * Single-field ranges live in the valibot schema; what depends on another field lives here, so the
 * API and the admin UI refuse exactly the same configurations.
 */
import type { Prompts, QueueAction, SkillQueueConfig, SkillQueueType } from "../schemas/skill-queues";

/** One broken rule: the path of the field it names and a message for people. */
export type RuleIssue = { path: [string, ...string[]]; message: string };

export type Range = { min: number; max: number };

/** Queuing actions in the order the spec lists them. */
export const QUEUING_KEYS = ["timeout", "busy", "noAgent"] as const;
export type QueuingKey = (typeof QUEUING_KEYS)[number];

/** Only multimedia queues have a channel subtype; [] means every channel. */
export function takesChannels(type: SkillQueueType): boolean {
  return type === "multimedia";
}

/** Waiting, hold and answer prompts exist only for voice and video queues. */
export function takesPrompts(type: SkillQueueType): boolean {
  return type === "voice" || type === "video";
}

/** Multimedia queues transfer only to a skill queue; the others also to an IVR. */
export function transferTypesFor(type: SkillQueueType): readonly QueueAction["transferType"][] {
  return type === "multimedia" ? ["skillQueue"] : ["skillQueue", "ivr"];
}

/** The spec's default transfer type: IVR, except skill queue where IVR is not allowed. */
export function defaultTransferType(type: SkillQueueType): QueueAction["transferType"] {
  return type === "multimedia" ? "skillQueue" : "ivr";
}

/** Maximum queuing calls (or scale factor): 0–10000 for voice and video, 1–10000 for the others. */
export function maxQueuingRange(type: SkillQueueType): Range {
  return { min: type === "voice" || type === "video" ? 0 : 1, max: 10000 };
}

/** Busy threshold: 0–100 (%) for device usage, 0–9999 (s) for waiting duration. */
export function thresholdRange(condition: "deviceUsage" | "waitingDuration"): Range {
  return { min: 0, max: condition === "deviceUsage" ? 100 : 9999 };
}

const IVR_CODE = /^\d{1,24}$/;
const between = (r: Range) => `Must be between ${r.min} and ${r.max}`;

function actionIssues(
  key: QueuingKey,
  action: QueueAction,
  type: SkillQueueType,
  selfId: string | undefined,
): RuleIssue[] {
  const at = (field: string): [string, ...string[]] => ["queuing", key, field];
  const issues: RuleIssue[] = [];
  if (!transferTypesFor(type).includes(action.transferType)) {
    issues.push({
      path: at("transferType"),
      message: "A multimedia skill queue can transfer only to a skill queue",
    });
  }
  if (action.action === "release") {
    if (action.targetId !== null) {
      issues.push({ path: at("targetId"), message: "Leave targetId empty when the action is release" });
    }
  } else if (!action.targetId) {
    issues.push({
      path: at("targetId"),
      message:
        action.transferType === "ivr"
          ? "Choose the IVR to transfer to"
          : "Choose the skill queue to transfer to",
    });
  } else if (action.transferType === "ivr" && !IVR_CODE.test(action.targetId)) {
    issues.push({ path: at("targetId"), message: "An IVR is chosen by its access code: 1–24 digits" });
  } else if (action.transferType === "skillQueue" && action.targetId === selfId) {
    issues.push({ path: at("targetId"), message: "A skill queue cannot transfer to itself" });
  }
  return issues;
}

function promptIssues(p: Prompts): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const at = (field: string): [string, ...string[]] => ["prompts", field];
  if (p.queuingMethod === "defaultTone") {
    if (p.queuingToneOrIvr !== null) {
      issues.push({ path: at("queuingToneOrIvr"), message: "Leave it empty with the default wait tone" });
    }
  } else if (!p.queuingToneOrIvr) {
    issues.push({
      path: at("queuingToneOrIvr"),
      message: p.queuingMethod === "ivr" ? "Choose the IVR to queue with" : "Choose the wait tone",
    });
  } else if (p.queuingMethod === "ivr" && !IVR_CODE.test(p.queuingToneOrIvr)) {
    issues.push({
      path: at("queuingToneOrIvr"),
      message: "An IVR is chosen by its access code: 1–24 digits",
    });
  }
  if (p.holdMethod === "defaultTone" ? p.holdTone !== null : !p.holdTone) {
    issues.push({
      path: at("holdTone"),
      message:
        p.holdMethod === "defaultTone" ? "Leave it empty with the default hold tone" : "Choose the hold tone",
    });
  }
  if (p.answerType === "employeeIdAndCustom" ? !p.answerVoice : p.answerVoice !== null) {
    issues.push({
      path: at("answerVoice"),
      message:
        p.answerType === "employeeIdAndCustom"
          ? "Choose the custom voice played after the employee ID"
          : "Only employeeIdAndCustom takes an answer voice",
    });
  }
  return issues;
}

/**
 * Every cross-field rule the configuration breaks. `selfId` is the queue's own id (absent on
 * creation), so a queue never names itself as a transfer target.
 */
export function skillQueueIssues(config: SkillQueueConfig, selfId?: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!takesChannels(config.type) && config.channels.length > 0) {
    issues.push({ path: ["channels"], message: "Only a multimedia skill queue takes channels" });
  }
  if (takesPrompts(config.type)) {
    if (config.prompts === null)
      issues.push({ path: ["prompts"], message: "Voice and video skill queues need prompts" });
    else issues.push(...promptIssues(config.prompts));
  } else if (config.prompts !== null) {
    issues.push({ path: ["prompts"], message: "Prompts apply only to voice and video skill queues" });
  }
  for (const key of QUEUING_KEYS) issues.push(...actionIssues(key, config.queuing[key], config.type, selfId));
  const busy = config.queuing.busy;
  const threshold = thresholdRange(busy.forwardingCondition);
  if (busy.threshold < threshold.min || busy.threshold > threshold.max) {
    issues.push({
      path: ["queuing", "busy", "threshold"],
      message: `${between(threshold)} when forwardingCondition is ${busy.forwardingCondition}`,
    });
  }
  const maxQueuing = maxQueuingRange(config.type);
  if (busy.maxQueuing < maxQueuing.min || busy.maxQueuing > maxQueuing.max) {
    issues.push({
      path: ["queuing", "busy", "maxQueuing"],
      message: `${between(maxQueuing)} for a ${config.type} skill queue`,
    });
  }
  return issues;
}
