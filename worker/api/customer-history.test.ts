/**
 * A customer's past conversations for the workbench's customer panel (`GET /conversations?customerId=`):
 * an agent sees that customer's conversations in the skill queues they serve (whoever handled them)
 * and can open them, but nothing of queues they do not serve or of another tenant.
 */

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminOf, db, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { newId } from "../db/ids";
import { agents, skillQueueGroupMembers, skillQueueGroups } from "../db/schema";
import { addConversation } from "../test/config-fixtures";
import { client } from "../test/helpers";

const T0 = 1_700_000_000_000;
const ids = (res: { body: any }) => res.body.items.map((c: any) => c.id);

async function history() {
  const fx = await setupQueue({ agents: [{}, {}] });
  const [me, colleague] = fx.agents as [(typeof fx.agents)[0], (typeof fx.agents)[0]];
  const elsewhere = await fx.addQueue();
  const customerId = `anon_${crypto.randomUUID().slice(0, 20)}`;
  const at = (i: number) => ({ startedAt: T0 + i * 1000, endedAt: T0 + i * 1000 + 500, customerId });
  const theirs = await addConversation(fx.tenantId, {
    ...at(1),
    skillQueueId: fx.queueId,
    agentEmployeeId: colleague.employeeId,
    messages: ["the parcel came broken", "a new one is on its way"],
  });
  // archived before transcripts went to R2, not moved yet
  const mine = await addConversation(fx.tenantId, {
    legacy: true,
    messages: ["still in D1"],
    ...at(2),
    skillQueueId: fx.queueId,
    agentEmployeeId: me.employeeId,
  });
  const notServed = await addConversation(fx.tenantId, {
    ...at(0),
    skillQueueId: elsewhere,
    agentEmployeeId: colleague.employeeId,
  });
  const otherCustomer = await addConversation(fx.tenantId, {
    startedAt: T0,
    endedAt: T0 + 10_000,
    skillQueueId: fx.queueId,
    agentEmployeeId: colleague.employeeId,
  });
  return { fx, me, customerId, theirs, mine, notServed, otherCustomer, agent: client(me.token, fx.tenantId) };
}

describe("a customer's conversation history", () => {
  it("shows an agent the customer's conversations in the queues they serve, with the count and first start", async () => {
    const h = await history();
    const res = await h.agent.get(`/conversations?customerId=${h.customerId}`);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([h.mine.id, h.theirs.id]);
    expect(res.body.customer).toEqual({ conversationCount: 2, firstSeenAt: T0 + 1000 });
    // they open a colleague's transcript of that queue, but not one of a queue they do not serve
    const past = await h.agent.get(`/conversations/${h.theirs.id}`);
    expect(past.status).toBe(200);
    expect(past.body.transcript.map((l: any) => l.text)).toEqual([
      "the parcel came broken",
      "a new one is on its way",
    ]);
    const legacy = await h.agent.get(`/conversations/${h.mine.id}`);
    expect(legacy.body.transcript.map((l: any) => l.text)).toEqual(["still in D1"]);
    expect((await h.agent.get(`/conversations/${h.notServed.id}`)).status).toBe(404);
    // without customerId the list is still only what they handled
    expect(ids(await h.agent.get("/conversations"))).toEqual([h.mine.id]);
    // the count covers every page
    const first = await h.agent.get(`/conversations?customerId=${h.customerId}&limit=1`);
    expect(ids(first)).toEqual([h.mine.id]);
    expect(first.body.customer.conversationCount).toBe(2);
  });

  it("an administrator sees all of the customer's conversations of their tenant, another tenant none", async () => {
    const h = await history();
    const admin = await adminOf(h.fx);
    const res = await admin.get(`/conversations?customerId=${h.customerId}`);
    expect(ids(res)).toEqual([h.mine.id, h.theirs.id, h.notServed.id]);
    expect(res.body.customer).toEqual({ conversationCount: 3, firstSeenAt: T0 });
    const stranger = await adminOf(await setupQueue());
    const none = await stranger.get(`/conversations?customerId=${h.customerId}`);
    expect(none.body).toEqual({
      items: [],
      nextCursor: null,
      customer: { conversationCount: 0, firstSeenAt: null },
    });
    expect((await stranger.get(`/conversations/${h.mine.id}`)).status).toBe(404);
  });

  it("counts queues served through a skill queue group", async () => {
    const h = await history();
    const groupId = newId("sg");
    await db()
      .insert(skillQueueGroups)
      .values({ id: groupId, tenantId: h.fx.tenantId, name: `G ${groupId}` });
    const grouped = await h.fx.addAgent([]);
    await db()
      .insert(skillQueueGroupMembers)
      .values({ tenantId: h.fx.tenantId, groupId, skillQueueId: h.notServed.skillQueueId!, position: 0 });
    await db()
      .update(agents)
      .set({ skillType: "skillQueueGroup", skillQueueGroupId: groupId })
      .where(eq(agents.id, grouped.agentId));
    const viaGroup = client(grouped.token, h.fx.tenantId);
    expect(ids(await viaGroup.get(`/conversations?customerId=${h.customerId}`))).toEqual([h.notServed.id]);
    expect((await viaGroup.get(`/conversations/${h.theirs.id}`)).status).toBe(404);
  });

  it.each([
    ["", "customerId"],
    ["c".repeat(65), "customerId"],
  ])("refuses customerId=%j naming the field", async (value, field) => {
    const h = await history();
    const res = await h.agent.get(`/conversations?customerId=${value}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });
});
