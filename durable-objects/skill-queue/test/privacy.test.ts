/**
 * A data-protection erasure inside one queue object: the customer's conversations found by email
 * (pre-chat form, left-message contact) or id go with every row keyed by them (both outboxes,
 * offers, staged transcripts, browser context), their calls and moves too; the customer's socket
 * closes with 4009; another customer's rows and another tenant's request touch nothing.
 */
import { describe, expect, it } from "vitest";
import { connectedChat } from "../../../worker/test/attachment-helpers";
import { connectCustomer, queueStub, sql } from "./fixtures";

const TABLES: [table: string, column: string][] = [
  ["conversations", "id"],
  ["messages", "conversation_id"],
  ["outbox", "conversation_id"],
  ["offers", "conversation_id"],
  ["offer_rejections", "conversation_id"],
  ["transfer_in", "conversation_id"],
  ["customer_context", "conversation_id"],
  ["left_messages", "conversation_id"],
];

/** How many rows each table holds about a conversation, the webhook outbox included. */
async function rowsAbout(queueId: string, conversationId: string) {
  const out: Record<string, number> = {};
  for (const [table, column] of TABLES)
    out[table] =
      (
        await sql<{ n: number }>(
          queueId,
          `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`,
          conversationId,
        )
      )[0]?.n ?? 0;
  out.webhook_outbox =
    (
      await sql<{ n: number }>(
        queueId,
        "SELECT COUNT(*) AS n FROM webhook_outbox WHERE json_extract(body, '$.data.conversationId') = ?",
        conversationId,
      )
    )[0]?.n ?? 0;
  return out;
}

/** Rows about the conversation in every table that keeps them apart from the conversation itself. */
async function seed(queueId: string, conversationId: string, customerId: string) {
  const now = Date.now();
  const ran = (query: string, ...args: (string | number)[]) => sql(queueId, query, ...args);
  await ran("INSERT OR IGNORE INTO outbox (conversation_id, kind) VALUES (?, 'archive')", conversationId);
  await ran(
    "INSERT INTO offers (conversation_id, employee_id, offered_at) VALUES (?, '1001', ?)",
    conversationId,
    now,
  );
  await ran(
    "INSERT INTO offer_rejections (conversation_id, employee_id, rejected_at) VALUES (?, '1002', ?)",
    conversationId,
    now,
  );
  await ran(
    "INSERT INTO transfer_in (conversation_id, seq, sender, text, at, staged_at) VALUES (?, 1, 'customer', 'hi', ?, ?)",
    conversationId,
    now,
    now,
  );
  await ran(
    "INSERT INTO left_messages (conversation_id, contact_mode, contact) VALUES (?, 'optional', ?)",
    conversationId,
    `${customerId}@example.net`,
  );
  await ran(
    "INSERT INTO webhook_outbox (id, body, created_at) VALUES (?, ?, ?)",
    `ev_${conversationId}`,
    JSON.stringify({ id: `ev_${conversationId}`, data: { conversationId } }),
    now,
  );
  await ran(
    `INSERT INTO calls (id, tenant_id, conversation_id, chat_queue_id, channel_id, customer_id, media, state, placed_at)
     VALUES (?, 't', ?, ?, 'ch', ?, 'voice', 'ended', ?)`,
    `call_${conversationId}`,
    conversationId,
    queueId,
    customerId,
    now,
  );
  await ran(
    "INSERT INTO moved (customer_id, channel_id, conversation_id, target_queue_id, at) VALUES (?, 'ch', ?, 'sq_y', ?)",
    customerId,
    conversationId,
    now,
  );
}

const count = async (queueId: string, table: string, column: string, value: string) =>
  (await sql<{ n: number }>(queueId, `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`, value))[0]
    ?.n ?? 0;

describe("erasing a customer in a queue object", () => {
  it("by the email of their pre-chat form: every row of their conversation, their calls and moves; others stay", async () => {
    const { fx, agent, customer, id } = await connectedChat();
    const other = await connectCustomer(fx);
    const otherId = (await agent.next("conversation.assigned", (f) => f.conversation.conversationId !== id))
      .conversation.conversationId;
    await sql(
      fx.queueId,
      "UPDATE conversations SET pre_chat = ? WHERE id = ?",
      JSON.stringify([{ key: "mail", label: "Email", value: "Ada@Example.com", verified: false }]),
      id,
    );
    await seed(fx.queueId, id, customer.customerId);
    await seed(fx.queueId, otherId, other.customerId);
    const before = await rowsAbout(fx.queueId, id);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    const stub = queueStub(fx.queueId);
    const byEmail = { tenantId: fx.tenantId, customerIds: [], email: "ada@example.com" };

    // another tenant's request finds nothing here
    expect(await stub.eraseCustomer({ ...byEmail, tenantId: "tn_someone_else" })).toEqual([]);
    expect(await rowsAbout(fx.queueId, id)).toEqual(before);

    expect(await stub.customerConversations(byEmail)).toBe(1);
    expect(await stub.eraseCustomer(byEmail)).toEqual([id]);
    expect(await customer.waitClosed()).toEqual({ code: 4009, reason: "The customer's data was erased" });
    expect(await agent.next("conversation.removed")).toMatchObject({ conversationId: id, reason: "erased" });
    expect(Object.values(await rowsAbout(fx.queueId, id)).every((n) => n === 0)).toBe(true);
    expect(await count(fx.queueId, "calls", "customer_id", customer.customerId)).toBe(0);
    expect(await count(fx.queueId, "moved", "customer_id", customer.customerId)).toBe(0);
    // (the seeded offer of a chat that is connected is stale: the dispatch after the erasure drops it)
    const { offers: _stale, ...kept } = before;
    expect(await rowsAbout(fx.queueId, otherId)).toMatchObject(kept);
    expect(await count(fx.queueId, "calls", "customer_id", other.customerId)).toBe(1);
    expect(other.closed).toBeNull();

    expect(await stub.eraseCustomer(byEmail)).toEqual([]);
  });

  it("by the contact a customer left with a message", async () => {
    const { fx, customer, id } = await connectedChat();
    await seed(fx.queueId, id, customer.customerId);
    const stub = queueStub(fx.queueId);
    const match = {
      tenantId: fx.tenantId,
      customerIds: [],
      email: `${customer.customerId}@example.net`.toLowerCase(),
    };
    expect(await stub.eraseCustomer(match)).toEqual([id]);
    expect((await rowsAbout(fx.queueId, id)).conversations).toBe(0);
  });
});
