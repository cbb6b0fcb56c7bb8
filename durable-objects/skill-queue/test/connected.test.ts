import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_DURATION_NOTICE } from "../alarm";
import { connectAgent, connectCustomer, fire, setupQueue, sql, tick } from "./fixtures";

async function connected(options: Parameters<typeof setupQueue>[0] = {}) {
  const fx = await setupQueue(options);
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx, { name: "Ada" });
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, agent, customer, id };
}

/** As if the customer had said nothing for the last `ms`. */
const silentFor = (queueId: string, ms: number) =>
  sql(queueId, "UPDATE conversations SET last_customer_at = ?", Date.now() - ms);

const dueIn = async (queueId: string, kind: string) => {
  const [row] = await sql<{ due_at: number }>(queueId, "SELECT due_at FROM timers WHERE kind = ?", kind);
  return row ? row.due_at - Date.now() : null;
};

describe("no-reply dialog end", () => {
  it.each([
    ["enabled, 3 minutes", { enabled: true, noReplyMinutes: 3, conclusion: "Closed for inactivity." }, 180],
    ["disabled: 20 minutes", { enabled: false, noReplyMinutes: 3, conclusion: "ignored" }, 1200],
  ])("%s", async (_what, dialogEnd, seconds) => {
    const { fx, customer } = await connected({ channel: { dialogEnd } });
    expect(Math.round((await dueIn(fx.queueId, "noReply"))! / 1000)).toBe(seconds);
    await silentFor(fx.queueId, seconds * 1000);
    await fire(fx.queueId, "noReply");
    const ended = await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(ended.reason).toBe("noReply");
    const system = customer
      .all("message")
      .filter((f) => f.message.sender === "system")
      .map((f) => f.message.text);
    expect(system.includes("Closed for inactivity.")).toBe(dialogEnd.enabled);
  });

  it("each customer message restarts the no-reply window; agent messages do not", async () => {
    const { fx, customer, agent, id } = await connected({
      channel: { dialogEnd: { enabled: true, noReplyMinutes: 1, conclusion: "x" } },
    });
    await silentFor(fx.queueId, 50_000);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "anyone?" });
    await agent.next("message.acked");
    // ringing early (the window is 10 s from its end) only re-arms the timer at the window's end
    await fire(fx.queueId, "noReply");
    expect((await dueIn(fx.queueId, "noReply"))!).toBeLessThan(11_000);
    expect((await dueIn(fx.queueId, "noReply"))!).toBeGreaterThan(8_000);
    customer.send({ type: "message.send", clientMsgId: "c1", text: "yes" });
    await customer.next("message.acked");
    await fire(fx.queueId, "noReply");
    expect((await dueIn(fx.queueId, "noReply"))!).toBeGreaterThan(59_000);
    expect(await sql(fx.queueId, "SELECT state FROM conversations WHERE id = ?", id)).toEqual([
      { state: "connected" },
    ]);
    await silentFor(fx.queueId, 60_000);
    await fire(fx.queueId, "noReply");
    expect(
      (await customer.next("conversation.updated", (f) => f.conversation.state === "ended")).reason,
    ).toBe("noReply");
  });
});

describe("max call duration", () => {
  it("releases the conversation counted from its start", async () => {
    const { fx, customer, agent } = await connected({ queue: { maxCallDuration: 120 } });
    const [c] = await sql<{ started_at: number }>(fx.queueId, "SELECT started_at FROM conversations");
    const [t] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'maxDuration'",
    );
    expect(t!.due_at - c!.started_at).toBe(120_000);
    await fire(fx.queueId, "maxDuration");
    expect(
      (await customer.next("conversation.updated", (f) => f.conversation.state === "ended")).reason,
    ).toBe("maxDuration");
    expect(
      (
        await agent.next(
          "message",
          (f) => f.message.sender === "system" && f.message.text === MAX_DURATION_NOTICE,
        )
      ).message,
    ).toBeDefined();
  });
});

describe("evaluation", () => {
  it("during and after the chat; the last one counts, also in the archive", async () => {
    const { fx, customer, agent, id } = await connected();
    customer.send({ type: "evaluation.submit", rating: 2, comment: "slow" });
    expect(await agent.next("evaluation.recorded")).toMatchObject({ rating: 2, comment: "slow" });
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");
    const archived = () =>
      env.DB.prepare("SELECT rating, comment FROM conversations WHERE id = ?").bind(id).first();
    expect(await archived()).toEqual({ rating: 2, comment: "slow" });
    customer.send({ type: "evaluation.submit", rating: 5, comment: "actually great" });
    expect(await customer.next("evaluation.recorded", (f) => f.rating === 5)).toMatchObject({
      comment: "actually great",
    });
    await tick(50);
    await fire(fx.queueId, "archive");
    expect(await archived()).toEqual({ rating: 5, comment: "actually great" });
  });

  it("after reconnecting, the customer can still evaluate their earlier conversation by id; nobody else can", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const customer = await connectCustomer(fx, { visitorId: "returning-visitor-0001" });
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    customer.close();
    const again = await connectCustomer(fx, { visitorId: "returning-visitor-0001" });
    const welcome = await again.next("session.welcome");
    expect(welcome.conversations[0]?.conversationId).not.toBe(id);
    again.send({ type: "evaluation.submit", rating: 4, comment: "late but fine", conversationId: id });
    expect(await again.next("evaluation.recorded")).toMatchObject({ conversationId: id, rating: 4 });
    const stranger = await connectCustomer(fx, { visitorId: "someone-else-000001" });
    stranger.send({ type: "evaluation.submit", rating: 1, conversationId: id });
    expect((await stranger.next("error")).code).toBe("not_found");
    const [row] = await sql<{ rating: number }>(
      fx.queueId,
      "SELECT rating FROM conversations WHERE id = ?",
      id,
    );
    expect(row?.rating).toBe(4);
  });

  it.each([
    [{ rating: 0 }, "rating"],
    [{ rating: 6 }, "rating"],
    [{ rating: 3.5 }, "rating"],
    [{ rating: 3, comment: "x".repeat(513) }, "comment"],
  ])("refuses %j", async (fields, field) => {
    const { customer } = await connected();
    customer.send({ type: "evaluation.submit", ...fields });
    const error = await customer.next("error");
    expect(error.code).toBe("invalid_frame");
    expect(Object.keys(error.issues ?? {}).some((k) => k.includes(field))).toBe(true);
  });

  it("accepts a 512-character comment", async () => {
    const { customer } = await connected();
    customer.send({ type: "evaluation.submit", rating: 1, comment: "x".repeat(512) });
    expect((await customer.next("evaluation.recorded")).comment).toHaveLength(512);
  });

  it("a chat that never reached an agent cannot be evaluated", async () => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true } } });
    const c = await connectCustomer(fx);
    c.send({ type: "evaluation.submit", rating: 5 });
    expect((await c.next("error")).code).toBe("not_allowed");
  });
});

describe("typing and read receipts", () => {
  it("relays typing and read to the other side only", async () => {
    const { customer, agent, id } = await connected();
    customer.send({ type: "typing.set", isTyping: true });
    expect(await agent.next("typing")).toMatchObject({
      conversationId: id,
      from: "customer",
      isTyping: true,
    });
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "hi" });
    const { seq } = await agent.next("message.acked");
    customer.send({ type: "read.mark", seq });
    expect(await agent.next("read")).toMatchObject({ by: "customer", seq });
    agent.send({ type: "read.mark", conversationId: id, seq: 999 });
    expect((await customer.next("read")).seq).toBe(seq);
    await customer.settle();
    expect(customer.all("typing")).toHaveLength(0);
  });
});
