import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { DISABLE_AFTER_MS, DISABLE_MIN_FAILURES, MAX_EVENT_AGE_MS } from "../rules/webhook-retry";
import type { Delivery } from "../schemas/webhooks";
import { type Client, newTenant } from "../test/helpers";
import { bucket, verifies } from "../test/receiver";
import { emitWorkerEvent } from "./emit";
import { type DeliveryMessage, makeEvent } from "./events";

const QUEUE = "edge-cs-webhooks";

async function endpoint(t: Client, url: string, events = ["conversation.started"]) {
  const res = await t.post("/webhooks", { url, events });
  if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; secret: string };
}

const started = (tenantId: string, id: string, createdAt = Date.now()) =>
  makeEvent(
    tenantId,
    "conversation.started",
    {
      conversationId: "cv_1",
      skillQueueId: "sq_1",
      channelId: "ch_1",
      customer: { id: "u1", name: null, nameVerified: false },
      state: "queued",
      startedAt: createdAt,
    },
    id,
    createdAt,
  );

/** Runs the Worker's real `queue` handler on one message and answers what it decided. */
async function consume(body: DeliveryMessage, attempts = 1) {
  const batch = createMessageBatch<DeliveryMessage>(QUEUE, [
    { id: `m${Math.random()}`, timestamp: new Date(), attempts, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

const endpointRow = (id: string) =>
  env.DB.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(id).first<{
    enabled: number;
    failure_streak: number;
    disabled_reason: string | null;
    last_status_code: number;
  }>();

describe("webhook deliveries", () => {
  it("go through the real queue to the receiver, signed, with the event id in a header", async () => {
    const t = await newTenant();
    const r = bucket();
    const { id, secret } = await endpoint(t, r.url);
    const data = started(t.tenantId, "x").data;
    await emitWorkerEvent(env, t.tenantId, "conversation.started", data, { id: "conv:cv_1:started" });
    // an event type the endpoint does not want is not delivered
    await emitWorkerEvent(env, t.tenantId, "conversation.ended", {} as never, { id: "conv:cv_1:ended" });
    const [got, more] = await r.waitFor(2, 4000);
    expect(more).toBeUndefined();
    expect(got!.headers["x-edgecs-event-id"]).toBe("conv:cv_1:started");
    expect(got!.headers["x-edgecs-delivery-attempt"]).toBe("1");
    expect(await verifies(secret, got!.headers["x-edgecs-signature"]!, got!.body)).toBe(true);
    expect(JSON.parse(got!.body)).toEqual({
      id: "conv:cv_1:started",
      type: "conversation.started",
      version: 1,
      createdAt: expect.any(Number),
      tenantId: t.tenantId,
      data,
    });
    // the log is written after the answer
    let log: { items: { outcome: string; statusCode: number }[] } = { items: [] };
    for (let i = 0; i < 50 && log.items.length === 0; i++) {
      log = (await t.get(`/webhooks/${id}/deliveries`)).body;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(log.items).toMatchObject([{ outcome: "delivered", statusCode: 200 }]);
  }, 20_000);

  it("a tenant without a subscribed endpoint queues nothing", async () => {
    const t = await newTenant();
    const r = bucket();
    await endpoint(t, r.url, ["message.created"]);
    await emitWorkerEvent(env, t.tenantId, "conversation.started", started(t.tenantId, "x").data);
    const other = await newTenant();
    await emitWorkerEvent(env, other.tenantId, "message.created", {} as never);
    expect(await r.waitFor(1, 2500)).toEqual([]);
  }, 10_000);

  it("retries a failed delivery with growing delays, then delivers and resets the count", async () => {
    const t = await newTenant();
    const r = bucket("fail=3");
    const { id } = await endpoint(t, r.url);
    const event = started(t.tenantId, "evt-retry");
    const message = { endpointId: id, tenantId: t.tenantId, event };
    for (const attempt of [1, 2, 3]) {
      const result = await consume(message, attempt);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toHaveLength(1);
    }
    expect(await endpointRow(id)).toMatchObject({ failure_streak: 3, last_status_code: 500, enabled: 1 });
    const last = await consume(message, 4);
    expect(last.retryMessages).toEqual([]);
    expect(last.explicitAcks).toHaveLength(1);
    expect(await endpointRow(id)).toMatchObject({ failure_streak: 0, last_status_code: 200 });
    const received = await r.log();
    // the same event id on every attempt: the receiver dedupes on it
    expect(received.map((x) => x.headers["x-edgecs-event-id"])).toEqual(Array(4).fill("evt-retry"));
    expect(received.map((x) => x.headers["x-edgecs-delivery-attempt"])).toEqual(["1", "2", "3", "4"]);
    const log = (await t.get(`/webhooks/${id}/deliveries`)).body.items;
    // the delay passed to `message.retry` is logged as the next attempt's time
    const delay = (d: Delivery) => (d.nextAttemptAt === null ? null : (d.nextAttemptAt - d.at) / 1000);
    expect(log.map((d: Delivery) => [d.attempt, d.outcome, delay(d)])).toEqual([
      [4, "delivered", null],
      [3, "retrying", 120],
      [2, "retrying", 60],
      [1, "retrying", 30],
    ]);
  });

  it("gives an event up once its next attempt would be more than 24 hours after it happened", async () => {
    const t = await newTenant();
    const r = bucket("status=500");
    const { id } = await endpoint(t, r.url);
    const young = started(t.tenantId, "evt-young", Date.now() - MAX_EVENT_AGE_MS + 3600_000 + 60_000);
    const old = started(t.tenantId, "evt-old", Date.now() - MAX_EVENT_AGE_MS + 3600_000 - 60_000);
    const kept = await consume({ endpointId: id, tenantId: t.tenantId, event: young }, 9);
    expect(kept.retryMessages).toHaveLength(1);
    const [retrying] = (await t.get(`/webhooks/${id}/deliveries`)).body.items as Delivery[];
    expect(retrying).toMatchObject({ eventId: "evt-young", outcome: "retrying" });
    expect(retrying!.nextAttemptAt! - retrying!.at).toBe(3600_000);
    const given = await consume({ endpointId: id, tenantId: t.tenantId, event: old }, 9);
    expect(given.retryMessages).toEqual([]);
    expect(given.explicitAcks).toHaveLength(1);
    const log = (await t.get(`/webhooks/${id}/deliveries`)).body.items;
    expect(log[0]).toMatchObject({ eventId: "evt-old", outcome: "gaveUp", statusCode: 500 });
  });

  it("disables an endpoint whose attempts failed for 24 hours, with a notice, and then drops its deliveries", async () => {
    const t = await newTenant();
    const r = bucket("status=500");
    const { id } = await endpoint(t, r.url);
    const since = Date.now() - DISABLE_AFTER_MS;
    const seed = (streak: number, failingSince: number) =>
      env.DB.prepare("UPDATE webhook_endpoints SET failure_streak = ?, failing_since = ? WHERE id = ?")
        .bind(streak, failingSince, id)
        .run();
    const message = { endpointId: id, tenantId: t.tenantId, event: started(t.tenantId, "evt-d") };

    // failing for a minute less than a day: still enabled
    await seed(DISABLE_MIN_FAILURES, since + 60_000);
    await consume(message, 2);
    expect((await endpointRow(id))?.enabled).toBe(1);
    // one failure short of the count, over a day: still enabled
    await seed(DISABLE_MIN_FAILURES - 2, since - 60_000);
    await consume(message, 2);
    expect((await endpointRow(id))?.enabled).toBe(1);
    // the count reached, over a day: disabled with the notice
    await consume(message, 3);
    const row = (await t.get(`/webhooks/${id}`)).body;
    expect(row).toMatchObject({
      enabled: false,
      disabledAt: expect.any(Number),
      disabledReason: `Disabled automatically: the last ${DISABLE_MIN_FAILURES} deliveries failed over more than 24 hours. Fix the receiver, then enable the endpoint again.`,
    });
    const sent = (await r.log()).length;
    const dropped = await consume(message, 4);
    expect(dropped.explicitAcks).toHaveLength(1);
    expect(await r.log()).toHaveLength(sent);
  });

  it("drops a delivery whose endpoint was deleted or belongs to another tenant", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const r = bucket();
    const { id } = await endpoint(t, r.url);
    const spoofed = await consume({
      endpointId: id,
      tenantId: other.tenantId,
      event: started(other.tenantId, "e1"),
    });
    expect(spoofed.explicitAcks).toHaveLength(1);
    await t.del(`/webhooks/${id}`);
    const gone = await consume({ endpointId: id, tenantId: t.tenantId, event: started(t.tenantId, "e2") });
    expect(gone.explicitAcks).toHaveLength(1);
    expect(await r.log()).toEqual([]);
  });

  it("counts an unreadable secret (the key changed) as a failure that says what to do", async () => {
    const t = await newTenant();
    const r = bucket();
    const { id } = await endpoint(t, r.url);
    await env.DB.prepare("UPDATE webhook_endpoints SET secret_box = 'v1.AAAA.AAAA' WHERE id = ?")
      .bind(id)
      .run();
    const result = await consume({ endpointId: id, tenantId: t.tenantId, event: started(t.tenantId, "e3") });
    expect(result.retryMessages).toHaveLength(1);
    expect((await t.get(`/webhooks/${id}`)).body.lastError).toContain("rotate the secret");
    expect(await r.log()).toEqual([]);
  });
});
