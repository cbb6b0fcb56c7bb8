import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { issuesToFieldErrors } from "../schemas/issues";
import {
  defaultsFor,
  type SkillQueueConfig,
  SkillQueueConfigSchema,
  type SkillQueueType,
  skillQueueConfigSchema,
} from "../schemas/skill-queues";
import { maxQueuingRange, skillQueueIssues, thresholdRange } from "./skill-queue-rules";

const queue = (type: SkillQueueType = "voice"): SkillQueueConfig => ({ name: "Q", ...defaultsFor(type) });

/** The queue with each dotted path set to its value. */
function changed(q: SkillQueueConfig, changes: Record<string, unknown>): SkillQueueConfig {
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    const parent = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, q);
    parent[last] = value;
  }
  return q;
}
const paths = (q: SkillQueueConfig, selfId?: string) =>
  skillQueueIssues(q, selfId).map((i) => i.path.join("."));

describe("skill queue rules", () => {
  it.each<SkillQueueType>(["voice", "multimedia", "video", "voiceClickToDial", "videoClickToDial"])(
    "the defaults of a %s queue break no rule",
    (type) => expect(skillQueueIssues(queue(type))).toEqual([]),
  );

  const transfer = (targetId: string) => ({ action: "transfer", transferType: "skillQueue", targetId });
  it.each<[string, SkillQueueType, Record<string, unknown>, string[]]>([
    ["channels on multimedia", "multimedia", { channels: ["web", "email"] }, []],
    ["channels on voice", "voice", { channels: ["web"] }, ["channels"]],
    ["channels on voiceClickToDial", "voiceClickToDial", { channels: ["web"] }, ["channels"]],
    ["prompts on multimedia", "multimedia", { prompts: defaultsFor("voice").prompts }, ["prompts"]],
    [
      "prompts on videoClickToDial",
      "videoClickToDial",
      { prompts: defaultsFor("video").prompts },
      ["prompts"],
    ],
    ["no prompts on video", "video", { prompts: null }, ["prompts"]],
    [
      "ivr on multimedia",
      "multimedia",
      { "queuing.noAgent.transferType": "ivr" },
      ["queuing.noAgent.transferType"],
    ],
    ["ivr on voiceClickToDial", "voiceClickToDial", { "queuing.noAgent.transferType": "ivr" }, []],
    ["release with a target", "voice", { "queuing.timeout.targetId": "123" }, ["queuing.timeout.targetId"]],
    ["transfer without a target", "voice", { "queuing.busy.action": "transfer" }, ["queuing.busy.targetId"]],
    [
      "transfer to an IVR code",
      "voice",
      { "queuing.timeout.action": "transfer", "queuing.timeout.targetId": "4001" },
      [],
    ],
    [
      "transfer to an IVR that is not digits",
      "voice",
      { "queuing.timeout.action": "transfer", "queuing.timeout.targetId": "sq_x" },
      ["queuing.timeout.targetId"],
    ],
    ["transfer to a queue", "multimedia", { "queuing.noAgent": transfer("sq_other") }, []],
    [
      "transfer to itself",
      "multimedia",
      { "queuing.noAgent": transfer("sq_self") },
      ["queuing.noAgent.targetId"],
    ],
    [
      "custom wait tone without a tone",
      "voice",
      { "prompts.queuingMethod": "customTone" },
      ["prompts.queuingToneOrIvr"],
    ],
    [
      "custom wait tone with a tone",
      "voice",
      { "prompts.queuingMethod": "customTone", "prompts.queuingToneOrIvr": "jingle.wav" },
      [],
    ],
    [
      "IVR queuing with a non-digit code",
      "voice",
      { "prompts.queuingMethod": "ivr", "prompts.queuingToneOrIvr": "jingle.wav" },
      ["prompts.queuingToneOrIvr"],
    ],
    [
      "IVR queuing with a code",
      "voice",
      { "prompts.queuingMethod": "ivr", "prompts.queuingToneOrIvr": "77" },
      [],
    ],
    [
      "default wait tone with a tone",
      "voice",
      { "prompts.queuingToneOrIvr": "x" },
      ["prompts.queuingToneOrIvr"],
    ],
    [
      "custom hold tone without a tone",
      "video",
      { "prompts.holdMethod": "customTone" },
      ["prompts.holdTone"],
    ],
    ["default hold tone with a tone", "video", { "prompts.holdTone": "x" }, ["prompts.holdTone"]],
    [
      "custom answer without a voice",
      "voice",
      { "prompts.answerType": "employeeIdAndCustom" },
      ["prompts.answerVoice"],
    ],
    [
      "noVoice answer with a voice",
      "voice",
      { "prompts.answerType": "noVoice", "prompts.answerVoice": "x" },
      ["prompts.answerVoice"],
    ],
  ])("%s", (_name, type, changes, expected) => {
    expect(paths(changed(queue(type), changes), "sq_self")).toEqual(expected);
  });

  it.each<[SkillQueueConfig["queuing"]["busy"]["forwardingCondition"], number, boolean]>([
    ["deviceUsage", 0, true],
    ["deviceUsage", 100, true],
    ["deviceUsage", 101, false],
    ["waitingDuration", 101, true],
    ["waitingDuration", 9999, true],
    ["waitingDuration", 10000, false],
    ["waitingDuration", -1, false],
  ])("busy threshold under %s: %i ok=%s", (condition, threshold, ok) => {
    const q = queue();
    Object.assign(q.queuing.busy, { forwardingCondition: condition, threshold });
    expect(paths(q).includes("queuing.busy.threshold")).toBe(!ok);
    expect(thresholdRange(condition).max).toBe(condition === "deviceUsage" ? 100 : 9999);
  });

  it.each<[SkillQueueType, number, boolean]>([
    ["voice", 0, true],
    ["video", 0, true],
    ["multimedia", 0, false],
    ["voiceClickToDial", 0, false],
    ["videoClickToDial", 0, false],
    ["multimedia", 1, true],
    ["voice", 10000, true],
    ["multimedia", 10000, true],
    ["voice", 10001, false],
  ])("maxQueuing of a %s queue: %i ok=%s", (type, maxQueuing, ok) => {
    const q = queue(type);
    q.queuing.busy.maxQueuing = maxQueuing;
    expect(paths(q).includes("queuing.busy.maxQueuing")).toBe(!ok);
    expect(maxQueuingRange(type).min).toBe(type === "voice" || type === "video" ? 0 : 1);
  });
});

