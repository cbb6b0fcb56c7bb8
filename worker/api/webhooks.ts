/**
 * `/api/v1/webhooks`: a tenant's webhook endpoints (tenant administrators only). The signing
 * secret is shown once, at creation and on rotation; a test send delivers a `webhook.test` event
 * at once and answers the attempt; the delivery log keeps each endpoint's last attempts. Writes
 * tell the tenant's queues to reload their subscriptions (`notifyQueuesAfterWrite`).
 */
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { adminOnly } from "../auth/session";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, invalid } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { checkWebhookUrl } from "../rules/webhook-url";
import { listQuerySchema, pageSchema } from "../schemas/common";
import {
  type Delivery,
  DeliverySchema,
  MAX_WEBHOOK_ENDPOINTS,
  type Webhook,
  WebhookInputSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from "../schemas/webhooks";
import { allowsLoopback, UNREADABLE_SECRET } from "../webhooks/consumer";
import { deliver } from "../webhooks/deliver";
import { deliveryPage, logAttempt } from "../webhooks/delivery-log";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_VERSION } from "../webhooks/events";
import { open, requireKey, seal } from "../webhooks/secret-box";
import { newSigningSecret } from "../webhooks/signature";
import { notifyQueuesAfterWrite } from "./config-changed";
import { caller, tenantDb } from "./context";

type Row = typeof webhookEndpoints.$inferSelect;

const toApi = (row: Row): Webhook => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events as Webhook["events"],
  enabled: row.enabled,
  disabledAt: row.disabledAt,
  disabledReason: row.disabledReason,
  failureStreak: row.failureStreak,
  lastAttemptAt: row.lastAttemptAt,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  createdAt: row.createdAt,
});

const toDelivery = (row: typeof webhookDeliveries.$inferSelect): Delivery => ({
  id: row.id,
  eventId: row.eventId,
  eventType: row.eventType,
  attempt: row.attempt,
  outcome: row.outcome,
  statusCode: row.statusCode,
  durationMs: row.durationMs,
  error: row.error,
  at: row.at,
  nextAttemptAt: row.nextAttemptAt,
});

const PatchSchema = v.partial(WebhookInputSchema);
const WHAT = "Webhook endpoint";
const TOO_MANY = `A tenant has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first`;

function checkUrl(c: Context<AppEnv>, url: string): void {
  const rule = checkWebhookUrl(url, allowsLoopback(c.env));
  if (!rule.ok) throw invalid("url", rule.message);
}

/** Enabling clears an automatic disable and its count; disabling records when. */
function enabledFields(enabled: boolean, current: Row | null, now: number): Partial<Row> {
  if (enabled)
    return current?.enabled
      ? {}
      : { enabled, disabledAt: null, disabledReason: null, failureStreak: 0, failingSince: null };
  return current && !current.enabled ? {} : { enabled, disabledAt: now, disabledReason: null };
}

async function withNewSecret(c: Context<AppEnv>, db: TenantDb, row: Row) {
  const key = await requireKey(c.env);
  const secret = newSigningSecret();
  await db.update(webhookEndpoints, row.id, { secretBox: await seal(key, secret, db.tenantId, row.id) });
  return { ...toApi(row), secret };
}

