/**
 * Left messages (`left_messages`): conversations whose wait was released with a message offered
 * or left. One row per conversation, dropped with it (`ConversationStore.delete`).
 */
import type { ContactMode } from "../../../worker/realtime/protocol";
import type { LeftMessageRow } from "./rows";
import { updateColumns } from "./update";

export class LeftMessageStore {
  constructor(private readonly sql: SqlStorage) {}

  get(conversationId: string): LeftMessageRow | null {
    return (
      this.sql
        .exec<LeftMessageRow>("SELECT * FROM left_messages WHERE conversation_id = ?", conversationId)
        .toArray()[0] ?? null
    );
  }

  /** Records the offer (a repeated offer keeps what the row already holds). */
  offer(conversationId: string, mode: ContactMode): void {
    this.sql.exec(
      "INSERT INTO left_messages (conversation_id, contact_mode) VALUES (?, ?) ON CONFLICT (conversation_id) DO NOTHING",
      conversationId,
      mode,
    );
  }

  update(conversationId: string, patch: Partial<Omit<LeftMessageRow, "conversation_id">>): void {
    updateColumns(this.sql, "left_messages", "conversation_id", conversationId, patch);
  }

  /**
   * Takes a left message for `employeeId` if nobody has: a single conditional UPDATE, so of two
   * agents picking it up only one changes the row (the object runs one event at a time anyway).
   */
  pickUp(conversationId: string, employeeId: string): boolean {
    return (
      this.sql
        .exec(
          "UPDATE left_messages SET picked_by = ? WHERE conversation_id = ? AND left_at IS NOT NULL AND picked_by IS NULL RETURNING conversation_id",
          employeeId,
          conversationId,
        )
        .toArray().length === 1
    );
  }

  /** The customer read up to `seq` (one statement; nothing when the conversation has no row). */
  seen(conversationId: string, seq: number): void {
    this.sql.exec(
      "UPDATE left_messages SET seen_seq = MAX(seen_seq, ?) WHERE conversation_id = ?",
      seq,
      conversationId,
    );
  }

  /** The Messages inbox: left messages nobody picked up (state `pending`), oldest first. */
  waiting(limit: number): { rows: LeftMessageRow[]; total: number } {
    const rows = this.sql
      .exec<LeftMessageRow>(
        `SELECT l.* FROM left_messages l JOIN conversations c ON c.id = l.conversation_id
         WHERE c.state = 'pending' AND l.picked_by IS NULL ORDER BY l.left_at, l.conversation_id LIMIT ?`,
        limit,
      )
      .toArray();
    const total = this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM left_messages l JOIN conversations c ON c.id = l.conversation_id WHERE c.state = 'pending' AND l.picked_by IS NULL",
      )
      .one().n;
    return { rows, total };
  }

  delete(conversationId: string): void {
    this.sql.exec("DELETE FROM left_messages WHERE conversation_id = ?", conversationId);
  }
}
