import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "../../agent-presence";
import {
  addChannel,
  connectAgent,
  connectCustomer,
  endWrapUp,
  fire,
  setupQueue,
  sql,
  tick,
} from "./fixtures";

describe("assignment", () => {
  it("two agents becoming idle at the same moment: exactly one gets the waiting customer", async () => {
    const fx = await setupQueue({ agents: [{}, {}] });
    const [a, b] = await Promise.all(fx.agents.map((s) => connectAgent(s, fx.queueId)));
    for (const s of [a!, b!]) {
      s.send({ type: "status.set", status: "rest" });
      await s.next("agent.updated", (f) => f.agent.status === "rest");
    }
    const customer = await connectCustomer(fx);
    expect((await customer.next("queue.position")).position).toBe(1);
    a!.send({ type: "status.set", status: "idle" });
    b!.send({ type: "status.set", status: "idle" });
    await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
    await Promise.all([a!.settle(), b!.settle()]);
    expect(a!.all("conversation.assigned").length + b!.all("conversation.assigned").length).toBe(1);
    const slots = await Promise.all(
      fx.agents.map((s) => presenceOf(env, fx.tenantId, s.employeeId).snapshot()),
    );
    expect(slots.map((p) => p.active).sort()).toEqual([0, 1]);
  });

  it("many customers arriving at once are each assigned once, least-loaded agent first", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 2 }, { maxConcurrentChats: 2 }] });
    const [a, b] = await Promise.all(fx.agents.map((s) => connectAgent(s, fx.queueId)));
    const customers = await Promise.all([1, 2, 3, 4, 5].map(() => connectCustomer(fx)));
    await Promise.all(customers.map((c) => c.next("session.welcome")));
    await Promise.all([a!.settle(150), b!.settle(150)]);
    const ids = [...a!.all("conversation.assigned"), ...b!.all("conversation.assigned")].map(
      (f) => f.conversation.conversationId,
    );
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(a!.all("conversation.assigned")).toHaveLength(2);
    expect(b!.all("conversation.assigned")).toHaveLength(2);
    const waiting = await sql(fx.queueId, "SELECT * FROM waiting");
    expect(waiting).toHaveLength(1);
  });

  it("an agent at capacity across two queues is not offered a chat by either", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }] });
    const shared = fx.agents[0]!;
    const second = await fx.addQueue({}, [shared]);
    const channel2 = await addChannel(fx.tenantId, second);
    const inA = await connectAgent(shared, fx.queueId);
    const inB = await connectAgent(shared, second);
    const first = await connectCustomer(fx);
    await first.next("conversation.updated", (f) => f.conversation.state === "connected");
    const other = await connectCustomer({ channelId: channel2 });
    expect((await other.next("queue.position")).position).toBe(1);
    await inB.settle();
    expect(inB.all("conversation.assigned")).toHaveLength(0);
    const presence = await presenceOf(env, fx.tenantId, shared.employeeId).snapshot();
    expect(presence.active).toBe(1);

    const firstId = (await inA.next("conversation.assigned")).conversation.conversationId;
    inA.send({ type: "conversation.end", conversationId: firstId });
    await first.next("conversation.updated", (f) => f.conversation.state === "ended");
    // the freed slot nudges queue B, whose waiting customer is offered to the agent at once
    await other.next("conversation.updated", (f) => f.conversation.state === "connected");
    expect((await inB.next("conversation.assigned")).conversation.customerId).toBe(other.customerId);
    expect((await presenceOf(env, fx.tenantId, shared.employeeId).snapshot()).slots).toEqual([
      { conversationId: expect.any(String), queueId: second },
    ]);
  });
});

