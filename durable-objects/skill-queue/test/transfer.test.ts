import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "../../agent-presence";
import { connectAgent, connectCustomer, insertQueue, setupQueue, sql, TestSocket, tick } from "./fixtures";

async function twoQueues() {
  const fx = await setupQueue();
  const other = await fx.addAgent([]);
  const target = await fx.addQueue({}, [other]);
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const targetAgent = await connectAgent(other, target);
  await targetAgent.next("session.welcome");
  const customer = await connectCustomer(fx, { visitorId: "moving-customer-0001" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, other, target, agent, targetAgent, customer, id };
}

describe("agent transfer between queues", () => {
  it("hands over the conversation and transcript; nothing is lost or duplicated", async () => {
    const { fx, target, agent, targetAgent, customer, id } = await twoQueues();
    customer.send({ type: "message.send", clientMsgId: "c1", text: "I need billing" });
    await customer.next("message.acked");
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "Transferring you" });
    await agent.next("message.acked");
    await customer.settle();
    const seen = customer.all("message").map((f) => f.message.seq);
    const lastSeen = Math.max(...seen);

    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    expect(await agent.next("conversation.removed")).toMatchObject({
      conversationId: id,
      reason: "transferred",
    });
    const moved = await customer.next("session.moved");
    expect(moved.skillQueueId).toBe(target);
    expect((await customer.waitClosed()).code).toBe(4004);
    expect((await presenceOf(env, fx.tenantId, fx.agents[0]!.employeeId).snapshot()).active).toBe(0);
    expect(await sql(fx.queueId, "SELECT * FROM conversations")).toEqual([]);

    const assigned = await targetAgent.next("conversation.assigned");
    expect(assigned.conversation.conversationId).toBe(id);
    expect(assigned.messages.map((m) => m.seq)).toEqual(assigned.messages.map((_, i) => i + 1));
    expect(assigned.messages.map((m) => m.text)).toContain("I need billing");

    const there = await TestSocket.open(moved.url);
    expect((await there.next("session.welcome")).conversations[0]?.conversationId).toBe(id);
    there.send({ type: "session.resume", lastSeq: lastSeen });
    const resumed = await there.next("session.resumed");
    const replayed = there.all("message").map((f) => f.message.seq);
    expect(replayed).toEqual(Array.from({ length: resumed.replayed }, (_, i) => lastSeen + 1 + i));
    there.send({ type: "message.send", clientMsgId: "c2", text: "hello again" });
    expect((await there.next("message.acked")).seq).toBe(resumed.lastSeq + 1);
    expect((await targetAgent.next("message", (f) => f.message.text === "hello again")).message.seq).toBe(
      resumed.lastSeq + 1,
    );
  });

  it("a customer offline during the move is sent on when they reconnect to the first queue", async () => {
    const { fx, target, agent, customer, id } = await twoQueues();
    customer.close();
    await tick(30);
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    await agent.next("conversation.removed");
    const back = await connectCustomer(fx, { visitorId: "moving-customer-0001" });
    expect((await back.next("session.moved")).skillQueueId).toBe(target);
    expect((await back.waitClosed()).code).toBe(4004);
  });

  it("once the moved conversation has ended there, a returning customer starts a new chat here", async () => {
    const { fx, target, agent, targetAgent, customer, id } = await twoQueues();
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    const moved = await customer.next("session.moved");
    const there = await TestSocket.open(moved.url);
    await there.next("session.welcome");
    await targetAgent.next("conversation.assigned");
    targetAgent.send({ type: "conversation.end", conversationId: id });
    await there.next("conversation.updated", (f) => f.conversation.state === "ended");
    const back = await connectCustomer(fx, { visitorId: "moving-customer-0001" });
    const welcome = await back.next("session.welcome");
    expect(welcome.skillQueueId).toBe(fx.queueId);
    expect(welcome.conversations[0]?.conversationId).not.toBe(id);
    expect(back.all("session.moved")).toHaveLength(0);
  });

  it.each([
    ["its own queue", "self", "not_allowed"],
    ["a queue of another type", "voice", "not_allowed"],
    ["another tenant's queue", "foreign", "not_found"],
    ["an unknown queue", "unknown", "not_found"],
  ])("refuses a transfer to %s", async (_what, kind, code) => {
    const { fx, agent, customer, id } = await twoQueues();
    const targetId =
      kind === "self"
        ? fx.queueId
        : kind === "voice"
          ? await insertQueue(fx.tenantId, { type: "voice" })
          : kind === "foreign"
            ? (await setupQueue()).queueId
            : "sq_unknown";
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: targetId });
    expect((await agent.next("error")).code).toBe(code);
    await customer.settle();
    expect(customer.all("session.moved")).toHaveLength(0);
  });

  it("only the conversation's agent may transfer it", async () => {
    const { fx, target, id } = await twoQueues();
    const stranger = await fx.addAgent([fx.queueId]);
    const socket = await connectAgent(stranger, fx.queueId);
    socket.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    expect((await socket.next("error")).code).toBe("not_found");
  });
});
