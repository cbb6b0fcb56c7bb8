/** The `case.created` webhook event (issue 14): sent once per case, signed, to subscribed endpoints only. */
import { describe, expect, it } from "vitest";
import { addConversation } from "../test/config-fixtures";
import { newTenant } from "../test/helpers";
import { bucket, verifies } from "../test/receiver";
import type { WebhookEvent } from "../webhooks/events";

async function subscribed(events: string[]) {
  const t = await newTenant();
  const r = bucket();
  const endpoint = await t.post("/webhooks", { url: r.url, events });
  expect(endpoint.status).toBe(201);
  return { t, r, secret: endpoint.body.secret as string };
}

describe("case.created webhook event", () => {
  it("a new case reaches the tenant's endpoint once, signed, with the documented payload", async () => {
    const { t, r, secret } = await subscribed(["case.created"]);
    const chat = await addConversation(t.tenantId, { skillQueueId: "sq_a", agentEmployeeId: "2001" });
    const created = await t.post("/cases", {
      conversationId: chat.id,
      title: "Parcel late",
      description: "Order 42 has not arrived after two weeks",
      priority: "high",
      category: "complaint",
      phone: "+86 138 0013 8000",
    });
    expect(created.status).toBe(201);
    const k = created.body;
    const [received] = await r.waitFor(1);
    expect(await verifies(secret, received!.headers["x-edgecs-signature"]!, received!.body)).toBe(true);
    expect(received!.headers["x-edgecs-event-type"]).toBe("case.created");
    const event = JSON.parse(received!.body) as WebhookEvent<"case.created">;
    expect(event).toEqual({
      id: `case:${k.id}`,
      type: "case.created",
      version: 1,
      createdAt: k.createdAt,
      tenantId: t.tenantId,
      data: {
        caseId: k.id,
        conversationId: chat.id,
        skillQueueId: "sq_a",
        channelId: chat.channelId,
        customerId: chat.customerId,
        title: "Parcel late",
        description: "Order 42 has not arrived after two weeks",
        category: "complaint",
        priority: "high",
        status: "open",
        createdBy: { employeeId: k.createdByEmployeeId, name: k.createdByName },
        createdAt: k.createdAt,
      },
    });
    // editing the case is not a new case
    await t.patch(`/cases/${k.id}`, { status: "resolved" });
    await new Promise((done) => setTimeout(done, 1000));
    expect(await r.log()).toHaveLength(1);
  }, 15_000);

  it("a tenant whose endpoints do not subscribe to it gets nothing; another tenant's case is not sent", async () => {
    const other = await subscribed(["case.created"]);
    const { t, r } = await subscribed(["message.created"]);
    const chat = await addConversation(t.tenantId);
    expect((await t.post("/cases", { conversationId: chat.id, title: "Refund" })).status).toBe(201);
    const mine = await addConversation(other.t.tenantId);
    expect((await other.t.post("/cases", { conversationId: mine.id, title: "Mine" })).status).toBe(201);
    const [got] = await other.r.waitFor(1);
    expect(JSON.parse(got!.body).data.title).toBe("Mine");
    await new Promise((done) => setTimeout(done, 500));
    expect(await r.log()).toEqual([]);
    expect(await other.r.log()).toHaveLength(1);
  }, 15_000);
});