describe("status and wrap-up", () => {
  it.each([
    [0, 0],
    [5, 10],
    [15, 20],
  ])(
    "wrap-up configured %i s → arranging for %i s, then idle and the next customer is taken at once",
    async (configured, effective) => {
      const fx = await setupQueue({
        agents: [{ maxConcurrentChats: 1 }],
        queue: { wrapUpDuration: configured },
      });
      const agent = await connectAgent(fx.agents[0]!, fx.queueId);
      const first = await connectCustomer(fx);
      const id = (await agent.next("conversation.assigned")).conversation.conversationId;
      const second = await connectCustomer(fx);
      await second.next("queue.position");
      agent.send({ type: "conversation.end", conversationId: id });
      await first.next("conversation.updated", (f) => f.conversation.state === "ended");
      if (effective === 0) {
        await second.next("conversation.updated", (f) => f.conversation.state === "connected");
        return;
      }
      const arranging = await agent.next("agent.updated", (f) => f.agent.status === "arranging");
      expect(Math.round((arranging.agent.wrapUpUntil! - Date.now()) / 1000)).toBe(effective);
      await second.settle();
      expect(second.all("conversation.updated").some((f) => f.conversation.state === "connected")).toBe(
        false,
      );
      await endWrapUp(fx.tenantId, fx.agents[0]!.employeeId, [fx.queueId]);
      await agent.next("agent.updated", (f) => f.agent.status === "idle");
      await second.next("conversation.updated", (f) => f.conversation.state === "connected");
    },
  );

  it("an agent at rest is not offered chats; back to idle takes the waiting customer", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    agent.send({ type: "status.set", status: "rest" });
    await agent.next("agent.updated", (f) => f.agent.status === "rest");
    const c = await connectCustomer(fx);
    expect((await c.next("queue.position")).position).toBe(1);
    agent.send({ type: "status.set", status: "idle" });
    await c.next("conversation.updated", (f) => f.conversation.state === "connected");
  });

  it("refuses a status other than idle or rest from an agent", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    agent.send({ type: "status.set", status: "busy" });
    expect((await agent.next("error")).code).toBe("invalid_frame");
  });
});

describe("sign-in and sign-out", () => {
  it("a disconnected agent stays signed in for the grace period, then is signed out and their chat returns to the front", async () => {
    const fx = await setupQueue({ agents: [{}, { maxConcurrentChats: 1 }] });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const c = await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    agent.close();
    await tick(50);
    const [grace] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'signOutGrace'",
    );
    expect(Math.round((grace!.due_at - Date.now()) / 1000)).toBe(60);
    const stats = await (await import("./fixtures")).queueStub(fx.queueId).liveStats(fx.queueId, fx.tenantId);
    expect(stats?.signedIn).toBe(1);

    await fire(fx.queueId, "signOutGrace");
    await c.next("message", (f) => f.message.text.includes("back at the front"));
    expect((await c.next("queue.position")).position).toBe(1);
    const other = await connectAgent(fx.agents[1]!, fx.queueId);
    expect((await other.next("conversation.assigned")).conversation.conversationId).toBe(id);
  });

  it("reconnecting within the grace period keeps the agent and their chats", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    agent.close();
    await tick(50);
    const again = await connectAgent(fx.agents[0]!, fx.queueId);
    const welcome = await again.next("session.welcome");
    expect(welcome.conversations.map((c) => c.conversationId)).toEqual([id]);
    expect(await sql(fx.queueId, "SELECT * FROM timers WHERE kind = 'signOutGrace'")).toEqual([]);
  });

  it("signing in frees slots this queue holds for chats that are no longer the agent's (lost releases)", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }] });
    const staff = fx.agents[0]!;
    await presenceOf(env, fx.tenantId, staff.employeeId).reserve(fx.queueId, "cv_lost", 1);
    await presenceOf(env, fx.tenantId, staff.employeeId).reserve("sq_elsewhere", "cv_other_queue", 5);
    const agent = await connectAgent(staff, fx.queueId);
    await agent.next("session.welcome");
    const slots = (await presenceOf(env, fx.tenantId, staff.employeeId).snapshot()).slots;
    expect(slots).toEqual([{ conversationId: "cv_other_queue", queueId: "sq_elsewhere" }]);
  });

  it("agent.signOut closes the socket and frees the agent", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    agent.send({ type: "agent.signOut" });
    expect((await agent.waitClosed()).code).toBe(1000);
    expect(await sql(fx.queueId, "SELECT * FROM agents")).toEqual([]);
  });
});
