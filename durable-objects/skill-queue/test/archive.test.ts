import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { flushOutbox } from "../archive";
import type { QueueContext } from "../context";
import type { SkillQueue } from "../index";
import { connectAgent, connectCustomer, fire, queueStub, setupQueue, sql, tick } from "./fixtures";

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

const archived = (id: string) =>
  Promise.all([
    env.DB.prepare("SELECT * FROM conversations WHERE id = ?").bind(id).all(),
    env.DB.prepare(
      "SELECT seq, sender, text FROM conversation_messages WHERE conversation_id = ? ORDER BY seq",
    )
      .bind(id)
      .all(),
  ]).then(([c, m]) => ({ rows: c.results, messages: m.results }));

describe("archive", () => {
  it("writes summary and transcript to D1 exactly once, even when flushed again", async () => {
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
