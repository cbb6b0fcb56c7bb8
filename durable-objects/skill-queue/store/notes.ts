/**
 * Staff's private notes of the queue's conversations, numbered by their own seq per conversation
 * (apart from the messages, so a customer's message seqs never skip a number). A note is staff
 * only: nothing here is ever read for a customer.
 */
import type { NoteRow } from "./rows";

export class NoteStore {
  constructor(private readonly sql: SqlStorage) {}

  /** Appends a note with the next seq; a repeated clientMsgId returns the original row instead. */
  append(n: Omit<NoteRow, "seq">): { row: NoteRow; duplicate: boolean } {
    const existing = this.byClientId(n.conversation_id, n.client_msg_id);
    if (existing) return { row: existing, duplicate: true };
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO notes (conversation_id, seq, author_id, author_name, text, client_msg_id, at)
         SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM notes WHERE conversation_id = ? RETURNING seq`,
        n.conversation_id,
        n.author_id,
        n.author_name,
        n.text,
        n.client_msg_id,
        n.at,
        n.conversation_id,
      )
      .one();
    return { row: { ...n, seq }, duplicate: false };
  }

  byClientId(conversationId: string, clientMsgId: string): NoteRow | null {
    return (
      this.sql
        .exec<NoteRow>(
          "SELECT * FROM notes WHERE conversation_id = ? AND client_msg_id = ?",
          conversationId,
          clientMsgId,
        )
        .toArray()[0] ?? null
    );
  }

  count(conversationId: string): number {
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM notes WHERE conversation_id = ?", conversationId)
      .one().n;
  }

  /** The notes after `afterSeq` (all of them by default), oldest first. */
  after(conversationId: string, afterSeq = 0): NoteRow[] {
    return this.sql
      .exec<NoteRow>(
        "SELECT * FROM notes WHERE conversation_id = ? AND seq > ? ORDER BY seq",
        conversationId,
        afterSeq,
      )
      .toArray();
  }

  /** Takes over the notes of a conversation moved here (a repeated one is ignored). */
  adopt(rows: readonly NoteRow[]): void {
    for (const n of rows)
      this.sql.exec(
        "INSERT OR IGNORE INTO notes (conversation_id, seq, author_id, author_name, text, client_msg_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        n.conversation_id,
        n.seq,
        n.author_id,
        n.author_name,
        n.text,
        n.client_msg_id,
        n.at,
      );
  }
}
