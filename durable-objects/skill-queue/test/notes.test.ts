import { runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../../../worker/db/ids";
import { tags } from "../../../worker/db/schema";
import { MAX_NOTE_CHARS, MAX_NOTES } from "../../../worker/realtime/protocol";
import { archivedTranscript } from "../../../worker/test/archive-fixtures";
import { Store } from "../store";
import { MIGRATIONS } from "../store/schema";
import {
  adminOf,
  connectAgent,
  connectCustomer,
  db,
  dropSchema,
  fire,
  queueStub,
  setupQueue,
  sql,
  TestSocket,
  tick,
} from "./fixtures";

/** An agent in a chat with a customer, and a quality checker watching it. */
async function watchedChat() {
  const fx = await setupQueue({ agents: [{}, { platformRole: "qualityChecker" }] });
  const [staff, checkerStaff] = fx.agents as [(typeof fx.agents)[0], (typeof fx.agents)[0]];
  const agent = await connectAgent(staff, fx.queueId);
  const customer = await connectCustomer(fx, { name: "Ada" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  const checker = await connectAgent(checkerStaff, fx.queueId);
  await checker.next("queue.snapshot");
  checker.send({ type: "conversation.watch", conversationId: id });
  await checker.next("conversation.assigned");
  return { fx, staff, checkerStaff, agent, customer, checker, id };
}

async function addTags(tenantId: string, ...names: string[]): Promise<string[]> {
  const rows = names.map((name) => ({ id: newId("tag"), tenantId, name }));
  await db().insert(tags).values(rows);
  return rows.map((r) => r.id);
}

/** Everything a socket received, as one string (to prove a text never reached it). */
const everything = (s: TestSocket) => JSON.stringify(s.frames);

describe("private notes", () => {
  it("reach the agent and the watching checker, exactly once, and never the customer", async () => {
    const { agent, customer, checker, id, staff } = await watchedChat();
    customer.send({ type: "message.send", clientMsgId: "c1", text: "hello" });
    const c1 = await customer.next("message.acked");

    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "  VIP, refund approved " });
    expect(await agent.next("note.acked")).toEqual({
      type: "note.acked",
      conversationId: id,
      clientMsgId: "n1",
      seq: 1,
    });
    const note = {
      conversationId: id,
      seq: 1,
      authorEmployeeId: staff.employeeId,
      authorName: staff.name,
      text: "VIP, refund approved",
      clientMsgId: "n1",
      at: expect.any(Number),
    };
    expect((await agent.next("note")).note).toEqual(note);
    expect((await checker.next("note")).note).toEqual(note);

    // a retry is acknowledged with the same seq and not sent again
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "VIP, refund approved" });
    expect((await agent.next("note.acked")).seq).toBe(1);
    checker.send({ type: "note.add", conversationId: id, clientMsgId: "q1", text: "Watch the tone" });
    expect((await checker.next("note.acked")).seq).toBe(2);
    await agent.next("note", (f) => f.note.seq === 2);
    await checker.next("note", (f) => f.note.seq === 2);

    // the customer's seqs go on without a gap
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "Done" });
    const a1 = await agent.next("message.acked");
    expect(a1.seq).toBe(c1.seq + 1);
    await customer.next("message", (f) => f.message.text === "Done");
    await agent.settle();
    await checker.settle();
    expect(agent.all("note")).toEqual([]);
    expect(checker.all("note")).toEqual([]);

    // nor in a replay from the start or a history page
    customer.send({ type: "session.resume", lastSeq: 0 });
    const resumed = await customer.next("session.resumed");
    expect(resumed.lastSeq).toBe(a1.seq);
    customer.send({ type: "history.fetch", conversationId: id, beforeSeq: a1.seq + 1 });
    const page = await customer.next("history.page");
    expect(page.messages.map((m) => m.seq)).toEqual(page.messages.map((_, i) => i + 1));
    await customer.settle();
    expect(everything(customer)).not.toContain("refund approved");
    expect(everything(customer)).not.toContain("Watch the tone");
    expect(everything(customer)).not.toContain('"note');
  });

  it("are staff commands: a customer cannot send one, nor read one with its history", async () => {
    const { customer, id } = await watchedChat();
    customer.send({ type: "note.add", conversationId: id, clientMsgId: "x", text: "hi" });
    expect((await customer.next("error")).code).toBe("invalid_frame");
    customer.send({ type: "tags.set", conversationId: id, tagIds: [] });
    expect((await customer.next("error")).code).toBe("invalid_frame");
  });

  it("are for the conversation's agent and the checkers watching it", async () => {
    const { fx, id, checker } = await watchedChat();
    const other = await fx.addAgent([fx.queueId]);
    const stranger = await connectAgent(other, fx.queueId);
    await stranger.next("session.welcome");
    stranger.send({ type: "note.add", conversationId: id, clientMsgId: "s1", text: "mine?" });
    expect(await stranger.next("error")).toMatchObject({ code: "not_found", ref: id });
    checker.send({ type: "conversation.unwatch", conversationId: id });
    await checker.next("conversation.removed");
    checker.send({ type: "note.add", conversationId: id, clientMsgId: "q1", text: "still?" });
    expect(await checker.next("error")).toMatchObject({ code: "not_found", ref: id });
    stranger.send({
      type: "session.resume",
      conversations: [{ conversationId: id, lastSeq: 0, lastNoteSeq: 0 }],
    });
    expect((await stranger.next("error")).code).toBe("not_found");
    await stranger.settle();
    expect(stranger.all("note")).toEqual([]);
  });

  it(`hold ${MAX_NOTE_CHARS} characters and ${MAX_NOTES} notes per conversation`, async () => {
    const { agent, id } = await watchedChat();
    agent.send({
      type: "note.add",
      conversationId: id,
      clientMsgId: "long",
      text: "x".repeat(MAX_NOTE_CHARS + 1),
    });
    expect(await agent.next("error")).toMatchObject({ code: "invalid_frame", ref: "note.add" });
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "empty", text: "   " });
    expect((await agent.next("error")).issues).toEqual({ text: ["text is empty"] });
    for (let i = 1; i <= MAX_NOTES; i++) {
      agent.send({
        type: "note.add",
        conversationId: id,
        clientMsgId: `n${i}`,
        text: "x".repeat(MAX_NOTE_CHARS),
      });
      expect((await agent.next("note.acked")).seq).toBe(i);
      await tick(60); // stay under the frame rate limit
    }
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "over", text: "one more" });
    expect(await agent.next("error")).toMatchObject({ code: "conflict", ref: "over" });
    // a retry of a stored note is still acknowledged
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n3", text: "x" });
    expect((await agent.next("note.acked")).seq).toBe(3);
  });

  it("are taken while the chat is live; a retry after the end is still acknowledged", async () => {
    const { agent, customer, id } = await watchedChat();
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "before" });
    await agent.next("note.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n2", text: "after" });
    expect(await agent.next("error")).toMatchObject({ code: "conflict", ref: "n2" });
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "before" });
    expect((await agent.next("note.acked")).seq).toBe(1);
  });

  it("come with a watch and an intercept, and again on a staff resume after the note seq held", async () => {
    const { fx, agent, checkerStaff, id } = await watchedChat();
    const [refund] = await addTags(fx.tenantId, "Refund");
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "first" });
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n2", text: "second" });
    agent.send({ type: "tags.set", conversationId: id, tagIds: [refund!] });
    await agent.next("conversation.tagged");

    const late = await connectAgent(checkerStaff, fx.queueId);
    await late.next("queue.snapshot");
    late.send({ type: "conversation.watch", conversationId: id });
    const watched = await late.next("conversation.assigned");
    expect(watched.notes.map((n) => n.text)).toEqual(["first", "second"]);
    expect(watched.tagIds).toEqual([refund]);

    const again = await connectAgent(fx.agents[0]!, fx.queueId);
    await again.next("session.welcome");
    again.send({
      type: "session.resume",
      conversations: [{ conversationId: id, lastSeq: 0, lastNoteSeq: 1 }],
    });
    expect((await again.next("note")).note.text).toBe("second");
    expect(await again.next("conversation.tagged")).toMatchObject({ conversationId: id, tagIds: [refund] });
    await again.next("session.resumed");
    await again.settle();
    expect(again.all("note")).toEqual([]);
    // without lastNoteSeq (an older client) nothing but messages
    again.send({ type: "session.resume", conversations: [{ conversationId: id, lastSeq: 0 }] });
    await again.next("session.resumed");
    await again.settle();
    expect(again.all("note")).toEqual([]);
    expect(again.all("conversation.tagged")).toEqual([]);

    late.send({ type: "conversation.intercept", conversationId: id });
    const taken = await late.next(
      "conversation.assigned",
      (f) => f.conversation.agentEmployeeId === checkerStaff.employeeId,
    );
    expect(taken.notes.map((n) => n.seq)).toEqual([1, 2]);
  });
});

