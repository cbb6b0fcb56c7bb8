/**
 * The webhook outbox: events recorded in the same step as the change they describe, waiting to be
 * handed to the delivery queue (`../events.ts`). An event id is recorded once (`INSERT OR IGNORE`),
 * so repeating a step cannot record an event twice.
 */
import type { WebhookEvent } from "../../../worker/webhooks/events";

export type EventRow = { id: string; body: string; created_at: number };

export class EventStore {
  constructor(private readonly sql: SqlStorage) {}

  add(event: WebhookEvent): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO webhook_outbox (id, body, created_at) VALUES (?, ?, ?)",
      event.id,
      JSON.stringify(event),
      event.createdAt,
    );
  }

  /** The oldest `limit` events, in the order they were recorded. */
  pending(limit: number): EventRow[] {
    return this.sql
      .exec<EventRow>("SELECT id, body, created_at FROM webhook_outbox ORDER BY rowid LIMIT ?", limit)
      .toArray();
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM webhook_outbox").one().n;
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.sql.exec("DELETE FROM webhook_outbox WHERE id = ?", id);
  }

  /** Drops events recorded before `before`; returns how many. */
  dropOlderThan(before: number): number {
    return this.sql.exec("DELETE FROM webhook_outbox WHERE created_at < ?", before).rowsWritten;
  }
}
