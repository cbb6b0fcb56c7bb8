/**
 * Skill queues (spec Table 1): field schemas, defaults and media-type-dependent ranges, shared by
 * the API and the admin UI. The whole-object schema runs the cross-field rules of
 * `../rules/skill-queue-rules.ts`, so both sides refuse exactly the same configurations.
 */
import * as v from "valibot";
import {
  defaultTransferType,
  QUEUING_KEYS,
  type RuleIssue,
  skillQueueIssues,
  takesPrompts,
} from "../rules/skill-queue-rules";
import { idSchema, intRange, listQuerySchema, nameSchema } from "./common";

export {
  defaultTransferType,
  maxQueuingRange,
  takesChannels,
  takesPrompts,
  thresholdRange,
  transferTypesFor,
} from "../rules/skill-queue-rules";
export { QUEUING_KEYS };

export const SKILL_QUEUE_TYPES = [
  "voice",
  "multimedia",
  "video",
  "voiceClickToDial",
  "videoClickToDial",
] as const;
export type SkillQueueType = (typeof SKILL_QUEUE_TYPES)[number];

/** The multimedia subtypes (spec "Subtype"); an empty list means every channel. */
export const CHANNEL_TYPES = [
  "web",
  "whatsapp",
  "line",
  "wechat",
  "facebook",
  "x",
  "rcs5g",
  "email",
  "sms",
  "instagram",
  "telegram",
] as const;

/** Single-field ranges; `maxQueuingRange(type)` and `thresholdRange(condition)` narrow two of them. */
export const RANGES = {
  maxWaitingTime: { min: 1, max: 60000 },
  maxCallDuration: { min: 1, max: 86400 },
  wrapUpDuration: { min: 0, max: 3600 },
  maxCallsInQueue: { min: 0, max: 10000 },
  queueUsage: { min: 0, max: 100 },
  threshold: { min: 0, max: 9999 },
  maxQueuing: { min: 0, max: 10000 },
} as const;

const range = (key: keyof typeof RANGES) => intRange(RANGES[key].min, RANGES[key].max);
const choice = <const T extends readonly [string, ...string[]]>(field: string, options: T) =>
  v.picklist(options, `${field} must be one of: ${options.join(", ")}`);

/** Optional free text or reference: trimmed, and "" means none (null), as an empty form field does. */
const reference = (max: number) =>
  v.nullable(
    v.pipe(
      v.string("Must be text"),
      v.trim(),
      v.maxLength(max, `Must be at most ${max} characters`),
      v.transform((s) => (s === "" ? null : s)),
    ),
  );

export const QueueActionSchema = v.strictObject({
  action: choice("action", ["release", "transfer"]),
  transferType: choice("transferType", ["skillQueue", "ivr"]),
  /** A skill queue id (skillQueue) or an IVR access code (ivr); null with release. */
  targetId: reference(64),
});
export type QueueAction = v.InferOutput<typeof QueueActionSchema>;

export const BusyActionSchema = v.strictObject({
  ...QueueActionSchema.entries,
  queueUsage: range("queueUsage"),
  forwardingCondition: choice("forwardingCondition", ["deviceUsage", "waitingDuration"]),
  threshold: range("threshold"),
  maxQueuingMethod: choice("maxQueuingMethod", ["fixed", "percentOfSignedIn"]),
  /** Maximum queuing calls (fixed) or the scale factor (percentOfSignedIn). */
  maxQueuing: range("maxQueuing"),
});
export type BusyAction = v.InferOutput<typeof BusyActionSchema>;

export const QueuingSchema = v.strictObject({
  timeout: QueueActionSchema,
  busy: BusyActionSchema,
  noAgent: QueueActionSchema,
});
export type Queuing = v.InferOutput<typeof QueuingSchema>;

export const PromptsSchema = v.strictObject({
  queuingMethod: choice("queuingMethod", ["defaultTone", "customTone", "ivr"]),
  /** The custom wait tone, or the IVR access code with queuingMethod ivr. */
  queuingToneOrIvr: reference(255),
  holdMethod: choice("holdMethod", ["defaultTone", "customTone"]),
  holdTone: reference(255),
  answerType: choice("answerType", ["employeeId", "noVoice", "employeeIdAndCustom"]),
  answerVoice: reference(255),
});
export type Prompts = v.InferOutput<typeof PromptsSchema>;

const fields = {
  name: nameSchema(100),
  description: v.pipe(v.string("Must be text"), v.maxLength(255, "Must be at most 255 characters")),
  type: choice("type", SKILL_QUEUE_TYPES),
  channels: v.pipe(
    v.array(choice("channel", CHANNEL_TYPES), "channels must be a list"),
    v.checkItems((item, index, all) => all.indexOf(item) === index, "Each channel may appear once"),
  ),
  /** null = Unorganized. */
  ouId: v.nullable(idSchema),
  maxWaitingTime: range("maxWaitingTime"),
  maxCallDuration: range("maxCallDuration"),
  wrapUpDuration: range("wrapUpDuration"),
  maxCallsInQueue: range("maxCallsInQueue"),
  queuing: QueuingSchema,
  /** Voice and video only; null for the other types. */
  prompts: v.nullable(PromptsSchema),
};

