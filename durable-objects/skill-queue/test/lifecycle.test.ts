import { describe, expect, it } from "vitest";
import { connectAgent, connectCustomer, fire, setupQueue, sql } from "./fixtures";

describe("conversation lifecycle", () => {
  it("queues a customer, assigns an agent, exchanges messages and ends", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    expect((await agent.next("session.welcome")).agent?.status).toBe("idle");
    const customer = await connectCustomer(fx);
    const welcome = await customer.next("session.welcome");
    const conversationId = welcome.conversations[0]!.conversationId;
    const assigned = await agent.next("conversation.assigned");
    expect(assigned.conversation.conversationId).toBe(conversationId);
    await customer.next("conversation.updated", (f) => f.conversation.state === "connected");

    customer.send({ type: "message.send", clientMsgId: "c1", text: "hello" });
    const ack = await customer.next("message.acked");
    const got = await agent.next("message", (f) => f.message.sender === "customer");
    expect(got.message).toMatchObject({ text: "hello", seq: ack.seq, clientMsgId: "c1" });

    agent.send({ type: "message.send", conversationId, clientMsgId: "a1", text: "hi, how can I help?" });
    expect((await customer.next("message", (f) => f.message.sender === "agent")).message.text).toBe(
      "hi, how can I help?",
    );

    agent.send({ type: "conversation.end", conversationId });
    const ended = await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(ended.reason).toBe("agentEnded");
    await fire(fx.queueId, "archive");
    const rows = await sql(fx.queueId, "SELECT * FROM outbox");
    expect(rows).toEqual([]);
  });
});
