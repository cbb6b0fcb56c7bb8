import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "../../agent-presence";
import {
  addChannel,
  connectAgent,
  connectCustomer,
  conversationRow,
  type Fixture,
  insertQueue,
  messageRow,
  queueStub,
  setupQueue,
  sql,
  TestSocket,
  tick,
} from "./fixtures";

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

const GREETING = "You are now chatting with";
const greetings = (s: TestSocket) => s.all("message").filter((f) => f.message.text.startsWith(GREETING));

/** An agent of the fixture's queue chatting with a customer, and a target queue set up by `target`. */
async function chatThenTarget(target: (fx: Fixture) => Promise<string>) {
  const fx = await setupQueue();
  const targetId = await target(fx);
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx);
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, targetId, agent, customer, id };
}

/** The chat is still live with its agent: both can go on talking. */
async function stillChatting(agent: TestSocket, customer: TestSocket, id: string) {
  agent.send({ type: "message.send", conversationId: id, clientMsgId: "after-refusal", text: "Still here" });
  await customer.next("message", (f) => f.message.text === "Still here");
  await customer.settle();
  expect(customer.all("session.moved")).toHaveLength(0);
  expect(customer.all("conversation.updated").filter((f) => f.conversation.state === "ended")).toEqual([]);
  expect(greetings(customer)).toHaveLength(1);
  expect(agent.all("conversation.removed")).toHaveLength(0);
}

describe("an agent's hand-over never strands the customer", () => {
  it.each([
    ["release", undefined],
    ["transfer back to the agent's queue", "back"],
  ] as const)(
    "to a queue with nobody signed in (no-agent handling: %s) the chat stays with the agent",
    async (_what, back) => {
      const { fx, targetId, agent, customer, id } = await chatThenTarget((fx) =>
        fx.addQueue(
          back ? { noAgent: { action: "transfer", transferType: "skillQueue", targetId: fx.queueId } } : {},
          [fx.agents[0]!],
        ),
      );
      agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: targetId });
      expect(await agent.next("error")).toMatchObject({
        code: "unavailable",
        ref: "conversation.transfer",
        message: `Nobody is signed in to Queue ${targetId}; the chat stays with you`,
      });
      await stillChatting(agent, customer, id);
      expect(await sql(fx.queueId, "SELECT state, agent_id FROM conversations WHERE id = ?", id)).toEqual([
        { state: "connected", agent_id: fx.agents[0]!.employeeId },
      ]);
      expect((await presenceOf(env, fx.tenantId, fx.agents[0]!.employeeId).snapshot()).active).toBe(1);
      expect(await sql(targetId, "SELECT id FROM conversations")).toEqual([]);
    },
  );

  it("to a full queue whose agents are all busy, the chat stays with the agent", async () => {
    let targetAgent: TestSocket | null = null;
    const { agent, customer, id, targetId } = await chatThenTarget(async (fx) => {
      const other = await fx.addAgent([]);
      const target = await fx.addQueue({ maxCallsInQueue: 1 }, [other]);
      targetAgent = await connectAgent(other, target);
      await targetAgent.next("session.welcome");
      targetAgent.send({ type: "status.set", status: "rest" });
      await targetAgent.next("agent.updated", (f) => f.agent.status === "rest");
      const waiting = await connectCustomer({ channelId: await addChannel(fx.tenantId, target) });
      await waiting.next("queue.position");
      return target;
    });
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: targetId });
    expect(await agent.next("error")).toMatchObject({
      code: "unavailable",
      message: `Queue ${targetId} has as many customers waiting as it may hold; the chat stays with you`,
    });
    await stillChatting(agent, customer, id);
    expect(targetAgent).not.toBeNull();
  });

  it("arriving where nobody is idle, it waits there (no busy release) and the next idle agent takes it", async () => {
    let targetAgent: TestSocket | null = null;
    const { agent, customer, id, targetId } = await chatThenTarget(async (fx) => {
      const other = await fx.addAgent([]);
      // every customer arriving here would meet the busy condition and be released
      const target = await fx.addQueue({ busy: { forwardingCondition: "deviceUsage", threshold: 0 } }, [
        other,
      ]);
      targetAgent = await connectAgent(other, target);
      await targetAgent.next("session.welcome");
      targetAgent.send({ type: "status.set", status: "rest" });
      await targetAgent.next("agent.updated", (f) => f.agent.status === "rest");
      return target;
    });
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: targetId });
    await agent.next("conversation.removed", (f) => f.reason === "transferred");
    const there = await TestSocket.open((await customer.next("session.moved")).url);
    expect((await there.next("session.welcome")).conversations[0]?.state).toBe("queued");
    expect((await there.next("queue.position")).position).toBe(1);
    await there.settle();
    expect(there.all("conversation.updated").filter((f) => f.conversation.state === "ended")).toEqual([]);
    const other = targetAgent as unknown as TestSocket;
    other.send({ type: "status.set", status: "idle" });
    expect((await other.next("conversation.assigned")).conversation.conversationId).toBe(id);
    await there.next("conversation.updated", (f) => f.conversation.state === "connected");
  });

  it("back to the same agent in the target queue: the customer is not greeted twice", async () => {
    const { fx, agent, customer, id, targetId } = await chatThenTarget((fx) =>
      fx.addQueue({}, [fx.agents[0]!]),
    );
    const inTarget = await connectAgent(fx.agents[0]!, targetId);
    await inTarget.next("session.welcome");
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: targetId });
    await customer.next("session.moved");
    expect((await inTarget.next("conversation.assigned")).conversation.conversationId).toBe(id);
    await inTarget.settle();
    const texts = await sql<{ text: string }>(
      targetId,
      "SELECT text FROM messages WHERE conversation_id = ? ORDER BY seq",
      id,
    );
    expect(texts.filter((m) => m.text.startsWith(GREETING))).toHaveLength(1);
  });

  it("a hand-over arriving after everybody signed out of the target is refused there too", async () => {
    const fx = await setupQueue();
    const target = await fx.addQueue();
    const conversation = conversationRow(fx, "cv_handover_race", 1);
    const message = messageRow(conversation.id, 1);
    const payload = { queueId: target, tenantId: fx.tenantId, conversation, messages: [message], total: 1 };
    const stub = queueStub(target);
    expect(await stub.acceptTransfer({ ...payload, handOver: true })).toEqual({
      taken: false,
      refusal: "nobodySignedIn",
    });
    expect(await sql(target, "SELECT id FROM conversations")).toEqual([]);
    expect(await sql(target, "SELECT * FROM transfer_in")).toEqual([]);
    // an automatic transfer is an arriving customer: taken, then the target's own handling applies
    expect(await stub.acceptTransfer({ ...payload, handOver: false })).toEqual({ taken: true });
  });
});
