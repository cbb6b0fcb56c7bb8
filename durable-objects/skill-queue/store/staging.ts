/** Transcripts staged by an incoming transfer (`transfer_in`) until the conversation itself moves here. */
import type { ConversationStore } from "./conversations";
import type { MessageRow } from "./rows";

export class StagingStore {
  constructor(
    private readonly sql: SqlStorage,
    /** Whose kept row an adoption drops (its insert moves the conversation's last seq by trigger). */
    private readonly conversations: ConversationStore,
  ) {}

  /**
   * Stages part of a transcript handed over from another queue (a repeated page is ignored) and
   * drops stagings older than `staleBefore` (moves that never completed).
   */
  stage(rows: MessageRow[], at: number, staleBefore: number): void {
    this.sql.exec("DELETE FROM transfer_in WHERE staged_at < ?", staleBefore);
    for (const r of rows) {
      this.sql.exec(
        "INSERT OR IGNORE INTO transfer_in (conversation_id, seq, sender, sender_name, text, client_msg_id, at, staged_at, notice, attachment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.conversation_id,
        r.seq,
        r.sender,
        r.sender_name,
        r.text,
        r.client_msg_id,
        r.at,
        at,
        // a page from an object of an older version has no notice
        r.notice ?? null,
        r.attachment ?? null,
      );
    }
  }

  /** How many messages of a conversation are staged. */
  count(conversationId: string): number {
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM transfer_in WHERE conversation_id = ?", conversationId)
      .one().n;
  }

  /** Moves a conversation's staged transcript into its messages (existing seqs are kept). */
  adopt(conversationId: string): void {
    this.conversations.forget(conversationId);
    this.sql.exec(
      `INSERT OR IGNORE INTO messages (conversation_id, seq, sender, sender_name, text, client_msg_id, at, notice, attachment)
       SELECT conversation_id, seq, sender, sender_name, text, client_msg_id, at, notice, attachment FROM transfer_in WHERE conversation_id = ?`,
      conversationId,
    );
    this.drop(conversationId);
  }

  drop(conversationId: string): void {
    this.sql.exec("DELETE FROM transfer_in WHERE conversation_id = ?", conversationId);
  }
}
