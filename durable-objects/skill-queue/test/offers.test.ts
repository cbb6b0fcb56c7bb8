/**
 * Callout agents (spec Table 3: "can answer, transfer, or reject inbound calls"): a waiting customer
 * is offered to them; they accept or reject within 20 s; a rejected customer keeps their place and
 * goes to the next agent at once; the agent is not offered that customer again for 60 s.
 */
import { describe, expect, it } from "vitest";
import { OFFER_TIMEOUT_MS, REOFFER_BLOCK_MS } from "../rules/offer";
import { connectAgent, connectCustomer, fire, queueStub, setupQueue, sql, type TestSocket } from "./fixtures";

const callout = { platformRole: "callout" as const };

async function rest(agent: TestSocket) {
  agent.send({ type: "status.set", status: "rest" });
  await agent.next("agent.updated", (f) => f.agent.status === "rest");
}

async function waitingCustomer(fx: { channelId: string }, name: string) {
  const c = await connectCustomer(fx, { name });
  const id = (await c.next("session.welcome")).conversations[0]!.conversationId;
  return Object.assign(c, { id });
}

const waitingOrder = async (queueId: string) =>
  (await sql<{ conversation_id: string }>(queueId, "SELECT conversation_id FROM waiting ORDER BY ord")).map(
    (r) => r.conversation_id,
  );

/** Moves the rejection of `conversationId` by `employeeId` to `msAgo` before now, then re-dispatches. */
async function rejectedAgo(queueId: string, conversationId: string, employeeId: string, msAgo: number) {
  await sql(
    queueId,
    "UPDATE offer_rejections SET rejected_at = ? WHERE conversation_id = ? AND employee_id = ?",
    Date.now() - msAgo,
    conversationId,
    employeeId,
  );
  await queueStub(queueId).nudge();
}

