import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_EVENT_AGE_MS } from "../../../worker/rules/webhook-retry";
import { bucket, verifies } from "../../../worker/test/receiver";
import { makeEvent, type WebhookEvent, type WebhookEventType } from "../../../worker/webhooks/events";
import type { QueueContext } from "../context";
import { EVENT_RETRY_MS, emitEvent, flushEvents } from "../events";
import type { SkillQueue } from "../index";
import { adminOf, connectAgent, connectCustomer, fire, queueStub, setupQueue, sql, tick } from "./fixtures";
import { eventsOf as events, withEndpoint as webhookOf } from "./webhook-fixtures";

const contextOf = (instance: SkillQueue) => (instance as unknown as { q: QueueContext }).q;
const outbox = (queueId: string) => sql<{ n: number }>(queueId, "SELECT COUNT(*) AS n FROM webhook_outbox");

const ALL = [
  "conversation.started",
  "conversation.assigned",
  "conversation.transferred",
  "conversation.ended",
  "message.created",
  "evaluation.submitted",
] as const;

const withEndpoint = async (types: readonly WebhookEventType[] = ALL, query = "") =>
  webhookOf(await setupQueue(), types, query);

describe("webhook events of a skill queue", () => {
  it("a conversation's life reaches the receiver, with exactly one event per message", async () => {
    const { fx, r, secret } = await withEndpoint();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const customer = await connectCustomer(fx, { name: "Ada" });
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    customer.send({ type: "message.send", clientMsgId: "c1", text: "Where is my parcel?" });
    const first = await customer.next("message.acked");
    // the same message again (a client retry): acknowledged with the same seq, no second event
    customer.send({ type: "message.send", clientMsgId: "c1", text: "Where is my parcel?" });
    expect((await customer.next("message.acked")).seq).toBe(first.seq);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "On its way." });
    await agent.next("message.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    customer.send({ type: "evaluation.submit", rating: 5, comment: "Quick" });
    await customer.next("evaluation.recorded");

    const got = await r.waitFor(7);
    await tick(300);
    const all = events(await r.log());
    expect(all.map((e) => e.type).sort()).toEqual(
      [
        "conversation.assigned",
        "conversation.ended",
        "conversation.started",
        "evaluation.submitted",
        "message.created",
        "message.created",
        "message.created",
      ].sort(),
    );
    for (const received of got)
      expect(await verifies(secret, received.headers["x-edgecs-signature"]!, received.body)).toBe(true);
    const messages = all.filter((e) => e.type === "message.created") as WebhookEvent<"message.created">[];
    expect(messages.map((e) => e.id).sort()).toEqual([`msg:${id}:1`, `msg:${id}:2`, `msg:${id}:3`]);
    const byText = Object.fromEntries(messages.map((e) => [e.data.text, e.data]));
    expect(byText["Where is my parcel?"]).toMatchObject({
      conversationId: id,
      skillQueueId: fx.queueId,
      channelId: fx.channelId,
      sender: "customer",
      seq: first.seq,
    });
    expect(byText["On its way."]).toMatchObject({ sender: "agent", senderName: fx.agents[0]!.name });
    const of = <T extends WebhookEvent["type"]>(type: T) =>
      all.find((e) => e.type === type) as WebhookEvent<T>;
    expect(of("conversation.started")).toMatchObject({
      id: `conv:${id}:started`,
      tenantId: fx.tenantId,
      version: 1,
      data: { conversationId: id, customer: { name: "Ada", nameVerified: false }, state: "queued" },
    });
    expect(of("conversation.assigned").data).toMatchObject({
      agent: { employeeId: fx.agents[0]!.employeeId, name: fx.agents[0]!.name },
      reason: "dispatched",
      previousAgentEmployeeId: null,
    });
    expect(of("conversation.ended")).toMatchObject({
      id: `conv:${id}:ended`,
      data: { reason: "agentEnded", agentEmployeeId: fx.agents[0]!.employeeId, messageCount: 3 },
    });
    expect(of("evaluation.submitted").data).toMatchObject({
      rating: 5,
      comment: "Quick",
      conversationId: id,
    });
    expect((await outbox(fx.queueId))[0]?.n).toBe(0);
  }, 20_000);

  it("an agent's transfer is one event from the queue it leaves", async () => {
    const { fx, r } = await withEndpoint(["conversation.transferred"]);
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    await targetAgent.next("session.welcome");
    const customer = await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    await customer.next("session.moved");
    const [moved] = events(await r.waitFor(1));
    expect(moved).toMatchObject({
      type: "conversation.transferred",
      data: {
        conversationId: id,
        fromSkillQueueId: fx.queueId,
        toSkillQueueId: target,
        agentEmployeeId: fx.agents[0]!.employeeId,
        automatic: false,
      },
    });
    await tick(1500);
    expect(await r.log()).toHaveLength(1);
  }, 15_000);

  it("a tenant without a subscribed endpoint records nothing; an endpoint added later gets the next message", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const customer = await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    customer.send({ type: "message.send", clientMsgId: "c1", text: "one" });
    await customer.next("message.acked");
    expect((await outbox(fx.queueId))[0]?.n).toBe(0);
    // the subscriptions are known (loaded with the configuration): an event is not even written
    const written = await runInDurableObject(queueStub(fx.queueId), (instance: SkillQueue) => {
      const q = contextOf(instance);
      return q.steps.run(async () => {
        emitEvent(q, "message.created", {} as never, "msg:none:1");
        return q.store.events.count();
      });
    });
    expect(written).toBe(0);

    const admin = await adminOf(fx);
    const r = bucket();
    await admin.post("/webhooks", { url: r.url, events: ["message.created"] });
    customer.send({ type: "message.send", clientMsgId: "c2", text: "two" });
    const acked = await customer.next("message.acked");
    const [got] = events(await r.waitFor(1));
    expect(got).toMatchObject({ id: `msg:${id}:${acked.seq}`, data: { text: "two" } });
  }, 15_000);

  it("a step that rolls back leaves no event", async () => {
    const { fx } = await withEndpoint();
    await connectCustomer(fx);
    await runInDurableObject(queueStub(fx.queueId), async (instance: SkillQueue) => {
      const q = contextOf(instance);
      await expect(
        q.steps.atomic(async () => {
          emitEvent(q, "conversation.started", {} as never, "conv:rolled:started");
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
    });
    expect(await sql(fx.queueId, "SELECT id FROM webhook_outbox WHERE id = 'conv:rolled:started'")).toEqual(
      [],
    );
  });

  it("an event the delivery queue refuses stays and is retried, without holding the others back", async () => {
    const { fx, r } = await withEndpoint(["message.created"]);
    const stub = queueStub(fx.queueId);
    await stub.liveStats(fx.queueId, fx.tenantId); // binds the object to its queue and tenant
    const message = (id: string, text: string, at = Date.now()) =>
      makeEvent(
        fx.tenantId,
        "message.created",
        {
          conversationId: "cv",
          skillQueueId: fx.queueId,
          channelId: fx.channelId,
          customerId: "u",
          seq: 1,
          sender: "customer",
          senderName: null,
          text,
          createdAt: at,
        },
        id,
        at,
      );
    await runInDurableObject(stub, async (instance: SkillQueue) => {
      const q = contextOf(instance);
      // over the 128 KB a queue message may carry: the queue refuses it
      q.store.events.add(message("too-big", "x".repeat(200_000)));
      q.store.events.add(message("fine", "hello"));
      q.store.events.add(message("stale", "old", Date.now() - MAX_EVENT_AGE_MS - 1));
      await flushEvents(q);
    });
    const [got] = events(await r.waitFor(1));
    expect(got?.id).toBe("fine");
    expect(await sql(fx.queueId, "SELECT id FROM webhook_outbox")).toEqual([{ id: "too-big" }]);
    const [timer] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'webhooks'",
    );
    expect(timer!.due_at - Date.now()).toBeGreaterThan(EVENT_RETRY_MS - 5000);

    // fixed meanwhile (here: made small): the timer hands it over
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec(
        "UPDATE webhook_outbox SET body = ? WHERE id = 'too-big'",
        JSON.stringify(message("too-big", "small now")),
      );
    });
    await fire(fx.queueId, "webhooks");
    const received = events(await r.waitFor(2));
    expect(received.map((e) => e.id)).toEqual(["fine", "too-big"]);
    expect(await outbox(fx.queueId)).toEqual([{ n: 0 }]);
  }, 15_000);

  it("events recorded before the object stopped are sent when it starts again", async () => {
    const { fx, r } = await withEndpoint(["conversation.started"]);
    const stub = queueStub(fx.queueId);
    await stub.liveStats(fx.queueId, fx.tenantId);
    await runInDurableObject(stub, (instance: SkillQueue) => {
      const q = contextOf(instance);
      // recorded, and the object stops before handing it over
      q.store.events.add(
        makeEvent(fx.tenantId, "conversation.started", {} as never, "conv:left-behind:started", Date.now()),
      );
    });
    await evictDurableObject(stub);
    await stub.nudge();
    const got = events(await r.waitFor(1));
    expect(got.map((e) => e.id)).toEqual(["conv:left-behind:started"]);
  }, 15_000);
});
