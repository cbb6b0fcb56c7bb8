/** The waiting list: queued conversations in order (`ord`), the front for returned chats. */
import type { WaitingRow } from "./rows";

type WaitingTail = { conversation_id: string; state: string; tenant_id: string; channel_id: string };

export class WaitingStore {
  constructor(private readonly sql: SqlStorage) {}

  all(): WaitingRow[] {
    return this.sql.exec<WaitingRow>("SELECT * FROM waiting ORDER BY ord").toArray();
  }

  /** The first waiting conversation (the next to be served), if any. */
  head(): WaitingRow | null {
    return this.sql.exec<WaitingRow>("SELECT * FROM waiting ORDER BY ord LIMIT 1").toArray()[0] ?? null;
  }

  /** How many conversations wait, and since when the longest has waited (null when none). */
  summary(): { count: number; oldest: number | null } {
    return this.sql
      .exec<{ count: number; oldest: number | null }>(
        "SELECT COUNT(*) AS count, MIN(enqueued_at) AS oldest FROM waiting",
      )
      .one();
  }

  has(conversationId: string): boolean {
    return (
      this.sql.exec("SELECT 1 FROM waiting WHERE conversation_id = ?", conversationId).toArray().length > 0
    );
  }

  /** The 1-based position of a waiting conversation, or null when it is not waiting. */
  position(conversationId: string): number | null {
    return (
      this.sql
        .exec<{ position: number }>(
          `SELECT COUNT(*) AS position FROM waiting
           WHERE ord <= (SELECT ord FROM waiting WHERE conversation_id = ?)
           HAVING EXISTS (SELECT 1 FROM waiting WHERE conversation_id = ?)`,
          conversationId,
          conversationId,
        )
        .toArray()[0]?.position ?? null
    );
  }

  /**
   * Waiting conversations in order from 1-based `position` on, with their state and channel. A
   * tail (an arrival at the back tells only itself) is read backwards from the end, so it costs
   * the rows returned and one count, not a skip over everyone ahead (an OFFSET joins each row it
   * skips: that was most of an arrival's cost in a deep queue).
   */
  from(position: number): WaitingTail[] {
    const select = `SELECT w.conversation_id, c.state, c.tenant_id, c.channel_id FROM waiting w
         JOIN conversations c ON c.id = w.conversation_id`;
    if (position <= 1) return this.sql.exec<WaitingTail>(`${select} ORDER BY w.ord`).toArray();
    const count = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM waiting").one().n;
    const rest = count - position + 1;
    if (rest <= 0) return [];
    return this.sql.exec<WaitingTail>(`${select} ORDER BY w.ord DESC LIMIT ?`, rest).toArray().reverse();
  }

  enqueue(conversationId: string, at: number, front = false): void {
    const ord = this.sql
      .exec<{ ord: number | null }>(
        front ? "SELECT MIN(ord) - 1 AS ord FROM waiting" : "SELECT MAX(ord) + 1 AS ord FROM waiting",
      )
      .one().ord;
    this.sql.exec(
      "INSERT OR IGNORE INTO waiting (conversation_id, ord, enqueued_at) VALUES (?, ?, ?)",
      conversationId,
      ord ?? 0,
      at,
    );
  }

  dequeue(conversationId: string): void {
    this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", conversationId);
  }
}