describe("tags on a live conversation", () => {
  it("are set by the agent from the tenant's list and reach staff only", async () => {
    const { fx, agent, customer, checker, id } = await watchedChat();
    const [refund, vip] = await addTags(fx.tenantId, "Refund", "VIP");
    const [foreign] = await addTags((await setupQueue()).tenantId, "Elsewhere");
    agent.send({ type: "tags.set", conversationId: id, tagIds: [refund, foreign] });
    expect(await agent.next("error")).toMatchObject({
      code: "invalid_frame",
      ref: "tags.set",
      issues: { "tagIds.1": ["No such tag"] },
    });
    agent.send({ type: "tags.set", conversationId: id, tagIds: [vip, refund] });
    expect((await agent.next("conversation.tagged")).tagIds).toEqual([vip, refund]);
    expect((await checker.next("conversation.tagged")).tagIds).toEqual([vip, refund]);
    agent.send({
      type: "tags.set",
      conversationId: id,
      tagIds: Array.from({ length: 11 }, (_, i) => `t${i}`),
    });
    expect((await agent.next("error")).issues?.tagIds).toEqual(["a conversation has at most 10 tags"]);
    await customer.settle();
    expect(customer.all("conversation.tagged" as never)).toEqual([]);
    expect(everything(customer)).not.toContain(vip);
  });

  it("a tag created after the queue loaded its list is known after the change notice", async () => {
    const { fx, agent, id } = await watchedChat();
    agent.send({ type: "tags.set", conversationId: id, tagIds: [] });
    await agent.next("conversation.tagged");
    const admin = await adminOf(fx);
    const created = await admin.post("/tags", { name: "New" });
    agent.send({ type: "tags.set", conversationId: id, tagIds: [created.body.id] });
    expect((await agent.next("conversation.tagged")).tagIds).toEqual([created.body.id]);
  });
});