const SkillQueueFieldsSchema = v.strictObject(fields);
/** A complete skill queue configuration (what is stored), before the cross-field rules. */
export type SkillQueueConfig = v.InferOutput<typeof SkillQueueFieldsSchema>;

function issuePath(
  root: Record<string, unknown>,
  keys: RuleIssue["path"],
): [v.IssuePathItem, ...v.IssuePathItem[]] {
  let input = root;
  return keys.map((key) => {
    const value = input[key];
    const item: v.ObjectPathItem = { type: "object", origin: "value", input, key, value };
    input = (value ?? {}) as Record<string, unknown>;
    return item;
  }) as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/** The complete configuration with every cross-field rule; `selfId` is the queue's own id on update. */
export function skillQueueConfigSchema(selfId?: string) {
  return v.pipe(
    SkillQueueFieldsSchema,
    v.rawCheck<SkillQueueConfig>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value;
      for (const issue of skillQueueIssues(value, selfId)) {
        addIssue({ message: issue.message, path: issuePath(value, issue.path) });
      }
    }),
  );
}
export const SkillQueueConfigSchema = skillQueueConfigSchema();

/**
 * A request body: any subset of the fields, nested objects partial too. The API fills the rest from
 * the defaults (create) or the stored queue (update) and validates the whole with the rules.
 */
export const SkillQueuePatchSchema = v.strictObject({
  ...v.partial(SkillQueueFieldsSchema).entries,
  queuing: v.optional(
    v.strictObject({
      timeout: v.optional(v.partial(QueueActionSchema)),
      busy: v.optional(v.partial(BusyActionSchema)),
      noAgent: v.optional(v.partial(QueueActionSchema)),
    }),
  ),
  /** Partial prompts; null resets them (to the defaults for voice and video). */
  prompts: v.optional(v.nullable(v.partial(PromptsSchema))),
});
export type SkillQueuePatch = v.InferOutput<typeof SkillQueuePatchSchema>;

/** Creation: like a patch, but `name` is required. */
export const SkillQueueCreateSchema = v.strictObject({ ...SkillQueuePatchSchema.entries, name: fields.name });

export const SkillQueueSchema = v.object({
  id: v.string(),
  ...fields,
  /** Read-only: the wrap-up actually applied (rounded up to a multiple of 5 s; 0 means none). */
  effectiveWrapUpDuration: v.number(),
  createdAt: v.number(),
});
export type SkillQueue = v.InferOutput<typeof SkillQueueSchema>;

export const SkillQueueListQuerySchema = v.object({
  ...listQuerySchema.entries,
  type: v.optional(choice("type", SKILL_QUEUE_TYPES)),
});

/** Chosen defaults of the busy handling (the spec names none): transfer below 80 % device usage… */
export const BUSY_DEFAULTS = {
  queueUsage: 80,
  forwardingCondition: "deviceUsage",
  /** …busy only at 100 % device usage… */
  threshold: 100,
  /** …and at most 100 queuing calls. */
  maxQueuingMethod: "fixed",
  maxQueuing: 100,
} as const satisfies Partial<BusyAction>;

/** The spec's prompt defaults: default wait tone, default hold tone, report the employee ID. */
export const PROMPT_DEFAULTS: Prompts = {
  queuingMethod: "defaultTone",
  queuingToneOrIvr: null,
  holdMethod: "defaultTone",
  holdTone: null,
  answerType: "employeeId",
  answerVoice: null,
};

/** Every default of a queue of `type`: release with the type's default transfer type, prompts for voice/video. */
export function defaultsFor(type: SkillQueueType): Omit<SkillQueueConfig, "name"> {
  const release = { action: "release", transferType: defaultTransferType(type), targetId: null } as const;
  return {
    description: "",
    type,
    channels: [],
    ouId: null,
    maxWaitingTime: 60,
    maxCallDuration: 86400,
    wrapUpDuration: 5,
    maxCallsInQueue: 100,
    queuing: { timeout: { ...release }, busy: { ...release, ...BUSY_DEFAULTS }, noAgent: { ...release } },
    prompts: takesPrompts(type) ? { ...PROMPT_DEFAULTS } : null,
  };
}

/** The defaults of a new queue (type voice). */
export const SKILL_QUEUE_DEFAULTS = defaultsFor("voice");
export { SKILL_QUEUE_DEFAULTS as defaults };
