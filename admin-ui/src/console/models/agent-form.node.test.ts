import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { AgentBatchSchema, AgentInputSchema } from "../../../../worker/schemas/agents";
import { setIn } from "../../shared/form/path";
import {
  type AgentDraft,
  batchSelection,
  batchSettings,
  newAgentDraft,
  normalizeAgent,
  queueChoice,
  smartFormFillingAvailable,
} from "./agent-form";

const queues = [
  { id: "mm", type: "multimedia" },
  { id: "vo", type: "voice" },
  { id: "vi", type: "video" },
] as const;
const change = (draft: AgentDraft, path: string, value: unknown, tenantSwitch = true) =>
  normalizeAgent(setIn(draft, path, value), draft, path, queues, tenantSwitch);

describe("agent form", () => {
  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false],
  ])(
    "smart form filling with tenant switch %s and intelligent recognition %s: %s",
    (tenant, ir, available) => {
      expect(smartFormFillingAvailable({ intelligentRecognition: ir }, tenant)).toBe(available);
    },
  );

  it("turning intelligent recognition off turns smart form filling off", () => {
    let draft = change(newAgentDraft("1001"), "intelligentRecognition", true);
    draft = change(draft, "smartFormFilling", true);
    expect(draft.smartFormFilling).toBe(true);
    expect(change(draft, "intelligentRecognition", false).smartFormFilling).toBe(false);
    expect(change(draft, "phoneOnly", true, false).smartFormFilling).toBe(false);
  });

  it.each([
    ["multimedia", "mm", [], true],
    ["multimedia", "vo", [], false],
    ["audio", "vi", [], false],
    ["video", "vi", [{ id: "vo", type: "voice" }], true],
    ["versatile", "vo", [{ id: "mm", type: "multimedia" }], true],
  ] as const)("a %s agent may take %s next to %j: %s", (agentType, queueId, chosen, allowed) => {
    const queue = queues.find((q) => q.id === queueId)!;
    expect(queueChoice(agentType, queue, chosen).allowed).toBe(allowed);
  });

  it("a new agent type drops queues it cannot serve, and the default follows the list", () => {
    let draft = change(newAgentDraft("1001"), "agentType", "versatile");
    draft = change(draft, "skillQueueIds", ["mm", "vo"]);
    draft = change(draft, "defaultSkillQueueId", "mm");
    draft = change(draft, "agentType", "audio");
    expect(draft.skillQueueIds).toEqual(["vo"]);
    expect(draft.defaultSkillQueueId).toBeNull();
  });

  it("a new skill type clears the other type's fields, so the draft stays valid", () => {
    let draft = change(newAgentDraft("1001"), "skillQueueIds", ["mm"]);
    draft = change(draft, "skillType", "skillQueueGroup");
    expect(draft.skillQueueIds).toEqual([]);
    draft = change(draft, "skillQueueGroupId", "g1");
    expect(v.safeParse(AgentInputSchema, draft).success).toBe(true);
  });

  it("batch bodies pass the server schema for both selections", () => {
    const set = batchSettings({ ...newAgentDraft(), skillQueueIds: ["mm"] });
    expect(set).not.toHaveProperty("employeeId");
    for (const selection of [
      batchSelection("ids", ["1001", "1002"], { from: "", to: "" }),
      batchSelection("range", [], { from: " 1001", to: "1050 " }),
    ]) {
      expect(v.safeParse(AgentBatchSchema, { ...selection, set }).success).toBe(true);
    }
    expect(
      v.safeParse(AgentBatchSchema, { ...batchSelection("range", [], { from: "20", to: "10" }), set })
        .success,
    ).toBe(false);
  });
});
