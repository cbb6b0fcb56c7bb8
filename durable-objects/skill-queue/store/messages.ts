/** Messages of the queue's conversations, numbered by seq per conversation. */
import type { ConversationStore } from "./conversations";
import type { MessageRow, NewMessage } from "./rows";

export class MessageStore {
  constructor(
    private readonly sql: SqlStorage,
    /** Whose kept rows an append moves, as its trigger moves the stored ones. */
    private readonly conversations: ConversationStore,
  ) {}

  /**
   * Appends a message with the next seq in one statement (the `messages_last_seq` trigger moves the
   * conversation's last seq and, for a customer's message, when the customer last spoke), so it
   * needs no transaction around it. A repeated clientMsgId returns the original row instead.
   */
  append(conversationId: string, m: NewMessage, at: number): { row: MessageRow; duplicate: boolean } {
    const notice = m.notice ? JSON.stringify(m.notice) : null;
    const attachment = m.attachment ? JSON.stringify(m.attachment) : null;
    const inserted = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO messages (conversation_id, seq, sender, sender_name, text, client_msg_id, at, notice, attachment)
         SELECT id, last_seq + 1, ?, ?, ?, ?, ?, ?, ? FROM conversations WHERE id = ?
         ON CONFLICT (conversation_id, client_msg_id) DO NOTHING RETURNING seq`,
        m.sender,
        m.senderName,
        m.text,
        m.clientMsgId,
        at,
        notice,
        attachment,
        conversationId,
      )
      .toArray()[0];
    if (inserted) {
      this.conversations.appended(conversationId, inserted.seq, m.sender, at);
      const row: MessageRow = {
        conversation_id: conversationId,
        seq: inserted.seq,
        sender: m.sender,
        sender_name: m.senderName,
        text: m.text,
        client_msg_id: m.clientMsgId,
        at,
        notice,
        attachment,
      };
      return { row, duplicate: false };
    }
    const existing = m.clientMsgId ? this.byClientId(conversationId, m.clientMsgId) : null;
    if (!existing) throw new Error(`No conversation ${conversationId} to append to`);
    return { row: existing, duplicate: true };
  }

  byClientId(conversationId: string, clientMsgId: string): MessageRow | null {
    return (
      this.sql
        .exec<MessageRow>(
          "SELECT * FROM messages WHERE conversation_id = ? AND client_msg_id = ?",
          conversationId,
          clientMsgId,
        )
        .toArray()[0] ?? null
    );
  }

  /** Up to `limit` messages just before `beforeSeq`, newest first. */
  before(conversationId: string, beforeSeq: number, limit: number): MessageRow[] {
    return this.sql
      .exec<MessageRow>(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
        conversationId,
        beforeSeq,
        limit,
      )
      .toArray();
  }

  /** The text of the conversation's latest system message matching one of the LIKE `patterns`. */
  latestSystemText(conversationId: string, patterns: readonly string[]): string | null {
    return (
      this.sql
        .exec<{ text: string }>(
          `SELECT text FROM messages WHERE conversation_id = ? AND sender = 'system'
           AND (${patterns.map(() => "text LIKE ?").join(" OR ")}) ORDER BY seq DESC LIMIT 1`,
          conversationId,
          ...patterns,
        )
        .toArray()[0]?.text ?? null
    );
  }

  /** How many messages the customer wrote at or after `since`. */
  customerSince(conversationId: string, since: number): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND sender = 'customer' AND at >= ?",
        conversationId,
        since,
      )
      .one().n;
  }

  /** The texts the customer wrote at or after `since`, in order (a left message's text). */
  customerTextsSince(conversationId: string, since: number): string[] {
    return this.sql
      .exec<{ text: string }>(
        "SELECT text FROM messages WHERE conversation_id = ? AND sender = 'customer' AND at >= ? ORDER BY seq",
        conversationId,
        since,
      )
      .toArray()
      .map((r) => r.text);
  }

  /** The latest message the customer wrote (a left message's preview). */
  lastOfCustomer(conversationId: string): MessageRow | null {
    return (
      this.sql
        .exec<MessageRow>(
          "SELECT * FROM messages WHERE conversation_id = ? AND sender = 'customer' ORDER BY seq DESC LIMIT 1",
          conversationId,
        )
        .toArray()[0] ?? null
    );
  }

  /** Whether anyone but the customer wrote after `seq` (something the customer has not seen). */
  othersAfter(conversationId: string, seq: number): boolean {
    return (
      this.sql
        .exec<{ n: number }>(
          "SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND seq > ? AND sender != 'customer'",
          conversationId,
          seq,
        )
        .one().n > 0
    );
  }

  after(conversationId: string, afterSeq: number, limit = 10_000): MessageRow[] {
    return this.sql
      .exec<MessageRow>(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        conversationId,
        afterSeq,
        limit,
      )
      .toArray();
  }
}
