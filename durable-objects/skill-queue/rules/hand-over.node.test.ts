import { describe, expect, it } from "vitest";
import { type HandOverSnapshot, handOverRefusal, handOverRefusalMessage } from "./hand-over";

const fixed = (maxQueuing: number) => ({ maxQueuingMethod: "fixed" as const, maxQueuing });
const percent = (maxQueuing: number) => ({ maxQueuingMethod: "percentOfSignedIn" as const, maxQueuing });

const at = (s: Partial<HandOverSnapshot>): HandOverSnapshot => ({
  signedIn: 1,
  idle: 0,
  waiting: 0,
  maxCallsInQueue: 100,
  busy: fixed(100),
  ...s,
});

describe("an agent's hand-over to another skill queue", () => {
  it.each([
    ["nobody signed in", at({ signedIn: 0 }), "nobodySignedIn"],
    [
      "nobody signed in, even with room and no one waiting",
      at({ signedIn: 0, waiting: 0 }),
      "nobodySignedIn",
    ],
    ["one signed in, idle", at({ signedIn: 1, idle: 1 }), null],
    ["signed in but nobody idle: waits in the queue", at({ signedIn: 3, idle: 0, waiting: 5 }), null],
    ["one below Max. Calls in Queue", at({ maxCallsInQueue: 2, waiting: 1 }), null],
    ["at Max. Calls in Queue", at({ maxCallsInQueue: 2, waiting: 2 }), "queueFull"],
    ["over Max. Calls in Queue", at({ maxCallsInQueue: 2, waiting: 3 }), "queueFull"],
    ["one below the maximum number of queuing calls", at({ busy: fixed(3), waiting: 2 }), null],
    ["at the maximum number of queuing calls", at({ busy: fixed(3), waiting: 3 }), "queueFull"],
    [
      "the smaller of both limits counts",
      at({ maxCallsInQueue: 10, busy: fixed(1), waiting: 1 }),
      "queueFull",
    ],
    [
      "percentage of signed-in agents: 50 % of 3 → 2, one waiting",
      at({ signedIn: 3, busy: percent(50), waiting: 1 }),
      null,
    ],
    [
      "percentage of signed-in agents: 50 % of 3 → 2, two waiting",
      at({ signedIn: 3, busy: percent(50), waiting: 2 }),
      "queueFull",
    ],
    ["Max. Calls in Queue 0 and nobody idle", at({ maxCallsInQueue: 0, waiting: 0 }), "queueFull"],
    ["Max. Calls in Queue 0 but an agent idle: offered at once", at({ maxCallsInQueue: 0, idle: 1 }), null],
    ["queue full but an agent idle: offered at once", at({ maxCallsInQueue: 2, waiting: 2, idle: 1 }), null],
  ] as const)("%s → %s", (_what, snapshot, refusal) => {
    expect(handOverRefusal(snapshot)).toBe(refusal);
  });

  it("tells the agent why, naming the queue, and that the chat stays with them", () => {
    expect(handOverRefusalMessage("nobodySignedIn", "Billing")).toBe(
      "Nobody is signed in to Billing; the chat stays with you",
    );
    expect(handOverRefusalMessage("queueFull", "Billing")).toBe(
      "Billing has as many customers waiting as it may hold; the chat stays with you",
    );
  });
});
