/**
 * The chatbot's keyword matching (spec, step 7: "If the chat content entered by a customer contains
 * a keyword that can be recognized by the robot, the robot recognizes the keyword and replies",
 * otherwise the "Default reply") and the switch to an agent ("enter content that contains any of the
 * keywords specified by Keyword for Transfer to Agent").
 *
 * "Contains" is a case-insensitive substring test after normalising both sides: Unicode NFKC (so
 * full-width "ＶＩＰ" matches "vip"), lower case, runs of whitespace collapsed to one space, trimmed.
 * Substring rather than word matching keeps it right for Chinese and Japanese, which have no spaces.
 * The first intent in configured order with a matching keyword wins; empty keywords never match.
 */
import type { Intent } from "../../../worker/db/schema";

/** Used when neither the channel nor the robot configures a default reply. */
export const FALLBACK_ROBOT_REPLY =
  "Sorry, I did not understand that. You can ask to be transferred to an agent.";

/** The robot's reply to `text`: the first matching intent's reply, else the default reply. */
export function robotReply(
  intents: readonly Intent[],
  defaultReply: string,
  text: string,
): { matched: boolean; reply: string } {
  const haystack = normalise(text);
  const hit = intents.find((intent) => containsAny(haystack, intent.keywords));
  if (hit) return { matched: true, reply: hit.reply };
  return { matched: false, reply: defaultReply.trim() === "" ? FALLBACK_ROBOT_REPLY : defaultReply };
}

/** Whether the customer's text asks for a human: it contains any transfer keyword. */
export function wantsAgent(text: string, transferKeywords: readonly string[]): boolean {
  return containsAny(normalise(text), transferKeywords);
}

/** The form both text and keywords are compared in. */
export function normalise(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

function containsAny(normalisedText: string, keywords: readonly string[]): boolean {
  return keywords.some((k) => {
    const keyword = normalise(k);
    return keyword !== "" && normalisedText.includes(keyword);
  });
}
