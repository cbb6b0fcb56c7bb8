/**
 * Transcripts go to R2, one object per ended conversation, while D1 keeps the compact index row:
 * the D1 statements of one ended conversation (one batch, however long the chat), the object's
 * content, the retry when R2 fails, and evaluations and tags after the end landing in the index.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { transcriptKey } from "../../../worker/archive/transcript";
import { readTranscript } from "../../../worker/archive/transcripts";
import { newId } from "../../../worker/db/ids";
import { recordingD1 } from "../../../worker/test/recording-d1";
import { flushOutbox } from "../archive";
import type { QueueContext } from "../context";
import type { SkillQueue } from "../index";
import { connectAgent, connectCustomer, fire, queueStub, setupQueue, sql, tick } from "./fixtures";

const MESSAGES = 25;
const NOTES = 3;

/** A chat of `MESSAGES` customer messages and `NOTES` notes, ended, its outbox flush held back. */
async function longChat() {
  const fx = await setupQueue();
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { name: "Grace" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  for (let i = 1; i <= MESSAGES; i++) {
    customer.send({ type: "message.send", clientMsgId: `c${i}`, text: `question ${i}` });
    await customer.next("message.acked");
  }
  for (let i = 1; i <= NOTES; i++) {
    agent.send({ type: "note.add", conversationId: id, clientMsgId: `n${i}`, text: `note ${i}` });
    await agent.next("note.acked");
  }
  await sql(
    fx.queueId,
    "INSERT INTO timers (kind, ref, due_at) VALUES ('archive', 'outbox', ?)",
    Date.now() + 3_600_000,
  );
  agent.send({ type: "conversation.end", conversationId: id });
  await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
  return { fx, agent, customer, id };
}

const contextOf = (instance: SkillQueue) => (instance as unknown as { q: QueueContext }).q;

async function flushWith(queueId: string, patch: (q: QueueContext) => Partial<QueueContext["env"]>) {
  await runInDurableObject(queueStub(queueId), async (instance: SkillQueue) => {
    const q = contextOf(instance);
    await flushOutbox({ ...q, env: { ...q.env, ...patch(q) } } as QueueContext);
  });
}

const legacyRows = async (id: string) => {
  const m = await env.DB.prepare("SELECT count(*) AS n FROM conversation_messages WHERE conversation_id = ?")
    .bind(id)
    .first<{ n: number }>();
  const n = await env.DB.prepare("SELECT count(*) AS n FROM conversation_notes WHERE conversation_id = ?")
    .bind(id)
    .first<{ n: number }>();
  return (m?.n ?? 0) + (n?.n ?? 0);
};

describe("archive to R2", () => {
  it(`writes one D1 batch of the index row and tags per ended conversation (${MESSAGES} messages, ${NOTES} notes)`, async () => {
    const { fx } = await longChat();
    const recording = recordingD1(env.DB);
    await flushWith(fx.queueId, () => ({ DB: recording.DB }));
    console.log(
      `D1 statements for one ended conversation: ${recording.statements.length} in ${recording.batches()} batch(es)`,
    );
    expect(recording.batches()).toBe(1);
    // the conversations row (upsert) and its tags (insert … select): nothing per message or note
    expect(recording.statements).toHaveLength(2);
    expect(recording.statements.every((s) => !/conversation_(messages|notes)/.test(s))).toBe(true);
    expect(await sql(fx.queueId, "SELECT * FROM outbox")).toEqual([]);
  });

  it("keeps the transcript in R2, none of it in D1, and reads it back whole", async () => {
    const { fx, id } = await longChat();
    await fire(fx.queueId, "archive");
    const row = await env.DB.prepare("SELECT started_at, message_count FROM conversations WHERE id = ?")
      .bind(id)
      .first<{ started_at: number; message_count: number }>();
    expect(row).not.toBeNull();
    const ref = { tenantId: fx.tenantId, id, startedAt: row!.started_at };
    const object = await env.ARCHIVE.get(transcriptKey(ref));
    expect(object?.key).toMatch(new RegExp(`^t/${fx.tenantId}/\\d{4}-\\d{2}/${id}\\.json$`));
    const stored = (await object!.json()) as { v: number; messages: { text: string }[] };
    expect(stored.v).toBe(1);
    expect(await legacyRows(id)).toBe(0);
    const t = await readTranscript(env, ref);
    expect(t.messages).toHaveLength(row!.message_count);
    expect(t.messages.map((m) => m.seq)).toEqual(t.messages.map((_, i) => i + 1));
    expect(t.messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(Array.from({ length: MESSAGES }, (_, i) => `question ${i + 1}`)),
    );
    expect(t.notes.map((n) => n.text)).toEqual(["note 1", "note 2", "note 3"]);
    expect(t.notes[0]).toMatchObject({ seq: 1, authorEmployeeId: fx.agents[0]!.employeeId });
  });

  it("when R2 fails, writes nothing to D1, keeps the outbox row and succeeds on the retry", async () => {
    const { fx, id } = await longChat();
    const failing = new Proxy(env.ARCHIVE, {
      get(target, prop) {
        if (prop === "put") return () => Promise.reject(new Error("R2 is unavailable"));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await flushWith(fx.queueId, () => ({ ARCHIVE: failing }));
    expect(await sql(fx.queueId, "SELECT kind, attempts FROM outbox")).toEqual([
      { kind: "archive", attempts: 1 },
    ]);
    expect(await env.DB.prepare("SELECT id FROM conversations WHERE id = ?").bind(id).first()).toBeNull();
    await fire(fx.queueId, "archive");
    expect(await sql(fx.queueId, "SELECT * FROM outbox")).toEqual([]);
    expect(await env.DB.prepare("SELECT id FROM conversations WHERE id = ?").bind(id).first()).not.toBeNull();
  });

  it("an evaluation and tags after the end land in the index row; the transcript object is not rewritten", async () => {
    const fx = await setupQueue();
    const tagId = newId("tag");
    await env.DB.prepare("INSERT INTO tags (id, tenant_id, name) VALUES (?, ?, 'Refund')")
      .bind(tagId, fx.tenantId)
      .run();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const customer = await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    customer.send({ type: "message.send", clientMsgId: "c1", text: "hello" });
    await customer.next("message.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");
    const listed = await env.ARCHIVE.list({ prefix: `t/${fx.tenantId}/` });
    expect(listed.objects).toHaveLength(1);
    const uploaded = listed.objects[0]!.uploaded.getTime();
    customer.send({ type: "evaluation.submit", conversationId: id, rating: 4, comment: "fine" });
    await customer.next("evaluation.recorded");
    agent.send({ type: "tags.set", conversationId: id, tagIds: [tagId] });
    await agent.next("conversation.tagged");
    await tick(50);
    await fire(fx.queueId, "archive");
    const row = await env.DB.prepare("SELECT rating, comment FROM conversations WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ rating: 4, comment: "fine" });
    const tags = await env.DB.prepare("SELECT tag_id FROM conversation_tags WHERE conversation_id = ?")
      .bind(id)
      .all();
    expect(tags.results).toEqual([{ tag_id: tagId }]);
    const after = await env.ARCHIVE.list({ prefix: `t/${fx.tenantId}/` });
    expect(after.objects.map((o) => o.uploaded.getTime())).toEqual([uploaded]);
  });
});
