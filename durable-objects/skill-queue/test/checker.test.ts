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

  it("forces an agent busy: no new chats, and only a checker's release makes them idle again", async () => {
    const { fx, checker, checkerStaff, agent, staff } = await supervised();
    checker.send({ type: "agent.forceBusy", employeeId: staff.employeeId });
    const forced = await agent.next("agent.updated", (f) => f.agent.status === "busy");
    expect(forced.agent.forcedBy).toBe(checkerStaff.name);
    const snap = await checker.next("queue.snapshot", (f) => f.agents.some((a) => a.status === "busy"));
    expect(snap.agents[0]?.forcedBy).toBe(checkerStaff.name);
    const next = await connectCustomer(fx);
    expect((await next.next("queue.position")).position).toBe(1);
    for (const status of ["idle", "rest"] as const) {
      agent.send({ type: "status.set", status });
      expect(await agent.next("error")).toMatchObject({
        code: "not_allowed",
        ref: "status.set",
        message: `${checkerStaff.name} set you busy; you cannot choose ${status} until a quality checker releases you`,
      });
    }
    await next.settle();
    expect(next.all("conversation.updated").some((f) => f.conversation.state === "connected")).toBe(false);
    checker.send({ type: "agent.release", employeeId: staff.employeeId });
    const released = await agent.next("agent.updated", (f) => f.agent.status !== "busy");
    expect(released.agent.forcedBy).toBeNull();
    await next.next("conversation.updated", (f) => f.conversation.state === "connected");
    checker.send({ type: "agent.release", employeeId: staff.employeeId });
    expect((await checker.next("error")).code).toBe("conflict");
  });

  it("a forced busy holds when the agent signs out and in again", async () => {
    const { fx, checker, agent, staff } = await supervised();
    checker.send({ type: "agent.forceBusy", employeeId: staff.employeeId });
    await agent.next("agent.updated", (f) => f.agent.status === "busy");
    agent.send({ type: "agent.signOut" });
    await agent.waitClosed();
    const again = await connectAgent(staff, fx.queueId);
    expect((await again.next("session.welcome")).agent).toMatchObject({ status: "busy" });
  });

  it("refuses checker commands from a common agent and agent-only commands from a checker", async () => {
    const { checker, agent, id, staff } = await supervised();
    agent.send({ type: "conversation.intercept", conversationId: id });
    expect((await agent.next("error")).code).toBe("not_allowed");
    agent.send({ type: "agent.forceBusy", employeeId: staff.employeeId });
    expect((await agent.next("error")).code).toBe("not_allowed");
    checker.send({ type: "status.set", status: "rest" });
    expect((await checker.next("error")).code).toBe("not_allowed");
    agent.send({ type: "agent.release", employeeId: staff.employeeId });
    expect((await agent.next("error")).code).toBe("not_allowed");
    checker.send({ type: "agent.forceBusy", employeeId: "nobody" });
    expect((await checker.next("error")).code).toBe("not_found");
    checker.send({ type: "agent.release", employeeId: "nobody" });
    expect((await checker.next("error")).code).toBe("not_found");
  });

  it("after an intercept the checker's transcript names every message's real sender", async () => {
    const { checker, checkerStaff, staff, agent, customer, id } = await supervised();
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "Agent speaking" });
    await agent.next("message.acked");
    checker.send({ type: "conversation.watch", conversationId: id });
    await checker.next("conversation.assigned");
    checker.send({ type: "checker.insert", conversationId: id, clientMsgId: "q1", text: "Supervisor note" });
    await checker.next("message.acked");
    checker.send({ type: "conversation.intercept", conversationId: id });
    const taken = await checker.next(
      "conversation.assigned",
      (f) => f.conversation.agentEmployeeId !== staff.employeeId,
    );
    checker.send({ type: "message.send", conversationId: id, clientMsgId: "q2", text: "Taking over" });
    const mine = await customer.next("message", (f) => f.message.text === "Taking over");
    const who = (text: string) => taken.messages.find((m) => m.text === text);
    expect(who("Agent speaking")).toMatchObject({ sender: "agent", senderName: staff.name });
    expect(who("Supervisor note")).toMatchObject({ sender: "checker", senderName: checkerStaff.name });
    expect(mine.message).toMatchObject({ sender: "agent", senderName: checkerStaff.name });
  });
});
