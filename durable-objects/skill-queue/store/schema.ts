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
  // 2: system messages' stable notice code (JSON), and left messages (store/left-messages.ts)
  `ALTER TABLE messages ADD COLUMN notice TEXT;
   ALTER TABLE transfer_in ADD COLUMN notice TEXT;
   CREATE TABLE IF NOT EXISTS left_messages (
     conversation_id TEXT PRIMARY KEY,
     contact_mode TEXT NOT NULL,
     contact TEXT,
     left_at INTEGER,
     confirmed INTEGER NOT NULL DEFAULT 0,
     expires_at INTEGER,
     seen_seq INTEGER NOT NULL DEFAULT 0,
     picked_by TEXT
   );
   CREATE INDEX IF NOT EXISTS left_messages_waiting ON left_messages (left_at) WHERE picked_by IS NULL;`,
  // 3: what the customer filled in the pre-chat form, as JSON [{key, label, value, verified}]
  "ALTER TABLE conversations ADD COLUMN pre_chat TEXT NOT NULL DEFAULT '[]'",
  // 4: click-to-dial calls, in the click-to-dial queue that owns them (`calls`, and where calls
  // transferred away went: `moved_calls`) and as the chat's queue last heard of them (`chat_calls`)
  `CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    chat_queue_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    customer_name TEXT,
    customer_name_verified INTEGER NOT NULL DEFAULT 0,
    media TEXT NOT NULL,
    state TEXT NOT NULL,
    agent_id TEXT,
    agent_name TEXT,
    chat_agent_id TEXT,
    chat_agent_name TEXT,
    placed_at INTEGER NOT NULL,
    queued_at INTEGER,
    queue_ord INTEGER,
    rang_at INTEGER,
    connected_at INTEGER,
    ended_at INTEGER,
    end_reason TEXT,
    ended_by TEXT,
    excluded TEXT NOT NULL DEFAULT '[]',
    hops TEXT NOT NULL DEFAULT '[]',
    context TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    notified_version INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS calls_conversation ON calls (conversation_id, state);
  CREATE INDEX IF NOT EXISTS calls_agent ON calls (agent_id, state);
  CREATE INDEX IF NOT EXISTS calls_queue ON calls (state, queue_ord);
  CREATE TABLE IF NOT EXISTS chat_calls (
    call_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    call_queue_id TEXT NOT NULL,
    media TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    connected_at INTEGER,
    ended_at INTEGER,
    end_reason TEXT,
    summary TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS chat_calls_conversation ON chat_calls (conversation_id, state);
  CREATE TABLE IF NOT EXISTS moved_calls (call_id TEXT PRIMARY KEY, url TEXT NOT NULL, at INTEGER NOT NULL);`,
  // 5: staff's private notes (numbered apart from the messages) and the conversation's tags
  `CREATE TABLE IF NOT EXISTS notes (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    client_msg_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  );
  CREATE UNIQUE INDEX IF NOT EXISTS notes_client_msg ON notes (conversation_id, client_msg_id);
  ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';`,
  // 6: the customer's page, browser and language (store/customer-context.ts), gone with the conversation
  `CREATE TABLE customer_context (
     conversation_id TEXT PRIMARY KEY,
     page_url TEXT,
     page_title TEXT,
     referrer TEXT,
     page_at INTEGER,
     user_agent TEXT,
     locale TEXT,
     report_window_start INTEGER NOT NULL DEFAULT 0,
     report_count INTEGER NOT NULL DEFAULT 0
   );
   CREATE TRIGGER customer_context_gone AFTER DELETE ON conversations BEGIN
     DELETE FROM customer_context WHERE conversation_id = OLD.id;
   END;`,
  // 7: the quality checker who forced the agent busy (mirrored from the agent's presence object)
  "ALTER TABLE agents ADD COLUMN forced_by TEXT",
  // 8: chats offered to callout agents, and who rejected whom (rules/offer.ts)
  `CREATE TABLE IF NOT EXISTS offers (conversation_id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, offered_at INTEGER NOT NULL);
   CREATE INDEX IF NOT EXISTS offers_employee ON offers (employee_id);
   CREATE TABLE IF NOT EXISTS offer_rejections (conversation_id TEXT NOT NULL, employee_id TEXT NOT NULL, rejected_at INTEGER NOT NULL, PRIMARY KEY (conversation_id, employee_id));`,
  // 9: the webhook outbox (events waiting for the delivery queue), in the order they were recorded
  "CREATE TABLE IF NOT EXISTS webhook_outbox (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)",
  // 10: files in chats: a message's file (JSON metadata, also while staged by a transfer) and the
  // uploads of each conversation (`store/attachments.ts`)
  `ALTER TABLE messages ADD COLUMN attachment TEXT;
   ALTER TABLE transfer_in ADD COLUMN attachment TEXT;
   CREATE TABLE attachments (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     uploader TEXT NOT NULL,
     uploader_id TEXT NOT NULL,
     meta TEXT,
     size INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX attachments_conversation ON attachments (conversation_id, uploader, created_at);`,
  // 11: report figures that survive transfers (see rules/conversation-metrics.ts)
  `ALTER TABLE conversations ADD COLUMN first_queued_at INTEGER;
   ALTER TABLE conversations ADD COLUMN first_connected_at INTEGER;
   ALTER TABLE conversations ADD COLUMN transfers INTEGER NOT NULL DEFAULT 0`,
  // 12: ids of signed customer tickets already used here, kept until they expire (store/used-tickets.ts)
  `CREATE TABLE IF NOT EXISTS used_tickets (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
   CREATE INDEX IF NOT EXISTS used_tickets_expiry ON used_tickets (expires_at);`,
];
