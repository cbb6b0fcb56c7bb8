/**
 * What the object's SQLite does per relayed message and per arriving customer: every statement
 * is counted through a shim on the object's `sql.exec` (the same object its stores hold), and the
 * waiting list is never walked by an arrival (its count, positions and tail are kept in memory).
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connectAgent, connectCustomer, queueStub, setupQueue, type TestSocket } from "./fixtures";

type Counted = { statements: string[] };

/** Counts the object's statements until the returned `stop` is called. */
async function counting(queueId: string): Promise<{ stop: () => Promise<Counted> }> {
  await runInDurableObject(queueStub(queueId), (_i, state) => {
    const sql = state.storage.sql as SqlStorage & { __counted?: string[]; __exec?: SqlStorage["exec"] };
    sql.__counted = [];
    sql.__exec ??= sql.exec.bind(sql);
    sql.exec = ((query: string, ...args: SqlStorageValue[]) => {
      sql.__counted?.push(query.replace(/\s+/g, " ").trim());
      return sql.__exec!(query, ...args);
    }) as SqlStorage["exec"];
  });
  return {
    stop: () =>
      runInDurableObject(queueStub(queueId), (_i, state) => {
        const sql = state.storage.sql as SqlStorage & { __counted?: string[]; __exec?: SqlStorage["exec"] };
        const statements = sql.__counted ?? [];
        if (sql.__exec) sql.exec = sql.__exec;
        delete sql.__counted;
        return { statements };
      }),
  };
}

async function connected() {
  const fx = await setupQueue();
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { visitorId: "statements-visitor-001" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, agent, customer, id };
}

describe("statements per message and per arrival", () => {
  it("a message costs 1 statement, the append (the conversation row is kept in memory)", async () => {
    const { fx, agent, customer, id } = await connected();
    await customer.settle();
    await agent.settle();
    const counter = await counting(fx.queueId);
    const n = 10;
    for (let i = 0; i < n; i++) {
      customer.send({ type: "message.send", clientMsgId: `s${i}`, text: `hello ${i}` });
      await customer.next("message.acked", (f) => f.clientMsgId === `s${i}`);
      agent.send({ type: "message.send", conversationId: id, clientMsgId: `a${i}`, text: `hi ${i}` });
      await agent.next("message.acked", (f) => f.clientMsgId === `a${i}`);
    }
    await customer.settle();
    await agent.settle();
    const { statements } = await counter.stop();
    console.log(`statements per message: ${statements.length / (2 * n)}`, statements.slice(0, 8));
    expect(statements.length / (2 * n)).toBeLessThanOrEqual(1);
    expect(statements.filter((s) => !s.startsWith("INSERT INTO messages"))).toEqual([]);
  });

  it("an arrival at the back of a deep queue costs 23 statements, none of them walking the waiting list", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    agent.send({ type: "status.set", status: "rest" });
    await agent.next("agent.updated", (f) => f.agent.status === "rest");
    const waiting: TestSocket[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await connectCustomer(fx);
      await c.next("queue.position");
      waiting.push(c);
    }
    const counter = await counting(fx.queueId);
    const last = await connectCustomer(fx);
    expect((await last.next("queue.position")).position).toBe(31);
    const { statements } = await counter.stop();
    console.log(`statements per arrival: ${statements.length}`, statements);
    // the waiting list's count, positions and tail come from memory: no statement walks it (a
    // COUNT over it or an unbounded read), only the insert and the head that dispatch offers
    const walks = statements.filter(
      (s) => /\bwaiting\b/.test(s) && !/^INSERT/.test(s) && !/ORDER BY w\.ord LIMIT/.test(s),
    );
    expect(walks).toEqual([]);
    // the agents' load is one statement (admission and the estimate share it; dispatch reads it
    // again after the arrival), never a count per agent
    expect(statements.filter((s) => /FROM agents/.test(s))).toHaveLength(2);
    expect(statements.filter((s) => /WHERE agent_id = \?/.test(s))).toEqual([]);
    // was 37 (ticket prune, per-agent counts, three counts of the list, its tail, a second
    // conversation read, the browser context read back for nobody, meta facts read again, a
    // move looked for twice)
    expect(statements.length).toBeLessThanOrEqual(23);
    for (const c of [...waiting, last]) c.close();
  });
});
