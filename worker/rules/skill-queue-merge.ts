/**
 * How a request body becomes a complete skill queue configuration: a creation starts from the
 * defaults of its type, an update from the stored queue; given fields replace, nested objects merge
 * per key. The result is only a candidate: the caller validates it whole.
 *
 * Fields that only mean something under another field's choice follow that choice when the request
 * leaves them out: switching an action to release clears its `targetId`; switching a prompt method
 * back to the default clears its tone; changing `type` resets `channels` (unless given), drops or
 * adds `prompts`, and moves a releasing action's `transferType` to one the new type allows.
 * A value the request gives explicitly is never rewritten.
 */
import {
  defaultsFor,
  PROMPT_DEFAULTS,
  type Prompts,
  type QueueAction,
  type SkillQueueConfig,
  type SkillQueuePatch,
  type SkillQueueType,
} from "../schemas/skill-queues";
import { defaultTransferType, takesPrompts, transferTypesFor } from "./skill-queue-rules";

/** `base` with the defined values of `patch` (only keys `base` has). */
function overlay<T extends object>(base: T, patch: Partial<T> | undefined): T {
  const next = { ...base };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value !== undefined && key in base) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

function mergeAction<A extends QueueAction>(base: A, patch: Partial<A> | undefined, type: SkillQueueType): A {
  const next = overlay(base, patch);
  if (next.action === "release" && patch?.targetId === undefined) next.targetId = null;
  if (
    next.action === "release" &&
    patch?.transferType === undefined &&
    !transferTypesFor(type).includes(next.transferType)
  ) {
    next.transferType = defaultTransferType(type);
  }
  return next;
}

function mergePrompts(base: Prompts | null, patch: Partial<Prompts>): Prompts {
  const next = overlay(base ?? PROMPT_DEFAULTS, patch);
  if (next.queuingMethod === "defaultTone" && patch.queuingToneOrIvr === undefined)
    next.queuingToneOrIvr = null;
  if (next.holdMethod === "defaultTone" && patch.holdTone === undefined) next.holdTone = null;
  if (next.answerType !== "employeeIdAndCustom" && patch.answerVoice === undefined) next.answerVoice = null;
  return next;
}

/**
 * The candidate configuration for `patch` applied to `base` (null: a new queue). `name` stays
 * undefined when neither gives one; validation then names it.
 */
export function mergeSkillQueue(
  base: SkillQueueConfig | null,
  patch: SkillQueuePatch,
): Omit<SkillQueueConfig, "name"> & { name: string | undefined } {
  const type = patch.type ?? base?.type ?? "voice";
  const typeChanged = base !== null && base.type !== type;
  const start = base ?? { ...defaultsFor(type), name: undefined };
  const pick = <K extends keyof SkillQueuePatch & keyof SkillQueueConfig>(key: K) =>
    (patch[key] !== undefined ? patch[key] : start[key]) as SkillQueueConfig[K];

  const queuing: SkillQueueConfig["queuing"] = {
    timeout: mergeAction(start.queuing.timeout, patch.queuing?.timeout, type),
    busy: mergeAction(start.queuing.busy, patch.queuing?.busy, type),
    noAgent: mergeAction(start.queuing.noAgent, patch.queuing?.noAgent, type),
  };

  // A type without prompts keeps only prompts the request gives, so that the rules can refuse them.
  const prompts = takesPrompts(type)
    ? mergePrompts(patch.prompts === null ? null : start.prompts, patch.prompts ?? {})
    : patch.prompts
      ? mergePrompts(null, patch.prompts)
      : null;

  return {
    name: patch.name ?? start.name,
    description: pick("description"),
    type,
    channels: patch.channels ?? (typeChanged ? [] : start.channels),
    ouId: pick("ouId"),
    maxWaitingTime: pick("maxWaitingTime"),
    maxCallDuration: pick("maxCallDuration"),
    wrapUpDuration: pick("wrapUpDuration"),
    maxCallsInQueue: pick("maxCallsInQueue"),
    queuing,
    prompts,
  };
}
