/**
 * Conversation rows kept in memory by the store (`store/conversations.ts`): they always read as
 * SQLite holds them, after appends, updates, a rolled-back transaction and a staged transcript's
 * adoption.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { QueueContext } from "../context";
import type { ConversationRow } from "../store";
import { connectAgent, connectCustomer, queueStub, setupQueue } from "./fixtures";

const contextOf = (instance: unknown) => (instance as { q: QueueContext }).q;

async function connected() {
  const fx = await setupQueue();
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx);
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, agent, customer, id };
}

/** The kept row and the stored one, read in the object. */
const bothViews = (queueId: string, id: string) =>
  runInDurableObject(queueStub(queueId), (instance, state) => ({
    kept: { ...contextOf(instance).store.conversations.get(id)! },
    stored: state.storage.sql.exec<ConversationRow>("SELECT * FROM conversations WHERE id = ?", id).one(),
  }));

describe("conversation rows kept in memory", () => {
  it("an appended message moves the kept row as its trigger moves the stored one", async () => {
    const { fx, agent, customer, id } = await connected();
    await bothViews(fx.queueId, id); // kept from here on
    customer.send({ type: "message.send", clientMsgId: "c1", text: "hello" });
    const { seq } = await customer.next("message.acked");
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "hi" });
    expect((await agent.next("message.acked")).seq).toBe(seq + 1);
    const { kept, stored } = await bothViews(fx.queueId, id);
    expect(kept).toEqual(stored);
    expect(kept.last_seq).toBe(seq + 1);
  });

  it("a rolled-back transaction leaves nothing it wrote or read in the kept row", async () => {
    const { fx, id } = await connected();
    const before = await bothViews(fx.queueId, id);
    await runInDurableObject(queueStub(fx.queueId), async (instance) => {
      const q = contextOf(instance);
      await expect(
        q.steps.atomic(async () => {
          q.store.conversations.update(id, { state: "ended", ended_at: 1 });
          expect(q.store.conversations.get(id)?.state).toBe("ended");
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(q.store.conversations.get(id)?.state).toBe("connected");
    });
    const after = await bothViews(fx.queueId, id);
    expect(after.kept).toEqual(before.stored);
    expect(after.stored).toEqual(before.stored);
  });

  it("kept rows are frozen: a change goes through the store", async () => {
    const { fx, id } = await connected();
    await runInDurableObject(queueStub(fx.queueId), (instance) => {
      const c = contextOf(instance).store.conversations.get(id)!;
      expect(() => {
        (c as { state: string }).state = "ended";
      }).toThrow(TypeError);
    });
  });

  it("an update and a deletion are seen at once", async () => {
    const { fx, id } = await connected();
    await runInDurableObject(queueStub(fx.queueId), (instance) => {
      const q = contextOf(instance);
      q.store.conversations.get(id);
      q.store.conversations.update(id, { tags: '["t1"]' });
      expect(q.store.conversations.get(id)?.tags).toBe('["t1"]');
    });
    expect((await bothViews(fx.queueId, id)).kept.tags).toBe('["t1"]');
    await runInDurableObject(queueStub(fx.queueId), (instance) => {
      const q = contextOf(instance);
      q.store.conversations.delete(id);
      expect(q.store.conversations.get(id)).toBeNull();
    });
  });
});