export const webhooksApi = new Hono<AppEnv>()
  .use(adminOnly)
  .use(notifyQueuesAfterWrite)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(webhookEndpoints, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) =>
    c.json(toApi(await tenantDb(c).get(webhookEndpoints, c.req.param("id"), WHAT)), 200),
  )
  .post("/", async (c) => {
    const input = await body(c, WebhookInputSchema);
    checkUrl(c, input.url);
    const key = await requireKey(c.env);
    const db = tenantDb(c);
    const id = newId("wh");
    const secret = newSigningSecret();
    const now = Date.now();
    // the limit is checked by the inserting statement, so concurrent creations cannot pass it
    const fewer = sql`(select count(*) from ${webhookEndpoints} where ${db.where(webhookEndpoints)}) < ${MAX_WEBHOOK_ENDPOINTS}`;
    const values = {
      id,
      url: input.url,
      description: input.description,
      events: input.events,
      secretBox: await seal(key, secret, db.tenantId, id),
      ...enabledFields(input.enabled, null, now),
    };
    const result = await db.db.run(insertIf(db, webhookEndpoints, values, fewer));
    if (result.meta.changes === 0) throw new ApiError(409, TOO_MANY);
    return c.json({ ...toApi(await db.get(webhookEndpoints, id, WHAT)), secret }, 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(webhookEndpoints, id, WHAT);
    const patch = await body(c, PatchSchema);
    const next = parseOr422(WebhookInputSchema, {
      url: current.url,
      description: current.description,
      events: current.events,
      enabled: current.enabled,
      ...patch,
    });
    if (next.url !== current.url) checkUrl(c, next.url);
    await db.update(webhookEndpoints, id, {
      url: next.url,
      description: next.description,
      events: next.events,
      ...enabledFields(next.enabled, current, Date.now()),
    });
    return c.json(toApi(await db.get(webhookEndpoints, id, WHAT)), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(webhookEndpoints, id, WHAT);
    await db.db.batch([
      db.delete(webhookEndpoints, eq(webhookEndpoints.id, id)),
      db.delete(webhookDeliveries, eq(webhookDeliveries.endpointId, id)),
    ]);
    return c.body(null, 204);
  })
  .post("/:id/rotate-secret", async (c) => {
    const db = tenantDb(c);
    const row = await db.get(webhookEndpoints, c.req.param("id"), WHAT);
    return c.json(await withNewSecret(c, db, row), 200);
  })
  .post("/:id/test", async (c) => {
    const db = tenantDb(c);
    const row = await db.get(webhookEndpoints, c.req.param("id"), WHAT);
    const secret = await open(c.env, row.secretBox, db.tenantId, row.id);
    const now = Date.now();
    const event = {
      id: newId("evt", now),
      type: TEST_EVENT_TYPE,
      version: WEBHOOK_EVENT_VERSION,
      createdAt: now,
      tenantId: db.tenantId,
      data: { endpointId: row.id, sentBy: caller(c).name },
    } as const;
    const result = secret
      ? await deliver(row.url, secret, event, 1, allowsLoopback(c.env))
      : { ok: false, statusCode: null, durationMs: 0, error: UNREADABLE_SECRET };
    const logged = await logAttempt(db.db, {
      ...result,
      tenantId: db.tenantId,
      endpointId: row.id,
      eventId: event.id,
      eventType: event.type,
      attempt: 1,
      outcome: result.ok ? "delivered" : "failed",
      at: Date.now(),
    });
    return c.json(toDelivery(logged), 200);
  })
  .get("/:id/deliveries", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(webhookEndpoints, id, WHAT);
    const page = await deliveryPage(db.db, db.tenantId, id, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toDelivery), nextCursor: page.nextCursor }, 200);
  });

const tag = "Webhooks";
document(
  {
    method: "get",
    path: "/api/v1/webhooks",
    summary: "List webhook endpoints",
    tag,
    response: pageSchema(WebhookSchema),
    query: PAGE_QUERY,
    auth: "admin",
  },
  {
    method: "get",
    path: "/api/v1/webhooks/:id",
    summary: "Get a webhook endpoint",
    tag,
    response: WebhookSchema,
    auth: "admin",
  },
  {
    method: "post",
    path: "/api/v1/webhooks",
    summary: "Create a webhook endpoint",
    description: `Answers the endpoint with its signing \`secret\`, shown only here (and on rotation). At most ${MAX_WEBHOOK_ENDPOINTS} endpoints per tenant (409). 503 when the deployment has no \`WEBHOOK_SECRETS_KEY\`. Deliveries are signed: see the README (Webhooks).`,
    tag,
    body: WebhookInputSchema,
    response: WebhookWithSecretSchema,
    status: 201,
    auth: "admin",
    errors: [503],
  },
  {
    method: "patch",
    path: "/api/v1/webhooks/:id",
    summary: "Update a webhook endpoint",
    description:
      "`enabled: true` re-enables an endpoint that was disabled for failing and clears its failure count; `enabled: false` pauses deliveries (queued ones are dropped).",
    tag,
    body: PatchSchema,
    response: WebhookSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/webhooks/:id",
    summary: "Delete a webhook endpoint and its delivery log",
    tag,
    status: 204,
    auth: "admin",
  },
  {
    method: "post",
    path: "/api/v1/webhooks/:id/rotate-secret",
    summary: "Replace the signing secret",
    description: "The new secret signs every delivery from now on; it is shown only in this answer.",
    tag,
    response: WebhookWithSecretSchema,
    auth: "admin",
    errors: [503],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/:id/test",
    summary: "Send a test event now",
    description:
      "Delivers a signed `webhook.test` event (`data: {endpointId, sentBy}`) at once, also to a disabled endpoint, and answers the attempt (also in the delivery log). Not retried; does not count toward disabling.",
    tag,
    response: DeliverySchema,
    auth: "admin",
  },
  {
    method: "get",
    path: "/api/v1/webhooks/:id/deliveries",
    summary: "The endpoint's delivery log, newest first",
    description: "The last 100 attempts: event, attempt number, outcome, HTTP status, duration and error.",
    tag,
    response: pageSchema(DeliverySchema),
    query: PAGE_QUERY,
    auth: "admin",
  },
);
