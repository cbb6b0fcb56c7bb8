import { describe, expect, it } from "vitest";
import { connectAgent, connectCustomer, fire, setupQueue } from "./fixtures";

const robot = {
  intents: [
    { keywords: ["price", "cost"], reply: "Our prices start at 10 EUR." },
    { keywords: ["退货"], reply: "退货请在七天内申请。" },
  ],
  defaultReply: "Robot default.",
};

describe("chatbot stage", () => {
  it.each([
    ["What does it COST?", "Our prices start at 10 EUR."],
    ["我想退货", "退货请在七天内申请。"],
    ["tell me a joke", "Channel default."],
  ])("answers %j with %j", async (text, reply) => {
    const fx = await setupQueue({
      channel: { chatbot: { enabled: true, defaultReply: "Channel default." } },
      robot,
    });
    const c = await connectCustomer(fx);
    expect((await c.next("session.welcome")).conversations[0]?.state).toBe("bot");
    c.send({ type: "message.send", clientMsgId: "m1", text });
    const answer = await c.next("message", (f) => f.message.sender === "robot");
    expect(answer.message).toMatchObject({ text: reply, senderName: "Robo" });
  });

  it("falls back to the robot's default reply when the channel has none", async () => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true, defaultReply: "" } }, robot });
    const c = await connectCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "m1", text: "???" });
    expect((await c.next("message", (f) => f.message.sender === "robot")).message.text).toBe(
      "Robot default.",
    );
  });

  it.each([
    ["a transfer keyword", { type: "message.send", clientMsgId: "m1", text: "I want a HUMAN please" }],
    ["the Transfer to Agent button", { type: "agent.request" }],
  ])("%s moves the customer to an agent with the transfer prompt", async (_what, frame) => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true } }, robot });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const c = await connectCustomer(fx);
    await c.next("session.welcome");
    c.send(frame);
    expect((await c.next("message", (f) => f.message.sender === "robot")).message.text).toBe(
      "Connecting you to an agent.",
    );
    await c.next("conversation.updated", (f) => f.conversation.state === "connected");
    await agent.next("conversation.assigned");
    expect(c.all("message").filter((f) => f.message.sender === "robot")).toHaveLength(0);
  });

  it("once with an agent the customer cannot go back to the robot", async () => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true } }, robot });
    await connectAgent(fx.agents[0]!, fx.queueId);
    const c = await connectCustomer(fx);
    c.send({ type: "agent.request" });
    await c.next("message", (f) => f.message.sender === "robot");
    await c.next("conversation.updated", (f) => f.conversation.state === "connected");
    c.send({ type: "agent.request" });
    expect((await c.next("error")).code).toBe("conflict");
    c.send({ type: "message.send", clientMsgId: "m2", text: "price?" });
    await c.next("message.acked");
    await c.settle();
    expect(c.all("message").some((f) => f.message.sender === "robot")).toBe(false);
  });

  it("without a chatbot the customer goes straight to the queue", async () => {
    const fx = await setupQueue({ robot });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const c = await connectCustomer(fx);
    expect((await c.next("session.welcome")).conversations[0]?.state).toBe("queued");
    await agent.next("conversation.assigned");
  });

  it("robot idle timeout: the timeout reply and the chat ends", async () => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true } }, robot });
    const c = await connectCustomer(fx);
    await c.next("session.welcome");
    await fire(fx.queueId, "robotIdle");
    expect((await c.next("message", (f) => f.message.sender === "robot")).message.text).toBe(
      "Bye from the robot.",
    );
    expect((await c.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "robotTimeout",
    );
  });
});

describe("agent work time", () => {
  const closed = {
    workday: [{ start: "00:00", end: "00:01" }],
    nonWorkday: [],
    nonWorkingNotice: "Closed, back at 9.",
  };

  it("outside work time: the non-working-time notice and no queueing", async () => {
    const fx = await setupQueue({ channel: { workTime: closed } });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const c = await connectCustomer(fx);
    expect((await c.next("message", (f) => f.message.sender === "system")).message.text).toBe(
      "Closed, back at 9.",
    );
    expect((await c.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "nonWorkingTime",
    );
    await agent.settle();
    expect(agent.all("conversation.assigned")).toHaveLength(0);
  });

  it("a holiday is not a workday, even with all-day workday segments", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const fx = await setupQueue({
      calendar: { workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [today], extraWorkdays: [] },
      channel: {
        workTime: {
          workday: [{ start: "00:00", end: "24:00" }],
          nonWorkday: [],
          nonWorkingNotice: "Holiday.",
        },
      },
    });
    const c = await connectCustomer(fx);
    expect((await c.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "nonWorkingTime",
    );
  });

  it("with a chatbot, the robot still answers; asking for an agent gets the notice", async () => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true }, workTime: closed }, robot });
    const c = await connectCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "m1", text: "price" });
    expect((await c.next("message", (f) => f.message.sender === "robot")).message.text).toBe(
      "Our prices start at 10 EUR.",
    );
    c.send({ type: "agent.request" });
    expect((await c.next("message", (f) => f.message.sender === "system")).message.text).toBe(
      "Closed, back at 9.",
    );
    expect((await c.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "nonWorkingTime",
    );
  });
});
