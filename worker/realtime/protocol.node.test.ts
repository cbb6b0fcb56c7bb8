import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  AgentCommandSchema,
  CustomerCommandSchema,
  CustomerEventSchema,
  decodeFrame,
  MAX_TEXT_CHARS,
} from "./protocol";

const customer = (frame: object) => decodeFrame(CustomerCommandSchema, JSON.stringify(frame));
const agent = (frame: object) => decodeFrame(AgentCommandSchema, JSON.stringify(frame));
const send = { type: "message.send", clientMsgId: "m-1" };

describe("message.send: a text, or a file with an optional caption", () => {
  it.each([
    [{ ...send, text: " hi " }, { text: "hi" }],
    [
      { ...send, attachmentId: "at_1" },
      { text: "", attachmentId: "at_1" },
    ],
    [
      { ...send, attachmentId: "at_1", text: "" },
      { text: "", attachmentId: "at_1" },
    ],
    [
      { ...send, attachmentId: "at_1", text: " see this " },
      { text: "see this", attachmentId: "at_1" },
    ],
  ])("accepts %j", (frame, expected) => {
    const decoded = customer(frame);
    expect(decoded.ok && decoded.command).toMatchObject(expected);
  });

  it.each([
    [{ ...send }, { text: expect.any(Array) }],
    [{ ...send, text: "   " }, { text: ["text is empty"] }],
    [{ ...send, text: "hi", attachmentId: "" }, { attachmentId: expect.any(Array) }],
    [{ ...send, text: "hi", attachmentId: 7 }, { attachmentId: expect.any(Array) }],
    [{ ...send, text: "hi", extra: 1 }, expect.any(Object)],
  ])("refuses %j as invalid_frame", (frame, issues) => {
    const decoded = customer(frame);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error).toMatchObject({ code: "invalid_frame", ref: "message.send" });
      expect(decoded.error.issues).toMatchObject(issues);
    }
  });

  it("the agent's form carries the conversation", () => {
    const ok = agent({ ...send, conversationId: "cv_1", attachmentId: "at_1" });
    expect(ok.ok && ok.command).toMatchObject({ conversationId: "cv_1", attachmentId: "at_1", text: "" });
    const missing = agent({ ...send, attachmentId: "at_1" });
    expect(missing.ok).toBe(false);
  });
});

describe("the text limit counts UTF-16 units and refuses rather than cuts", () => {
  const emoji = "👩🏽‍💻"; // woman technologist, medium skin tone: 7 UTF-16 units
  it.each([
    ["exactly the limit of letters", "a".repeat(MAX_TEXT_CHARS), true],
    ["one over", "a".repeat(MAX_TEXT_CHARS + 1), false],
    ["a surrogate pair ending exactly at the limit", `${"a".repeat(MAX_TEXT_CHARS - 2)}😀`, true],
    ["a pair straddling the limit is refused whole, never cut", `${"a".repeat(MAX_TEXT_CHARS - 1)}😀`, false],
    [
      "a ZWJ sequence with a skin tone at the limit",
      `${"a".repeat(MAX_TEXT_CHARS - emoji.length)}${emoji}`,
      true,
    ],
  ])("%s", (_name, text, ok) => {
    const decoded = customer({ ...send, text });
    expect(decoded.ok).toBe(ok);
    if (decoded.ok && decoded.command.type === "message.send") expect(decoded.command.text).toBe(text);
  });
});

describe("messages carry attachment metadata", () => {
  it("a message event with a file parses for the widget; one without keeps its shape", () => {
    const message = {
      conversationId: "cv_1",
      seq: 3,
      sender: "agent",
      senderName: "Lin",
      clientMsgId: "a-1",
      at: 1,
    };
    const attachment = {
      id: "at_1",
      name: "a.png",
      contentType: "image/png",
      size: 10,
      kind: "image",
      width: 2,
      height: 1,
    };
    const withFile = v.safeParse(CustomerEventSchema, {
      type: "message",
      message: { ...message, text: "", attachment },
    });
    expect(withFile.success && withFile.output).toMatchObject({ message: { attachment } });
    const plain = v.safeParse(CustomerEventSchema, { type: "message", message: { ...message, text: "hi" } });
    expect(plain.success && plain.output.type === "message" && "attachment" in plain.output.message).toBe(
      false,
    );
  });
});