describe("archive of notes and tags", () => {
  it("writes notes apart from the transcript and the tags; tags set in wrap-up update the archive", async () => {
    const { fx, agent, customer, id } = await watchedChat();
    const [refund, vip, gone] = await addTags(fx.tenantId, "Refund", "VIP", "Gone");
    customer.send({ type: "message.send", clientMsgId: "c1", text: "hello" });
    await customer.next("message.acked");
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "internal only" });
    await agent.next("note.acked");
    agent.send({ type: "tags.set", conversationId: id, tagIds: [refund, gone] });
    await agent.next("conversation.tagged");
    await db().delete(tags).where(eq(tags.id, gone!));
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");

    const admin = await adminOf(fx);
    const archived = await admin.get(`/conversations/${id}`);
    expect(archived.body.transcript.map((l: { text: string }) => l.text)).not.toContain("internal only");
    expect(archived.body.notes).toEqual([
      {
        seq: 1,
        authorEmployeeId: fx.agents[0]!.employeeId,
        authorName: fx.agents[0]!.name,
        text: "internal only",
        createdAt: expect.any(Number),
      },
    ]);
    expect(archived.body.tags).toEqual([{ id: refund, name: "Refund" }]);

    // during wrap-up the agent changes the tags; the archive follows
    agent.send({ type: "tags.set", conversationId: id, tagIds: [vip] });
    await agent.next("conversation.tagged");
    await tick(50);
    await fire(fx.queueId, "archive");
    expect((await admin.get(`/conversations/${id}`)).body.tags).toEqual([{ id: vip, name: "VIP" }]);
    expect(await sql(fx.queueId, "SELECT * FROM outbox")).toEqual([]);
    const { messages, notes } = await archivedTranscript(id);
    expect(messages.map((m) => m.text)).not.toContain("internal only");
    expect(notes.map((n) => n.text)).toEqual(["internal only"]);
  });
});

describe("notes and tags through a transfer", () => {
  it("move with the conversation to the target queue's agent, still never to the customer", async () => {
    const { fx, agent, customer, id } = await watchedChat();
    const [refund] = await addTags(fx.tenantId, "Refund");
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const targetAgent = await connectAgent(other, target);
    await targetAgent.next("session.welcome");
    agent.send({ type: "note.add", conversationId: id, clientMsgId: "n1", text: "hand-over note" });
    await agent.next("note.acked");
    agent.send({ type: "tags.set", conversationId: id, tagIds: [refund] });
    await agent.next("conversation.tagged");

    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    const moved = await customer.next("session.moved");
    const assigned = await targetAgent.next("conversation.assigned");
    expect(assigned.notes.map((n) => [n.seq, n.text])).toEqual([[1, "hand-over note"]]);
    expect(assigned.tagIds).toEqual([refund]);

    const there = await TestSocket.open(moved.url);
    await there.next("session.welcome");
    there.send({ type: "session.resume", lastSeq: 0 });
    await there.next("session.resumed");
    await there.settle();
    expect(everything(there)).not.toContain("hand-over note");
    // notes go on numbered after the moved ones
    targetAgent.send({ type: "note.add", conversationId: id, clientMsgId: "n2", text: "taken" });
    expect((await targetAgent.next("note.acked")).seq).toBe(2);
  });
});

describe("store", () => {
  it("gives an object from before notes a notes table and tags on its conversations", async () => {
    const fx = await setupQueue();
    const rows = await runInDurableObject(queueStub(fx.queueId), (_i, state) => {
      const s = state.storage.sql;
      const tx = (step: () => void) => state.storage.transactionSync(step);
      // an object at the version before notes (step 5): every table dropped, then rebuilt by the steps before it
      dropSchema(s);
      new Store(s).migrate(tx, MIGRATIONS.slice(0, 4));
      s.exec(`INSERT INTO conversations (id, tenant_id, channel_id, customer_id, state, started_at, last_customer_at)
        VALUES ('cv_old', 't', 'c', 'anon_x', 'connected', 1, 1)`);
      new Store(s).migrate(tx);
      const store = new Store(s);
      store.notes.append({
        conversation_id: "cv_old",
        author_id: "1",
        author_name: "A",
        text: "n",
        client_msg_id: "x",
        at: 1,
      });
      return { tags: store.conversations.get("cv_old")?.tags, notes: store.notes.count("cv_old") };
    });
    expect(rows).toEqual({ tags: "[]", notes: 1 });
  });
});
