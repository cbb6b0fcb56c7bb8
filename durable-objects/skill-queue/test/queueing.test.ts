import { describe, expect, it } from "vitest";
import { RELEASE_NOTICES } from "../queue";
import { REMINDER_TICK_MS } from "../rules/reminder";
import { TIMER_RETRY_MS } from "../timers";
import {
  connectAgent,
  connectCustomer,
  type Fixture,
  fire,
  queueStub,
  setupQueue,
  sql,
  TestSocket,
} from "./fixtures";

/** One agent limited to one chat, already busy with a first customer. */
async function busyQueue(options: Parameters<typeof setupQueue>[0] = {}) {
  const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }], ...options });
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const first = await connectCustomer(fx);
  await agent.next("conversation.assigned");
  return { fx, agent, first };
}

async function released(c: TestSocket, reason: string) {
  const ended = await c.next("conversation.updated", (f) => f.conversation.state === "ended");
  expect(ended.reason).toBe(reason);
  return ended;
}

describe("queue positions and reminders", () => {
  it("pushes positions to every waiting customer on each change, and the rendered reminder", async () => {
    const { fx, agent, first } = await busyQueue();
    const b = await connectCustomer(fx);
    expect((await b.next("queue.position")).position).toBe(1);
    const c = await connectCustomer(fx);
    expect((await c.next("queue.position")).position).toBe(2);
    b.send({ type: "conversation.leave" });
    await released(b, "customerLeft");
    expect((await c.next("queue.position", (f) => f.position === 1)).reminder).toBeNull();

    await fire(fx.queueId, "reminder");
    const reminder = await c.next("queue.position", (f) => f.reminder !== null);
    expect(reminder).toMatchObject({ position: 1, reminder: "You are number 1." });
    const [timer] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'reminder'",
    );
    expect(timer!.due_at - Date.now()).toBeGreaterThan(8_000);
    // the interval, on the reminder grid (at most one tick later)
    expect(timer!.due_at - Date.now()).toBeLessThanOrEqual(10_000 + REMINDER_TICK_MS);
    expect(timer!.due_at % REMINDER_TICK_MS).toBe(0);

    const firstId = (await first.next("session.welcome")).conversations[0]!.conversationId;
    agent.send({ type: "conversation.end", conversationId: firstId });
    await c.next("conversation.updated", (f) => f.conversation.state === "connected");
    await agent.next("conversation.assigned");
  });
});

describe("deep queue", () => {
  it("an arrival at the back tells nobody ahead; a departure tells only those behind", async () => {
    const { fx } = await busyQueue();
    const [b, c, d] = [await connectCustomer(fx), await connectCustomer(fx), await connectCustomer(fx)];
    for (const [i, s] of [b, c, d].entries()) expect((await s.next("queue.position")).position).toBe(i + 1);
    await Promise.all([b.settle(), c.settle(), d.settle()]);
    expect([b, c, d].map((s) => s.all("queue.position").length)).toEqual([0, 0, 0]);
    c.send({ type: "conversation.leave" });
    await released(c, "customerLeft");
    expect((await d.next("queue.position")).position).toBe(2);
    await b.settle();
    expect(b.all("queue.position")).toEqual([]);
  });

  it("every due reminder in one round, each with its exact position; a failed round is retried whole", async () => {
    const { fx } = await busyQueue();
    const waiting = [await connectCustomer(fx), await connectCustomer(fx), await connectCustomer(fx)];
    for (const s of waiting) await s.next("queue.position");
    await sql(fx.queueId, "ALTER TABLE waiting RENAME TO waiting_broken");
    await fire(fx.queueId, "reminder");
    const retry = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'reminder'",
    );
    expect(retry.length).toBe(3);
    for (const t of retry) expect(t.due_at - Date.now()).toBeGreaterThan(TIMER_RETRY_MS - 2_000);
    await sql(fx.queueId, "ALTER TABLE waiting_broken RENAME TO waiting");

    await fire(fx.queueId, "reminder");
    for (const [i, s] of waiting.entries()) {
      const r = await s.next("queue.position", (f) => f.reminder !== null);
      expect(r).toMatchObject({ position: i + 1, reminder: `You are number ${i + 1}.` });
    }
    const next = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'reminder'",
    );
    expect(next.map((t) => Math.round((t.due_at - Date.now()) / 1000))).toEqual([10, 10, 10]);
  });
});

