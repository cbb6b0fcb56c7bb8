import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "../../agent-presence";
import { SIGN_OUT_GRACE_MS } from "../context";
import { connectAgent, connectCustomer, fire, queueStub, setupQueue, sql } from "./fixtures";

const graceTimers = (queueId: string) =>
  sql<{ ref: string; due_at: number }>(queueId, "SELECT ref, due_at FROM timers WHERE kind = 'signOutGrace'");

describe("restart: agents whose sockets are gone", () => {
  it("after a crash the agent gets the sign-out grace, keeps their chat meanwhile but no new customer, and is signed out when it ends", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 2 }, {}] });
    const [staff, spare] = fx.agents;
    const agent = await connectAgent(staff!, fx.queueId);
    const chatting = await connectCustomer(fx);
    const chatId = (await agent.next("conversation.assigned")).conversation.conversationId;
    // the runtime goes away with every socket, and no close handler runs
    await evictDurableObject(queueStub(fx.queueId), { webSockets: "close" });
    await agent.waitClosed();
    await chatting.waitClosed();

    const waiting = await connectCustomer(fx);
    const started = Date.now();
    expect((await waiting.next("queue.position")).position).toBe(1);
    await waiting.settle();
    expect(waiting.all("conversation.updated").some((f) => f.conversation.state === "connected")).toBe(false);
    const [grace] = await graceTimers(fx.queueId);
    expect(grace?.ref).toBe(staff!.employeeId);
    expect(grace!.due_at).toBeGreaterThanOrEqual(started - 1000 + SIGN_OUT_GRACE_MS - 1000);
    expect(grace!.due_at).toBeLessThanOrEqual(Date.now() + SIGN_OUT_GRACE_MS);
    expect(await sql(fx.queueId, "SELECT state, agent_id FROM conversations WHERE id = ?", chatId)).toEqual([
      { state: "connected", agent_id: staff!.employeeId },
    ]);

    await fire(fx.queueId, "signOutGrace");
    expect(await sql(fx.queueId, "SELECT * FROM agents")).toEqual([]);
    expect((await presenceOf(env, fx.tenantId, staff!.employeeId).snapshot()).slots).toEqual([]);
    // the returned chat is first in line again, ahead of the customer who arrived after the crash
    const other = await connectAgent(spare!, fx.queueId);
    expect((await other.next("conversation.assigned")).conversation.conversationId).toBe(chatId);
  });

  it("an agent row left without sockets is given the grace on the object's first event, not a customer", async () => {
    const fx = await setupQueue();
    const staff = fx.agents[0]!;
    // signed in before the process died: the row survived, no socket did
    await runInDurableObject(queueStub(fx.queueId), (_i, state) => {
      state.storage.sql.exec(
        "INSERT INTO agents (employee_id, name, status, status_since, wrap_up_until, max_chats, signed_in_at) VALUES (?, ?, 'idle', ?, NULL, 5, ?)",
        staff.employeeId,
        staff.name,
        Date.now(),
        Date.now(),
      );
    });
    await evictDurableObject(queueStub(fx.queueId));
    const waiting = await connectCustomer(fx);
    expect((await waiting.next("queue.position")).position).toBe(1);
    await waiting.settle();
    expect(waiting.all("conversation.updated").some((f) => f.conversation.state === "connected")).toBe(false);
    expect((await graceTimers(fx.queueId)).map((t) => t.ref)).toEqual([staff.employeeId]);
    await fire(fx.queueId, "signOutGrace");
    expect(await sql(fx.queueId, "SELECT * FROM agents")).toEqual([]);
  });

  it("a hibernation wake keeps agents whose sockets survived signed in without a grace timer", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    await evictDurableObject(queueStub(fx.queueId));
    const c = await connectCustomer(fx);
    await c.next("conversation.updated", (f) => f.conversation.state === "connected");
    expect(await graceTimers(fx.queueId)).toEqual([]);
  });
});
