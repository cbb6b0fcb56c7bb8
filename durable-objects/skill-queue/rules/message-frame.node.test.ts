import { describe, expect, it } from "vitest";
import {
  AgentCommandSchema,
  CustomerCommandSchema,
  decodeFrame,
  MAX_TEXT_CHARS,
} from "../../../worker/realtime/protocol";
import { quickAgentSend, quickCustomerSend } from "./message-frame";

const j = (o: unknown) => JSON.stringify(o);
const text = (n: number) => "x".repeat(n);

// [what, frame, taken by the quick path]
const customer: [string, string | ArrayBuffer, boolean][] = [
  ["a text", j({ type: "message.send", clientMsgId: "c1", text: "hello" }), true],
  ["fields in another order", j({ text: " hi ", clientMsgId: "c1", type: "message.send" }), true],
  [
    "text trimmed to the limit",
    j({ type: "message.send", clientMsgId: "c", text: ` ${text(MAX_TEXT_CHARS)} ` }),
    true,
  ],
  [
    "text one over the limit",
    j({ type: "message.send", clientMsgId: "c", text: text(MAX_TEXT_CHARS + 1) }),
    false,
  ],
  ["text only spaces", j({ type: "message.send", clientMsgId: "c", text: "   " }), false],
  ["empty text", j({ type: "message.send", clientMsgId: "c", text: "" }), false],
  ["clientMsgId at 64", j({ type: "message.send", clientMsgId: text(64), text: "a" }), true],
  ["clientMsgId at 65", j({ type: "message.send", clientMsgId: text(65), text: "a" }), false],
  ["empty clientMsgId", j({ type: "message.send", clientMsgId: "", text: "a" }), false],
  ["numeric clientMsgId", j({ type: "message.send", clientMsgId: 5, text: "a" }), false],
  ["numeric text", j({ type: "message.send", clientMsgId: "c", text: 5 }), false],
  ["a file", j({ type: "message.send", clientMsgId: "c", text: "", attachmentId: "at_1" }), false],
  ["an extra field", j({ type: "message.send", clientMsgId: "c", text: "a", extra: 1 }), false],
  ["__proto__ instead of text", '{"type":"message.send","clientMsgId":"c","__proto__":{"text":"a"}}', false],
  [
    "a conversationId (customers have none)",
    j({ type: "message.send", conversationId: "cv", clientMsgId: "c", text: "a" }),
    false,
  ],
  ["no clientMsgId", j({ type: "message.send", text: "a", other: "c" }), false],
  [
    "another type naming message.send",
    j({ type: "typing.set", isTyping: true, note: "message.send" }),
    false,
  ],
  ["an array", j(["message.send"]), false],
  ["not JSON", '{"type":"message.send"', false],
  [
    "binary",
    new TextEncoder().encode(j({ type: "message.send", clientMsgId: "c", text: "a" })).buffer,
    false,
  ],
];

const agent: [string, string, boolean][] = [
  ["a text", j({ type: "message.send", conversationId: "cv_1", clientMsgId: "a1", text: "hi" }), true],
  [
    "conversationId at 80",
    j({ type: "message.send", conversationId: text(80), clientMsgId: "a", text: "b" }),
    true,
  ],
  [
    "conversationId at 81",
    j({ type: "message.send", conversationId: text(81), clientMsgId: "a", text: "b" }),
    false,
  ],
  ["no conversationId", j({ type: "message.send", clientMsgId: "a", text: "b" }), false],
  [
    "a file",
    j({ type: "message.send", conversationId: "cv", clientMsgId: "a", text: "", attachmentId: "at" }),
    false,
  ],
  [
    "null conversationId",
    j({ type: "message.send", conversationId: null, clientMsgId: "a", text: "b" }),
    false,
  ],
];

describe("quick message.send decode: the schema's command or null", () => {
  it.each(customer)("customer: %s", (_what, frame, taken) => {
    const quick = quickCustomerSend(frame);
    const full = decodeFrame(CustomerCommandSchema, frame);
    expect(quick !== null).toBe(taken);
    if (quick) expect(full).toStrictEqual({ ok: true, command: quick });
  });

  it.each(agent)("agent: %s", (_what, frame, taken) => {
    const quick = quickAgentSend(frame);
    const full = decodeFrame(AgentCommandSchema, frame);
    expect(quick !== null).toBe(taken);
    if (quick) expect(full).toStrictEqual({ ok: true, command: quick });
  });

  it("agrees with the schema on random frames", () => {
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    const values = [
      "",
      " ",
      "a",
      " b ",
      text(64),
      text(65),
      text(80),
      text(81),
      text(MAX_TEXT_CHARS),
      0,
      null,
      true,
      {},
    ];
    for (let i = 0; i < 2000; i++) {
      const o: Record<string, unknown> = { type: pick(["message.send", "message.send", "typing.set"]) };
      for (const k of ["clientMsgId", "text", "conversationId", "attachmentId"])
        if (Math.random() < 0.7) o[k] = pick(values);
      const frame = j(o);
      const quickC = quickCustomerSend(frame);
      if (quickC)
        expect(decodeFrame(CustomerCommandSchema, frame)).toStrictEqual({ ok: true, command: quickC });
      const quickA = quickAgentSend(frame);
      if (quickA) expect(decodeFrame(AgentCommandSchema, frame)).toStrictEqual({ ok: true, command: quickA });
    }
  });
});
