import { describe, expect, it } from "vitest";
import { connectAgent, connectCustomer, setupQueue } from "./fixtures";

async function supervised() {
  const fx = await setupQueue({ agents: [{}, { platformRole: "qualityChecker" }] });
  const [staff, checkerStaff] = fx.agents as [(typeof fx.agents)[0], (typeof fx.agents)[0]];
  const checker = await connectAgent(checkerStaff, fx.queueId);
  await checker.next("session.welcome");
  await checker.next("queue.snapshot");
  const agent = await connectAgent(staff, fx.queueId);
  const customer = await connectCustomer(fx);
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, staff, checkerStaff, checker, agent, customer, id };
}

describe("quality checker", () => {
  it("sees live snapshots of conversations and agents", async () => {
    const { checker, id, staff } = await supervised();
    const snap = await checker.next("queue.snapshot", (f) =>
      f.conversations.some((c) => c.conversationId === id && c.state === "connected"),
    );
    expect(snap.agents.map((a) => a.employeeId)).toEqual([staff.employeeId]);
    expect(snap.agents[0]?.activeChats).toBe(1);
  });

  it("watches a conversation, receives its messages, and inserts one", async () => {
    const { checker, customer, agent, id } = await supervised();
    checker.send({ type: "conversation.watch", conversationId: id });
    expect((await checker.next("conversation.assigned")).conversation.conversationId).toBe(id);
    customer.send({ type: "message.send", clientMsgId: "c1", text: "hi" });
    expect((await checker.next("message")).message.text).toBe("hi");
    checker.send({ type: "checker.insert", conversationId: id, clientMsgId: "q1", text: "Supervisor here" });
    const ack = await checker.next("message.acked");
    const atCustomer = await customer.next("message", (f) => f.message.sender === "checker");
    expect(atCustomer.message).toMatchObject({ seq: ack.seq, text: "Supervisor here" });
    await agent.next("message", (f) => f.message.sender === "checker");
    checker.send({ type: "conversation.unwatch", conversationId: id });
    await checker.next("conversation.removed");
    customer.send({ type: "message.send", clientMsgId: "c2", text: "unseen" });
    await customer.next("message.acked");
    await checker.settle();
    expect(checker.all("message").some((f) => f.message.text === "unseen")).toBe(false);
  });

  it("intercepts: takes over from the agent, who gets conversation.removed and a free slot", async () => {
    const { checker, checkerStaff, customer, agent, id } = await supervised();
    checker.send({ type: "conversation.intercept", conversationId: id });
    expect(await agent.next("conversation.removed")).toMatchObject({
      conversationId: id,
      reason: "intercepted",
    });
    const taken = await checker.next("conversation.assigned");
    expect(taken.conversation.agentEmployeeId).toBe(checkerStaff.employeeId);
    checker.send({
      type: "message.send",
      conversationId: id,
      clientMsgId: "q1",
      text: "I will take it from here",
    });
    await checker.next("message.acked");
    expect(
      (await customer.next("message", (f) => f.message.text === "I will take it from here")).message.sender,
    ).toBe("agent");
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "me again" });
    expect((await agent.next("error")).code).toBe("not_found");
    expect((await agent.next("agent.updated", (f) => f.agent.activeChats === 0)).agent.status).toBe("idle");
  });

  it("forces an agent busy: no new chats until they set idle again", async () => {
    const { fx, checker, agent, staff } = await supervised();
    checker.send({ type: "agent.forceBusy", employeeId: staff.employeeId });
    await agent.next("agent.updated", (f) => f.agent.status === "busy");
    const next = await connectCustomer(fx);
    expect((await next.next("queue.position")).position).toBe(1);
    agent.send({ type: "status.set", status: "idle" });
    await next.next("conversation.updated", (f) => f.conversation.state === "connected");
  });

  it("refuses checker commands from a common agent and agent-only commands from a checker", async () => {
    const { checker, agent, id, staff } = await supervised();
    agent.send({ type: "conversation.intercept", conversationId: id });
    expect((await agent.next("error")).code).toBe("not_allowed");
    agent.send({ type: "agent.forceBusy", employeeId: staff.employeeId });
    expect((await agent.next("error")).code).toBe("not_allowed");
    checker.send({ type: "status.set", status: "rest" });
    expect((await checker.next("error")).code).toBe("not_allowed");
    checker.send({ type: "agent.forceBusy", employeeId: "nobody" });
    expect((await checker.next("error")).code).toBe("not_found");
  });
});
