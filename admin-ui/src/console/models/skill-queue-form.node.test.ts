import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { SkillQueueConfigSchema } from "../../../../worker/schemas/skill-queues";
import { setIn } from "../../shared/form/path";
import {
  maxQueuingLabel,
  newSkillQueueDraft,
  normalizeSkillQueue,
  skillQueueFieldsFor,
  targetLabel,
  thresholdField,
  transferTargets,
} from "./skill-queue-form";

const change = (draft: ReturnType<typeof newSkillQueueDraft>, path: string, value: unknown) =>
  normalizeSkillQueue(setIn(draft, path, value), draft, path);

describe("skill queue form", () => {
  it.each([
    ["voice", false, true, ["skillQueue", "ivr"], 0],
    ["video", false, true, ["skillQueue", "ivr"], 0],
    ["multimedia", true, false, ["skillQueue"], 1],
    ["voiceClickToDial", false, false, ["skillQueue", "ivr"], 1],
    ["videoClickToDial", false, false, ["skillQueue", "ivr"], 1],
  ] as const)(
    "%s: subtype %s, prompts %s, transfer types %j, max queuing from %i",
    (type, channels, prompts, transfer, min) => {
      const fields = skillQueueFieldsFor(type);
      expect(fields.channels).toBe(channels);
      expect(fields.prompts).toBe(prompts);
      expect(fields.transferTypes).toEqual(transfer);
      expect(fields.transferTypeFixed).toBe(transfer.length === 1);
      expect(fields.maxQueuing).toEqual({ min, max: 10000 });
    },
  );

  it.each([
    ["deviceUsage", "Device Usage Threshold (%)", 100],
    ["waitingDuration", "Waiting duration (s)", 9999],
  ] as const)("threshold follows %s", (condition, label, max) => {
    expect(thresholdField(condition)).toEqual({ label, min: 0, max });
  });

  it("labels follow the method and transfer type", () => {
    expect(maxQueuingLabel("percentOfSignedIn")).toBe("Scale Factor");
    expect(maxQueuingLabel("fixed")).toBe("Maximum number of queuing calls");
    expect(targetLabel("ivr")).toBe("Select IVR");
    expect(targetLabel("skillQueue")).toBe("Select Skill");
  });

  it("new drafts are the server defaults and valid once named", () => {
    const draft = { ...newSkillQueueDraft(), name: "Sales" };
    expect(draft.type).toBe("voice");
    expect(draft.maxWaitingTime).toBe(60);
    expect(draft.wrapUpDuration).toBe(5);
    expect(draft.queuing.timeout.transferType).toBe("ivr");
    expect(v.safeParse(SkillQueueConfigSchema, draft).success).toBe(true);
  });

  it("switching to multimedia drops prompts, forces Skill Queue transfers and stays valid", () => {
    let draft = { ...newSkillQueueDraft(), name: "Web" };
    draft = change(draft, "queuing.timeout.action", "transfer");
    draft = change(draft, "queuing.timeout.targetId", "12345");
    draft = change(draft, "type", "multimedia");
    expect(draft.prompts).toBeNull();
    for (const key of ["timeout", "busy", "noAgent"] as const)
      expect(draft.queuing[key].transferType).toBe("skillQueue");
    expect(draft.queuing.timeout.targetId).toBeNull();
    draft = change(draft, "queuing.timeout.action", "release");
    expect(v.safeParse(SkillQueueConfigSchema, draft).success).toBe(true);
  });

  it("switching away from multimedia clears the subtype and restores prompts", () => {
    let draft = change({ ...newSkillQueueDraft(), name: "Q" }, "type", "multimedia");
    draft = change(draft, "channels", ["web"]);
    draft = change(draft, "type", "video");
    expect(draft.channels).toEqual([]);
    expect(draft.prompts?.queuingMethod).toBe("defaultTone");
    expect(v.safeParse(SkillQueueConfigSchema, draft).success).toBe(true);
  });

  it("release and a new transfer type clear the target; default tones clear their tone", () => {
    let draft = change(newSkillQueueDraft(), "queuing.busy.action", "transfer");
    draft = change(draft, "queuing.busy.targetId", "999");
    expect(change(draft, "queuing.busy.transferType", "skillQueue").queuing.busy.targetId).toBeNull();
    expect(change(draft, "queuing.busy.action", "release").queuing.busy.targetId).toBeNull();
    draft = change(draft, "prompts.holdMethod", "customTone");
    draft = change(draft, "prompts.holdTone", "music.wav");
    expect(change(draft, "prompts.holdMethod", "defaultTone").prompts?.holdTone).toBeNull();
  });

  it("transfer targets are the same type and never the queue itself", () => {
    const queues = [
      { id: "a", type: "multimedia" },
      { id: "b", type: "multimedia" },
      { id: "c", type: "voice" },
    ] as const;
    expect(transferTargets(queues, "multimedia", "a").map((q) => q.id)).toEqual(["b"]);
    expect(transferTargets(queues, "voice", null).map((q) => q.id)).toEqual(["c"]);
  });
});
