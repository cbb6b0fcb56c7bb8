import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_WEBHOOK_ENDPOINTS } from "../schemas/webhooks";
import { login, newTenant } from "../test/helpers";
import { bucket, verifies } from "../test/receiver";
import { open, requireKey, seal } from "../webhooks/secret-box";

const hook = (url: string, over: Record<string, unknown> = {}) => ({
  url,
  events: ["conversation.started", "message.created"],
  ...over,
});

describe("webhook endpoints", () => {
  it("creates with the secret shown once, lists, updates events and deletes with its log", async () => {
    const t = await newTenant();
    const r = bucket();
    const created = await t.post("/webhooks", hook(r.url, { description: "  CRM  " }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^wh_/),
      url: r.url,
      description: "CRM",
      events: ["conversation.started", "message.created"],
      enabled: true,
      disabledAt: null,
      failureStreak: 0,
      lastStatusCode: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    const id = created.body.id;
    const got = await t.get(`/webhooks/${id}`);
    expect(got.body.secret).toBeUndefined();
    expect((await t.get("/webhooks")).body.items.map((w: { id: string }) => w.id)).toEqual([id]);

    // the secret is stored sealed, not as written
    const row = await env.DB.prepare("SELECT secret_box FROM webhook_endpoints WHERE id = ?").bind(id).first<{
      secret_box: string;
    }>();
    expect(row?.secret_box).toMatch(/^v1\./);
    expect(row?.secret_box).not.toContain(created.body.secret.slice(6));
    expect(await open(env, row!.secret_box, t.tenantId, id)).toBe(created.body.secret);

    const patched = await t.patch(`/webhooks/${id}`, { events: ["conversation.ended"] });
    expect(patched.status).toBe(200);
    expect(patched.body.events).toEqual(["conversation.ended"]);
    expect(patched.body.url).toBe(r.url);

    expect((await t.post(`/webhooks/${id}/test`)).status).toBe(200);
    expect((await t.del(`/webhooks/${id}`)).status).toBe(204);
    expect((await t.get(`/webhooks/${id}`)).status).toBe(404);
    const log = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(log?.n).toBe(0);
  });

  it.each([
    [{ url: "http://hooks.example.com/in" }, "url", "The URL must start with https://"],
    [
      { url: "https://10.1.2.3/in" },
      "url",
      "The URL must point to a public host, not a private, local or link-local address",
    ],
    [
      { url: "https://169.254.169.254/latest" },
      "url",
      "The URL must point to a public host, not a private, local or link-local address",
    ],
    [{ url: "https://a:b@hooks.example.com/" }, "url", "The URL must not contain a user name or password"],
    [{ events: [] }, "events", "Choose at least one event"],
    [{ events: ["message.created", "message.created"] }, "events.1", "Each event may be listed once"],
    [{ events: ["message.deleted"] }, "events.0", expect.stringContaining("Each event must be one of")],
    [{ description: "x".repeat(256) }, "description", "description must be at most 255 characters"],
    [{ secret: "mine" }, "secret", expect.any(String)],
  ])("refuses %j with 422 on %s", async (over, field, message) => {
    const t = await newTenant();
    const res = await t.post("/webhooks", hook("https://hooks.example.com/in", over));
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toEqual([message]);
  });

  it(`allows ${MAX_WEBHOOK_ENDPOINTS} endpoints per tenant, then 409`, async () => {
    const t = await newTenant();
    const all = await Promise.all(
      Array.from({ length: MAX_WEBHOOK_ENDPOINTS + 3 }, (_, i) =>
        t.post("/webhooks", hook(`https://hooks.example.com/in/${i}`)),
      ),
    );
    expect(all.filter((r) => r.status === 201)).toHaveLength(MAX_WEBHOOK_ENDPOINTS);
    const refused = all.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(refused[0]!.body.detail).toBe(
      `A tenant has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first`,
    );
  });

  it("is for tenant administrators only, and another tenant's endpoint is not found", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const id = (await t.post("/webhooks", hook("https://hooks.example.com/in"))).body.id;
    for (const [method, path] of [
      ["GET", `/webhooks/${id}`],
      ["PATCH", `/webhooks/${id}`],
      ["DELETE", `/webhooks/${id}`],
      ["POST", `/webhooks/${id}/test`],
      ["POST", `/webhooks/${id}/rotate-secret`],
      ["GET", `/webhooks/${id}/deliveries`],
    ] as const) {
      const res = await other.request(
        method,
        path,
        method === "PATCH" ? { events: ["message.created"] } : undefined,
      );
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    await t.post("/employees", {
      account: `ag_${id.slice(-8)}`,
      name: "Agent",
      employeeId: String(Date.now() % 1e9),
      role: "agent",
      password: "agent password 1",
    });
    const agent = await login(`ag_${id.slice(-8)}`, "agent password 1");
    const res = await t.request("GET", "/webhooks", undefined, { authorization: `Bearer ${agent}` });
    expect(res.status).toBe(403);
  });

  it("test-sends a signed event to the receiver and logs it; rotation changes the signing secret", async () => {
    const t = await newTenant();
    const r = bucket();
    const created = (await t.post("/webhooks", hook(r.url))).body;
    const sent = await t.post(`/webhooks/${created.id}/test`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      eventType: "webhook.test",
      outcome: "delivered",
      statusCode: 200,
      attempt: 1,
      error: null,
    });
    const [first] = await r.waitFor(1);
    expect(first!.headers["x-edgecs-event-id"]).toBe(sent.body.eventId);
    expect(first!.headers["x-edgecs-event-type"]).toBe("webhook.test");
    expect(first!.headers["content-type"]).toBe("application/json");
    const signature = first!.headers["x-edgecs-signature"]!;
    const t0 = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature)?.[1]);
    expect(Math.abs(t0 - Date.now() / 1000)).toBeLessThan(60);
    expect(await verifies(created.secret, signature, first!.body)).toBe(true);
    expect(JSON.parse(first!.body)).toMatchObject({
      id: sent.body.eventId,
      type: "webhook.test",
      version: 1,
      tenantId: t.tenantId,
      data: { endpointId: created.id },
    });
    // a changed byte of the body no longer verifies
    expect(
      await verifies(created.secret, signature, first!.body.replace("webhook.test", "webhook.tesT")),
    ).toBe(false);

    const rotated = await t.post(`/webhooks/${created.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    await t.post(`/webhooks/${created.id}/test`);
    const [, second] = await r.waitFor(2);
    const header = second!.headers["x-edgecs-signature"]!;
    expect(await verifies(rotated.body.secret, header, second!.body)).toBe(true);
    expect(await verifies(created.secret, header, second!.body)).toBe(false);

    const log = await t.get(`/webhooks/${created.id}/deliveries?limit=1`);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0].eventId).toBe(JSON.parse(second!.body).id);
    const older = await t.get(`/webhooks/${created.id}/deliveries?cursor=${log.body.nextCursor}`);
    expect(older.body.items.map((d: { eventId: string }) => d.eventId)).toEqual([sent.body.eventId]);
    const endpoint = (await t.get(`/webhooks/${created.id}`)).body;
    expect(endpoint).toMatchObject({ lastStatusCode: 200, lastError: null, failureStreak: 0 });
  });

  it("answers a failed test send with the receiver's status, without counting it toward disabling", async () => {
    const t = await newTenant();
    const r = bucket("status=503");
    const id = (await t.post("/webhooks", hook(r.url))).body.id;
    const sent = await t.post(`/webhooks/${id}/test`);
    expect(sent.body).toMatchObject({
      outcome: "failed",
      statusCode: 503,
      error: "The receiver answered 503",
    });
    expect((await t.get(`/webhooks/${id}`)).body).toMatchObject({ lastStatusCode: 503, failureStreak: 0 });
    const redirected = bucket("status=302");
    const other = (await t.post("/webhooks", hook(redirected.url))).body.id;
    expect((await t.post(`/webhooks/${other}/test`)).body).toMatchObject({
      outcome: "failed",
      statusCode: 302,
    });
    expect(await redirected.log()).toHaveLength(1);
  });

  it("disabling and enabling: enabling clears an automatic disable", async () => {
    const t = await newTenant();
    const id = (await t.post("/webhooks", hook("https://hooks.example.com/in"))).body.id;
    const off = await t.patch(`/webhooks/${id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, disabledAt: expect.any(Number), disabledReason: null });
    await env.DB.prepare(
      "UPDATE webhook_endpoints SET disabled_reason = 'Disabled automatically', failure_streak = 12, failing_since = 1 WHERE id = ?",
    )
      .bind(id)
      .run();
    const on = await t.patch(`/webhooks/${id}`, { enabled: true });
    expect(on.body).toMatchObject({
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      failureStreak: 0,
    });
  });
});

describe("endpoint secrets at rest", () => {
  it("open only with the key, for the endpoint they were sealed for", async () => {
    const key = await requireKey(env);
    const boxed = await seal(key, "whsec_abc", "tn_1", "wh_1");
    expect(await open(env, boxed, "tn_1", "wh_1")).toBe("whsec_abc");
    expect(await open(env, boxed, "tn_1", "wh_2")).toBeNull();
    expect(await open(env, boxed, "tn_2", "wh_1")).toBeNull();
    expect(await open({ WEBHOOK_SECRETS_KEY: btoa("x".repeat(32)) }, boxed, "tn_1", "wh_1")).toBeNull();
    expect(await open({}, boxed, "tn_1", "wh_1")).toBeNull();
    await expect(requireKey({})).rejects.toMatchObject({ status: 503 });
    await expect(requireKey({ WEBHOOK_SECRETS_KEY: "c2hvcnQ" })).rejects.toMatchObject({ status: 503 });
  });
});
