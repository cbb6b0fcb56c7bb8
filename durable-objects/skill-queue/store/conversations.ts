/**
 * Live conversations of the queue (and ended ones kept for a late evaluation).
 *
 * `get` answers from rows kept in memory once read: every event of a chat starts with its
 * conversation, and that read was the message path's costliest statement. SQLite stays the only
 * source of truth: the kept rows are a copy that every write of this section drops
 * (`insert`, `update`, `delete`), that an appended message moves as the `messages_last_seq`
 * trigger moves the row (`appended`), and that other sections writing through that trigger drop
 * (`forget`). A rolled-back transaction may have changed what was read inside it, so the steps
 * drop every kept row when one fails (`forgetAll`). A restarted object starts with none. Rows
 * handed out are frozen: a caller that wants a change writes it here.
 */
import type { ConversationState, Sender } from "../../../worker/realtime/protocol";
import type { ConversationRow } from "./rows";
import { updateColumns } from "./update";
import type { WaitingStore } from "./waiting";

/** Rows kept at most; beyond it the longest kept is dropped (read again from SQLite when asked). */
export const KEPT_CONVERSATIONS = 4_096;

export class ConversationStore {
  private readonly kept = new Map<string, ConversationRow>();

  constructor(
    private readonly sql: SqlStorage,
    private readonly waiting: WaitingStore,
  ) {}

  get(id: string): ConversationRow | null {
    const kept = this.kept.get(id);
    if (kept) return kept;
    const row = this.sql.exec<ConversationRow>("SELECT * FROM conversations WHERE id = ?", id).toArray()[0];
    if (!row) return null;
    if (this.kept.size >= KEPT_CONVERSATIONS) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(id, Object.freeze(row));
    return row;
  }

  /**
   * A message was appended: the kept row moves as the `messages_last_seq` trigger moved the stored
   * one (its last seq, and when the customer last spoke).
   */
  appended(id: string, seq: number, sender: Sender, at: number): void {
    const c = this.kept.get(id);
    if (!c) return;
    this.kept.set(
      id,
      Object.freeze({
        ...c,
        last_seq: Math.max(c.last_seq, seq),
        last_customer_at: sender === "customer" ? Math.max(c.last_customer_at, at) : c.last_customer_at,
      }),
    );
  }

  /** Another section changed the stored row (through a trigger): read it again next time. */
  forget(id: string): void {
    this.kept.delete(id);
  }

  /** A transaction rolled back: nothing read since it began may be kept. */
  forgetAll(): void {
    this.kept.clear();
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
    this.kept.delete(c.id);
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
    this.kept.delete(id);
    updateColumns(this.sql, "conversations", "id", id, patch);
  }

  /** Drops a conversation with its messages, its notes, its place in the waiting list and what it knew of its calls. */
  delete(id: string): void {
    this.kept.delete(id);
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
