import { describe, expect, it } from "vitest";
import type { Intent } from "../../../worker/db/schema";
import { intentConfidence, MAX_SUGGESTIONS, suggestReplies } from "./assistant";
import { normalise } from "./robot";

describe("intent confidence = 0.5 + 0.5 × covered letters / letters", () => {
  it.each<[string, string, string[], number]>([
    ["the whole message is the keyword", "refund", ["refund"], 1],
    ["case and spacing do not matter", "  REFUND ", ["refund"], 1],
    ["punctuation is not counted", "refund?!", ["refund"], 1],
    // letters: irequestarefund = 15, covered: refund = 6 → 0.5 + 0.5 × 6/15 = 0.7
    ["keyword inside a sentence", "I request a refund", ["refund"], 0.7],
    // two keywords of the intent, overlapping occurrences counted once: "money back" covers 9 of 9
    ["several keywords cover the message", "money back", ["money", "money back", "back"], 1],
    // 我想要退款谢谢: 7 letters, 退款 covers 2 → 0.5 + 0.5 × 2/7 = 0.642…
    ["CJK without spaces", "我想要退款，谢谢", ["退款"], 0.64],
    ["full-width Latin is normalised", "ＶＩＰ", ["vip"], 1],
    // vipvipclub: 10 letters, 6 covered → 0.8
    ["a keyword occurring twice covers both places", "vip vip club", ["vip"], 0.8],
    ["no keyword: 0", "hello there", ["refund"], 0],
    ["empty keywords never match", "anything", ["", "  "], 0],
    ["a keyword of punctuation only in a message without letters", "???", ["?"], 1],
  ])("%s", (_, text, keywords, expected) => {
    expect(intentConfidence(normalise(text), keywords)).toBe(expected);
  });

  it("stays above 0.5 however long the message, and reaches 1 only when fully covered", () => {
    const long = `refund ${"x".repeat(10_000)}`;
    const c = intentConfidence(normalise(long), ["refund"]);
    expect(c).toBeGreaterThanOrEqual(0.5);
    expect(c).toBeLessThan(0.51);
    expect(intentConfidence(normalise("refund x"), ["refund"])).toBeLessThan(1);
  });
});

const intents: Intent[] = [
  { keywords: ["parcel", "delivery"], reply: "Let me track your parcel." },
  { keywords: ["refund"], reply: "Refunds take 3 days." },
  { keywords: ["refund", "money back"], reply: "Refunds take 3 days." },
  { keywords: ["late delivery"], reply: "Sorry for the delay." },
  { keywords: ["delivery"], reply: "Delivery is free." },
];

describe("suggestions", () => {
  it("ranks matching intents by confidence, at most three", () => {
    // latedeliveryrefund: 18 letters; "late delivery" covers 12, "delivery" 8, "refund" 6
    expect(suggestReplies(intents, null, "late delivery refund")).toEqual([
      { reply: "Sorry for the delay.", confidence: 0.83 },
      { reply: "Let me track your parcel.", confidence: 0.72 },
      { reply: "Delivery is free.", confidence: 0.72 },
    ]);
    expect(MAX_SUGGESTIONS).toBe(3);
  });

  it("suggests a reply given by several intents once", () => {
    expect(suggestReplies(intents, null, "refund")).toEqual([
      { reply: "Refunds take 3 days.", confidence: 1 },
    ]);
  });

  it("breaks ties in the robot's intent order", () => {
    expect(suggestReplies(intents, null, "delivery").map((x) => x.reply)).toEqual([
      "Let me track your parcel.",
      "Delivery is free.",
    ]);
  });

  it.each<[string, string | null, { reply: string; confidence: number }[]]>([
    [
      "the default reply with confidence 0",
      "Let me check that.",
      [{ reply: "Let me check that.", confidence: 0 }],
    ],
    ["nothing without a default reply", null, []],
    ["nothing for a blank default reply", "  ", []],
  ])("no match: %s", (_, defaultReply, expected) => {
    expect(suggestReplies(intents, defaultReply, "hello")).toEqual(expected);
  });

  it("a robot without intents suggests its default reply", () => {
    expect(suggestReplies([], "Hi!", "refund")).toEqual([{ reply: "Hi!", confidence: 0 }]);
  });
});
