import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../../worker/realtime/protocol";
import { presenceOf } from "../../agent-presence";
import {
  adminOf,
  connectAgent,
  connectCustomer,
  type Fixture,
  fetchApp,
  postJson,
  type Staff,
  setupQueue,
  sql,
  type TestSocket,
  tick,
} from "./fixtures";

/** A fresh agent ticket's URL, not yet used. */
async function ticketUrl(staff: Staff, queueId: string): Promise<string> {
  const res = await postJson(
    "/api/v1/agent/tickets",
    { skillQueueId: queueId },
    { authorization: `Bearer ${staff.token}` },
  );
  expect(res.status).toBe(201);
  return res.body.url as string;
}

const upgradeStatus = async (url: string) =>
  (await fetchApp(url, { headers: { upgrade: "websocket" } })).status;

/**
 * One agent (two chat slots) chatting with one customer, and a second customer waiting while the
 * agent rests: revoking the agent must return the chat to the queue and give nobody to the agent.
 */
async function busyAgent(): Promise<{
  fx: Fixture;
  staff: Staff;
  agent: TestSocket;
  chatting: TestSocket;
  waiting: TestSocket;
}> {
  const fx = await setupQueue({ agents: [{ maxConcurrentChats: 2 }] });
  const staff = fx.agents[0]!;
  const agent = await connectAgent(staff, fx.queueId);
  const chatting = await connectCustomer(fx);
  await agent.next("conversation.assigned");
  agent.send({ type: "status.set", status: "rest" });
  await agent.next("agent.updated", (f) => f.agent.status === "rest");
  const waiting = await connectCustomer(fx);
  expect((await waiting.next("queue.position")).position).toBe(1);
  return { fx, staff, agent, chatting, waiting };
}

/** The agent's socket closed as revoked, they are signed out, their chat is back in the queue. */
async function expectRevoked(s: Awaited<ReturnType<typeof busyAgent>>, reason: string): Promise<void> {
  const closed = await s.agent.waitClosed();
  expect(closed).toEqual({ code: CloseCode.revoked, reason });
  expect(await sql(s.fx.queueId, "SELECT * FROM agents")).toEqual([]);
  await s.chatting.next("message", (f) => f.message.text.includes("back at the front"));
  await s.waiting.settle();
  expect(s.waiting.all("conversation.updated").some((f) => f.conversation.state === "connected")).toBe(false);
  const queued = await sql<{ state: string; agent_id: string | null }>(
    s.fx.queueId,
    "SELECT state, agent_id FROM conversations",
  );
  expect(queued).toEqual([
    { state: "queued", agent_id: null },
    { state: "queued", agent_id: null },
  ]);
  expect((await presenceOf(env, s.fx.tenantId, s.staff.employeeId).snapshot()).slots).toEqual([]);
}

