/**
 * Pre-chat values on the queue's side: kept with the conversation when it starts, shown to its
 * agent (assignment and a reloaded workbench), carried by a transfer, untouched by a reconnect
 * with other values, and archived to the history.
 */
import { describe, expect, it } from "vitest";
import type { ChannelConfig } from "../../../worker/db/schema";
import { adminOf, connectAgent, fire, postJson, setupQueue, TestSocket, tick } from "./fixtures";

const preChatForm: NonNullable<ChannelConfig["preChatForm"]> = {
  enabled: true,
  fields: [
    { key: "name", kind: "name", label: "Your name", required: true, options: [] },
    { key: "order", kind: "text", label: "Order number", required: false, options: [] },
  ],
};
const values = [
  { key: "name", label: "Your name", value: "Ada", verified: false },
  { key: "order", label: "Order number", value: "A-1001", verified: false },
];

let n = 0;
async function customer(
  channelId: string,
  preChat: Record<string, string>,
  visitorId = `prechat-visitor-${n++}-abcdef`,
) {
  const res = await postJson(
    "/api/v1/chat/tickets",
    { channelId, visitorId, preChat },
    { "cf-connecting-ip": `198.18.0.${n++ % 250}` },
  );
  if (res.status !== 201) throw new Error(`ticket ${res.status} ${JSON.stringify(res.body)}`);
  return TestSocket.open(res.body.url);
}

describe("pre-chat values in the queue", () => {
  it("reach the agent, survive a workbench reload and a reconnect with other values, and go to the history", async () => {
    const fx = await setupQueue({ channel: { preChatForm } });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const visitorId = "prechat-returning-visitor-1";
    const first = await customer(fx.channelId, { name: "Ada", order: "A-1001" }, visitorId);
    const assigned = await agent.next("conversation.assigned");
    expect(assigned.conversation).toMatchObject({ customerName: "Ada", preChat: values });
    const id = assigned.conversation.conversationId;

    // the customer reloads and fills the form again differently: the conversation keeps its values
    first.close();
    const again = await customer(fx.channelId, { name: "Someone else", order: "" }, visitorId);
    expect((await again.next("session.welcome")).conversations[0]).toMatchObject({
      conversationId: id,
      preChat: values,
    });

    // the agent reloads the workbench: the welcome lists the conversation with its values
    agent.close();
    const reloaded = await connectAgent(fx.agents[0]!, fx.queueId);
    expect((await reloaded.next("session.welcome")).conversations).toMatchObject([
      { conversationId: id, preChat: values },
    ]);

    reloaded.send({ type: "conversation.end", conversationId: id });
    await again.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");
    const admin = await adminOf(fx);
    const history = await admin.get(`/conversations/${id}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ customerName: "Ada", customerNameVerified: false, preChat: values });
    expect((await admin.get("/conversations")).body.items[0]).toMatchObject({ id, preChat: values });
  });

  it("travel with a transfer to another queue", async () => {
    const fx = await setupQueue({ channel: { preChatForm } });
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    await targetAgent.next("session.welcome");
    await customer(fx.channelId, { name: "Ada", order: "A-1001" });
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    const there = await targetAgent.next("conversation.assigned");
    expect(there.conversation).toMatchObject({ conversationId: id, preChat: values });
  });
});
