/**
 * The robot assistant's suggestions to the agent (spec Table 4, Robot Assistant Configuration: "If
 * it is enabled, the robot assistant is enabled on the agent side"). For each customer message, the
 * assistant robot's intents are matched by the chatbot's rule (`robot.ts`: the message contains a
 * keyword after normalising both) and each matching intent's reply becomes a suggestion with a
 * confidence:
 *
 *     confidence = 0.5 + 0.5 × covered / letters
 *
 * `letters` counts the letters and digits of the normalised message, `covered` those inside at
 * least one occurrence of one of the intent's keywords (a message without letters or digits counts
 * as fully covered). A message that is nothing but a keyword scores 1; a keyword inside a long
 * message approaches 0.5 (something was recognised, but the message says more). Rounded to two
 * decimals. Substring matching keeps it right for Chinese and Japanese (no spaces), as for the
 * chatbot.
 *
 * At most `MAX_SUGGESTIONS`, highest confidence first, ties in the robot's intent order; a reply
 * given by several intents is suggested once. When no intent matches, the robot's default reply
 * (if it has one) is the only suggestion, with confidence 0.
 */
import type { Intent } from "../../../worker/db/schema";
import { normalise } from "./robot";

export const MAX_SUGGESTIONS = 3;

export type Suggestion = { reply: string; confidence: number };

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The confidence of one intent for a normalised message; 0 when none of its keywords occurs. */
export function intentConfidence(normalisedText: string, keywords: readonly string[]): number {
  const covered = new Uint8Array(normalisedText.length);
  let matched = false;
  for (const k of keywords) {
    const keyword = normalise(k);
    if (keyword === "") continue;
    for (let at = normalisedText.indexOf(keyword); at >= 0; at = normalisedText.indexOf(keyword, at + 1)) {
      matched = true;
      covered.fill(1, at, at + keyword.length);
    }
  }
  if (!matched) return 0;
  let letters = 0;
  let inside = 0;
  let index = 0;
  for (const ch of normalisedText) {
    if (WORD_CHAR.test(ch)) {
      letters++;
      if (covered[index] === 1) inside++;
    }
    index += ch.length;
  }
  const share = letters === 0 ? 1 : inside / letters;
  return Math.round((0.5 + 0.5 * share) * 100) / 100;
}

/** The assistant's suggestions for a customer's `text` (see the module comment). */
export function suggestReplies(
  intents: readonly Intent[],
  defaultReply: string | null,
  text: string,
): Suggestion[] {
  const haystack = normalise(text);
  const scored = intents
    .map((intent, order) => ({
      reply: intent.reply,
      confidence: intentConfidence(haystack, intent.keywords),
      order,
    }))
    .filter((s) => s.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence || a.order - b.order);
  const out: Suggestion[] = [];
  for (const s of scored) {
    if (out.length === MAX_SUGGESTIONS) break;
    if (!out.some((o) => o.reply === s.reply)) out.push({ reply: s.reply, confidence: s.confidence });
  }
  if (out.length === 0 && defaultReply?.trim()) return [{ reply: defaultReply, confidence: 0 }];
  return out;
}