describe("reminders due together or alone", () => {
  const MANY = 20;
  it(`${MANY} due together and one due alone get the same exact positions`, async () => {
    const { fx } = await busyQueue();
    const waiting: { socket: TestSocket; conversationId: string }[] = [];
    for (let i = 0; i < MANY; i++) {
      const socket = await connectCustomer(fx);
      waiting.push({ socket, conversationId: (await socket.next("queue.position")).conversationId });
    }
    await fire(fx.queueId, "reminder");
    for (const [i, { socket }] of waiting.entries()) {
      const r = await socket.next("queue.position", (f) => f.reminder !== null);
      expect(r).toMatchObject({ position: i + 1, reminder: `You are number ${i + 1}.` });
    }
    // two reminders fall due alone
    for (const i of [4, MANY - 1]) {
      const { socket, conversationId } = waiting[i]!;
      await fire(fx.queueId, "reminder", conversationId);
      expect(await socket.next("queue.position", (f) => f.reminder !== null)).toMatchObject({
        position: i + 1,
        reminder: `You are number ${i + 1}.`,
      });
    }
  });
});

describe("max waiting time", () => {
  it("releases with the timeout notice", async () => {
    const { fx } = await busyQueue({ queue: { maxWaitingTime: 30 } });
    const b = await connectCustomer(fx);
    await b.next("queue.position");
    const [timer] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'wait'",
    );
    expect(Math.round((timer!.due_at - Date.now()) / 1000)).toBe(30);
    await fire(fx.queueId, "wait");
    expect((await b.next("message", (f) => f.message.sender === "system")).message.text).toBe(
      RELEASE_NOTICES.timeout,
    );
    await released(b, "timeout");
  });

  it("transfers to the target queue when its usage after the transfer is below 100 %", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }] });
    const helper = await fx.addAgent([]);
    const target = await fx.addQueue({}, [helper]);
    await setTimeout0();
    await configureTimeout(fx, target);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await connectCustomer(fx);
    await agent.next("conversation.assigned");
    const targetAgent = await connectAgent(helper, target);
    await targetAgent.next("session.welcome");
    const b = await connectCustomer(fx);
    const id = (await b.next("session.welcome")).conversations[0]!.conversationId;
    await fire(fx.queueId, "wait");
    const moved = await b.next("session.moved");
    expect(moved.skillQueueId).toBe(target);
    expect((await b.waitClosed()).code).toBe(4004);
    const there = await TestSocket.open(moved.url);
    const welcome = await there.next("session.welcome");
    expect(welcome.conversations[0]).toMatchObject({ conversationId: id, skillQueueId: target });
    const assigned = await targetAgent.next("conversation.assigned");
    expect(assigned.conversation.conversationId).toBe(id);
  });

  it("releases instead when the target would be full (usage 100 %)", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }] });
    const target = await fx.addQueue({ maxCallsInQueue: 1 });
    await configureTimeout(fx, target);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await connectCustomer(fx);
    await agent.next("conversation.assigned");
    const b = await connectCustomer(fx);
    await b.next("queue.position");
    await fire(fx.queueId, "wait");
    await released(b, "timeout");
    expect(b.all("session.moved")).toHaveLength(0);
  });
});

