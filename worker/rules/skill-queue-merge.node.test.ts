import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  defaultsFor,
  type SkillQueueConfig,
  SkillQueueConfigSchema,
  type SkillQueuePatch,
} from "../schemas/skill-queues";
import { mergeSkillQueue } from "./skill-queue-merge";

const stored = (patch: SkillQueuePatch): SkillQueueConfig =>
  v.parse(SkillQueueConfigSchema, mergeSkillQueue(null, { name: "Q", ...patch }));

describe("mergeSkillQueue", () => {
  it("fills every default on creation, by type", () => {
    expect(mergeSkillQueue(null, { name: "Q" })).toEqual({ name: "Q", ...defaultsFor("voice") });
    const mm = mergeSkillQueue(null, { name: "M", type: "multimedia" });
    expect(mm.prompts).toBeNull();
    expect(mm.queuing.busy).toMatchObject({
      action: "release",
      transferType: "skillQueue",
      queueUsage: 80,
      maxQueuing: 100,
    });
    expect(mergeSkillQueue(null, { name: "C", type: "voiceClickToDial" }).queuing.timeout.transferType).toBe(
      "ivr",
    );
  });

  it("leaves a missing name for validation to name", () => {
    expect(mergeSkillQueue(null, {}).name).toBeUndefined();
  });

  it("merges nested objects per key and keeps untouched fields", () => {
    const base = stored({ description: "d", maxWaitingTime: 30 });
    const next = mergeSkillQueue(base, {
      queuing: { busy: { threshold: 50 } },
      prompts: { holdMethod: "customTone", holdTone: "hold.wav" },
    });
    expect(next.description).toBe("d");
    expect(next.maxWaitingTime).toBe(30);
    expect(next.queuing.busy).toEqual({ ...base.queuing.busy, threshold: 50 });
    expect(next.queuing.timeout).toEqual(base.queuing.timeout);
    expect(next.prompts).toEqual({ ...base.prompts, holdMethod: "customTone", holdTone: "hold.wav" });
  });

  it("sets ouId to null only when asked", () => {
    const base = stored({ ouId: "ou_1" });
    expect(mergeSkillQueue(base, {}).ouId).toBe("ou_1");
    expect(mergeSkillQueue(base, { ouId: null }).ouId).toBeNull();
  });

  it("clears a target when the action goes back to release, unless the request gives one", () => {
    const base = stored({ queuing: { noAgent: { action: "transfer", targetId: "4001" } } });
    expect(base.queuing.noAgent.targetId).toBe("4001");
    expect(
      mergeSkillQueue(base, { queuing: { noAgent: { action: "release" } } }).queuing.noAgent.targetId,
    ).toBeNull();
    expect(
      mergeSkillQueue(base, { queuing: { noAgent: { action: "release", targetId: "4001" } } }).queuing.noAgent
        .targetId,
    ).toBe("4001");
    expect(
      mergeSkillQueue(base, { queuing: { noAgent: { transferType: "skillQueue" } } }).queuing.noAgent
        .targetId,
    ).toBe("4001");
  });

  it("clears a tone when its method goes back to the default", () => {
    const base = stored({
      prompts: {
        queuingMethod: "ivr",
        queuingToneOrIvr: "500",
        answerType: "employeeIdAndCustom",
        answerVoice: "v",
      },
    });
    const next = mergeSkillQueue(base, { prompts: { queuingMethod: "defaultTone", answerType: "noVoice" } });
    expect(next.prompts).toMatchObject({ queuingToneOrIvr: null, answerVoice: null });
  });

  it("null prompts reset a voice queue to the default prompts", () => {
    const base = stored({ prompts: { holdMethod: "customTone", holdTone: "h" } });
    expect(mergeSkillQueue(base, { prompts: null }).prompts).toEqual(defaultsFor("voice").prompts);
  });

  it("follows a type change for the fields that depend on it", () => {
    const mm = stored({ type: "multimedia", channels: ["web"] });
    const voice = mergeSkillQueue(mm, { type: "voice" });
    expect(voice.channels).toEqual([]);
    expect(voice.prompts).toEqual(defaultsFor("voice").prompts);
    const back = mergeSkillQueue(stored({}), { type: "multimedia" });
    expect(back.prompts).toBeNull();
    expect(back.queuing.timeout.transferType).toBe("skillQueue");
    expect(v.safeParse(SkillQueueConfigSchema, back).success).toBe(true);
  });

  it("never rewrites what the request gives explicitly", () => {
    const next = mergeSkillQueue(stored({}), {
      type: "multimedia",
      prompts: {},
      queuing: { busy: { transferType: "ivr" } },
    });
    expect(next.prompts).not.toBeNull();
    expect(next.queuing.busy.transferType).toBe("ivr");
    expect(v.safeParse(SkillQueueConfigSchema, next).success).toBe(false);
  });

  it("keeps an IVR transfer on a type change so that validation refuses it", () => {
    const base = stored({ queuing: { timeout: { action: "transfer", targetId: "4001" } } });
    const next = mergeSkillQueue(base, { type: "multimedia" });
    expect(next.queuing.timeout).toMatchObject({ transferType: "ivr", targetId: "4001" });
  });
});
