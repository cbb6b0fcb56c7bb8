/**
 * Which chat needs the agent first. A chat's facts come from its transcript since the agent got it
 * (`connectedAt`): the customer is waiting for an answer from the first customer message after
 * the last agent (or checker) message, or from `connectedAt` while the agent has said nothing yet.
 *
 * Order (`byAttention`): live chats before closed ones; among live chats, those waiting for an
 * answer first, the longest waiting first; then those with unread messages; then the most recently
 * active first. Closed chats: most recently active first.
 */
import type { ChatMessage } from "../../../worker/realtime/protocol";

export type AttentionFacts = {
  closed: boolean;
  /** Since when the customer waits for an answer (server time), null when answered. */
  waitingSince: number | null;
  /** When the customer last wrote, null when they have not. */
  lastCustomerAt: number | null;
  unread: number;
  /** The latest message, or when the chat started. */
  lastActivityAt: number;
};

const ANSWERS = new Set<ChatMessage["sender"]>(["agent", "checker"]);

/** The facts of one chat from its messages in seq order. */
export function attentionFacts(chat: {
  messages: readonly ChatMessage[];
  connectedAt: number | null;
  startedAt: number;
  unread: number;
  closed: boolean;
}): AttentionFacts {
  const since = chat.connectedAt ?? chat.startedAt;
  let lastCustomerAt: number | null = null;
  let firstUnanswered: number | null = null;
  let answered = false;
  for (let i = chat.messages.length - 1; i >= 0; i--) {
    const m = chat.messages[i]!;
    if (m.sender === "customer") {
      lastCustomerAt ??= m.at;
      if (!answered) firstUnanswered = m.at;
    } else if (ANSWERS.has(m.sender) && m.at >= since) answered = true;
    if (answered && lastCustomerAt !== null) break;
  }
  const waitingSince = answered
    ? firstUnanswered === null
      ? null
      : Math.max(firstUnanswered, since)
    : since;
  return {
    closed: chat.closed,
    waitingSince: chat.closed ? null : waitingSince,
    lastCustomerAt,
    unread: chat.unread,
    lastActivityAt: chat.messages.at(-1)?.at ?? chat.startedAt,
  };
}

/** Comparator: the chat that needs attention first sorts first (see the module comment). */
export function byAttention(a: AttentionFacts, b: AttentionFacts): number {
  if (a.closed !== b.closed) return a.closed ? 1 : -1;
  if (!a.closed) {
    if ((a.waitingSince === null) !== (b.waitingSince === null)) return a.waitingSince === null ? 1 : -1;
    if (a.waitingSince !== null && b.waitingSince !== null && a.waitingSince !== b.waitingSince)
      return a.waitingSince - b.waitingSince;
    if (a.unread > 0 !== b.unread > 0) return a.unread > 0 ? -1 : 1;
  }
  return b.lastActivityAt - a.lastActivityAt;
}

/** "waiting 2 min" / "last message 5 min ago" / "" for a chat at `now` (server time). */
export function waitLabel(f: AttentionFacts, now: number): string {
  if (f.waitingSince !== null) return `waiting ${elapsed(now - f.waitingSince)}`;
  if (f.lastCustomerAt !== null && !f.closed) return `last message ${elapsed(now - f.lastCustomerAt)} ago`;
  return "";
}

/** 42 s, 3 min, 2 h 5 min. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