describe("busy / overflow", () => {
  it("queues up to Max. Calls in Queue and refuses the next as busy", async () => {
    const { fx } = await busyQueue({ queue: { maxCallsInQueue: 1 } });
    const b = await connectCustomer(fx);
    expect((await b.next("queue.position")).position).toBe(1);
    const c = await connectCustomer(fx);
    expect((await c.next("message", (f) => f.message.sender === "system")).message.text).toBe(
      RELEASE_NOTICES.busy,
    );
    await released(c, "busy");
  });

  it.each([
    [
      "percentOfSignedIn 100 × 1 agent = 1",
      { maxQueuingMethod: "percentOfSignedIn" as const, maxQueuing: 100 },
      1,
    ],
    [
      "percentOfSignedIn 150 × 1 agent = 2",
      { maxQueuingMethod: "percentOfSignedIn" as const, maxQueuing: 150 },
      2,
    ],
    ["fixed 2", { maxQueuingMethod: "fixed" as const, maxQueuing: 2 }, 2],
  ])("maximum queuing %s", async (_what, busy, limit) => {
    const { fx } = await busyQueue({ queue: { busy } });
    for (let i = 0; i < limit; i++)
      expect((await (await connectCustomer(fx)).next("queue.position")).position).toBe(i + 1);
    await released(await connectCustomer(fx), "busy");
  });

  it.each([
    [70, "busy"],
    [71, "queue"],
  ])("device usage threshold %i, usage with the newcomer 70.3 → %s", async (threshold, outcome) => {
    const { fx } = await busyQueue({ queue: { busy: { forwardingCondition: "deviceUsage", threshold } } });
    const b = await connectCustomer(fx);
    if (outcome === "busy") await released(b, "busy");
    else expect((await b.next("queue.position")).position).toBe(1);
  });

  it("waiting-duration condition: busy once the longest wait is over the threshold", async () => {
    const { fx } = await busyQueue({
      queue: { busy: { forwardingCondition: "waitingDuration", threshold: 5 } },
    });
    const b = await connectCustomer(fx);
    await b.next("queue.position");
    const c = await connectCustomer(fx);
    expect((await c.next("queue.position")).position).toBe(2);
    await sql(fx.queueId, "UPDATE waiting SET enqueued_at = enqueued_at - 6000");
    await released(await connectCustomer(fx), "busy");
  });

  it.each([
    [73, "release"],
    [74, "transfer"],
  ])(
    "busy transfer with Queue Usage %i, target usage after the transfer exactly 73 → %s",
    async (queueUsage, outcome) => {
      const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }], queue: { maxCallsInQueue: 0 } });
      const other = await fx.addAgent([]);
      // target: its one agent at rest (70) and 1 of 10 queue places taken by the newcomer (3)
      const target = await fx.addQueue({ maxCallsInQueue: 10 }, [other]);
      await queueConfig(fx, {
        busy: { action: "transfer", transferType: "skillQueue", targetId: target, queueUsage },
      });
      const targetAgent = await connectAgent(other, target);
      targetAgent.send({ type: "status.set", status: "rest" });
      await targetAgent.next("agent.updated", (f) => f.agent.status === "rest");
      await connectAgent(fx.agents[0]!, fx.queueId);
      const c = await connectCustomer(fx);
      if (outcome === "release") {
        await released(c, "busy");
        expect(c.all("session.moved")).toHaveLength(0);
      } else {
        const moved = await c.next("session.moved");
        expect(moved.skillQueueId).toBe(target);
        const there = await TestSocket.open(moved.url);
        expect((await there.next("queue.position")).position).toBe(1);
      }
    },
  );
});

describe("nobody on duty", () => {
  it("releases with the no-agent notice", async () => {
    const fx = await setupQueue();
    const c = await connectCustomer(fx);
    expect((await c.next("message", (f) => f.message.sender === "system")).message.text).toBe(
      RELEASE_NOTICES.noAgent,
    );
    await released(c, "noAgent");
  });

  it("transfers to the target queue, but never back to a queue it left (loop guard)", async () => {
    const fx = await setupQueue();
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    await queueConfig(fx, { noAgent: { action: "transfer", transferType: "skillQueue", targetId: target } });
    // the target has nobody signed in either and transfers back: the loop guard releases instead
    await queueConfig(
      { ...fx, queueId: target },
      { noAgent: { action: "transfer", transferType: "skillQueue", targetId: fx.queueId } },
    );
    const c = await connectCustomer(fx);
    const moved = await c.next("session.moved");
    expect(moved.skillQueueId).toBe(target);
    const there = await TestSocket.open(moved.url);
    expect((await there.next("session.welcome")).conversations[0]?.state).toBe("ended");
    there.send({ type: "session.resume", lastSeq: 0 });
    expect((await there.next("message")).message.text).toBe(RELEASE_NOTICES.noAgent);
    const [row] = await sql<{ end_reason: string; hops: string }>(
      target,
      "SELECT end_reason, hops FROM conversations",
    );
    expect(row).toEqual({ end_reason: "noAgent", hops: JSON.stringify([fx.queueId]) });
  });
});

const setTimeout0 = () => new Promise((r) => setTimeout(r, 0));

async function queueConfig(fx: Pick<Fixture, "queueId">, patch: Record<string, object>) {
  const { env } = await import("cloudflare:workers");
  const row = await env.DB.prepare("SELECT queuing FROM skill_queues WHERE id = ?")
    .bind(fx.queueId)
    .first<{ queuing: string }>();
  const queuing = JSON.parse(row!.queuing);
  for (const [k, v] of Object.entries(patch)) queuing[k] = { ...queuing[k], ...v };
  await env.DB.prepare("UPDATE skill_queues SET queuing = ? WHERE id = ?")
    .bind(JSON.stringify(queuing), fx.queueId)
    .run();
  await queueStub(fx.queueId).invalidateConfig();
}

function configureTimeout(fx: Fixture, target: string) {
  return queueConfig(fx, { timeout: { action: "transfer", transferType: "skillQueue", targetId: target } });
}
