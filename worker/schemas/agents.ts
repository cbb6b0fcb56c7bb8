/**
 * Agents: the configuration of an employee as an agent (spec step 5, Table 3), and the batch
 * configuration body ("Batch Select" by employee ID or employee ID segment).
 */
import * as v from "valibot";
import { AGENT_TYPES } from "../rules/agent-rules";
import { idSchema, intRange } from "./common";
import { EmployeeIdSchema } from "./employees";

export const PLATFORM_ROLES = ["common", "qualityChecker", "callout"] as const;
export const SKILL_TYPES = ["skillQueue", "skillQueueGroup"] as const;
export const MAX_AGENT_QUEUES = 100;
/** Most agents one batch may configure. */
export const MAX_BATCH_AGENTS = 1000;

const flag = (field: string) => v.optional(v.boolean(`${field} must be true or false`), false);

/** Digits, `+`, `-` and spaces, at most 32 characters, with at least one digit; "" means none. */
const PhoneSchema = v.pipe(
  v.string("phone must be text"),
  v.trim(),
  v.transform((s) => (s === "" ? null : s)),
  v.nullable(
    v.pipe(
      v.string(),
      v.regex(/^[0-9+\- ]*\d[0-9+\- ]*$/, "phone may contain only digits, +, - and spaces"),
      v.maxLength(32, "phone must be at most 32 characters"),
    ),
  ),
);

/** Every field but `employeeId`, with the defaults of a new agent. */
const fields = {
  platformRole: v.picklist(PLATFORM_ROLES, "platformRole must be common, qualityChecker or callout"),
  agentType: v.picklist(AGENT_TYPES, "agentType must be audio, video, multimedia or versatile"),
  /** Agent mobile or fixed-line number. */
  phone: v.optional(v.nullable(PhoneSchema), null),
  /** Counts against the tenant's intelligentAgents quota. */
  intelligentRecognition: flag("intelligentRecognition"),
  /** Needs intelligentRecognition and the tenant's intelligentFormFilling. */
  smartFormFilling: flag("smartFormFilling"),
  phoneOnly: flag("phoneOnly"),
  /** A marker for third parties, not a feature switch. */
  anonymizationFlag: flag("anonymizationFlag"),
  skillType: v.picklist(SKILL_TYPES, "skillType must be skillQueue or skillQueueGroup"),
  /** For skillType skillQueue: the agent's queues in order (at least one). */
  skillQueueIds: v.optional(
    v.pipe(
      v.array(idSchema, "skillQueueIds must be a list of skill queue ids"),
      v.maxLength(MAX_AGENT_QUEUES, `An agent has at most ${MAX_AGENT_QUEUES} skill queues`),
      v.checkItems((id, index, all) => all.indexOf(id) === index, "Each skill queue may appear once"),
    ),
    [],
  ),
  /** For skillType skillQueueGroup. */
  skillQueueGroupId: v.optional(v.nullable(idSchema), null),
  /** One of the agent's queues (of the group for skillQueueGroup); null picks the first. */
  defaultSkillQueueId: v.optional(v.nullable(idSchema), null),
  maxConcurrentChats: v.optional(intRange(1, 60), 5),
};

const InputObject = v.strictObject({
  /** The employee's employeeId (digits); one agent per employee. */
  employeeId: EmployeeIdSchema,
  ...fields,
});

const byQueue = (a: { skillType: (typeof SKILL_TYPES)[number] }) => a.skillType === "skillQueue";

/**
 * A whole agent configuration (create body; PATCH results are re-validated against it), with the
 * cross-field rules that need nothing but the body.
 */
