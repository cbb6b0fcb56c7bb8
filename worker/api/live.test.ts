import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  connectAgent,
  connectCustomer,
  fetchApp,
  setupQueue,
} from "../../durable-objects/skill-queue/test/fixtures";

const live = async (token: string, queueId: string) => {
  const res = await fetchApp(`/api/v1/skill-queues/${queueId}/live`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, number> };
};

describe("GET /api/v1/skill-queues/:id/live", () => {
  it("counts signed-in, idle, busy, arranging and waiting agents and the device usage", async () => {
    const fx = await setupQueue({
      agents: [{ maxConcurrentChats: 1 }, {}, { maxConcurrentChats: 1 }],
      queue: { wrapUpDuration: 5 },
    });
    const token = fx.agents[0]!.token;
    expect((await live(token, fx.queueId)).body).toEqual({
      signedIn: 0,
      idle: 0,
      busy: 0,
      arranging: 0,
      waiting: 0,
      longestWaitSeconds: 0,
      deviceUsage: 70,
    });
    const [a, b] = await Promise.all(fx.agents.map((s) => connectAgent(s, fx.queueId)));
    b!.send({ type: "status.set", status: "rest" });
    await b!.next("agent.updated", (f) => f.agent.status === "rest");
    expect((await live(token, fx.queueId)).body).toMatchObject({ signedIn: 3, idle: 2, busy: 1 });

    for (let i = 0; i < 2; i++) {
      await (await connectCustomer(fx)).next(
        "conversation.updated",
        (f) => f.conversation.state === "connected",
      );
    }
    const third = await connectCustomer(fx);
    await third.next("queue.position");
    expect((await live(token, fx.queueId)).body).toMatchObject({
      idle: 0,
      busy: 3,
      arranging: 0,
      waiting: 1,
    });
    const ownerId = (await a!.next("conversation.assigned")).conversation.conversationId;
    a!.send({ type: "conversation.end", conversationId: ownerId });
    await a!.next("agent.updated", (f) => f.agent.status === "arranging");
    const stats = (await live(token, fx.queueId)).body;
    expect(stats).toMatchObject({ signedIn: 3, idle: 0, busy: 2, arranging: 1, waiting: 1 });
    expect(stats.deviceUsage).toBe(70.3);
    expect(stats.longestWaitSeconds).toBeGreaterThanOrEqual(0);
  });

  it("answers 404 for another tenant's queue and 401 without a session", async () => {
    const fx = await setupQueue();
    const other = await setupQueue();
    expect((await live(fx.agents[0]!.token, other.queueId)).status).toBe(404);
    expect((await fetchApp(`/api/v1/skill-queues/${fx.queueId}/live`)).status).toBe(401);
  });
});

describe("configuration changes reach a running queue", () => {
  it("a lower Max. Calls in Queue applies to the next customer after notification", async () => {
    const { notifyConfigChanged } = await import("../realtime/notify");
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }] });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await connectCustomer(fx);
    await agent.next("conversation.assigned");
    expect((await (await connectCustomer(fx)).next("queue.position")).position).toBe(1);
    await env.DB.prepare("UPDATE skill_queues SET max_calls_in_queue = 1 WHERE id = ?")
      .bind(fx.queueId)
      .run();
    await notifyConfigChanged(env, [fx.queueId]);
    const refused = await connectCustomer(fx);
    expect((await refused.next("conversation.updated", (f) => f.conversation.state === "ended")).reason).toBe(
      "busy",
    );
  });

  it("enabling the chatbot on the channel applies to the next customer", async () => {
    const { notifyConfigChanged } = await import("../realtime/notify");
    const fx = await setupQueue();
    await connectAgent(fx.agents[0]!, fx.queueId);
    expect((await (await connectCustomer(fx)).next("session.welcome")).conversations[0]?.state).toBe(
      "queued",
    );
    const row = await env.DB.prepare("SELECT config FROM channels WHERE id = ?")
      .bind(fx.channelId)
      .first<{ config: string }>();
    const config = JSON.parse(row!.config);
    config.chatbot.enabled = true;
    await env.DB.prepare("UPDATE channels SET config = ? WHERE id = ?")
      .bind(JSON.stringify(config), fx.channelId)
      .run();
    await notifyConfigChanged(env, [fx.queueId]);
    expect((await (await connectCustomer(fx)).next("session.welcome")).conversations[0]?.state).toBe("bot");
  });
});
