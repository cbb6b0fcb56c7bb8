import { describe, expect, it } from "vitest";
import {
  type AgentUsage,
  addedQuotas,
  canServe,
  MIXED_MEDIA,
  type QueueType,
  queueMixError,
  quotaOverruns,
  quotasUsedBy,
} from "./agent-rules";

describe("agent queue media rules", () => {
  it.each<[Parameters<typeof canServe>[0], QueueType, boolean]>([
    ["audio", "voice", true],
    ["audio", "voiceClickToDial", true],
    ["audio", "video", false],
    ["audio", "videoClickToDial", false],
    ["audio", "multimedia", false],
    ["video", "voice", true],
    ["video", "video", true],
    ["video", "videoClickToDial", true],
    ["video", "multimedia", false],
    ["multimedia", "multimedia", true],
    ["multimedia", "voice", false],
    ["multimedia", "voiceClickToDial", false],
    ["versatile", "multimedia", true],
    ["versatile", "videoClickToDial", true],
  ])("%s agent serves %s: %s", (agent, queue, expected) => {
    expect(canServe(agent, queue)).toBe(expected);
  });

  it.each<[Parameters<typeof queueMixError>[0], QueueType[], string | null]>([
    ["video", ["voice", "video"], null],
    ["video", ["voice", "videoClickToDial", "voiceClickToDial"], null],
    ["multimedia", ["multimedia", "multimedia"], null],
    ["versatile", ["multimedia", "voice", "videoClickToDial"], null],
    ["video", ["video", "multimedia"], MIXED_MEDIA],
    ["multimedia", ["multimedia", "voiceClickToDial"], MIXED_MEDIA],
    ["audio", ["voice", "multimedia"], MIXED_MEDIA],
  ])("%s agent with %j", (agent, queues, expected) => {
    expect(queueMixError(agent, queues)).toBe(expected);
  });

  it("names the types an agent cannot serve", () => {
    expect(queueMixError("audio", ["voice", "video"])).toMatch(/audio agent cannot serve video/);
    expect(queueMixError("multimedia", ["voice"])).toMatch(/cannot serve voice/);
  });
});

describe("agent quotas", () => {
  const quotas = { videoAgents: 2, multimediaAgents: 1, versatileAgents: 0, intelligentAgents: 1 };
  const agent = (employeeId: string, agentType: AgentUsage["agentType"], ir = false): AgentUsage => ({
    employeeId,
    agentType,
    intelligentRecognition: ir,
  });

  it.each([
    [agent("1", "audio"), []],
    [agent("1", "video"), ["videoAgents"]],
    [agent("1", "multimedia", true), ["multimediaAgents", "intelligentAgents"]],
    [agent("1", "versatile"), ["versatileAgents"]],
  ])("%j counts against %j", (a, expected) => {
    expect(quotasUsedBy(a)).toEqual(expected);
  });

  it("allows up to the quota and refuses one more", () => {
    const existing = [agent("1", "video")];
    expect(quotaOverruns(quotas, existing, [agent("2", "video")])).toEqual([]);
    const over = quotaOverruns(quotas, [...existing, agent("2", "video")], [agent("3", "video")]);
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ quota: "videoAgents", field: "agentType", limit: 2, total: 3 });
    expect(over[0]!.employeeIds).toEqual(["3"]);
  });

  it("a zero quota refuses the first agent of that type", () => {
    expect(quotaOverruns(quotas, [], [agent("1", "versatile")])[0]?.quota).toBe("versatileAgents");
  });

  it("an agent that already counts may be saved again", () => {
    const existing = [agent("1", "multimedia", true)];
    expect(quotaOverruns(quotas, existing, [agent("1", "multimedia", true)])).toEqual([]);
  });

  it("changing type frees the old quota within the same change", () => {
    const existing = [agent("1", "multimedia"), agent("2", "audio")];
    const changes = [agent("1", "audio"), agent("2", "multimedia")];
    expect(quotaOverruns(quotas, existing, changes)).toEqual([]);
  });

  it("counts a batch as a whole and blames every newcomer", () => {
    const changes = [agent("1", "video"), agent("2", "video"), agent("3", "video")];
    const [over] = quotaOverruns(quotas, [], changes);
    expect(over?.employeeIds).toEqual(["1", "2", "3"]);
  });

  it("intelligent recognition is blamed on its own field", () => {
    const [over] = quotaOverruns(quotas, [agent("1", "audio", true)], [agent("2", "audio", true)]);
    expect(over).toMatchObject({ quota: "intelligentAgents", field: "intelligentRecognition" });
  });

  it("a removed agent no longer counts", () => {
    expect(quotaOverruns(quotas, [agent("1", "multimedia")], [agent("2", "multimedia")], ["1"])).toEqual([]);
  });

  it("names the quotas a change newly counts against", () => {
    const existing = [agent("1", "video", true), agent("2", "audio")];
    expect(addedQuotas(existing, [agent("1", "video", true)])).toEqual([]);
    expect(addedQuotas(existing, [agent("1", "versatile", true), agent("2", "audio", true)]).sort()).toEqual([
      "intelligentAgents",
      "versatileAgents",
    ]);
    expect(addedQuotas(existing, [agent("3", "multimedia")])).toEqual(["multimediaAgents"]);
  });
});
