import { describe, expect, it } from "vitest";
import { postJson, setupQueue, TestSocket } from "../../durable-objects/skill-queue/test/fixtures";

const ticket = (token: string, skillQueueId: string) =>
  postJson("/api/v1/agent/tickets", { skillQueueId }, { authorization: `Bearer ${token}` });

describe("POST /api/v1/agent/tickets", () => {
  it("admits an agent of the queue and a quality checker with their role", async () => {
    const fx = await setupQueue({ agents: [{}, { platformRole: "qualityChecker" }] });
    const agent = await ticket(fx.agents[0]!.token, fx.queueId);
    expect(agent.status).toBe(201);
    expect(agent.body).toMatchObject({ role: "agent" });
    expect(agent.body.url).toMatch(/^\/ws\/agent\?ticket=/);
    const checker = await ticket(fx.agents[1]!.token, fx.queueId);
    expect(checker.body.role).toBe("qualityChecker");
    const socket = await TestSocket.open(checker.body.url);
    expect((await socket.next("session.welcome")).role).toBe("qualityChecker");
    await socket.next("queue.snapshot");
  });

  it("refuses an employee not configured for the queue (403), another tenant's queue (404) and no session (401)", async () => {
    const fx = await setupQueue();
    const other = await fx.addQueue();
    expect((await ticket(fx.agents[0]!.token, other)).status).toBe(403);
    const foreign = await setupQueue();
    expect((await ticket(fx.agents[0]!.token, foreign.queueId)).status).toBe(404);
    expect((await postJson("/api/v1/agent/tickets", { skillQueueId: fx.queueId })).status).toBe(401);
    expect((await ticket(fx.agents[0]!.token, "")).status).toBe(422);
  });

  it("an agent ticket does not open /ws/chat", async () => {
    const fx = await setupQueue();
    const res = await ticket(fx.agents[0]!.token, fx.queueId);
    const up = await (await import("../../durable-objects/skill-queue/test/fixtures")).fetchApp(
      res.body.url.replace("/ws/agent", "/ws/chat"),
      { headers: { upgrade: "websocket" } },
    );
    expect(up.status).toBe(401);
  });
});