describe("offers to callout agents", () => {
  it("offers a waiting customer, who keeps their place; accepting connects them", async () => {
    const fx = await setupQueue({ agents: [callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    await x.next("session.welcome");
    const before = Date.now();
    const ann = await waitingCustomer(fx, "Ann");
    ann.send({ type: "message.send", clientMsgId: "c1", text: "Is anyone there?" });
    const offered = await x.next("conversation.offered");
    expect(offered.conversation).toMatchObject({
      conversationId: ann.id,
      state: "queued",
      customerName: "Ann",
    });
    expect(offered.expiresAt).toBeGreaterThanOrEqual(before + OFFER_TIMEOUT_MS);
    expect(offered.expiresAt).toBeLessThanOrEqual(Date.now() + OFFER_TIMEOUT_MS);
    expect(await waitingOrder(fx.queueId)).toEqual([ann.id]);
    expect(x.all("conversation.assigned")).toEqual([]);

    x.send({ type: "offer.accept", conversationId: ann.id });
    expect(await x.next("offer.ended")).toMatchObject({ conversationId: ann.id, reason: "accepted" });
    expect((await x.next("conversation.assigned")).conversation.conversationId).toBe(ann.id);
    await ann.next("conversation.updated", (f) => f.conversation.state === "connected");
    expect(await waitingOrder(fx.queueId)).toEqual([]);
    expect(await sql(fx.queueId, "SELECT * FROM offers")).toEqual([]);
  });

  it("shows the customer's latest message as the preview", async () => {
    const fx = await setupQueue({ agents: [callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    await rest(x);
    const ann = await waitingCustomer(fx, "Ann");
    ann.send({ type: "message.send", clientMsgId: "c1", text: "My parcel is late" });
    await ann.next("message.acked");
    x.send({ type: "status.set", status: "idle" });
    const first = await x.next("conversation.offered");
    expect(first.preview).toBe("My parcel is late");
    // a message while the offer is open: offered again with it, same deadline
    ann.send({ type: "message.send", clientMsgId: "c2", text: "Hello?" });
    const again = await x.next("conversation.offered", (f) => f.preview === "Hello?");
    expect(again.expiresAt).toBe(first.expiresAt);
    expect(again.conversation.conversationId).toBe(ann.id);
  });

  it("a rejected customer is offered to the next agent at once and keeps their place", async () => {
    const fx = await setupQueue({ agents: [callout, callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    await x.next("session.welcome");
    const z = await connectAgent(fx.agents[1]!, fx.queueId);
    await z.next("session.welcome");
    const ann = await waitingCustomer(fx, "Ann");
    // x has been idle longest
    expect((await x.next("conversation.offered")).conversation.conversationId).toBe(ann.id);
    const bob = await waitingCustomer(fx, "Bob");
    // z is offered Bob meanwhile (one open offer per agent), and rejects him
    expect((await z.next("conversation.offered")).conversation.conversationId).toBe(bob.id);
    z.send({ type: "offer.reject", conversationId: bob.id });
    await z.next("offer.ended", (f) => f.reason === "rejected");
    x.send({ type: "offer.reject", conversationId: ann.id });
    expect(await x.next("offer.ended")).toMatchObject({ conversationId: ann.id, reason: "rejected" });
    // Ann goes to the next agent at once; the one who rejected her is offered Bob instead
    expect((await z.next("conversation.offered")).conversation.conversationId).toBe(ann.id);
    expect((await x.next("conversation.offered")).conversation.conversationId).toBe(bob.id);
    expect(await waitingOrder(fx.queueId)).toEqual([ann.id, bob.id]);
  });

  it("a common agent takes the rejected customer from the head of the queue", async () => {
    const fx = await setupQueue({ agents: [callout, {}] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const y = await connectAgent(fx.agents[1]!, fx.queueId);
    await rest(y);
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    const bob = await waitingCustomer(fx, "Bob");
    x.send({ type: "offer.reject", conversationId: ann.id });
    // Ann keeps the head of the queue; x may be offered Bob, the customer behind her
    expect((await x.next("conversation.offered")).conversation.conversationId).toBe(bob.id);
    expect(await waitingOrder(fx.queueId)).toEqual([ann.id, bob.id]);
    y.send({ type: "status.set", status: "idle" });
    expect((await y.next("conversation.assigned")).conversation.conversationId).toBe(ann.id);
  });

  it("does not offer the customer to the agent who rejected them again before 60 s; at 60 s it does", async () => {
    const fx = await setupQueue({ agents: [callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const who = fx.agents[0]!.employeeId;
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    x.send({ type: "offer.reject", conversationId: ann.id });
    await x.next("offer.ended");
    await rejectedAgo(fx.queueId, ann.id, who, REOFFER_BLOCK_MS - 1000);
    await x.settle(100);
    expect(x.all("conversation.offered")).toEqual([]);
    await rejectedAgo(fx.queueId, ann.id, who, REOFFER_BLOCK_MS);
    expect((await x.next("conversation.offered")).conversation.conversationId).toBe(ann.id);
  });

  it("an offer not answered within 20 s counts as a rejection; before that it stands", async () => {
    const fx = await setupQueue({ agents: [callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    const offeredAgo = (ms: number) =>
      sql(fx.queueId, "UPDATE offers SET offered_at = ? WHERE conversation_id = ?", Date.now() - ms, ann.id);
    await offeredAgo(OFFER_TIMEOUT_MS - 1000);
    await fire(fx.queueId, "offer");
    await x.settle(100);
    expect(x.all("offer.ended")).toEqual([]);
    expect(await sql(fx.queueId, "SELECT conversation_id FROM offers")).toEqual([
      { conversation_id: ann.id },
    ]);
    await offeredAgo(OFFER_TIMEOUT_MS);
    await fire(fx.queueId, "offer");
    expect(await x.next("offer.ended")).toMatchObject({ conversationId: ann.id, reason: "timeout" });
    expect(
      await sql(fx.queueId, "SELECT employee_id FROM offer_rejections WHERE conversation_id = ?", ann.id),
    ).toEqual([{ employee_id: fx.agents[0]!.employeeId }]);
    expect(await waitingOrder(fx.queueId)).toEqual([ann.id]);
  });

  it("an accept after the deadline is refused as too late", async () => {
    const fx = await setupQueue({ agents: [callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    await sql(fx.queueId, "UPDATE offers SET offered_at = ?", Date.now() - OFFER_TIMEOUT_MS);
    x.send({ type: "offer.accept", conversationId: ann.id });
    expect(await x.next("offer.ended")).toMatchObject({ reason: "timeout" });
    expect((await x.next("error")).code).toBe("conflict");
    expect(await waitingOrder(fx.queueId)).toEqual([ann.id]);
  });

  it("withdraws the offer when the customer leaves, and frees the agent for the next customer", async () => {
    const fx = await setupQueue({ agents: [{ ...callout, maxConcurrentChats: 1 }] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    const bob = await waitingCustomer(fx, "Bob");
    ann.send({ type: "conversation.leave" });
    expect(await x.next("offer.ended")).toMatchObject({ conversationId: ann.id, reason: "withdrawn" });
    // the reserved slot was freed: with a limit of one chat the agent can be offered Bob
    expect((await x.next("conversation.offered")).conversation.conversationId).toBe(bob.id);
    x.send({ type: "offer.accept", conversationId: bob.id });
    expect((await x.next("conversation.assigned")).conversation.conversationId).toBe(bob.id);
  });

  it("offers again to an agent who reconnects while the offer is open", async () => {
    const fx = await setupQueue({ agents: [callout] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    const again = await connectAgent(fx.agents[0]!, fx.queueId);
    await again.next("session.welcome");
    expect((await again.next("conversation.offered")).conversation.conversationId).toBe(ann.id);
  });

  it("refuses answers to offers that are not one's own", async () => {
    const fx = await setupQueue({ agents: [callout, {}] });
    const x = await connectAgent(fx.agents[0]!, fx.queueId);
    const ann = await waitingCustomer(fx, "Ann");
    await x.next("conversation.offered");
    const y = await connectAgent(fx.agents[1]!, fx.queueId);
    await y.next("session.welcome");
    y.send({ type: "offer.accept", conversationId: ann.id });
    expect(await y.next("error")).toMatchObject({ code: "not_found", ref: "offer.accept" });
    expect(await waitingOrder(fx.queueId)).toEqual([ann.id]);
  });
});
