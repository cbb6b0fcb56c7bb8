/**
 * The chat's side of its click-to-dial calls: what this (chat) queue last heard of each call from
 * the click-to-dial queue that owns it (`version` orders notices that overtake each other). Used
 * to refuse a second call, to hold the no-reply dialog end while a call is live, to end the call
 * with the chat, and to show checkers the call.
 */
import type { CallEndReason, CallMedia, CallState } from "../../../worker/realtime/protocol";

export type ChatCallRow = {
  call_id: string;
  conversation_id: string;
  call_queue_id: string;
  media: CallMedia;
  state: CallState;
  version: number;
  connected_at: number | null;
  ended_at: number | null;
  end_reason: CallEndReason | null;
  /** JSON of the latest `CallSummary`, as sent to staff. */
  summary: string;
};

export class ChatCallStore {
  constructor(private readonly sql: SqlStorage) {}

  get(callId: string): ChatCallRow | null {
    return (
      this.sql.exec<ChatCallRow>("SELECT * FROM chat_calls WHERE call_id = ?", callId).toArray()[0] ?? null
    );
  }

  /** The conversation's call that has not ended, if any. */
  live(conversationId: string): ChatCallRow | null {
    return (
      this.sql
        .exec<ChatCallRow>(
          "SELECT * FROM chat_calls WHERE conversation_id = ? AND state != 'ended' ORDER BY version DESC LIMIT 1",
          conversationId,
        )
        .toArray()[0] ?? null
    );
  }

  /** Records a notice; false (nothing changed) when an equal or newer one was recorded before. */
  record(row: ChatCallRow): boolean {
    const known = this.get(row.call_id);
    if (known && known.version >= row.version) return false;
    this.sql.exec(
      `INSERT INTO chat_calls (call_id, conversation_id, call_queue_id, media, state, version, connected_at, ended_at, end_reason, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (call_id) DO UPDATE SET call_queue_id = excluded.call_queue_id, state = excluded.state,
         version = excluded.version, connected_at = excluded.connected_at, ended_at = excluded.ended_at,
         end_reason = excluded.end_reason, summary = excluded.summary`,
      row.call_id,
      row.conversation_id,
      row.call_queue_id,
      row.media,
      row.state,
      row.version,
      row.connected_at,
      row.ended_at,
      row.end_reason,
      row.summary,
    );
    return true;
  }

  /** Drops the calls of a conversation (it moved away or was purged). */
  forget(conversationId: string): void {
    this.sql.exec("DELETE FROM chat_calls WHERE conversation_id = ?", conversationId);
  }
}
