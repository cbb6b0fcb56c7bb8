import { describe, expect, it } from "vitest";
import { connectAgent, fetchApp, setupQueue, type TestSocket, tick } from "./fixtures";

/** Polls the live view of a queue until `want` matches (the notice travels without being awaited). */
async function liveUntil(token: string, queueId: string, want: Record<string, number>) {
  let last: Record<string, number> = {};
  for (let i = 0; i < 40; i++) {
    const res = await fetchApp(`/api/v1/skill-queues/${queueId}/live`, {
      headers: { authorization: `Bearer ${token}` },
    });
    last = (await res.json()) as Record<string, number>;
    if (Object.entries(want).every(([k, v]) => last[k] === v)) return last;
    await tick(50);
  }
  throw new Error(`live view of ${queueId} stayed ${JSON.stringify(last)}, wanted ${JSON.stringify(want)}`);
}

const statusIn = (checker: TestSocket, employeeId: string, status: string) =>
  checker.next("queue.snapshot", (f) =>
    f.agents.some((a) => a.employeeId === employeeId && a.status === status),
  );

describe("an agent's status across their queues", () => {
  it("rest, forced busy and idle set in one queue show in the other queue's live view and snapshot", async () => {
    const fx = await setupQueue();
    const shared = fx.agents[0]!;
    const second = await fx.addQueue({}, [shared]);
    const checkerB = await fx.addAgent([second], { platformRole: "qualityChecker" });
    const checkerA = await fx.addAgent([fx.queueId], { platformRole: "qualityChecker" });
    const inA = await connectAgent(shared, fx.queueId);
    await inA.next("session.welcome");
    const inB = await connectAgent(shared, second);
    await inB.next("session.welcome");
    const watchB = await connectAgent(checkerB, second);
    const watchA = await connectAgent(checkerA, fx.queueId);
    await liveUntil(shared.token, second, { signedIn: 1, idle: 1, busy: 0 });

    inA.send({ type: "status.set", status: "rest" });
    await liveUntil(shared.token, second, { signedIn: 1, idle: 0, busy: 1 });
    await statusIn(watchB, shared.employeeId, "rest");
    expect((await inB.next("agent.updated", (f) => f.agent.status === "rest")).agent.employeeId).toBe(
      shared.employeeId,
    );

    inA.send({ type: "status.set", status: "idle" });
    await liveUntil(shared.token, second, { idle: 1, busy: 0 });
    await statusIn(watchB, shared.employeeId, "idle");

    watchA.send({ type: "agent.forceBusy", employeeId: shared.employeeId });
    await liveUntil(shared.token, second, { idle: 0, busy: 1 });
    await statusIn(watchB, shared.employeeId, "busy");
    // the agent cannot undo it in their other queue either; a checker there releases them
    inB.send({ type: "status.set", status: "idle" });
    expect((await inB.next("error")).code).toBe("not_allowed");
    watchB.send({ type: "agent.release", employeeId: shared.employeeId });
    await liveUntil(shared.token, fx.queueId, { idle: 1, busy: 0 });
    await statusIn(watchA, shared.employeeId, "idle");
  });
});
