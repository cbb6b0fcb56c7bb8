import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, RATE_LIMIT_FRAMES } from "../../../worker/realtime/protocol";
import { connectAgent, connectCustomer, queueStub, setupQueue, sql, type TestSocket, tick } from "./fixtures";

async function connected() {
  const fx = await setupQueue();
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { visitorId: "delivery-visitor-0001" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, agent, customer, id };
}

describe("delivery guarantee", () => {
  it("a repeated clientMsgId is re-acknowledged with the original seq and stored once", async () => {
    const { fx, customer, agent, id } = await connected();
    customer.send({ type: "message.send", clientMsgId: "dup-1", text: "once" });
    const first = await customer.next("message.acked");
    customer.send({ type: "message.send", clientMsgId: "dup-1", text: "once" });
    const second = await customer.next("message.acked");
    expect(second.seq).toBe(first.seq);
    await agent.settle();
    expect(agent.all("message").filter((f) => f.message.clientMsgId === "dup-1")).toHaveLength(1);
    const rows = await sql(
      fx.queueId,
      "SELECT seq FROM messages WHERE conversation_id = ? AND client_msg_id = 'dup-1'",
      id,
    );
    expect(rows).toHaveLength(1);
  });

  it("an agent's retry after the chat ended is re-acknowledged; a new message is refused", async () => {
    const { agent, id } = await connected();
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "late-1", text: "bye" });
    const first = await agent.next("message.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await agent.next("conversation.updated", (f) => f.conversation.state === "ended");
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "late-1", text: "bye" });
    expect((await agent.next("message.acked")).seq).toBe(first.seq);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "late-2", text: "hello?" });
    expect(await agent.next("error")).toMatchObject({ code: "conflict", ref: "late-2" });
  });

  it("seqs are consecutive and the same order for everyone", async () => {
    const { customer, agent, id } = await connected();
    for (let i = 0; i < 5; i++) {
      customer.send({ type: "message.send", clientMsgId: `c${i}`, text: `c${i}` });
      agent.send({ type: "message.send", conversationId: id, clientMsgId: `a${i}`, text: `a${i}` });
    }
    await customer.settle();
    await agent.settle();
    const seen = (s: TestSocket) => s.all("message").map((f) => `${f.message.seq}:${f.message.text}`);
    expect(seen(customer)).toEqual(seen(agent));
    const seqs = customer.all("message").map((f) => f.message.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  });

  it("resume after a reconnect replays exactly the gap once", async () => {
    const { fx, customer, agent, id } = await connected();
    customer.send({ type: "message.send", clientMsgId: "c1", text: "before" });
    const { seq: lastSeen } = await customer.next("message.acked");
    customer.close();
    await tick(30);
    for (const n of [1, 2, 3])
      agent.send({ type: "message.send", conversationId: id, clientMsgId: `a${n}`, text: `missed ${n}` });
    await agent.settle();
    const back = await connectCustomer(fx, { visitorId: "delivery-visitor-0001" });
    const welcome = await back.next("session.welcome");
    expect(welcome.conversations[0]?.lastSeq).toBe(lastSeen + 3);
    back.send({ type: "session.resume", lastSeq: lastSeen });
    const resumed = await back.next("session.resumed");
    expect(resumed).toMatchObject({ conversationId: id, lastSeq: lastSeen + 3, replayed: 3 });
    expect(back.all("message").map((f) => f.message.text)).toEqual(["missed 1", "missed 2", "missed 3"]);
  });

  it("state and sockets survive eviction (hibernation): resume and new messages still work", async () => {
    const { fx, customer, agent, id } = await connected();
    customer.send({ type: "message.send", clientMsgId: "c1", text: "before eviction" });
    const { seq } = await customer.next("message.acked");
    await agent.settle();
    await evictDurableObject(queueStub(fx.queueId));
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "after eviction" });
    const ack = await agent.next("message.acked");
    expect(ack.seq).toBe(seq + 1);
    expect((await customer.next("message", (f) => f.message.text === "after eviction")).message.seq).toBe(
      seq + 1,
    );
    customer.send({ type: "session.resume", lastSeq: 0 });
    const resumed = await customer.next("session.resumed");
    expect(resumed.replayed).toBe(seq + 1);
  });

  it("an agent reconnecting after eviction resumes per conversation", async () => {
    const { fx, agent, customer, id } = await connected();
    customer.send({ type: "message.send", clientMsgId: "c1", text: "hello" });
    const { seq } = await customer.next("message.acked");
    agent.close();
    await evictDurableObject(queueStub(fx.queueId));
    const again = await connectAgent(fx.agents[0]!, fx.queueId);
    expect((await again.next("session.welcome")).conversations.map((c) => c.conversationId)).toEqual([id]);
    again.send({ type: "session.resume", conversations: [{ conversationId: id, lastSeq: seq - 1 }] });
    expect((await again.next("message")).message.text).toBe("hello");
    expect((await again.next("session.resumed")).replayed).toBe(1);
  });
});

