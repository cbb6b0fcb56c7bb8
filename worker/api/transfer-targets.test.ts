import { describe, expect, it } from "vitest";
import {
  addChannel,
  connectAgent,
  connectCustomer,
  fetchApp,
  insertQueue,
  setupQueue,
} from "../../durable-objects/skill-queue/test/fixtures";

const targets = async (token: string, queueId: string) => {
  const res = await fetchApp(`/api/v1/skill-queues/${queueId}/transfer-targets`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as { items: Record<string, unknown>[] } };
};

describe("GET /api/v1/skill-queues/:id/transfer-targets", () => {
  it("lists the other queues of the same type with who is signed in, idle and waiting, and whether each takes a hand-over", async () => {
    const fx = await setupQueue();
    const token = fx.agents[0]!.token;
    const empty = await fx.addQueue({
      noAgent: { action: "transfer", transferType: "skillQueue", targetId: fx.queueId },
    });
    const resting = await fx.addAgent([]);
    const full = await fx.addQueue({ maxCallsInQueue: 1 }, [resting]);
    const staffed = await fx.addAgent([]);
    const open = await fx.addQueue({}, [staffed]);
    await insertQueue(fx.tenantId, { type: "voice" });
    await setupQueue();

    const atRest = await connectAgent(resting, full);
    await atRest.next("session.welcome");
    atRest.send({ type: "status.set", status: "rest" });
    await atRest.next("agent.updated", (f) => f.agent.status === "rest");
    await (await connectCustomer({ channelId: await addChannel(fx.tenantId, full) })).next("queue.position");
    await (await connectAgent(staffed, open)).next("session.welcome");

    const res = await targets(token, fx.queueId);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual([empty, full, open].sort());
    expect(byId.get(empty)).toEqual({
      id: empty,
      name: `Queue ${empty}`,
      signedIn: 0,
      idle: 0,
      waiting: 0,
      accepts: false,
      refusal: "nobodySignedIn",
      message: `Nobody is signed in to Queue ${empty}; the chat stays with you`,
    });
    expect(byId.get(full)).toMatchObject({
      signedIn: 1,
      idle: 0,
      waiting: 1,
      accepts: false,
      refusal: "queueFull",
    });
    expect(byId.get(open)).toMatchObject({
      signedIn: 1,
      idle: 1,
      waiting: 0,
      accepts: true,
      refusal: null,
      message: null,
    });
  });

  it("answers 404 for another tenant's queue and 401 without a session", async () => {
    const fx = await setupQueue();
    const other = await setupQueue();
    expect((await targets(fx.agents[0]!.token, other.queueId)).status).toBe(404);
    expect((await targets(fx.agents[0]!.token, "sq_unknown")).status).toBe(404);
    expect((await fetchApp(`/api/v1/skill-queues/${fx.queueId}/transfer-targets`)).status).toBe(401);
  });
});
