/**
 * The `message.left` webhook event (issue 14): sent once per left message, with the contact
 * details the customer gave, from the skill queue's object to the tests' loopback receiver, signed.
 */
import { describe, expect, it } from "vitest";
import { verifies } from "../../../worker/test/receiver";
import type { WebhookEvent } from "../../../worker/webhooks/events";
import { LEFT_EVENT_WAIT_MS } from "../rules/left-message";
import { fire, sql, tick } from "./fixtures";
import { busyQueue, releasedNoAgent, waitingCustomer } from "./left-fixtures";
import { eventsOf, withEndpoint } from "./webhook-fixtures";

const left = (all: WebhookEvent[]) =>
  all.filter((e) => e.type === "message.left") as WebhookEvent<"message.left">[];

describe("message.left webhook event", () => {
  it("a wait that times out after the customer wrote: the event waits for their contact details and carries them, bounded, once", async () => {
    const busy = await busyQueue();
    const { fx, r, secret } = await withEndpoint(busy.fx, ["message.left"]);
    const { c, id } = await waitingCustomer(fx, undefined, "Ada");
    c.send({ type: "message.send", clientMsgId: "w1", text: "My parcel never arrived" });
    await c.next("message.acked");
    c.send({ type: "message.send", clientMsgId: "w2", text: "x".repeat(4000) });
    await c.next("message.acked");
    await fire(fx.queueId, "wait", id);
    await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    await tick(500);
    expect(left(eventsOf(await r.log()))).toHaveLength(0);

    // confirming with contact details (twice: a retry) sends the one event, with them
    for (const clientMsgId of ["l1", "l1", "l2"]) {
      c.send({ type: "message.leave", clientMsgId, contact: "ada@example.com" });
      await c.next("message.left");
    }
    const [received] = await r.waitFor(1);
    expect(await verifies(secret, received!.headers["x-edgecs-signature"]!, received!.body)).toBe(true);
    expect(received!.headers["x-edgecs-event-id"]).toBe(`left:${id}:${fx.queueId}`);
    const [event] = left(eventsOf([received!]));
    const [row] = await sql<{ customer_id: string }>(
      fx.queueId,
      "SELECT customer_id FROM conversations WHERE id = ?",
      id,
    );
    const [leftRow] = await sql<{ left_at: number }>(
      fx.queueId,
      "SELECT left_at FROM left_messages WHERE conversation_id = ?",
      id,
    );
    expect(event).toMatchObject({ type: "message.left", version: 1, tenantId: fx.tenantId });
    expect(event!.data).toEqual({
      conversationId: id,
      skillQueueId: fx.queueId,
      channelId: fx.channelId,
      customer: { id: row!.customer_id, name: "Ada", nameVerified: false },
      contact: "ada@example.com",
      // one message a line, cut to 4000 characters with the ellipsis
      text: `My parcel never arrived\n${"x".repeat(4000 - 25)}…`,
      truncated: true,
      leftAt: leftRow!.left_at,
    });
    expect(event!.data.text).toHaveLength(4000);
    await tick(1000);
    expect(left(eventsOf(await r.log()))).toHaveLength(1);
    expect(await sql(fx.queueId, "SELECT kind FROM timers WHERE kind = 'leftEvent'")).toEqual([]);
  }, 20_000);

  it("a customer who wrote and never confirms: the event goes out 5 minutes after the message was left, without contact", async () => {
    const busy = await busyQueue();
    const { fx, r } = await withEndpoint(busy.fx, ["message.left"]);
    const { c, id } = await waitingCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "w1", text: "Anyone there?" });
    await c.next("message.acked");
    await fire(fx.queueId, "wait", id);
    await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    const [timer] = await sql<{ due_at: number }>(
      fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'leftEvent' AND ref = ?",
      id,
    );
    const [leftRow] = await sql<{ left_at: number }>(
      fx.queueId,
      "SELECT left_at FROM left_messages WHERE conversation_id = ?",
      id,
    );
    expect(timer!.due_at).toBe(leftRow!.left_at + LEFT_EVENT_WAIT_MS);
    await fire(fx.queueId, "leftEvent", id);
    const [event] = left(eventsOf(await r.waitFor(1)));
    expect(event!.data).toMatchObject({ conversationId: id, contact: null, text: "Anyone there?" });
    // a later confirmation sends no second event
    c.send({ type: "message.leave", clientMsgId: "l1", contact: "ada@example.com" });
    await c.next("message.left");
    await tick(1000);
    expect(left(eventsOf(await r.log()))).toHaveLength(1);
  }, 20_000);

  it("a channel that takes no contact details sends the event as the wait is released", async () => {
    const busy = await busyQueue({ leaveMessage: { contact: "off" } });
    const { fx, r } = await withEndpoint(busy.fx, ["message.left"]);
    const { c, id } = await waitingCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "w1", text: "Anyone there?" });
    await c.next("message.acked");
    await fire(fx.queueId, "wait", id);
    const [event] = left(eventsOf(await r.waitFor(1)));
    expect(event!.data).toMatchObject({ conversationId: id, contact: null, text: "Anyone there?" });
    expect(await sql(fx.queueId, "SELECT kind FROM timers WHERE kind = 'leftEvent'")).toEqual([]);
  }, 20_000);

  it("a message left after a no-agent release: one event with the text and contact, a repeated frame adds none", async () => {
    const released = await releasedNoAgent();
    const { fx, r } = await withEndpoint(released.fx, ["message.left", "conversation.ended"]);
    const { c, id } = released;
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Call me back", contact: "+86 138 0013 8000" });
    await c.next("message.left");
    await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    c.send({ type: "message.leave", clientMsgId: "l1", text: "Call me back", contact: "+86 138 0013 8000" });
    await c.next("message.left");
    const [event] = left(eventsOf(await r.waitFor(1)));
    expect(event).toMatchObject({
      id: `left:${id}:${fx.queueId}`,
      data: { conversationId: id, contact: "+86 138 0013 8000", text: "Call me back", truncated: false },
    });
    await tick(1000);
    expect(left(eventsOf(await r.log()))).toHaveLength(1);
  }, 20_000);

  it("a tenant whose endpoints do not subscribe to it gets nothing, and nothing is recorded", async () => {
    const busy = await busyQueue();
    const { fx, r } = await withEndpoint(busy.fx, ["message.created"]);
    const { c, id } = await waitingCustomer(fx);
    c.send({ type: "message.send", clientMsgId: "w1", text: "Anyone?" });
    await c.next("message.acked");
    await fire(fx.queueId, "wait", id);
    await c.next("conversation.updated", (f) => f.conversation.state === "pending");
    // the notice of the release is a message too: both message.created events arrive, no message.left
    await r.waitFor(2);
    await tick(1000);
    expect(eventsOf(await r.log()).map((e) => e.type)).toEqual(["message.created", "message.created"]);
    expect(await sql(fx.queueId, "SELECT id FROM webhook_outbox")).toEqual([]);
  }, 20_000);
});
