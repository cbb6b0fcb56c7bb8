import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signIdentityToken } from "../../../worker/realtime/identity-token";
import { archivedTranscript } from "../../../worker/test/archive-fixtures";
import { flushOutbox } from "../archive";
import type { QueueContext } from "../context";
import type { SkillQueue } from "../index";
import { Store } from "../store";
import {
  connectAgent,
  connectCustomer,
  dropSchema,
  fire,
  postJson,
  queueStub,
  setupQueue,
  sql,
  TestSocket,
  tick,
} from "./fixtures";

async function endedChat() {
  const fx = await setupQueue();
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { name: "Grace" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  customer.send({ type: "message.send", clientMsgId: "c1", text: "question" });
  await customer.next("message.acked");
  agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "answer" });
  await agent.next("message.acked");
  return { fx, agent, customer, id };
}

async function archived(id: string) {
  const rows = (await env.DB.prepare("SELECT * FROM conversations WHERE id = ?").bind(id).all()).results;
  const messages = rows.length
    ? (await archivedTranscript(id)).messages.map(({ seq, sender, text }) => ({ seq, sender, text }))
    : [];
  return { rows, messages };
}

describe("archive", () => {
  it("writes the index row and the transcript exactly once, even when flushed again", async () => {
    const { fx, agent, customer, id } = await endedChat();
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");
    const first = await archived(id);
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0]).toMatchObject({
      tenant_id: fx.tenantId,
      skill_queue_id: fx.queueId,
      customer_name: "Grace",
      customer_name_verified: 0,
      agent_employee_id: fx.agents[0]!.employeeId,
      outcome: "agentEnded",
      message_count: first.messages.length,
    });
    expect(first.messages.map((m) => m.text)).toEqual(expect.arrayContaining(["question", "answer"]));
    await sql(fx.queueId, "INSERT INTO outbox (conversation_id, kind) VALUES (?, 'archive')", id);
    await fire(fx.queueId, "archive");
    await runInDurableObject(queueStub(fx.queueId), (instance: SkillQueue) =>
      flushOutbox(contextOf(instance)),
    );
    const again = await archived(id);
    expect(again.rows).toHaveLength(1);
    expect(again.messages).toEqual(first.messages);
  });

  it("keeps the outbox row and retries later when D1 fails", async () => {
    const { fx, agent, customer, id } = await endedChat();
    // hold the automatic flush back so the failing one below is the first attempt
    await sql(
      fx.queueId,
      "INSERT INTO timers (kind, ref, due_at) VALUES ('archive', 'outbox', ?)",
      Date.now() + 3_600_000,
    );
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(await sql(fx.queueId, "SELECT kind FROM outbox")).toEqual([{ kind: "archive" }]);
    await runInDurableObject(queueStub(fx.queueId), async (instance: SkillQueue) => {
      const q = contextOf(instance);
      await flushOutbox({ ...q, env: { ...q.env, DB: brokenD1() } } as QueueContext);
    });
    const [row] = await sql<{ attempts: number }>(
      fx.queueId,
      "SELECT attempts FROM outbox WHERE conversation_id = ?",
      id,
    );
    expect(row?.attempts).toBe(1);
    const [timer] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'archive'",
    );
    expect(Math.round((timer!.due_at - Date.now()) / 1000)).toBe(10);
    expect((await archived(id)).rows).toHaveLength(0);
    await fire(fx.queueId, "archive");
    expect((await archived(id)).rows).toHaveLength(1);
    expect(await sql(fx.queueId, "SELECT * FROM outbox")).toEqual([]);
  });

  it("a transferred conversation is archived once, by the queue where it ended, with the whole transcript", async () => {
    const fx = await setupQueue();
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    const customer = await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    customer.send({ type: "message.send", clientMsgId: "c1", text: "first queue" });
    await customer.next("message.acked");
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    await targetAgent.next("conversation.assigned");
    targetAgent.send({ type: "conversation.end", conversationId: id });
    await targetAgent.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(target, "archive");
    const { rows, messages } = await archived(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ skill_queue_id: target, agent_employee_id: other.employeeId });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(messages.map((m) => m.text)).toContain("first queue");
  });

  it("a name from an identity token stays verified through a transfer and into the history", async () => {
    const secretKey = "archive-test-secret";
    const fx = await setupQueue({ channel: { thirdPartyAuth: { secretKey } } });
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    const exp = Math.floor(Date.now() / 1000) + 300;
    const identityToken = await signIdentityToken(
      { sub: "cust-ada", name: "Ada", channel: fx.channelId, exp },
      secretKey,
    );
    const res = await postJson("/api/v1/chat/tickets", {
      channelId: fx.channelId,
      identityToken,
      name: "Eve",
    });
    expect(res.status).toBe(201);
    const customer = await TestSocket.open(res.body.url);
    const assigned = (await agent.next("conversation.assigned")).conversation;
    expect(assigned).toMatchObject({ customerName: "Ada", customerNameVerified: true });
    agent.send({
      type: "conversation.transfer",
      conversationId: assigned.conversationId,
      skillQueueId: target,
    });
    const moved = (await targetAgent.next("conversation.assigned")).conversation;
    expect(moved).toMatchObject({ customerName: "Ada", customerNameVerified: true });
    targetAgent.send({ type: "conversation.end", conversationId: moved.conversationId });
    await targetAgent.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(target, "archive");
    const { rows } = await archived(moved.conversationId);
    expect(rows[0]).toMatchObject({ customer_name: "Ada", customer_name_verified: 1 });
    customer.close();
  });
});

