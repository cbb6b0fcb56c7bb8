/**
 * Bounded transcripts: every replay, snapshot and history answer is one page of at most
 * `REPLAY_PAGE_SIZE` messages and `PAGE_MAX_BYTES` serialized, so nothing sent grows with the length
 * of a conversation. A resume replays one page per `session.resume` (`more` asks for the next);
 * `conversation.assigned` carries the latest page and `history.fetch` pages backwards from it.
 */
import {
  type ChatMessage,
  PAGE_MAX_BYTES,
  REPLAY_PAGE_SIZE,
  type ServerEvent,
} from "../../worker/realtime/protocol";
import type { QueueContext } from "./context";
import { summary } from "./conversation";
import { contextOf } from "./customer-context";
import { type ConversationRow, type MessageRow, tagIdsOf, toChatMessage, toNote } from "./store";
import { utf8Length } from "./utf8";

/** The longest prefix of `rows` within `PAGE_MAX_BYTES` (at least one message). */
export function fitPage(rows: readonly MessageRow[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  let bytes = 0;
  for (const row of rows) {
    const m = toChatMessage(row);
    bytes += utf8Length(JSON.stringify(m));
    if (out.length > 0 && bytes > PAGE_MAX_BYTES) break;
    out.push(m);
  }
  return out;
}

/** Up to `limit` messages after `afterSeq`, oldest first, and whether more follow them. */
export function pageAfter(
  q: QueueContext,
  conversationId: string,
  afterSeq: number,
  limit = REPLAY_PAGE_SIZE,
): { messages: ChatMessage[]; more: boolean } {
  const rows = q.store.messages.after(conversationId, afterSeq, limit + 1);
  const messages = fitPage(rows.slice(0, limit));
  return { messages, more: rows.length > messages.length };
}

/** The page just before `beforeSeq`, oldest first, and whether earlier messages exist. */
export function pageBefore(
  q: QueueContext,
  conversationId: string,
  beforeSeq: number,
): { messages: ChatMessage[]; hasEarlier: boolean } {
  const rows = q.store.messages.before(conversationId, beforeSeq, REPLAY_PAGE_SIZE + 1);
  const messages = fitPage(rows.slice(0, REPLAY_PAGE_SIZE)).reverse();
  return { messages, hasEarlier: rows.length > messages.length };
}

/** `conversation.assigned` with the latest page of the transcript, the staff notes, the tags and the customer's browser context. */
export function assignedEvent(
  q: QueueContext,
  c: ConversationRow,
): Extract<ServerEvent, { type: "conversation.assigned" }> {
  const { messages, hasEarlier } = pageBefore(q, c.id, c.last_seq + 1);
  return {
    type: "conversation.assigned",
    conversation: summary(q, c),
    messages,
    firstSeq: messages[0]?.seq ?? 0,
    hasEarlier,
    notes: q.store.notes.after(c.id).map(toNote),
    tagIds: tagIdsOf(c),
    context: contextOf(q, c.id),
  };
}

/**
 * Replays one page (at most `limit` messages) after `lastSeq` to one socket, then
 * `session.resumed`: `lastSeq` is what the client now holds through, `more` whether to ask again.
 * Everything sent counts toward the socket's pull budget. Returns how many messages were replayed.
 */
export function replayPage(
  q: QueueContext,
  ws: WebSocket,
  c: ConversationRow,
  lastSeq: number,
  limit = REPLAY_PAGE_SIZE,
): number {
  const { messages, more } = pageAfter(q, c.id, lastSeq, limit);
  for (const message of messages) q.sessions.send(ws, { type: "message", message }, true);
  q.sessions.send(
    ws,
    {
      type: "session.resumed",
      conversationId: c.id,
      lastSeq: more ? (messages.at(-1)?.seq ?? lastSeq) : c.last_seq,
      replayed: messages.length,
      more,
    },
    true,
  );
  return messages.length;
}

/**
 * An agent's resume of several conversations: one page in all (`REPLAY_PAGE_SIZE` shared in
 * order); each conversation still short of its end is answered with `more`.
 */
export function replayAll(
  q: QueueContext,
  ws: WebSocket,
  entries: { c: ConversationRow; lastSeq: number }[],
) {
  let budget = REPLAY_PAGE_SIZE;
  for (const { c, lastSeq } of entries) budget -= replayPage(q, ws, c, lastSeq, budget);
}

/** Answers `history.fetch` for a conversation the caller may read (a pull). */
export function sendHistory(q: QueueContext, ws: WebSocket, c: ConversationRow, beforeSeq: number): void {
  const { messages, hasEarlier } = pageBefore(q, c.id, beforeSeq);
  q.sessions.send(ws, { type: "history.page", conversationId: c.id, messages, hasEarlier }, true);
}
