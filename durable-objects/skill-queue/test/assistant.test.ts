import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../../../worker/db/ids";
import { type ChannelConfig, channels, type Intent, robots } from "../../../worker/db/schema";
import {
  addChannel,
  connectAgent,
  connectCustomer,
  db,
  queueStub,
  setupQueue,
  type TestSocket,
} from "./fixtures";

const intents: Intent[] = [
  { keywords: ["refund", "money back"], reply: "Refunds take 3 days." },
  { keywords: ["parcel", "delivery"], reply: "Let me track your parcel." },
];

/**
 * Turns the robot assistant on for a channel: a robot of kind assistant, and the SilentAgent route
 * the channel's own route (its queue) unless `silentRouteOf` names another channel whose route to use.
 */
async function enableAssistant(
  fx: { tenantId: string; channelId: string },
  options: { enabled?: boolean; silentRouteOf?: string; defaultReply?: string | null } = {},
) {
  const accessCode = `as_${newId("x").slice(-10)}`;
  await db()
    .insert(robots)
    .values({
      id: newId("rb"),
      tenantId: fx.tenantId,
      name: "Assistant",
      accessCode,
      kind: "assistant",
      intents,
      defaultReply: options.defaultReply ?? null,
    });
  const row = (k: string) =>
    db()
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, fx.tenantId), eq(channels.id, k)))
      .then((r) => r[0]!);
  const channel = await row(fx.channelId);
  const silent = options.silentRouteOf ? (await row(options.silentRouteOf)).routeId : channel.routeId;
  const config: ChannelConfig = {
    ...channel.config,
    assistant: { enabled: options.enabled ?? true, accessCode, silentAgentRouteId: silent },
  };
  await db().update(channels).set({ config }).where(eq(channels.id, fx.channelId));
  return accessCode;
}

async function chat(fx: Awaited<ReturnType<typeof setupQueue>>) {
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { name: "Ada" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { agent, customer, id };
}

async function say(customer: TestSocket, clientMsgId: string, text: string): Promise<number> {
  customer.send({ type: "message.send", clientMsgId, text });
  return (await customer.next("message.acked", (f) => f.clientMsgId === clientMsgId)).seq;
}

describe("robot assistant suggestions", () => {
  it("each customer message brings the agent, and only the agent, ranked suggestions with a confidence", async () => {
    const fx = await setupQueue();
    await enableAssistant(fx);
    const { agent, customer, id } = await chat(fx);
    const seq = await say(customer, "c1", "my parcel never came, I want my money back");
    const s = await agent.next("assistant.suggested");
    expect(s).toMatchObject({ conversationId: id, seq });
    expect(s.suggestions.map((x) => x.reply)).toEqual(["Refunds take 3 days.", "Let me track your parcel."]);
    // letters: myparcelnevercameiwantmymoneyback = 32; "money back" covers 9, "parcel" 6
    expect(s.suggestions.map((x) => x.confidence)).toEqual([0.64, 0.59]);
    await say(customer, "c2", "refund");
    expect((await agent.next("assistant.suggested")).suggestions).toEqual([
      { reply: "Refunds take 3 days.", confidence: 1 },
    ]);
    await customer.settle();
    expect(customer.all("assistant.suggested" as never)).toEqual([]);
  });

  it("a message no intent matches gets the robot's default reply at confidence 0, or nothing without one", async () => {
    const fx = await setupQueue();
    await enableAssistant(fx, { defaultReply: "Let me check that for you." });
    const { agent, customer } = await chat(fx);
    await say(customer, "c1", "hello");
    expect((await agent.next("assistant.suggested")).suggestions).toEqual([
      { reply: "Let me check that for you.", confidence: 0 },
    ]);

    const plain = await setupQueue();
    await enableAssistant(plain);
    const other = await chat(plain);
    await say(other.customer, "c1", "hello");
    await other.agent.settle(150);
    expect(other.agent.all("assistant.suggested")).toEqual([]);
  });

  it("the customer's latest message before the assignment gets suggestions when the chat is assigned", async () => {
    const fx = await setupQueue();
    await enableAssistant(fx);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    agent.send({ type: "status.set", status: "rest" });
    await agent.next("agent.updated", (f) => f.agent.status === "rest");
    const customer = await connectCustomer(fx, { name: "Ada" });
    await customer.next("session.welcome");
    await say(customer, "c1", "hello?");
    const seq = await say(customer, "c2", "where is my delivery");
    agent.send({ type: "status.set", status: "idle" });
    await agent.next("conversation.assigned");
    expect(await agent.next("assistant.suggested")).toMatchObject({
      seq,
      suggestions: [{ reply: "Let me track your parcel." }],
    });
  });

  it("nothing when the channel's assistant is disabled", async () => {
    const fx = await setupQueue();
    await enableAssistant(fx, { enabled: false });
    const { agent, customer } = await chat(fx);
    await say(customer, "c1", "refund");
    await agent.next("message", (f) => f.message.text === "refund");
    await agent.settle(150);
    expect(agent.all("assistant.suggested")).toEqual([]);
  });

  it("listens only in the skill queue of its SilentAgent route", async () => {
    const fx = await setupQueue();
    const elsewhere = await fx.addQueue();
    const otherChannel = await addChannel(fx.tenantId, elsewhere);
    await enableAssistant(fx, { silentRouteOf: otherChannel });
    const { agent, customer } = await chat(fx);
    await say(customer, "c1", "refund");
    await agent.next("message", (f) => f.message.text === "refund");
    await agent.settle(150);
    expect(agent.all("assistant.suggested")).toEqual([]);
  });

  it("reads the robot from the configuration cache, not from D1 per message; a change reaches it on invalidation", async () => {
    const fx = await setupQueue();
    const code = await enableAssistant(fx);
    const { agent, customer } = await chat(fx);
    await say(customer, "c1", "refund");
    await agent.next("assistant.suggested");
    // changed in D1 without telling the queue: the cached robot still answers
    await db()
      .update(robots)
      .set({ intents: [{ keywords: ["refund"], reply: "New refund policy." }] })
      .where(and(eq(robots.tenantId, fx.tenantId), eq(robots.accessCode, code)));
    await say(customer, "c2", "refund");
    expect((await agent.next("assistant.suggested")).suggestions[0]!.reply).toBe("Refunds take 3 days.");
    await queueStub(fx.queueId).invalidateConfig();
    await say(customer, "c3", "refund");
    expect((await agent.next("assistant.suggested")).suggestions[0]!.reply).toBe("New refund policy.");
  });
});
