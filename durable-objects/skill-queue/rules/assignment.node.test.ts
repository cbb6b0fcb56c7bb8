import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENT_STATUSES } from "../../../worker/realtime/protocol";
import { type AgentCandidate, pickAgent } from "./assignment";

const agent = (employeeId: string, over: Partial<AgentCandidate> = {}): AgentCandidate => ({
  employeeId,
  status: "idle",
  activeChats: 0,
  maxConcurrentChats: 5,
  idleSince: 1_000,
  canTakeMore: true,
  ...over,
});

describe("agent assignment", () => {
  it.each<[string, AgentCandidate[], string | null]>([
    ["nobody signed in", [], null],
    ["one idle agent", [agent("1001")], "1001"],
    ["busy never", [agent("1001", { status: "busy" })], null],
    ["rest never", [agent("1001", { status: "rest" })], null],
    ["arranging (wrap-up) never", [agent("1001", { status: "arranging" })], null],
    ["one below the concurrent limit", [agent("1001", { activeChats: 4 })], "1001"],
    ["at the concurrent limit", [agent("1001", { activeChats: 5 })], null],
    ["limit 0", [agent("1001", { maxConcurrentChats: 0 })], null],
    ["at capacity in another queue", [agent("1001", { canTakeMore: false })], null],
    [
      "least loaded first",
      [agent("1001", { activeChats: 2, idleSince: 1 }), agent("1002", { activeChats: 1 })],
      "1002",
    ],
    ["then longest idle", [agent("1001", { idleSince: 2_000 }), agent("1002", { idleSince: 1_500 })], "1002"],
    ["then smallest employee id", [agent("1002"), agent("1001")], "1001"],
    [
      "skips the unavailable best",
      [
        agent("1001", { status: "rest" }),
        agent("1002", { activeChats: 3 }),
        agent("1003", { canTakeMore: false }),
      ],
      "1002",
    ],
  ])("%s", (_, agents, expected) => {
    expect(pickAgent(agents)).toBe(expected);
  });

  const candidate = fc.record({
    employeeId: fc.stringMatching(/^[0-9]{3,5}$/),
    status: fc.constantFrom(...AGENT_STATUSES),
    activeChats: fc.integer({ min: 0, max: 6 }),
    maxConcurrentChats: fc.integer({ min: 0, max: 6 }),
    idleSince: fc.integer({ min: 0, max: 10 }),
    canTakeMore: fc.boolean(),
  });

  it("picks an available agent no other available agent beats, whatever the order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (a) => a.employeeId, maxLength: 8 }), (agents) => {
        const picked = pickAgent(agents);
        const available = agents.filter(
          (a) => a.status === "idle" && a.canTakeMore && a.activeChats < a.maxConcurrentChats,
        );
        if (available.length === 0) {
          expect(picked).toBeNull();
          return;
        }
        const chosen = available.find((a) => a.employeeId === picked)!;
        expect(chosen).toBeDefined();
        for (const a of available) {
          expect(
            a.activeChats > chosen.activeChats ||
              (a.activeChats === chosen.activeChats && a.idleSince >= chosen.idleSince),
          ).toBe(true);
        }
        expect(pickAgent([...agents].reverse())).toBe(picked);
      }),
    );
  });
});