describe("heartbeat", () => {
  it("ping is answered with pong by the runtime", async () => {
    const { customer } = await connected();
    customer.send("ping");
    for (let i = 0; i < 50 && customer.raw.length === 0; i++) await tick(10);
    expect(customer.raw).toEqual(["pong"]);
    expect(customer.all("error")).toHaveLength(0);
  });
});

describe("frame limits", () => {
  it.each([
    ["not JSON", "{nope"],
    ["an unknown type", JSON.stringify({ type: "bogus" })],
    ["a missing field", JSON.stringify({ type: "message.send", text: "x" })],
    ["an empty text", JSON.stringify({ type: "message.send", clientMsgId: "m", text: "   " })],
    ["an extra field", JSON.stringify({ type: "agent.request", admin: true })],
  ])("%s gets a typed error frame and the socket stays open", async (_what, raw) => {
    const { customer } = await connected();
    customer.send(raw);
    expect((await customer.next("error")).code).toBe("invalid_frame");
    customer.send({ type: "message.send", clientMsgId: "ok", text: "still here" });
    await customer.next("message.acked");
  });

  it("a binary frame gets a typed error", async () => {
    const { customer } = await connected();
    customer.ws.send(new Uint8Array([1, 2, 3]));
    const error = await customer.next("error");
    expect(error.message).toMatch(/Binary/);
  });

  it("a frame over the size limit closes with 1009; other sockets are unaffected", async () => {
    const { customer, agent, id } = await connected();
    customer.send(
      JSON.stringify({ type: "message.send", clientMsgId: "big", text: "x".repeat(MAX_FRAME_BYTES) }),
    );
    expect((await customer.waitClosed()).code).toBe(1009);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "fine" });
    await agent.next("message.acked");
  });

  it("a frame exactly at the limit is read (and refused by the text limit, not closed)", async () => {
    const { customer } = await connected();
    const base = JSON.stringify({ type: "message.send", clientMsgId: "edge", text: "" });
    customer.send(
      JSON.stringify({
        type: "message.send",
        clientMsgId: "edge",
        text: "y".repeat(MAX_FRAME_BYTES - base.length),
      }),
    );
    expect((await customer.next("error")).code).toBe("invalid_frame");
    expect(customer.closed).toBeNull();
  });

  it("a flood closes with 1008; other sockets are unaffected", async () => {
    const { customer, agent, id } = await connected();
    for (let i = 0; i <= RATE_LIMIT_FRAMES; i++) customer.send({ type: "typing.set", isTyping: i % 2 === 0 });
    expect((await customer.waitClosed()).code).toBe(1008);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "fine" });
    await agent.next("message.acked");
  });

  it("exactly the limit is allowed", async () => {
    const { customer } = await connected();
    for (let i = 0; i < RATE_LIMIT_FRAMES - 1; i++) customer.send({ type: "typing.set", isTyping: false });
    customer.send({ type: "message.send", clientMsgId: "last", text: "made it" });
    await customer.next("message.acked");
    expect(customer.closed).toBeNull();
  });

  it("a handler that throws answers an internal error frame and the object keeps serving", async () => {
    const { fx, customer, agent, id } = await connected();
    await sql(fx.queueId, "DROP TABLE waiting");
    customer.send({ type: "conversation.leave" });
    expect((await customer.next("error")).code).toBe("internal");
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "fine" });
    await agent.next("message.acked");
  });
});
