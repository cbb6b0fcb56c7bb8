import { describe, expect, it } from "vitest";
import type { Intent } from "../../../worker/db/schema";
import { FALLBACK_ROBOT_REPLY, robotReply, wantsAgent } from "./robot";

const intents: Intent[] = [
  { keywords: ["refund", "money back"], reply: "Refunds take 3 days." },
  { keywords: ["", "  "], reply: "never" },
  { keywords: ["退款"], reply: "退款需要三天。" },
  { keywords: ["delivery", "refund"], reply: "Delivery info." },
  { keywords: ["vip"], reply: "VIP desk." },
];

describe("robot reply", () => {
  it.each<[string, string, boolean, string]>([
    ["keyword inside a sentence", "I want a refund please", true, "Refunds take 3 days."],
    ["case-insensitive", "REFUND!", true, "Refunds take 3 days."],
    ["multi-word keyword across extra whitespace", "give my money \n  back", true, "Refunds take 3 days."],
    ["first intent in order wins", "delivery or refund?", true, "Refunds take 3 days."],
    ["later intent when only it matches", "where is my delivery", true, "Delivery info."],
    ["CJK substring without spaces", "我想要退款，谢谢", true, "退款需要三天。"],
    ["full-width Latin", "ＶＩＰ service", true, "VIP desk."],
    ["no match: default reply", "hello there", false, "Sorry, no idea."],
    ["empty keywords never match everything", "anything", false, "Sorry, no idea."],
    ["empty text", "", false, "Sorry, no idea."],
  ])("%s", (_, text, matched, reply) => {
    expect(robotReply(intents, "Sorry, no idea.", text)).toEqual({ matched, reply });
  });

  it("falls back to a built-in reply when no default reply is configured", () => {
    expect(robotReply([], "  ", "hi")).toEqual({ matched: false, reply: FALLBACK_ROBOT_REPLY });
  });
});

describe("transfer keywords", () => {
  it.each<[string, string, string[], boolean]>([
    ["contains a keyword", "can I talk to an agent?", ["agent", "human"], true],
    ["case-insensitive", "HUMAN please", ["agent", "human"], true],
    ["CJK keyword", "请转人工服务", ["人工"], true],
    ["keyword with padding", "agent", ["  Agent "], true],
    ["no keyword present", "hello", ["agent"], false],
    ["empty keywords ignored", "hello", ["", " "], false],
    ["no keywords configured", "agent", [], false],
  ])("%s", (_, text, keywords, expected) => {
    expect(wantsAgent(text, keywords)).toBe(expected);
  });
});
