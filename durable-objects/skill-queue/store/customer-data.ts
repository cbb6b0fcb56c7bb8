/**
 * The rows a queue object holds about one customer, found and dropped for a data-protection
 * request (`../privacy.ts`): their conversations (by customer id, or by an email given in the
 * pre-chat form or with a left message), everything keyed by those conversations that other
 * sections do not drop with the conversation (archive and webhook outboxes, offers, staged
 * transcripts), click-to-dial calls of the customer owned here and remembered moves.
 */
const IDS = "(SELECT value FROM json_each(?))";

export class CustomerDataStore {
  constructor(private readonly sql: SqlStorage) {}

  /** Ids of the customer's conversations here, whatever their state. */
  conversationIds(customerIds: readonly string[], email: string | null): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT id FROM conversations WHERE customer_id IN ${IDS}
           OR (?2 IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(pre_chat) WHERE lower(json_extract(value, '$.value')) = ?2))
           OR (?2 IS NOT NULL AND id IN (SELECT conversation_id FROM left_messages WHERE lower(contact) = ?2))`,
        JSON.stringify(customerIds),
        email,
      )
      .toArray()
      .map((r) => r.id);
  }

  /** Drops what other sections keep about a conversation after it is deleted (call before `conversations.delete`). */
  forgetConversation(conversationId: string): void {
    this.sql.exec("DELETE FROM outbox WHERE conversation_id = ?", conversationId);
    this.sql.exec(
      "DELETE FROM webhook_outbox WHERE json_extract(body, '$.data.conversationId') = ?",
      conversationId,
    );
    this.sql.exec("DELETE FROM offers WHERE conversation_id = ?", conversationId);
    this.sql.exec("DELETE FROM offer_rejections WHERE conversation_id = ?", conversationId);
    this.sql.exec("DELETE FROM transfer_in WHERE conversation_id = ?", conversationId);
    this.sql.exec("DELETE FROM customer_context WHERE conversation_id = ?", conversationId);
  }

  /** Ids of click-to-dial calls of the customer owned here. */
  callIds(customerIds: readonly string[]): string[] {
    return this.sql
      .exec<{ id: string }>(`SELECT id FROM calls WHERE customer_id IN ${IDS}`, JSON.stringify(customerIds))
      .toArray()
      .map((r) => r.id);
  }

  /** Drops a call owned here and where it moved. */
  forgetCall(callId: string): void {
    this.sql.exec("DELETE FROM calls WHERE id = ?", callId);
    this.sql.exec("DELETE FROM moved_calls WHERE call_id = ?", callId);
  }

  /** Drops the remembered moves of the customer's conversations to other queues. */
  forgetMoves(customerIds: readonly string[]): void {
    this.sql.exec(`DELETE FROM moved WHERE customer_id IN ${IDS}`, JSON.stringify(customerIds));
  }
}
