/**
 * The object's SQLite tables. `SCHEMA` is the first version, created idempotently when the object
 * starts; every later change is a step of `MIGRATIONS`, applied once, in order, each in one
 * transaction with the version it reaches (`meta.schemaVersion`), so objects created before a
 * deploy catch up when they next start. Never edit a step that has shipped: append a new one.
 * Every section of the store (`conversations.ts`, `messages.ts`, …) reads and writes its own tables.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  customer_name TEXT,
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

/**
 * Schema changes after `SCHEMA`, oldest first: step i brings the object to version i + 1. Each is
 * one SQL script (`ALTER TABLE … ADD COLUMN`, new tables and indexes).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: whether the customer's name comes from a verified identity token (1) or was typed (0)
  "ALTER TABLE conversations ADD COLUMN customer_name_verified INTEGER NOT NULL DEFAULT 0",
  // 2: report figures that survive transfers (see rules/conversation-metrics.ts)
  `ALTER TABLE conversations ADD COLUMN first_queued_at INTEGER;
   ALTER TABLE conversations ADD COLUMN first_connected_at INTEGER;
   ALTER TABLE conversations ADD COLUMN transfers INTEGER NOT NULL DEFAULT 0`,
];
