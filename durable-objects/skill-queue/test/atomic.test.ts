import { describe, expect, it } from "vitest";
import { TIMER_RETRY_MS } from "../timers";
import { connectAgent, connectCustomer, fire, setupQueue, sql } from "./fixtures";

async function connected(options: Parameters<typeof setupQueue>[0] = {}) {
  const fx = await setupQueue(options);
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx);
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  await Promise.all([agent.settle(), customer.settle()]);
  for (const s of [agent, customer]) s.frames.splice(0);
  return { fx, agent, customer, id };
}

/** Makes a table unusable (statements on it throw) until `restore` is called. */
async function breakTable(queueId: string, table: string) {
  await sql(queueId, `ALTER TABLE ${table} RENAME TO ${table}_broken`);
  return () => sql(queueId, `ALTER TABLE ${table}_broken RENAME TO ${table}`);
}

/** Makes inserting the message with `clientMsgId` throw (after the statements before it ran) until `restore`. */
async function failOnInsert(queueId: string, clientMsgId: string) {
  await sql(
    queueId,
    `CREATE TRIGGER fail_messages BEFORE INSERT ON messages WHEN NEW.client_msg_id = '${clientMsgId}' BEGIN SELECT RAISE(ABORT, 'broken'); END`,
  );
  return () => sql(queueId, "DROP TRIGGER fail_messages");
}

describe("atomic events", () => {
  it("a frame whose handler fails midway leaves no message and no seq gap; only its sender hears of it", async () => {
    const { fx, agent, customer, id } = await connected();
    customer.send({ type: "message.send", clientMsgId: "c1", text: "first" });
    const { seq } = await customer.next("message.acked");
    await agent.next("message", (f) => f.message.clientMsgId === "c1");

    // the customer's seq is taken, then storing the message throws
    const restore = await failOnInsert(fx.queueId, "boom");
    customer.send({ type: "message.send", clientMsgId: "boom", text: "lost?" });
    expect(await customer.next("error")).toMatchObject({ code: "internal", ref: "message.send" });
    expect(customer.all("message.acked")).toEqual([]);
    expect(await sql(fx.queueId, "SELECT seq FROM messages WHERE client_msg_id = 'boom'")).toEqual([]);
    expect(await sql(fx.queueId, "SELECT last_seq FROM conversations WHERE id = ?", id)).toEqual([
      { last_seq: seq },
    ]);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "still served" });
    expect((await agent.next("message.acked")).seq).toBe(seq + 1);
    expect((await customer.next("message", (f) => f.message.clientMsgId === "a1")).message.seq).toBe(seq + 1);
    expect(agent.all("message").filter((f) => f.message.clientMsgId === "boom")).toEqual([]);

    await restore();
    customer.send({ type: "message.send", clientMsgId: "boom", text: "lost?" });
    expect((await customer.next("message.acked")).seq).toBe(seq + 2);
    await agent.settle();
    expect(agent.all("message").map((f) => [f.message.clientMsgId, f.message.seq])).toEqual([
      ["a1", seq + 1],
      ["boom", seq + 2],
    ]);
  });

  it("a timer whose handler fails midway is rolled back and tried again later", async () => {
    const { fx, customer, id } = await connected({
      channel: { dialogEnd: { enabled: true, noReplyMinutes: 3, conclusion: "Closed for inactivity." } },
    });
    // the conclusion is posted and the conversation ended, then queueing the archive throws
    const restore = await breakTable(fx.queueId, "outbox");
    const before = Date.now();
    await sql(fx.queueId, "UPDATE conversations SET last_customer_at = ?", before - 3 * 60_000);
    await fire(fx.queueId, "noReply");
    expect(await sql(fx.queueId, "SELECT state FROM conversations WHERE id = ?", id)).toEqual([
      { state: "connected" },
    ]);
    expect(
      await sql(fx.queueId, "SELECT text FROM messages WHERE sender = 'system' AND text LIKE 'Closed%'"),
    ).toEqual([]);
    const [retry] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'noReply'",
    );
    expect(retry!.due_at).toBeGreaterThanOrEqual(before + TIMER_RETRY_MS);
    expect(retry!.due_at).toBeLessThan(before + 3 * 60_000);
    await customer.settle();
    expect(customer.all("conversation.updated")).toEqual([]);
    expect(customer.all("message")).toEqual([]);

    await restore();
    await fire(fx.queueId, "noReply");
    expect((await customer.next("message")).message.text).toBe("Closed for inactivity.");
    expect((await customer.next("conversation.updated")).reason).toBe("noReply");
  });
});