describe("revocation reaches open sockets", () => {
  it("deleting the agent configuration closes the socket (4005) and signs the agent out", async () => {
    const s = await busyAgent();
    const admin = await adminOf(s.fx);
    expect((await admin.del(`/agents/${s.staff.agentId}`)).status).toBe(204);
    await expectRevoked(s, "You are no longer configured for this skill queue");
  });

  it("removing the queue from the agent's skill queues closes the socket and signs the agent out", async () => {
    const s = await busyAgent();
    const other = await s.fx.addQueue();
    const admin = await adminOf(s.fx);
    const res = await admin.patch(`/agents/${s.staff.agentId}`, { skillQueueIds: [other] });
    expect(res.status).toBe(200);
    await expectRevoked(s, "You are no longer configured for this skill queue");
  });

  it("removing the queue from the agent's skill queue group does the same", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 2 }] });
    const staff = fx.agents[0]!;
    const other = await fx.addQueue();
    const admin = await adminOf(fx);
    const group = await admin.post("/skill-queue-groups", {
      name: "Both",
      skillQueueIds: [fx.queueId, other],
    });
    expect(group.status).toBe(201);
    const byGroup = await admin.patch(`/agents/${staff.agentId}`, {
      skillType: "skillQueueGroup",
      skillQueueGroupId: group.body.id,
      defaultSkillQueueId: other,
    });
    expect(byGroup.status).toBe(200);
    const agent = await connectAgent(staff, fx.queueId);
    await agent.next("session.welcome");
    expect(
      (await admin.patch(`/skill-queue-groups/${group.body.id}`, { skillQueueIds: [other] })).status,
    ).toBe(200);
    expect((await agent.waitClosed()).code).toBe(CloseCode.revoked);
    expect(await sql(fx.queueId, "SELECT * FROM agents")).toEqual([]);
  });

  it("a password change closes the employee's sockets and a ticket issued before it no longer opens", async () => {
    const s = await busyAgent();
    const admin = await adminOf(s.fx);
    const before = await ticketUrl(s.staff, s.fx.queueId);
    const res = await admin.patch(`/employees/${s.staff.rowId}`, { password: "a brand new password" });
    expect(res.status).toBe(200);
    await expectRevoked(s, "Your password changed or your account was removed; sign in again");
    expect(await upgradeStatus(before)).toBe(401);
  });

  it("a change of name alone leaves the sockets and tickets alone", async () => {
    const fx = await setupQueue();
    const staff = fx.agents[0]!;
    const admin = await adminOf(fx);
    const agent = await connectAgent(staff, fx.queueId);
    await agent.next("session.welcome");
    const before = await ticketUrl(staff, fx.queueId);
    expect((await admin.patch(`/employees/${staff.rowId}`, { name: "Renamed" })).status).toBe(200);
    await tick(100);
    expect(agent.closed).toBeNull();
    expect(await upgradeStatus(before)).toBe(101);
  });

  it("deleting the employee (after its agent configuration) voids its unused tickets", async () => {
    const s = await busyAgent();
    const admin = await adminOf(s.fx);
    const before = await ticketUrl(s.staff, s.fx.queueId);
    expect((await admin.del(`/agents/${s.staff.agentId}`)).status).toBe(204);
    await expectRevoked(s, "You are no longer configured for this skill queue");
    expect((await admin.del(`/employees/${s.staff.rowId}`)).status).toBe(204);
    expect(await upgradeStatus(before)).toBe(401);
  });

  it("a quality checker demoted to a common agent is closed and sees no more of the transcript", async () => {
    const fx = await setupQueue({ agents: [{}, { platformRole: "qualityChecker" }] });
    const [agentStaff, checkerStaff] = fx.agents as [Staff, Staff];
    const agent = await connectAgent(agentStaff, fx.queueId);
    const checker = await connectAgent(checkerStaff, fx.queueId);
    await checker.next("session.welcome");
    const customer = await connectCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    checker.send({ type: "conversation.watch", conversationId: id });
    await checker.next("conversation.assigned");
    customer.send({ type: "message.send", clientMsgId: "m1", text: "watched" });
    await checker.next("message", (f) => f.message.text === "watched");

    const admin = await adminOf(fx);
    const res = await admin.patch(`/agents/${checkerStaff.agentId}`, { platformRole: "common" });
    expect(res.status).toBe(200);
    expect(await checker.waitClosed()).toEqual({
      code: CloseCode.revoked,
      reason: "Your role in this skill queue changed; sign in again",
    });
    customer.send({ type: "message.send", clientMsgId: "m2", text: "not for the checker" });
    await agent.next("message", (f) => f.message.text === "not for the checker");
    expect(checker.all("message").map((f) => f.message.text)).toEqual([]);
    expect(agent.closed).toBeNull();
  });

  it("a common agent promoted to quality checker is closed and signed out as an agent", async () => {
    const s = await busyAgent();
    const admin = await adminOf(s.fx);
    const res = await admin.patch(`/agents/${s.staff.agentId}`, { platformRole: "qualityChecker" });
    expect(res.status).toBe(200);
    await expectRevoked(s, "Your role in this skill queue changed; sign in again");
  });

  it("a configuration reloaded without the notification (cache expiry) is applied before the next event", async () => {
    const s = await busyAgent();
    const { agentSkillQueues } = await import("../../../worker/db/schema");
    const { eq } = await import("drizzle-orm");
    const { db, queueStub } = await import("./fixtures");
    // D1 changes behind the object's back; its cache drops as after CONFIG_TTL_MS
    await db().delete(agentSkillQueues).where(eq(agentSkillQueues.agentId, s.staff.agentId));
    const { runInDurableObject } = await import("cloudflare:test");
    await runInDurableObject(queueStub(s.fx.queueId), (instance) => {
      (instance as unknown as { q: { config: { invalidate(): void } } }).q.config.invalidate();
    });
    s.agent.send({ type: "status.set", status: "idle" });
    await expectRevoked(s, "You are no longer configured for this skill queue");
  });

  it("a ticket issued before a role change opens only to be closed with 4005", async () => {
    const fx = await setupQueue({ agents: [{ platformRole: "qualityChecker" }] });
    const staff = fx.agents[0]!;
    const url = await ticketUrl(staff, fx.queueId);
    const admin = await adminOf(fx);
    expect((await admin.patch(`/agents/${staff.agentId}`, { platformRole: "common" })).status).toBe(200);
    const { TestSocket } = await import("./fixtures");
    const socket = await TestSocket.open(url);
    expect(await socket.waitClosed()).toEqual({
      code: CloseCode.revoked,
      reason: "Your role in this skill queue changed; sign in again",
    });
    expect(socket.all("queue.snapshot")).toEqual([]);
  });
});
