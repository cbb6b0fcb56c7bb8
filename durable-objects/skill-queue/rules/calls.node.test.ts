import { describe, expect, it } from "vitest";
import type { CallMedia } from "../../../worker/realtime/protocol";
import type { AgentType } from "../../../worker/rules/agent-rules";
import {
  agentTakesMedia,
  type CallCandidate,
  callKindsOf,
  callTranscriptText,
  declineEnds,
  formatCallDuration,
  mayRing,
  pickCallAgent,
  placement,
} from "./calls";

const agent = (over: Partial<CallCandidate> = {}): CallCandidate => ({
  employeeId: "1001",
  status: "idle",
  offerable: true,
  agentType: "versatile",
  onCall: false,
  excluded: false,
  idleSince: 100,
  ...over,
});

describe("what a click-to-dial queue carries", () => {
  it.each<[string, CallMedia[]]>([
    ["voiceClickToDial", ["voice"]],
    ["videoClickToDial", ["voice", "video"]],
    ["multimedia", []],
    ["voice", []],
    ["video", []],
  ])("%s → %j", (type, kinds) => expect(callKindsOf(type)).toEqual(kinds));
});

describe("agent types and call media (Table 3, Agent Type)", () => {
  it.each<[AgentType, CallMedia, boolean]>([
    ["audio", "voice", true],
    ["audio", "video", false],
    ["video", "voice", true],
    ["video", "video", true],
    ["versatile", "voice", true],
    ["versatile", "video", true],
    ["multimedia", "voice", false],
    ["multimedia", "video", false],
  ])("%s agent, %s call → %s", (type, media, ok) => expect(agentTakesMedia(type, media)).toBe(ok));
});

describe("who may be rung", () => {
  it.each<[string, Partial<CallCandidate>, CallMedia, boolean]>([
    ["idle versatile agent", {}, "video", true],
    ["resting", { status: "rest" }, "voice", false],
    ["forced busy", { status: "busy" }, "voice", false],
    ["wrapping up", { status: "arranging" }, "voice", false],
    ["already on a call (one call at a time)", { onCall: true }, "voice", false],
    ["declined or missed this call", { excluded: true }, "voice", false],
    ["no open socket or not configured", { offerable: false }, "voice", false],
    ["configuration unknown", { agentType: null }, "voice", false],
    ["audio agent, video call", { agentType: "audio" }, "video", false],
    ["audio agent, voice call", { agentType: "audio" }, "voice", true],
    ["multimedia agent", { agentType: "multimedia" }, "voice", false],
  ])("%s → %s", (_label, over, media, ok) => expect(mayRing(agent(over), media)).toBe(ok));
});

describe("placement of a new call", () => {
  it("rings the chat's agent when they may be rung, whatever the queue's admission says", () => {
    expect(placement(agent(), "voice", "busy")).toBe("ringChatAgent");
  });
  it.each([["queue"], ["busy"], ["noAgent"]] as const)(
    "otherwise follows the admission (%s)",
    (admission) => {
      expect(placement(agent({ onCall: true }), "voice", admission)).toBe(admission);
      expect(placement(null, "voice", admission)).toBe(admission);
    },
  );
});

describe("which agent a queued call is offered to", () => {
  const a = agent({ employeeId: "a", idleSince: 300 });
  const b = agent({ employeeId: "b", idleSince: 100 });
  const c = agent({ employeeId: "c", idleSince: 100 });
  it("the chat's agent first", () => expect(pickCallAgent([b, a, c], "voice", "a")).toBe("a"));
  it("then the one idle longest, then the smallest id", () => {
    expect(pickCallAgent([a, c, b], "voice", null)).toBe("b");
    expect(pickCallAgent([a, c], "voice", "zz")).toBe("c");
  });
  it("skips who may not be rung; nobody → null", () => {
    expect(pickCallAgent([agent({ employeeId: "a", onCall: true }), c], "voice", "a")).toBe("c");
    expect(pickCallAgent([agent({ agentType: "audio" })], "video", null)).toBeNull();
    expect(pickCallAgent([], "voice", null)).toBeNull();
  });
});

describe("declining", () => {
  it("the chat's agent declining ends the call; anyone else passes it on", () => {
    expect(declineEnds("a", "a")).toBe(true);
    expect(declineEnds("a", "b")).toBe(false);
    expect(declineEnds(null, "b")).toBe(false);
  });
});

describe("call durations", () => {
  it.each([
    [0, "0 s"],
    [999, "0 s"],
    [59_999, "59 s"],
    [60_000, "1 min 0 s"],
    [252_000, "4 min 12 s"],
    [3_599_999, "59 min 59 s"],
    [3_600_000, "1 h 0 min 0 s"],
    [3_723_000, "1 h 2 min 3 s"],
    [-5, "0 s"],
  ])("%d ms → %s", (ms, text) => expect(formatCallDuration(ms)).toBe(text));
});

describe("transcript lines", () => {
  it("started and ended with the talk time", () => {
    expect(callTranscriptText("voice", { kind: "started" })).toBe("Voice call started");
    expect(callTranscriptText("video", { kind: "ended", reason: "hangup", talkedMs: 252_000 })).toBe(
      "Video call ended (4 min 12 s)",
    );
    // a connected call ends with its duration whatever ended it
    expect(callTranscriptText("voice", { kind: "ended", reason: "maxDuration", talkedMs: 60_000 })).toBe(
      "Voice call ended (1 min 0 s)",
    );
  });
  it.each([
    ["declined", "Voice call declined by the agent"],
    ["cancelled", "Voice call cancelled"],
    ["timeout", "Voice call not answered: no agent became free in time"],
    ["busy", "Voice call not answered: all agents for calls are busy"],
    ["noAgent", "Voice call not answered: no agent for calls is on duty"],
    ["connectionLost", "Voice call cancelled: the connection was lost"],
  ] as const)("never answered, %s → %s", (reason, text) => {
    expect(callTranscriptText("voice", { kind: "ended", reason, talkedMs: null })).toBe(text);
  });
});