describe("store", () => {
  it("adds the name-verified column to an object created before it existed; old rows read unverified", async () => {
    const fx = await setupQueue();
    const rows = await runInDurableObject(queueStub(fx.queueId), (_i, state) => {
      const db = state.storage.sql;
      // an object from before any migration: every table as the first schema made it (the store
      // creates the missing ones again), the old conversations table, no migration recorded yet
      dropSchema(db, ["meta"]);
      db.exec("DELETE FROM meta WHERE key = 'schemaVersion'");
      db.exec(`CREATE TABLE conversations (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, channel_id TEXT NOT NULL,
        customer_id TEXT NOT NULL, customer_name TEXT, state TEXT NOT NULL, agent_id TEXT, agent_name TEXT,
        started_at INTEGER NOT NULL, queued_at INTEGER, connected_at INTEGER, ended_at INTEGER, end_reason TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0, rating INTEGER, comment TEXT, hops TEXT NOT NULL DEFAULT '[]',
        last_customer_at INTEGER NOT NULL)`);
      db.exec(`INSERT INTO conversations (id, tenant_id, channel_id, customer_id, customer_name, state, started_at,
        last_customer_at) VALUES ('cv_old', 't', 'c', 'anon_x', 'Old', 'ended', 1, 1)`);
      const tx = (step: () => void) => state.storage.transactionSync(step);
      new Store(db).migrate(tx);
      new Store(db).migrate(tx);
      const noticeColumn = db
        .exec<{ name: string }>("PRAGMA table_info(messages)")
        .toArray()
        .some((c) => c.name === "notice");
      const leftTable = db
        .exec("SELECT name FROM sqlite_master WHERE name = 'left_messages'")
        .toArray().length;
      return [
        ...db.exec("SELECT id, customer_name_verified FROM conversations").toArray(),
        { noticeColumn, leftTable },
      ];
    });
    expect(rows).toEqual([
      { id: "cv_old", customer_name_verified: 0 },
      { noticeColumn: true, leftTable: 1 },
    ]);
  });
});

describe("retention", () => {
  it("keeps an ended conversation 24 h for evaluation, then drops it from the object (not from D1)", async () => {
    const { fx, agent, customer, id } = await endedChat();
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    const [purge] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'purge'",
    );
    expect(Math.round((purge!.due_at - Date.now()) / 3_600_000)).toBe(24);
    await fire(fx.queueId, "archive");
    await fire(fx.queueId, "purge");
    expect(await sql(fx.queueId, "SELECT id FROM conversations")).toEqual([]);
    expect(await sql(fx.queueId, "SELECT seq FROM messages")).toEqual([]);
    expect((await archived(id)).rows).toHaveLength(1);
  });
});

function contextOf(instance: SkillQueue): QueueContext {
  return (instance as unknown as { q: QueueContext }).q;
}

function brokenD1(): D1Database {
  const fail = () => Promise.reject(new Error("D1 is unavailable"));
  const statement = { bind: () => statement, run: fail, all: fail, first: fail, raw: fail };
  return {
    prepare: () => statement,
    batch: fail,
    exec: fail,
    dump: fail,
    withSession: () => {
      throw new Error("unavailable");
    },
  } as unknown as D1Database;
}
