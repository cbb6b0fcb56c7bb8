import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "../../agent-presence";
import {
  addChannel,
  connectAgent,
  connectCustomer,
  endWrapUp,
  type Fixture,
  fire,
  setupQueue,
  type TestSocket,
} from "./fixtures";

const connected = (f: { conversation: { state: string } }) => f.conversation.state === "connected";

/**
 * One agent (one chat at a time) signed in to queue A (wrap-up 5 s → 10 s effective) and queue B
 * (no wrap-up), chatting with a customer of A while a customer of B waits.
 */
async function busyInA(): Promise<{
  fx: Fixture;
  b: string;
  inA: TestSocket;
  inB: TestSocket;
  chatInA: string;
  waitingInB: TestSocket & { customerId: string };
}> {
  const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }], queue: { wrapUpDuration: 5 } });
  const shared = fx.agents[0]!;
  const b = await fx.addQueue({}, [shared]);
  const channelB = await addChannel(fx.tenantId, b);
  const inA = await connectAgent(shared, fx.queueId);
  await inA.next("session.welcome");
  const inB = await connectAgent(shared, b);
  await inB.next("session.welcome");
  await connectCustomer(fx);
  const chatInA = (await inA.next("conversation.assigned")).conversation.conversationId;
  const waitingInB = await connectCustomer({ channelId: channelB });
  expect((await waitingInB.next("queue.position")).position).toBe(1);
  return { fx, b, inA, inB, chatInA, waitingInB };
}

async function expectNotOffered(customer: TestSocket, agent: TestSocket) {
  await customer.settle(150);
  expect(customer.all("conversation.updated").some(connected)).toBe(false);
  expect(agent.all("conversation.assigned")).toHaveLength(0);
}

describe("wrap-up holds in every queue of the agent", () => {
  it("after a chat ends in A, B offers its waiting customer only once the wrap-up is over", async () => {
    const { fx, b, inA, inB, chatInA, waitingInB } = await busyInA();
    const employeeId = fx.agents[0]!.employeeId;
    inA.send({ type: "conversation.end", conversationId: chatInA });
    const inAArranging = await inA.next("agent.updated", (f) => f.agent.status === "arranging");
    expect(Math.round((inAArranging.agent.wrapUpUntil! - Date.now()) / 1000)).toBe(10);
    // B shows the same wrap-up, with the same end
    const inBArranging = await inB.next("agent.updated", (f) => f.agent.status === "arranging");
    expect(inBArranging.agent.wrapUpUntil).toBe(inAArranging.agent.wrapUpUntil);
    await expectNotOffered(waitingInB, inB);
    expect(await presenceOf(env, fx.tenantId, employeeId).reserve(b, "cv_probe", 5)).toMatchObject({
      ok: false,
      status: "arranging",
    });

    // B's timer running before the wrap-up's end (held by the presence object) changes nothing
    await fire(b, "wrapUp");
    await expectNotOffered(waitingInB, inB);

    await endWrapUp(fx.tenantId, employeeId, [fx.queueId, b]);
    await waitingInB.next("conversation.updated", connected);
    expect((await inB.next("conversation.assigned")).conversation.customerId).toBe(waitingInB.customerId);
    await inA.next("agent.updated", (f) => f.agent.status === "idle");
  });

  it("choosing idle in B ends the wrap-up early in every queue; B offers its customer at once", async () => {
    const { inA, inB, chatInA, waitingInB } = await busyInA();
    inA.send({ type: "conversation.end", conversationId: chatInA });
    await inB.next("agent.updated", (f) => f.agent.status === "arranging");
    await expectNotOffered(waitingInB, inB);
    inB.send({ type: "status.set", status: "idle" });
    await waitingInB.next("conversation.updated", connected);
    await inA.next("agent.updated", (f) => f.agent.status === "idle");
  });

  it.each(["rest", "busy"] as const)(
    "%s set during the wrap-up replaces it in every queue and holds after its end",
    async (status) => {
      const { fx, b, inA, inB, chatInA, waitingInB } = await busyInA();
      const employeeId = fx.agents[0]!.employeeId;
      inA.send({ type: "conversation.end", conversationId: chatInA });
      await inB.next("agent.updated", (f) => f.agent.status === "arranging");
      const checker = await fx.addAgent([fx.queueId], { platformRole: "qualityChecker" });
      const watch = await connectAgent(checker, fx.queueId);
      await watch.next("session.welcome");
      if (status === "rest") inA.send({ type: "status.set", status: "rest" });
      else watch.send({ type: "agent.forceBusy", employeeId });
      const inBNow = await inB.next("agent.updated", (f) => f.agent.status === status);
      expect(inBNow.agent.wrapUpUntil).toBeNull();
      await endWrapUp(fx.tenantId, employeeId, [fx.queueId, b]);
      await expectNotOffered(waitingInB, inB);
      // a rest ends when the agent chooses idle; a forced busy when a checker releases them
      if (status === "rest") inA.send({ type: "status.set", status: "idle" });
      else watch.send({ type: "agent.release", employeeId });
      await waitingInB.next("conversation.updated", connected);
    },
  );

  it("signing in to another queue keeps a rest chosen, or a wrap-up running, in the first", async () => {
    const fx = await setupQueue({ queue: { wrapUpDuration: 5 } });
    const shared = fx.agents[0]!;
    const b = await fx.addQueue({}, [shared]);
    const c = await fx.addQueue({}, [shared]);
    const inA = await connectAgent(shared, fx.queueId);
    await inA.next("session.welcome");
    inA.send({ type: "status.set", status: "rest" });
    await inA.next("agent.updated", (f) => f.agent.status === "rest");
    const inB = await connectAgent(shared, b);
    expect((await inB.next("session.welcome")).agent?.status).toBe("rest");
    await inA.settle();
    expect(inA.all("agent.updated").some((f) => f.agent.status === "idle")).toBe(false);

    inA.send({ type: "status.set", status: "idle" });
    await inB.next("agent.updated", (f) => f.agent.status === "idle");
    await connectCustomer(fx);
    const id = (await inA.next("conversation.assigned")).conversation.conversationId;
    inA.send({ type: "conversation.end", conversationId: id });
    const arranging = await inA.next("agent.updated", (f) => f.agent.status === "arranging");
    const inC = await connectAgent(shared, c);
    const welcome = (await inC.next("session.welcome")).agent;
    expect(welcome).toMatchObject({ status: "arranging", wrapUpUntil: arranging.agent.wrapUpUntil });
  });
});