describe("the whole-object schema", () => {
  it("reports single-field and cross-field errors together, by dotted path", () => {
    const q = queue("multimedia");
    const result = v.safeParse(SkillQueueConfigSchema, {
      ...q,
      maxWaitingTime: 0,
      queuing: {
        ...q.queuing,
        busy: { ...q.queuing.busy, maxQueuing: 0 },
        timeout: { ...q.queuing.timeout, transferType: "ivr" },
      },
    });
    expect(result.success).toBe(false);
    expect(Object.keys(issuesToFieldErrors(result.issues ?? [])).sort()).toEqual([
      "maxWaitingTime",
      "queuing.busy.maxQueuing",
      "queuing.timeout.transferType",
    ]);
  });

  it("knows its own id on update", () => {
    const q = queue("video");
    Object.assign(q.queuing.timeout, { action: "transfer", transferType: "skillQueue", targetId: "sq_1" });
    expect(v.safeParse(skillQueueConfigSchema("sq_2"), q).success).toBe(true);
    expect(v.safeParse(skillQueueConfigSchema("sq_1"), q).success).toBe(false);
  });

  it("treats an empty reference as none", () => {
    const q = queue();
    const parsed = v.parse(SkillQueueConfigSchema, {
      ...q,
      queuing: { ...q.queuing, timeout: { ...q.queuing.timeout, targetId: "" } },
    });
    expect(parsed.queuing.timeout.targetId).toBeNull();
  });
});
