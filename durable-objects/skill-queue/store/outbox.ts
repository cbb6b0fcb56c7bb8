/** What an outbox row writes: the whole conversation, or a later change of its evaluation or tags. */
export type OutboxKind = "archive" | "evaluation" | "tags";

/** The archive outbox: ended conversations, evaluations and tag changes waiting to be written to D1. */
export class OutboxStore {
  constructor(private readonly sql: SqlStorage) {}

  add(conversationId: string, kind: OutboxKind): void {
    this.sql.exec("INSERT OR IGNORE INTO outbox (conversation_id, kind) VALUES (?, ?)", conversationId, kind);
  }

  all(): { conversation_id: string; kind: OutboxKind; attempts: number }[] {
    return this.sql
      .exec<{ conversation_id: string; kind: OutboxKind; attempts: number }>(
        "SELECT * FROM outbox ORDER BY kind, conversation_id",
      )
      .toArray();
  }

  done(conversationId: string, kind: string): void {
    this.sql.exec("DELETE FROM outbox WHERE conversation_id = ? AND kind = ?", conversationId, kind);
  }

  failed(conversationId: string, kind: string): number {
    return (
      this.sql
        .exec<{ attempts: number }>(
          "UPDATE outbox SET attempts = attempts + 1 WHERE conversation_id = ? AND kind = ? RETURNING attempts",
          conversationId,
          kind,
        )
        .toArray()[0]?.attempts ?? 0
    );
  }
}
