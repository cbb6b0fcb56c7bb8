import { describe, expect, it } from "vitest";
import { PAGE_MAX_BYTES, REPLAY_PAGE_SIZE } from "../../../worker/realtime/protocol";
import { TRANSFER_PAGE_SIZE } from "../transfer";
import {
  addMessages,
  connectAgent,
  connectCustomer,
  conversationRow,
  messageRow,
  queueStub,
  setupQueue,
  sql,
  type TestSocket,
} from "./fixtures";

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function connected(agents: Parameters<typeof setupQueue>[0] = {}) {
  const fx = await setupQueue(agents);
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { visitorId: "paging-visitor-000001" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  await customer.settle();
  await agent.settle();
  customer.frames.length = 0;
  agent.frames.length = 0;
  return { fx, agent, customer, id };
}

/**
 * Sends `resume` until `session.resumed` has no `more`, waiting as told when the pull budget says
 * `rate_limited` (as the bundled clients do); returns each page's seqs.
 */
async function resumeUntilDone(socket: TestSocket, resume: (lastSeq: number) => unknown) {
  const pages: number[][] = [];
  let lastSeq = 0;
  for (let round = 0; round < 50; round++) {
    socket.send(resume(lastSeq));
    const resumed = await socket.nextOf(["session.resumed", "error"]);
    if (resumed.type === "error") {
      expect(resumed).toMatchObject({ code: "rate_limited", ref: "session.resume" });
      await new Promise((r) => setTimeout(r, resumed.retryAfterMs));
      continue;
    }
    const page = socket.all("message").map((f) => f.message.seq);
    socket.frames.length = 0;
    expect(page).toHaveLength(resumed.replayed);
    pages.push(page);
    lastSeq = resumed.lastSeq;
    if (!resumed.more) return { pages, lastSeq };
  }
  throw new Error("resume never finished");
}

describe("bounded replay", () => {
  it("a customer resuming from 0 gets 1,000+ messages in pages of 200, each once, in order", async () => {
    const { fx, customer, id } = await connected();
    const last = await addMessages(fx.queueId, id, 1_050);
    const { pages, lastSeq } = await resumeUntilDone(customer, (lastSeq) => ({
      type: "session.resume",
      lastSeq,
    }));
    expect(lastSeq).toBe(last);
    expect(pages.map((p) => p.length)).toEqual([200, 200, 200, 200, 200, last - 1000]);
    expect(pages.flat()).toEqual(upTo(last));
  });

  it("a page is also cut at PAGE_MAX_BYTES, never below one message", async () => {
    const { fx, customer, id } = await connected();
    const last = await addMessages(fx.queueId, id, 150, () => "é".repeat(4000));
    const { pages } = await resumeUntilDone(customer, (lastSeq) => ({ type: "session.resume", lastSeq }));
    expect(pages.flat()).toEqual(upTo(last));
    const perPage = Math.floor(PAGE_MAX_BYTES / 8000) + 1;
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(perPage);
  });

  it("an agent's resume of several conversations shares one page of 200 and continues with more", async () => {
    const { fx, agent, id } = await connected();
    const second = await connectCustomer(fx, { visitorId: "paging-visitor-000002" });
    const other = (await agent.next("conversation.assigned")).conversation.conversationId;
    await second.next("conversation.updated", (f) => f.conversation.state === "connected");
    await agent.settle();
    agent.frames.length = 0;
    const lastA = await addMessages(fx.queueId, id, 300);
    const lastB = await addMessages(fx.queueId, other, 250);
    const held = new Map([
      [id, 0],
      [other, 0],
    ]);
    const seen = new Map<string, number[]>([
      [id, []],
      [other, []],
    ]);
    for (let round = 0; held.size > 0; round++) {
      expect(round).toBeLessThan(10);
      agent.send({
        type: "session.resume",
        conversations: [...held].map(([conversationId, lastSeq]) => ({ conversationId, lastSeq })),
      });
      const answers = [];
      for (const _ of held) answers.push(await agent.next("session.resumed"));
      const messages = agent.all("message").map((f) => f.message);
      agent.frames.length = 0;
      expect(messages.length).toBeLessThanOrEqual(REPLAY_PAGE_SIZE);
      for (const m of messages) seen.get(m.conversationId)!.push(m.seq);
      for (const a of answers) {
        if (a.more) held.set(a.conversationId, a.lastSeq);
        else held.delete(a.conversationId);
      }
    }
    expect(seen.get(id)).toEqual(upTo(lastA));
    expect(seen.get(other)).toEqual(upTo(lastB));
  });
});

describe("transcript snapshots and history.fetch", () => {
  it("a checker's watch carries the latest 200 with hasEarlier; history.fetch pages back to seq 1", async () => {
    const { fx, id } = await connected({ agents: [{}, { platformRole: "qualityChecker" }] });
    const last = await addMessages(fx.queueId, id, 1_000);
    const checker = await connectAgent(fx.agents[1]!, fx.queueId);
    await checker.next("session.welcome");
    checker.send({ type: "conversation.watch", conversationId: id });
    const watched = await checker.next("conversation.assigned");
    expect(watched.messages.map((m) => m.seq)).toEqual(upTo(last).slice(-REPLAY_PAGE_SIZE));
    expect(watched).toMatchObject({ firstSeq: last - REPLAY_PAGE_SIZE + 1, hasEarlier: true });
    const pages = [watched.messages.map((m) => m.seq)];
    let before = watched.firstSeq;
    for (let hasEarlier = true; hasEarlier; ) {
      checker.send({ type: "history.fetch", conversationId: id, beforeSeq: before });
      const page = await checker.next("history.page");
      expect(page.conversationId).toBe(id);
      expect(page.messages.length).toBeLessThanOrEqual(REPLAY_PAGE_SIZE);
      pages.unshift(page.messages.map((m) => m.seq));
      before = page.messages[0]!.seq;
      hasEarlier = page.hasEarlier;
    }
    expect(pages.flat()).toEqual(upTo(last));
    expect(pages.length).toBe(Math.ceil(last / REPLAY_PAGE_SIZE));
  });

  it("the agent and the conversation's own customer may fetch history; others get not_found", async () => {
    const { fx, agent, customer, id } = await connected({ agents: [{}, {}] });
    await addMessages(fx.queueId, id, 10);
    const fetch = { type: "history.fetch", conversationId: id, beforeSeq: 5 };
    agent.send(fetch);
    expect((await agent.next("history.page")).messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    customer.send(fetch);
    expect(await customer.next("history.page")).toMatchObject({ conversationId: id, hasEarlier: false });

    const otherAgent = await connectAgent(fx.agents[1]!, fx.queueId);
    await otherAgent.next("session.welcome");
    const stranger = await connectCustomer(fx, { visitorId: "paging-stranger-00001" });
    await stranger.next("session.welcome");
    for (const s of [otherAgent, stranger]) {
      s.send(fetch);
      expect(await s.next("error")).toMatchObject({ code: "not_found", ref: id });
      expect(s.all("history.page")).toEqual([]);
    }
  });
});

describe("transfer of a long conversation", () => {
  it("moves 1,200+ messages in pages; every seq arrives exactly once and the agent gets the latest page", async () => {
    const fx = await setupQueue();
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    await targetAgent.next("session.welcome");
    const customer = await connectCustomer(fx, { visitorId: "paging-mover-0000001" });
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
    const last = await addMessages(fx.queueId, id, 1_200);
    expect(last).toBeGreaterThan(2 * TRANSFER_PAGE_SIZE);

    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    await customer.next("session.moved");
    const assigned = await targetAgent.next("conversation.assigned");
    expect(assigned.conversation.conversationId).toBe(id);
    expect(assigned.messages.map((m) => m.seq)).toEqual(upTo(last).slice(-REPLAY_PAGE_SIZE));
    expect(assigned).toMatchObject({ firstSeq: last - REPLAY_PAGE_SIZE + 1, hasEarlier: true });

    const rows = await sql<{ seq: number; text: string }>(
      target,
      "SELECT seq, text FROM messages WHERE conversation_id = ? ORDER BY seq",
      id,
    );
    expect(rows.map((r) => r.seq).slice(0, last)).toEqual(upTo(last));
    expect(rows[last - 1]?.text).toBe(`bulk ${last}`);
    expect(await sql(target, "SELECT * FROM transfer_in")).toEqual([]);
    expect(await sql(fx.queueId, "SELECT * FROM messages WHERE conversation_id = ?", id)).toEqual([]);
  });

  it("staging is idempotent, and a move missing part of its transcript is refused", async () => {
    const fx = await setupQueue();
    const target = await fx.addQueue();
    const stub = queueStub(target);
    const conversation = conversationRow(fx, "cv_paging_direct", 7);
    const row = (seq: number) => messageRow(conversation.id, seq);
    const chunk = { queueId: target, tenantId: fx.tenantId, conversationId: conversation.id };
    await stub.stageTranscript({ ...chunk, messages: [1, 2, 3].map(row) });
    const base = { queueId: target, tenantId: fx.tenantId, conversation, handOver: false };
    expect(await stub.acceptTransfer({ ...base, messages: [6, 7].map(row), total: 7 })).toEqual({
      taken: false,
      refusal: "incomplete",
    });
    expect(await sql(target, "SELECT * FROM conversations WHERE id = ?", conversation.id)).toEqual([]);
    expect(await sql(target, "SELECT * FROM transfer_in")).toEqual([]);

    await stub.stageTranscript({ ...chunk, messages: [1, 2, 3].map(row) });
    await stub.stageTranscript({ ...chunk, messages: [1, 2, 3, 4, 5].map(row) });
    expect(await stub.acceptTransfer({ ...base, messages: [6, 7].map(row), total: 7 })).toEqual({
      taken: true,
    });
    expect(await stub.acceptTransfer({ ...base, messages: [6, 7].map(row), total: 7 })).toEqual({
      taken: true,
    });
    const seqs = await sql<{ seq: number }>(
      target,
      "SELECT seq FROM messages WHERE conversation_id = ? AND seq <= 7 ORDER BY seq",
      conversation.id,
    );
    // routing follows at once (here: no agent, so a closing notice takes seq 8)
    expect(seqs.map((r) => r.seq)).toEqual(upTo(7));
    expect(await sql(target, "SELECT * FROM transfer_in")).toEqual([]);
  });
});
