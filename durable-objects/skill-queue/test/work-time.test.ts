import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { notifyConfigChanged } from "../../../worker/realtime/notify";
import { connectAgent, connectCustomer, fire, queueStub, setupQueue, sql, type TestSocket } from "./fixtures";

const robot = { intents: [{ keywords: ["price"], reply: "From 10 EUR." }], defaultReply: "Robot default." };
const closed = { workday: [], nonWorkday: [], nonWorkingNotice: "Closed now, back at 9." };

/** Today's ISO weekday in UTC (1 = Monday … 7 = Sunday). */
const isoWeekdayToday = () => ((new Date().getUTCDay() + 6) % 7) + 1;

/** Works all day today (UTC) only: the next change is the coming UTC midnight. */
async function openToday(options: { chatbot?: boolean } = {}) {
  const fx = await setupQueue({
    agents: [{ maxConcurrentChats: 1 }],
    calendar: { workdays: [isoWeekdayToday()], holidays: [], extraWorkdays: [] },
    channel: {
      workTime: {
        workday: [{ start: "00:00", end: "24:00" }],
        nonWorkday: [],
        nonWorkingNotice: "Closed now, back at 9.",
      },
      chatbot: { enabled: options.chatbot ?? false },
    },
    robot,
  });
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  await agent.next("session.welcome");
  return { fx, agent };
}

const workTimers = (queueId: string) =>
  sql<{ ref: string; due_at: number }>(queueId, "SELECT ref, due_at FROM timers WHERE kind = 'workTime'");

async function closeChannel(channelId: string) {
  const row = await env.DB.prepare("SELECT config FROM channels WHERE id = ?")
    .bind(channelId)
    .first<{ config: string }>();
  const config = JSON.parse(row!.config);
  config.workTime = closed;
  await env.DB.prepare("UPDATE channels SET config = ? WHERE id = ?")
    .bind(JSON.stringify(config), channelId)
    .run();
}

async function toAgent(c: TestSocket, state: "queued" | "connected") {
  c.send({ type: "agent.request" });
  await c.next("conversation.updated", (f) => f.conversation.state === state);
  if (state === "queued") await c.next("queue.position");
}

describe("work-time boundary timer", () => {
  it("a waiting customer arms one timer per channel at the next work-time change", async () => {
    const { fx } = await openToday();
    expect(await workTimers(fx.queueId)).toEqual([]);
    const first = await connectCustomer(fx);
    await first.next("conversation.updated", (f) => f.conversation.state === "connected");
    await (await connectCustomer(fx)).next("queue.position");
    await (await connectCustomer(fx)).next("queue.position");
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(await workTimers(fx.queueId)).toEqual([{ ref: fx.channelId, due_at: midnight.getTime() }]);
  });

  it("inside work time a firing only re-arms it (idempotent)", async () => {
    const { fx } = await openToday();
    await (await connectCustomer(fx)).next(
      "conversation.updated",
      (f) => f.conversation.state === "connected",
    );
    const waiting = await connectCustomer(fx);
    await waiting.next("queue.position");
    const [armed] = await workTimers(fx.queueId);
    await fire(fx.queueId, "workTime");
    await fire(fx.queueId, "workTime");
    expect(await workTimers(fx.queueId)).toEqual([armed]);
    await waiting.settle();
    expect(waiting.all("conversation.updated").filter((f) => f.conversation.state === "ended")).toEqual([]);
  });

  it("when work time ends, waiting customers get the notice and end; bot and agent chats go on", async () => {
    const { fx, agent } = await openToday({ chatbot: true });
    const withAgent = await connectCustomer(fx);
    const waiting = await connectCustomer(fx);
    const withBot = await connectCustomer(fx);
    await toAgent(withAgent, "connected");
    await toAgent(waiting, "queued");
    const conversationId = (await agent.next("conversation.assigned")).conversation.conversationId;

    await closeChannel(fx.channelId);
    await evictDurableObject(queueStub(fx.queueId));
    await fire(fx.queueId, "workTime");

    expect((await waiting.next("message", (f) => f.message.sender === "system")).message.text).toBe(
      "Closed now, back at 9.",
    );
    expect((await waiting.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "nonWorkingTime",
    );
    withBot.send({ type: "message.send", clientMsgId: "b1", text: "price?" });
    expect((await withBot.next("message", (f) => f.message.sender === "robot")).message.text).toBe(
      "From 10 EUR.",
    );
    agent.send({ type: "message.send", conversationId, clientMsgId: "a1", text: "still here" });
    expect((await withAgent.next("message", (f) => f.message.sender === "agent")).message.text).toBe(
      "still here",
    );
    await withAgent.settle();
    expect(withAgent.all("conversation.updated").filter((f) => f.conversation.state === "ended")).toEqual([]);
    expect(await workTimers(fx.queueId)).toEqual([]);
  });

  it("a work-time change in the configuration is applied to waiting customers at once", async () => {
    const { fx } = await openToday();
    await (await connectCustomer(fx)).next(
      "conversation.updated",
      (f) => f.conversation.state === "connected",
    );
    const waiting = await connectCustomer(fx);
    await waiting.next("queue.position");
    await closeChannel(fx.channelId);
    await notifyConfigChanged(env, [fx.queueId]);
    expect((await waiting.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "nonWorkingTime",
    );
  });
});
