/** Conversations that moved to another queue, so a customer who reconnects here is sent on. */
export class MoveStore {
  constructor(private readonly sql: SqlStorage) {}

  record(
    customerId: string,
    channelId: string,
    conversationId: string,
    targetQueueId: string,
    at: number,
  ): void {
    this.sql.exec(
      "INSERT INTO moved (customer_id, channel_id, conversation_id, target_queue_id, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id, channel_id) DO UPDATE SET conversation_id = excluded.conversation_id, target_queue_id = excluded.target_queue_id, at = excluded.at",
      customerId,
      channelId,
      conversationId,
      targetQueueId,
      at,
    );
  }

  /** Takes (and forgets) the move record of a customer, if it is younger than `maxAgeMs`. */
  take(customerId: string, channelId: string, now: number, maxAgeMs: number) {
    return this.move(
      "DELETE FROM moved WHERE customer_id = ? AND channel_id = ? RETURNING conversation_id, target_queue_id, at",
      customerId,
      channelId,
      now,
      maxAgeMs,
    );
  }

  /** The move record of a customer, if it is younger than `maxAgeMs` (kept). */
  peek(customerId: string, channelId: string, now: number, maxAgeMs: number) {
    return this.move(
      "SELECT conversation_id, target_queue_id, at FROM moved WHERE customer_id = ? AND channel_id = ?",
      customerId,
      channelId,
      now,
      maxAgeMs,
    );
  }

  private move(
    query: string,
    customerId: string,
    channelId: string,
    now: number,
    maxAgeMs: number,
  ): { conversationId: string; targetQueueId: string } | null {
    const row = this.sql
      .exec<{ conversation_id: string; target_queue_id: string; at: number }>(query, customerId, channelId)
      .toArray()[0];
    if (!row || now - row.at > maxAgeMs) return null;
    return { conversationId: row.conversation_id, targetQueueId: row.target_queue_id };
  }

  forgetBefore(at: number): void {
    this.sql.exec("DELETE FROM moved WHERE at < ?", at);
  }
}
