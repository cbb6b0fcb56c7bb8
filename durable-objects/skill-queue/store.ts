/**
 * The SkillQueue's own SQLite: live conversations and their messages, the waiting list, signed-in
 * agents, timers and the archive outbox. Tables are created idempotently when the object starts.
 * Every write is synchronous SQL, so a frame is acknowledged only after its row exists.
 */
import type {
  AgentStatus,
  ChatMessage,
  ConversationState,
  EndReason,
  Sender,
} from "../../worker/realtime/protocol";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  customer_name TEXT,
  customer_name_verified INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  agent_id TEXT,
  agent_name TEXT,
  started_at INTEGER NOT NULL,
  queued_at INTEGER,
  connected_at INTEGER,
  ended_at INTEGER,
  end_reason TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0,
  rating INTEGER,
  comment TEXT,
  hops TEXT NOT NULL DEFAULT '[]',
  last_customer_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_customer ON conversations (customer_id, started_at);
CREATE INDEX IF NOT EXISTS conversations_agent ON conversations (agent_id, state);
CREATE TABLE IF NOT EXISTS messages (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  sender TEXT NOT NULL,
  sender_name TEXT,
  text TEXT NOT NULL,
  client_msg_id TEXT,
  at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_client_msg ON messages (conversation_id, client_msg_id);
CREATE TRIGGER IF NOT EXISTS messages_last_seq AFTER INSERT ON messages BEGIN
  UPDATE conversations SET
    last_seq = MAX(last_seq, NEW.seq),
    last_customer_at = CASE WHEN NEW.sender = 'customer' THEN MAX(last_customer_at, NEW.at) ELSE last_customer_at END
  WHERE id = NEW.conversation_id;
END;
CREATE TABLE IF NOT EXISTS waiting (conversation_id TEXT PRIMARY KEY, ord INTEGER NOT NULL, enqueued_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS waiting_ord ON waiting (ord);
CREATE INDEX IF NOT EXISTS waiting_enqueued ON waiting (enqueued_at);
CREATE TABLE IF NOT EXISTS agents (
  employee_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  status_since INTEGER NOT NULL,
  wrap_up_until INTEGER,
  max_chats INTEGER NOT NULL,
  signed_in_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (kind TEXT NOT NULL, ref TEXT NOT NULL, due_at INTEGER NOT NULL, PRIMARY KEY (kind, ref));
CREATE INDEX IF NOT EXISTS timers_due ON timers (due_at);
CREATE TABLE IF NOT EXISTS moved (customer_id TEXT NOT NULL, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL, target_queue_id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (customer_id, channel_id));
CREATE TABLE IF NOT EXISTS transfer_in (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  sender TEXT NOT NULL,
  sender_name TEXT,
  text TEXT NOT NULL,
  client_msg_id TEXT,
  at INTEGER NOT NULL,
  staged_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE TABLE IF NOT EXISTS outbox (conversation_id TEXT NOT NULL, kind TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (conversation_id, kind));
`;

export type ConversationRow = {
  id: string;
  tenant_id: string;
  channel_id: string;
  customer_id: string;
  customer_name: string | null;
  /** 1 when the name comes from a verified identity token, 0 when the customer typed it. */
  customer_name_verified: number;
  state: ConversationState;
  agent_id: string | null;
  agent_name: string | null;
  started_at: number;
  queued_at: number | null;
  connected_at: number | null;
  ended_at: number | null;
  end_reason: EndReason | null;
  last_seq: number;
  rating: number | null;
  comment: string | null;
  hops: string;
  last_customer_at: number;
};

export type MessageRow = {
  conversation_id: string;
  seq: number;
  sender: Sender;
  sender_name: string | null;
  text: string;
  client_msg_id: string | null;
  at: number;
};

export type AgentRow = {
  employee_id: string;
  name: string;
  status: AgentStatus;
  status_since: number;
  wrap_up_until: number | null;
  max_chats: number;
  signed_in_at: number;
};

export type WaitingRow = { conversation_id: string; ord: number; enqueued_at: number };

export type NewMessage = {
  sender: Sender;
  senderName: string | null;
  text: string;
  clientMsgId: string | null;
};

export const toChatMessage = (m: MessageRow): ChatMessage => ({
  conversationId: m.conversation_id,
  seq: m.seq,
  sender: m.sender,
  senderName: m.sender_name,
  text: m.text,
  clientMsgId: m.client_msg_id,
  at: m.at,
});

/** Typed access to the object's SQLite tables. */
export class Store {
  constructor(readonly sql: SqlStorage) {}

  migrate(): void {
    this.sql.exec(SCHEMA);
    // Objects created before the column existed get it here (CREATE TABLE IF NOT EXISTS skips them).
    const columns = this.sql.exec<{ name: string }>("PRAGMA table_info(conversations)").toArray();
    if (!columns.some((c) => c.name === "customer_name_verified")) {
      this.sql.exec("ALTER TABLE conversations ADD COLUMN customer_name_verified INTEGER NOT NULL DEFAULT 0");
    }
  }

  meta(key: string): string | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
  }

  conversation(id: string): ConversationRow | null {
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

  insertConversation(c: ConversationRow): void {
    this.sql.exec(
      `INSERT INTO conversations (id, tenant_id, channel_id, customer_id, customer_name, customer_name_verified, state,
        agent_id, agent_name, started_at, queued_at, connected_at, ended_at, end_reason, last_seq, rating, comment, hops,
        last_customer_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    );
  }

  updateConversation(id: string, patch: Partial<Omit<ConversationRow, "id">>): void {
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (keys.length === 0) return;
    this.sql.exec(
      `UPDATE conversations SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`,
      ...keys.map((k) => patch[k] ?? null),
      id,
    );
  }

  deleteConversation(id: string): void {
    this.sql.exec("DELETE FROM messages WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM conversations WHERE id = ?", id);
  }

  conversationsInState(...states: ConversationState[]): ConversationRow[] {
    return this.sql
      .exec<ConversationRow>(
        `SELECT * FROM conversations WHERE state IN (${states.map(() => "?").join(", ")}) ORDER BY started_at`,
        ...states,
      )
      .toArray();
  }

  /** Live (connected) conversations handled by an employee. */
  conversationsOf(employeeId: string): ConversationRow[] {
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

  /**
   * Appends a message with the next seq in one statement (the `messages_last_seq` trigger moves the
   * conversation's last seq and, for a customer's message, when the customer last spoke), so it
   * needs no transaction around it. A repeated clientMsgId returns the original row instead.
   */
  appendMessage(conversationId: string, m: NewMessage, at: number): { row: MessageRow; duplicate: boolean } {
    const inserted = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO messages (conversation_id, seq, sender, sender_name, text, client_msg_id, at)
         SELECT id, last_seq + 1, ?, ?, ?, ?, ? FROM conversations WHERE id = ?
         ON CONFLICT (conversation_id, client_msg_id) DO NOTHING RETURNING seq`,
        m.sender,
        m.senderName,
        m.text,
        m.clientMsgId,
        at,
        conversationId,
      )
      .toArray()[0];
    if (inserted) {
      const row: MessageRow = {
        conversation_id: conversationId,
        seq: inserted.seq,
        sender: m.sender,
        sender_name: m.senderName,
        text: m.text,
        client_msg_id: m.clientMsgId,
        at,
      };
      return { row, duplicate: false };
    }
    const existing = m.clientMsgId ? this.messageByClientId(conversationId, m.clientMsgId) : null;
    if (!existing) throw new Error(`No conversation ${conversationId} to append to`);
    return { row: existing, duplicate: true };
  }

  messageByClientId(conversationId: string, clientMsgId: string): MessageRow | null {
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

  /**
   * Stages part of a transcript handed over from another queue (a repeated page is ignored) and
   * drops stagings older than `staleBefore` (moves that never completed).
   */
  stageMessages(rows: MessageRow[], at: number, staleBefore: number): void {
    this.sql.exec("DELETE FROM transfer_in WHERE staged_at < ?", staleBefore);
    for (const r of rows) {
      this.sql.exec(
        "INSERT OR IGNORE INTO transfer_in (conversation_id, seq, sender, sender_name, text, client_msg_id, at, staged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        r.conversation_id,
        r.seq,
        r.sender,
        r.sender_name,
        r.text,
        r.client_msg_id,
        r.at,
        at,
      );
    }
  }

  /** How many messages of a conversation are staged. */
  stagedCount(conversationId: string): number {
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM transfer_in WHERE conversation_id = ?", conversationId)
      .one().n;
  }

  /** Moves a conversation's staged transcript into its messages (existing seqs are kept). */
  adoptStaged(conversationId: string): void {
    this.sql.exec(
      `INSERT OR IGNORE INTO messages (conversation_id, seq, sender, sender_name, text, client_msg_id, at)
       SELECT conversation_id, seq, sender, sender_name, text, client_msg_id, at FROM transfer_in WHERE conversation_id = ?`,
      conversationId,
    );
    this.dropStaged(conversationId);
  }

  dropStaged(conversationId: string): void {
    this.sql.exec("DELETE FROM transfer_in WHERE conversation_id = ?", conversationId);
  }

  /** Up to `limit` messages just before `beforeSeq`, newest first. */
  messagesBefore(conversationId: string, beforeSeq: number, limit: number): MessageRow[] {
    return this.sql
      .exec<MessageRow>(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
        conversationId,
        beforeSeq,
        limit,
      )
      .toArray();
  }

  messagesAfter(conversationId: string, afterSeq: number, limit = 10_000): MessageRow[] {
    return this.sql
      .exec<MessageRow>(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        conversationId,
        afterSeq,
        limit,
      )
      .toArray();
  }

  /* waiting list */

  waiting(): WaitingRow[] {
    return this.sql.exec<WaitingRow>("SELECT * FROM waiting ORDER BY ord").toArray();
  }

  /** The first waiting conversation (the next to be served), if any. */
  waitingHead(): WaitingRow | null {
    return this.sql.exec<WaitingRow>("SELECT * FROM waiting ORDER BY ord LIMIT 1").toArray()[0] ?? null;
  }

  /** How many conversations wait, and since when the longest has waited (null when none). */
  waitingSummary(): { count: number; oldest: number | null } {
    return this.sql
      .exec<{ count: number; oldest: number | null }>(
        "SELECT COUNT(*) AS count, MIN(enqueued_at) AS oldest FROM waiting",
      )
      .one();
  }

  isWaiting(conversationId: string): boolean {
    return (
      this.sql.exec("SELECT 1 FROM waiting WHERE conversation_id = ?", conversationId).toArray().length > 0
    );
  }

  /** The 1-based position of a waiting conversation, or null when it is not waiting. */
  waitingPosition(conversationId: string): number | null {
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

  /** Waiting conversations in order from 1-based `position` on, with their state and channel. */
  waitingFrom(
    position: number,
  ): { conversation_id: string; state: string; tenant_id: string; channel_id: string }[] {
    return this.sql
      .exec<{ conversation_id: string; state: string; tenant_id: string; channel_id: string }>(
        `SELECT w.conversation_id, c.state, c.tenant_id, c.channel_id FROM waiting w
         JOIN conversations c ON c.id = w.conversation_id ORDER BY w.ord LIMIT -1 OFFSET ?`,
        Math.max(0, position - 1),
      )
      .toArray();
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

  /* agents */

  agent(employeeId: string): AgentRow | null {
    return (
      this.sql.exec<AgentRow>("SELECT * FROM agents WHERE employee_id = ?", employeeId).toArray()[0] ?? null
    );
  }

  agents(): AgentRow[] {
    return this.sql.exec<AgentRow>("SELECT * FROM agents ORDER BY employee_id").toArray();
  }

  upsertAgent(a: AgentRow): void {
    this.sql.exec(
      `INSERT INTO agents (employee_id, name, status, status_since, wrap_up_until, max_chats, signed_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (employee_id) DO UPDATE SET name = excluded.name, max_chats = excluded.max_chats`,
      a.employee_id,
      a.name,
      a.status,
      a.status_since,
      a.wrap_up_until,
      a.max_chats,
      a.signed_in_at,
    );
  }

  setAgentStatus(
    employeeId: string,
    status: AgentStatus,
    at: number,
    wrapUpUntil: number | null = null,
  ): void {
    this.sql.exec(
      "UPDATE agents SET status = ?, status_since = ?, wrap_up_until = ? WHERE employee_id = ?",
      status,
      at,
      wrapUpUntil,
      employeeId,
    );
  }

  deleteAgent(employeeId: string): void {
    this.sql.exec("DELETE FROM agents WHERE employee_id = ?", employeeId);
  }

  /* conversations that moved to another queue, so a customer who reconnects here is sent on */

  recordMove(
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
  takeMove(customerId: string, channelId: string, now: number, maxAgeMs: number) {
    return this.move(
      "DELETE FROM moved WHERE customer_id = ? AND channel_id = ? RETURNING conversation_id, target_queue_id, at",
      customerId,
      channelId,
      now,
      maxAgeMs,
    );
  }

  /** The move record of a customer, if it is younger than `maxAgeMs` (kept). */
  peekMove(customerId: string, channelId: string, now: number, maxAgeMs: number) {
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

  forgetMovesBefore(at: number): void {
    this.sql.exec("DELETE FROM moved WHERE at < ?", at);
  }

  /* outbox */

  addOutbox(conversationId: string, kind: "archive" | "evaluation"): void {
    this.sql.exec("INSERT OR IGNORE INTO outbox (conversation_id, kind) VALUES (?, ?)", conversationId, kind);
  }

  outbox(): { conversation_id: string; kind: "archive" | "evaluation"; attempts: number }[] {
    return this.sql
      .exec<{ conversation_id: string; kind: "archive" | "evaluation"; attempts: number }>(
        "SELECT * FROM outbox ORDER BY kind, conversation_id",
      )
      .toArray();
  }

  doneOutbox(conversationId: string, kind: string): void {
    this.sql.exec("DELETE FROM outbox WHERE conversation_id = ? AND kind = ?", conversationId, kind);
  }

  failedOutbox(conversationId: string, kind: string): number {
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
