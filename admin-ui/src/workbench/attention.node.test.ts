import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../../worker/realtime/protocol";
import { type AttentionFacts, attentionFacts, byAttention, elapsed, waitLabel } from "./attention";

const m = (sender: ChatMessage["sender"], at: number): ChatMessage => ({
  conversationId: "cv",
  seq: at,
  sender,
  senderName: null,
  text: "x",
  clientMsgId: null,
  at,
});

const chat = (messages: ChatMessage[], over: Partial<Parameters<typeof attentionFacts>[0]> = {}) =>
  attentionFacts({ messages, connectedAt: 100, startedAt: 10, unread: 0, closed: false, ...over });

describe("attentionFacts", () => {
  it.each([
    ["just assigned, nothing said: waits since the assignment", [], 100],
    ["robot stage before the assignment does not count", [m("customer", 20), m("robot", 30)], 100],
    ["a customer question after the assignment, no reply yet", [m("customer", 150)], 100],
    ["answered", [m("customer", 150), m("agent", 160)], null],
    [
      "asked again after the answer",
      [m("customer", 150), m("agent", 160), m("customer", 170), m("customer", 180)],
      170,
    ],
    ["a checker's message answers too", [m("customer", 150), m("checker", 160)], null],
    ["system and robot messages do not answer", [m("agent", 110), m("customer", 150), m("system", 160)], 150],
    [
      "an earlier agent's reply before the assignment does not answer",
      [m("agent", 50), m("customer", 60)],
      100,
    ],
  ])("%s", (_what, messages, waitingSince) => {
    expect(chat(messages).waitingSince).toBe(waitingSince);
  });

  it("knows the customer's last message and the last activity; a closed chat waits for nobody", () => {
    const f = chat([m("customer", 150), m("agent", 160), m("system", 170)]);
    expect(f).toMatchObject({ lastCustomerAt: 150, lastActivityAt: 170 });
    expect(chat([m("customer", 150)], { closed: true }).waitingSince).toBeNull();
    expect(chat([], { startedAt: 10 }).lastActivityAt).toBe(10);
  });
});

const f = (over: Partial<AttentionFacts>): AttentionFacts => ({
  closed: false,
  waitingSince: null,
  lastCustomerAt: null,
  unread: 0,
  lastActivityAt: 0,
  ...over,
});

describe("byAttention", () => {
  it("orders waiting longest, then unread, then newest, then closed chats newest first", () => {
    const chats = {
      closedOld: f({ closed: true, lastActivityAt: 1 }),
      closedNew: f({ closed: true, lastActivityAt: 900, unread: 3 }),
      quietOld: f({ lastActivityAt: 100 }),
      quietNew: f({ lastActivityAt: 800 }),
      unread: f({ unread: 1, lastActivityAt: 50 }),
      waitingShort: f({ waitingSince: 700, lastActivityAt: 700 }),
      waitingLong: f({ waitingSince: 200, lastActivityAt: 600 }),
    };
    const sorted = Object.entries(chats)
      .sort(([, a], [, b]) => byAttention(a, b))
      .map(([name]) => name);
    expect(sorted).toEqual([
      "waitingLong",
      "waitingShort",
      "unread",
      "quietNew",
      "quietOld",
      "closedNew",
      "closedOld",
    ]);
  });

  it.each([
    [
      "equal waits: newer activity first",
      f({ waitingSince: 5, lastActivityAt: 9 }),
      f({ waitingSince: 5, lastActivityAt: 7 }),
      -2,
    ],
    ["waiting beats unread", f({ waitingSince: 500 }), f({ unread: 4 }), -1],
    ["live beats closed", f({}), f({ closed: true, lastActivityAt: 99 }), -1],
  ])("%s", (_what, a, b, sign) => {
    expect(Math.sign(byAttention(a, b))).toBe(Math.sign(sign));
    expect(Math.sign(byAttention(b, a))).toBe(-Math.sign(sign));
  });
});

describe("waitLabel and elapsed", () => {
  it.each([
    [f({ waitingSince: 1000 }), 43_999, "waiting 42 s"],
    [f({ waitingSince: 0 }), 60_000, "waiting 1 min"],
    [f({ lastCustomerAt: 0 }), 5 * 60_000 + 59_999, "last message 5 min ago"],
    [f({ lastCustomerAt: 0, closed: true }), 1000, ""],
    [f({}), 1000, ""],
  ])("%j at %i → %j", (facts, now, label) => {
    expect(waitLabel(facts, now)).toBe(label);
  });

  it.each([
    [-5, "0 s"],
    [59_999, "59 s"],
    [60_000, "1 min"],
    [3_599_999, "59 min"],
    [3_600_000, "1 h 0 min"],
    [7_500_000, "2 h 5 min"],
  ])("%i ms → %s", (ms, text) => {
    expect(elapsed(ms)).toBe(text);
  });
});
