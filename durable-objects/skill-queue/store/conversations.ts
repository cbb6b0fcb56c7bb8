/** Live conversations of the queue (and ended ones kept for a late evaluation). */
import type { ConversationState } from "../../../worker/realtime/protocol";
import type { ConversationRow } from "./rows";
import { updateColumns } from "./update";
import type { WaitingStore } from "./waiting";

export class ConversationStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly waiting: WaitingStore,
  ) {}

  get(id: string): ConversationRow | null {
    return (
      this.sql.exec<ConversationRow>("SELECT * FROM conversations WHERE id = ?", id).toArray()[0] ?? null
    );
  }

  /** The customer's most recent conversation of a channel in this queue. */
  latestOfCustomer(customerId: string, channelId: string): ConversationRow | null {
    return (
      this.sql
        .exec<ConversationRow>(
          "SELECT * FROM conversations WHERE customer_id = ? AND channel_id = ? ORDER BY started_at DESC LIMIT 1",
          customerId,
          channelId,
        )
        .toArray()[0] ?? null
    );
  }

  insert(c: ConversationRow): void {
    this.sql.exec(
      `INSERT INTO conversations (id, tenant_id, channel_id, customer_id, customer_name, customer_name_verified, state,
        agent_id, agent_name, started_at, queued_at, connected_at, ended_at, end_reason, last_seq, rating, comment, hops,
        last_customer_at, pre_chat, tags, first_queued_at, first_connected_at, transfers)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      c.id,
      c.tenant_id,
      c.channel_id,
      c.customer_id,
      c.customer_name,
      // A row handed over by an object of an older version has no flag: unverified.
      c.customer_name_verified === 1 ? 1 : 0,
      c.state,
      c.agent_id,
      c.agent_name,
      c.started_at,
      c.queued_at,
      c.connected_at,
      c.ended_at,
      c.end_reason,
      c.last_seq,
      c.rating,
      c.comment,
      c.hops,
      c.last_customer_at,
      // a row handed over by an object of an older version has no pre-chat values
      c.pre_chat ?? "[]",
      c.tags ?? "[]",
      c.first_queued_at ?? null,
      c.first_connected_at ?? null,
      c.transfers ?? 0,
    );
  }

  update(id: string, patch: Partial<Omit<ConversationRow, "id">>): void {
    updateColumns(this.sql, "conversations", "id", id, patch);
  }

  /** Drops a conversation with its messages, its notes, its place in the waiting list and what it knew of its calls. */
  delete(id: string): void {
    this.sql.exec("DELETE FROM messages WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM notes WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM chat_calls WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM attachments WHERE conversation_id = ?", id);
    this.waiting.dequeue(id);
    this.sql.exec("DELETE FROM left_messages WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM conversations WHERE id = ?", id);
  }

  inState(...states: ConversationState[]): ConversationRow[] {
    return this.sql
      .exec<ConversationRow>(
        `SELECT * FROM conversations WHERE state IN (${states.map(() => "?").join(", ")}) ORDER BY started_at`,
        ...states,
      )
      .toArray();
  }

  /** Live (connected) conversations handled by an employee. */
  ofAgent(employeeId: string): ConversationRow[] {
    return this.sql
      .exec<ConversationRow>(
        "SELECT * FROM conversations WHERE agent_id = ? AND state = 'connected' ORDER BY connected_at",
        employeeId,
      )
      .toArray();
  }

  activeChats(employeeId: string): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM conversations WHERE agent_id = ? AND state = 'connected'",
        employeeId,
      )
      .one().n;
  }
}