export const AgentInputSchema = v.pipe(
  InputObject,
  v.forward(
    v.partialCheck(
      [["skillType"], ["skillQueueIds"]],
      (a) => !byQueue(a) || a.skillQueueIds.length > 0,
      "Choose at least one skill queue",
    ),
    ["skillQueueIds"],
  ),
  v.forward(
    v.partialCheck(
      [["skillType"], ["skillQueueIds"]],
      (a) => byQueue(a) || a.skillQueueIds.length === 0,
      "skillQueueIds is only for skillType skillQueue; a group's queues come from the group",
    ),
    ["skillQueueIds"],
  ),
  v.forward(
    v.partialCheck(
      [["skillType"], ["skillQueueGroupId"]],
      (a) => byQueue(a) || a.skillQueueGroupId != null,
      "Choose a skill queue group",
    ),
    ["skillQueueGroupId"],
  ),
  v.forward(
    v.partialCheck(
      [["skillType"], ["skillQueueGroupId"]],
      (a) => !byQueue(a) || a.skillQueueGroupId == null,
      "skillQueueGroupId is only for skillType skillQueueGroup",
    ),
    ["skillQueueGroupId"],
  ),
  v.forward(
    v.partialCheck(
      [["skillType"], ["skillQueueIds"], ["defaultSkillQueueId"]],
      (a) => !byQueue(a) || a.defaultSkillQueueId == null || a.skillQueueIds.includes(a.defaultSkillQueueId),
      "The default skill queue must be one of skillQueueIds",
    ),
    ["defaultSkillQueueId"],
  ),
  v.forward(
    v.partialCheck(
      [["intelligentRecognition"], ["smartFormFilling"]],
      (a) => !a.smartFormFilling || a.intelligentRecognition,
      "Enable intelligentRecognition before smartFormFilling",
    ),
    ["smartFormFilling"],
  ),
);
export type AgentInput = v.InferOutput<typeof AgentInputSchema>;

/** PATCH body: any subset. Changing skillType drops the other skill type's fields unless given. */
export const AgentPatchSchema = v.partial(InputObject);
export type AgentPatch = v.InferOutput<typeof AgentPatchSchema>;

/** The configuration part of an agent, any subset (the batch's `set`). */
export const AgentSettingsSchema = v.partial(v.strictObject(fields));
export type AgentSettings = v.InferOutput<typeof AgentSettingsSchema>;

export const AgentSchema = v.object({
  id: v.string(),
  employeeId: v.string(),
  /** The employee's name, null if the employee no longer exists. */
  employeeName: v.nullable(v.string()),
  platformRole: v.picklist(PLATFORM_ROLES),
  agentType: v.picklist(AGENT_TYPES),
  phone: v.nullable(v.string()),
  intelligentRecognition: v.boolean(),
  smartFormFilling: v.boolean(),
  phoneOnly: v.boolean(),
  anonymizationFlag: v.boolean(),
  skillType: v.picklist(SKILL_TYPES),
  skillQueueIds: v.array(v.string()),
  skillQueueGroupId: v.nullable(v.string()),
  defaultSkillQueueId: v.nullable(v.string()),
  /** Read-only: the queues the agent serves now (its own, or its group's current members). */
  servedSkillQueueIds: v.array(v.string()),
  maxConcurrentChats: v.number(),
  createdAt: v.number(),
});
export type Agent = v.InferOutput<typeof AgentSchema>;

const idList = v.pipe(
  v.array(EmployeeIdSchema, "employeeIds must be a list of employee ids"),
  v.minLength(1, "Select at least one employee"),
  v.maxLength(MAX_BATCH_AGENTS, `A batch configures at most ${MAX_BATCH_AGENTS} agents`),
  v.checkItems((id, index, all) => all.indexOf(id) === index, "Each employee id may appear once"),
);

/** An employee ID segment, both ends included, compared as numbers. */
const RangeSchema = v.pipe(
  v.strictObject({ from: EmployeeIdSchema, to: EmployeeIdSchema }),
  v.forward(
    v.check((r) => Number(r.from) <= Number(r.to), "The segment must not end before it starts"),
    ["to"],
  ),
);

/** `POST /agents/batch`: one configuration for employees chosen by id or by id segment. */
export const AgentBatchSchema = v.pipe(
  v.strictObject({
    employeeIds: v.optional(idList),
    range: v.optional(RangeSchema),
    set: v.pipe(
      AgentSettingsSchema,
      v.check((s) => Object.keys(s).length > 0, "set must name at least one field"),
    ),
  }),
  v.check(
    (b) => (b.employeeIds === undefined) !== (b.range === undefined),
    "Select the agents with exactly one of employeeIds or range",
  ),
);
export type AgentBatch = v.InferOutput<typeof AgentBatchSchema>;

export const BATCH_STATUSES = ["created", "updated", "valid", "error"] as const;
export const AgentBatchResultSchema = v.object({
  results: v.array(
    v.object({
      employeeId: v.string(),
      /** `valid`: would have been written, but another agent of the batch failed, so nothing was. */
      status: v.picklist(BATCH_STATUSES),
      errors: v.optional(v.record(v.string(), v.array(v.string()))),
    }),
  ),
});
export type AgentBatchResult = v.InferOutput<typeof AgentBatchResultSchema>;
