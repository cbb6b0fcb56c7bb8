/**
 * Left messages (issue 15) in the Workers runtime: every way a wait ends without an agent, the
 * customer's `message.leave` and its rules, the Messages inbox and the pickup race, the reply
 * reaching a returning customer, expiry, retention, and the off-hours order of messages.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { connectAgent, connectCustomer, fire, setupQueue, sql, tick } from "./fixtures";
import { busyQueue, releasedNoAgent, waitingCustomer } from "./left-fixtures";

const archivedRow = (id: string) =>
  env.DB.prepare("SELECT outcome, left_at, contact, ended_at FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ outcome: string; left_at: number | null; contact: string | null; ended_at: number }>();

const closed = { workday: [], nonWorkday: [], nonWorkingNotice: "" };

describe("a wait that ends without an agent", () => {
  it("timeout: what the customer wrote while queued becomes a pending left message in the inbox", async () => {
    const { fx, agent } = await busyQueue();
    const { c, id } = await waitingCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "w1", text: "My parcel never arrived" });
    await c.next("message.acked");
    await fire(fx.queueId, "wait", id);
    const update = await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    expect(update.reason).toBe("timeout");
    expect(update.conversation.leaveMessage).toEqual({ contact: "optional", left: false });
    const notice = await c.next("message", (f) => f.message.sender === "system");
    expect(notice.message.notice).toEqual({ code: "timeout", params: {} });
    const inbox = await agent.next("leftMessages.updated", (f) => f.total === 1);
    expect(inbox.items[0]).toMatchObject({ conversationId: id, preview: "My parcel never arrived" });
    expect(inbox.items[0]!.expiresAt - inbox.items[0]!.leftAt).toBe(7 * 86_400_000);
    await fire(fx.queueId, "archive");
    expect(await archivedRow(id)).toMatchObject({ outcome: "leftMessage", contact: null });
    // a further message while pending is kept and reaches the inbox
    c.send({ type: "message.send", clientMsgId: "w2", text: "Order 42" });
    await c.next("message.acked");
    await agent.next("leftMessages.updated", (f) => f.items[0]?.preview === "Order 42");
  });

  it("timeout without anything written: the chat ends with the message offered, nothing pending", async () => {
    const { fx, agent } = await busyQueue();
    const { c, id } = await waitingCustomer(fx);
    await fire(fx.queueId, "wait", id);
    const update = await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(update.reason).toBe("timeout");
    expect(update.conversation.leaveMessage).toEqual({ contact: "optional", left: false });
    expect(agent.all("leftMessages.updated").every((f) => f.total === 0)).toBe(true);
  });

  it("a channel with left messages off: the wait ends as before, whatever was written", async () => {
    const { fx } = await busyQueue({ leaveMessage: { enabled: false } });
    const { c, id } = await waitingCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "w1", text: "hello?" });
    await c.next("message.acked");
    await fire(fx.queueId, "wait", id);
    const update = await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(update.conversation.leaveMessage).toBeNull();
    c.send({ type: "message.leave", clientMsgId: "l1", text: "still there?" });
    expect((await c.next("error")).code).toBe("not_allowed");
  });

  it("the end of agent work time turns a waiting customer's words into a left message", async () => {
    const { fx, agent } = await busyQueue();
    const { c, id } = await waitingCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "w1", text: "Before you close…" });
    await c.next("message.acked");
    const row = await env.DB.prepare("SELECT config FROM channels WHERE id = ?")
      .bind(fx.channelId)
      .first<{ config: string }>();
    await env.DB.prepare("UPDATE channels SET config = ? WHERE id = ?")
      .bind(JSON.stringify({ ...JSON.parse(row!.config), workTime: closed }), fx.channelId)
      .run();
    await env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(fx.queueId)).invalidateConfig();
    await fire(fx.queueId, "workTime");
    const update = await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    expect(update.reason).toBe("nonWorkingTime");
    expect((await c.next("message", (f) => f.message.sender === "system")).message.notice?.code).toBe(
      "nonWorkingTime",
    );
    expect((await agent.next("leftMessages.updated", (f) => f.total === 1)).items[0]!.conversationId).toBe(
      id,
    );
  });
});

describe("message.leave", () => {
  it("after a no-agent release: text and contact make it pending; the confirmation follows", async () => {
    const { fx, c, id, ended } = await releasedNoAgent();
    expect(ended.reason).toBe("noAgent");
    expect(ended.conversation.leaveMessage).toEqual({ contact: "optional", left: false });
    c.send({ type: "message.leave", clientMsgId: "l0" });
    expect((await c.next("error")).issues).toEqual({ text: ["write your message"] });
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Call me back", contact: "ada@example.com" });
    expect(await c.next("message.left")).toMatchObject({ conversationId: id, clientMsgId: "l1" });
    const update = await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    expect(update.conversation).toMatchObject({
      leaveMessage: { contact: "optional", left: true },
      contact: "ada@example.com",
    });
    // a repeated frame (a retry) adds nothing
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Call me back", contact: "ada@example.com" });
    await c.next("message.left");
    const texts = await sql<{ text: string }>(
      fx.queueId,
      "SELECT text FROM messages WHERE conversation_id = ? AND sender = 'customer'",
      id,
    );
    expect(texts).toEqual([{ text: "Call me back" }]);
    // the 24 h purge of the ended chat no longer applies: a pending message is never dropped
    await fire(fx.queueId, "purge");
    expect(await sql(fx.queueId, "SELECT state FROM conversations WHERE id = ?", id)).toEqual([
      { state: "pending" },
    ]);
    await fire(fx.queueId, "archive");
    expect(await archivedRow(id)).toMatchObject({ outcome: "leftMessage", contact: "ada@example.com" });
  });

  it.each([
    ["required", "", "contact is required: an email address or a phone number"],
    ["required", "not a contact", "contact must be an email address or a phone number"],
    ["off", "ada@example.com", "this channel takes no contact details"],
  ] as const)("contact %s, %j → refused: %s", async (contact, given, problem) => {
    const { c } = await releasedNoAgent({ leaveMessage: { contact } });
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Hi", contact: given });
    const error = await c.next("error");
    expect(error).toMatchObject({
      code: "invalid_frame",
      ref: "message.leave",
      issues: { contact: [problem] },
    });
  });

  it("contact required and given as a phone number → left", async () => {
    const { c } = await releasedNoAgent({ leaveMessage: { contact: "required" } });
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Hi", contact: "+86 138 0013 8000" });
    await c.next("message.left");
  });

  it("after a busy release (queue full): the message is offered and can be left", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }], queue: { maxCallsInQueue: 1 } });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    await (await connectCustomer(fx)).next(
      "conversation.updated",
      (f) => f.conversation.state === "connected",
    );
    await waitingCustomer(fx);
    const c = await connectCustomer(fx);
    const ended = await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(ended.reason).toBe("busy");
    expect((await c.next("message", (f) => f.message.sender === "system")).message.notice?.code).toBe("busy");
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Busy day?", contact: "" });
    await c.next("message.left");
    expect((await agent.next("leftMessages.updated", (f) => f.total === 1)).items[0]!.preview).toBe(
      "Busy day?",
    );
  });

  it("is refused while the customer still waits or chats with an agent", async () => {
    const { fx } = await busyQueue();
    const { c } = await waitingCustomer(fx);
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Hi" });
    expect((await c.next("error")).code).toBe("not_allowed");
  });
});

describe("off hours", () => {
  it("asking the chatbot for an agent outside work time: the off-hours notice alone, no transfer prompt", async () => {
    const fx = await setupQueue({
      channel: {
        chatbot: { enabled: true, transferPrompt: "Connecting you to a human agent…" },
        workTime: closed,
      },
      robot: { intents: [] },
    });
    const c = await connectCustomer(fx);
    await c.next("session.welcome");
    c.send({ type: "message.send", clientMsgId: "k1", text: "human please" });
    const ended = await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    expect(ended.reason).toBe("nonWorkingTime");
    expect(ended.conversation.leaveMessage).not.toBeNull();
    await tick(30);
    const said = c
      .all("message")
      .map((f) => `${f.message.sender}:${f.message.notice?.code ?? f.message.text}`);
    expect(said).toEqual(["customer:human please", "system:nonWorkingTime"]);
  });

  it("inside work time the transfer prompt still comes when the customer is queued", async () => {
    const fx = await setupQueue({
      channel: { chatbot: { enabled: true, transferPrompt: "Connecting you to a human agent…" } },
      robot: { intents: [] },
    });
    await (await connectAgent(fx.agents[0]!, fx.queueId)).next("session.welcome");
    const c = await connectCustomer(fx);
    await c.next("session.welcome");
    c.send({ type: "agent.request" });
    expect((await c.next("message", (f) => f.message.sender === "robot")).message.text).toBe(
      "Connecting you to a human agent…",
    );
  });
});

describe("the Messages inbox", () => {
  async function pendingWithTwoAgents() {
    const fx = await setupQueue({ agents: [{}, {}] });
    const c = await connectCustomer(fx, { visitorId: `race${Date.now()}abcdefgh` });
    const id = (await c.next("session.welcome")).conversations[0]!.conversationId;
    await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    c.send({
      type: "message.leave",
      clientMsgId: "l1",
      text: "Is my order shipped?",
      contact: "+44 20 7946 0958",
    });
    await c.next("message.left");
    const a = await connectAgent(fx.agents[0]!, fx.queueId);
    const b = await connectAgent(fx.agents[1]!, fx.queueId);
    for (const s of [a, b]) expect((await s.next("leftMessages.updated")).items[0]?.conversationId).toBe(id);
    return { fx, c, id, a, b };
  }

  it("two agents pick up at once: exactly one gets it, the other a conflict, and it leaves every inbox", async () => {
    const { id, a, b } = await pendingWithTwoAgents();
    a.send({ type: "leftMessage.pickUp", conversationId: id });
    b.send({ type: "leftMessage.pickUp", conversationId: id });
    await tick(200);
    const got = [a, b].filter((s) => s.all("conversation.assigned").length === 1);
    const refused = [a, b].flatMap((s) => s.all("error"));
    expect(got).toHaveLength(1);
    expect(refused).toEqual([
      expect.objectContaining({
        code: "conflict",
        ref: id,
        message: "Another agent already picked up this message",
      }),
    ]);
    for (const s of [a, b]) expect(s.all("leftMessages.updated").at(-1)?.total).toBe(0);
    const assigned = got[0]!.all("conversation.assigned")[0]!;
    expect(assigned.conversation.state).toBe("connected");
    expect(assigned.messages.map((m) => m.text)).toContain("Is my order shipped?");
    expect(assigned.conversation.contact).toBe("+44 20 7946 0958");
  });

  it("a quality checker cannot pick up; an unknown id is not_found", async () => {
    const { a } = await pendingWithTwoAgents();
    a.send({ type: "leftMessage.pickUp", conversationId: "cv_nope" });
    expect((await a.next("error")).code).toBe("not_found");
  });

  it("the customer online sees the pickup and chats live", async () => {
    const { id, a, c } = await pendingWithTwoAgents();
    a.send({ type: "leftMessage.pickUp", conversationId: id });
    await a.next("conversation.assigned");
    const greeting = await c.next(
      "message",
      (f) => f.message.sender === "system" && f.message.notice?.code === "connectedTo",
    );
    expect(greeting.message.notice?.params).toHaveProperty("name");
    await c.next("conversation.updated", (f) => f.conversation.state === "connected");
    a.send({ type: "message.send", conversationId: id, clientMsgId: "r1", text: "Yes, it left today." });
    expect((await c.next("message", (f) => f.message.sender === "agent")).message.text).toBe(
      "Yes, it left today.",
    );
  });
});

describe("the reply reaches a returning customer", () => {
  it("answered and ended while they were away: shown on their return, kept until seen", async () => {
    const fx = await setupQueue({ agents: [{}] });
    const visitorId = `back${Date.now()}abcdefgh`;
    const c = await connectCustomer(fx, { visitorId });
    const id = (await c.next("session.welcome")).conversations[0]!.conversationId;
    await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Refund?", contact: "ada@example.com" });
    await c.next("message.left");
    c.close();
    // nothing to continue for a stranger: a resume-only socket closes with 4003 and starts nothing
    const stranger = await connectCustomer(fx, { resumeOnly: true });
    expect((await stranger.next("session.welcome")).conversations).toEqual([]);
    await tick(50);
    expect(stranger.closed?.code).toBe(4003);
    // next day: the agent answers and ends the chat
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("leftMessages.updated", (f) => f.total === 1);
    agent.send({ type: "leftMessage.pickUp", conversationId: id });
    await agent.next("conversation.assigned");
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "r1", text: "Refund sent." });
    await agent.next("message.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await agent.next("conversation.updated", (f) => f.conversation.state === "ended");
    await fire(fx.queueId, "archive");
    expect(await archivedRow(id)).toMatchObject({ outcome: "agentEnded", contact: "ada@example.com" });
    // the 24 h purge keeps it: the customer has not seen the reply
    await fire(fx.queueId, "purge");
    expect(await sql(fx.queueId, "SELECT id FROM conversations WHERE id = ?", id)).toHaveLength(1);
    // the customer returns (resume-only, as the widget checks in the background)
    const back = await connectCustomer(fx, { visitorId, resumeOnly: true });
    const welcome = await back.next("session.welcome");
    expect(welcome.conversations[0]).toMatchObject({ conversationId: id, state: "ended" });
    back.send({ type: "session.resume", lastSeq: 0 });
    const reply = await back.next("message", (f) => f.message.sender === "agent");
    expect(reply.message.text).toBe("Refund sent.");
    back.send({ type: "read.mark", seq: welcome.conversations[0]!.lastSeq });
    await tick(50);
    await fire(fx.queueId, "purge");
    expect(await sql(fx.queueId, "SELECT id FROM conversations WHERE id = ?", id)).toEqual([]);
    // seen: the next visit starts afresh
    const later = await connectCustomer(fx, { visitorId });
    expect((await later.next("session.welcome")).conversations[0]!.conversationId).not.toBe(id);
  });

  it("nobody picks it up within the pending days: it expires, the customer is told on return", async () => {
    const fx = await setupQueue({ agents: [{}], channel: { leaveMessage: { pendingDays: 2 } } });
    const visitorId = `exp${Date.now()}abcdefghi`;
    const c = await connectCustomer(fx, { visitorId });
    const id = (await c.next("session.welcome")).conversations[0]!.conversationId;
    await c.next("conversation.updated", (f) => f.conversation.state === "ended");
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Hello?" });
    await c.next("message.left");
    const [timer] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'leftExpiry' AND ref = ?",
      id,
    );
    expect(Math.round((timer!.due_at - Date.now()) / 86_400_000)).toBe(2);
    c.close();
    await fire(fx.queueId, "leftExpiry", id);
    await fire(fx.queueId, "archive");
    expect(await archivedRow(id)).toMatchObject({ outcome: "expired" });
    const back = await connectCustomer(fx, { visitorId });
    const welcome = await back.next("session.welcome");
    expect(welcome.conversations[0]).toMatchObject({ conversationId: id, state: "ended" });
    back.send({ type: "session.resume", lastSeq: 0 });
    const told = await back.next("message", (f) => f.message.notice?.code === "expired");
    expect(told.message.sender).toBe("system");
  });
});
