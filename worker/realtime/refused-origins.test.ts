/**
 * Refused origins: a page on an origin the channel does not allow gets a 403 naming the origin and
 * the fix, the refusal is listed on the channel's integration endpoint until the origin is allowed,
 * and the record stays bounded (20 slots per channel, 7 days, no take-over of a slot seen within
 * the last minute).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminOf, fetchApp, postJson, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { database } from "../db/tenant-db";
import {
  KEEP_MS,
  REFUSED_ORIGIN_SLOTS,
  recordRefusedOrigin,
  refusedOriginsOf,
  TAKE_OVER_AFTER_MS,
} from "./refused-origins";

let addresses = 0;
const ticket = (channelId: string, origin?: string) =>
  postJson(
    "/api/v1/chat/tickets",
    { channelId },
    {
      "cf-connecting-ip": `192.0.2.${addresses++ % 250}`,
      ...(origin ? { origin } : {}),
    },
  );

const rows = async (channelId: string) =>
  (
    await env.DB.prepare(
      "SELECT slot, origin, count, first_seen_at, last_seen_at FROM refused_origins WHERE channel_id = ? ORDER BY slot",
    )
      .bind(channelId)
      .all<{ slot: number; origin: string; count: number; first_seen_at: number; last_seen_at: number }>()
  ).results;

describe("refused origins", () => {
  it("the 403 names the origin and the fix; the Integration endpoint lists it until it is allowed", async () => {
    const fx = await setupQueue({ channel: { allowedOrigins: ["https://shop.example"] } });
    const admin = await adminOf(fx);
    const refused = await ticket(fx.channelId, "https://Blog.Example/");
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      "This page's origin https://blog.example is not allowed to open this channel: add https://blog.example to the channel's Allowed Origins in the console (Channels → the channel → Integration instructions)",
    );
    // the page can read the 403 (CORS), so the widget can tell the integrator what to do
    const raw = await fetchApp("/api/v1/chat/tickets", {
      method: "POST",
      headers: {
        origin: "https://blog.example",
        "content-type": "application/json",
        "cf-connecting-ip": "192.0.2.251",
      },
      body: JSON.stringify({ channelId: fx.channelId }),
    });
    expect(raw.status).toBe(403);
    expect(raw.headers.get("access-control-allow-origin")).toBe("https://blog.example");
    await ticket(fx.channelId, "http://localhost:3000");
    expect((await ticket(fx.channelId, "https://shop.example")).status).toBe(201);
    expect((await ticket(fx.channelId)).status).toBe(201);

    const integration = await admin.get(`/channels/${fx.channelId}/integration`);
    expect(integration.body).toMatchObject({
      ownOrigin: "http://local.test",
      allowedOrigins: ["https://shop.example"],
    });
    expect(integration.body.refusedOrigins).toEqual([
      {
        origin: "http://localhost:3000",
        count: 1,
        firstSeenAt: expect.any(Number),
        lastSeenAt: expect.any(Number),
      },
      {
        origin: "https://blog.example",
        count: 2,
        firstSeenAt: expect.any(Number),
        lastSeenAt: expect.any(Number),
      },
    ]);
    const [, blog] = integration.body.refusedOrigins;
    expect(blog.lastSeenAt).toBeGreaterThanOrEqual(blog.firstSeenAt);

    // "Allow this origin": the console PATCHes allowedOrigins; the origin then works and leaves the list
    const allowed = await admin.patch(`/channels/${fx.channelId}`, {
      allowedOrigins: ["https://shop.example", "https://blog.example"],
    });
    expect(allowed.status).toBe(200);
    expect((await ticket(fx.channelId, "https://blog.example")).status).toBe(201);
    const after = await admin.get(`/channels/${fx.channelId}/integration`);
    expect(after.body.refusedOrigins.map((r: { origin: string }) => r.origin)).toEqual([
      "http://localhost:3000",
    ]);
  });

  it("a socket opened from a foreign origin is refused and recorded too", async () => {
    const fx = await setupQueue();
    const res = await ticket(fx.channelId);
    const up = await fetchApp(res.body.url, {
      headers: { upgrade: "websocket", origin: "https://evil.example" },
    });
    expect(up.status).toBe(403);
    expect(((await up.json()) as { detail: string }).detail).toMatch(
      /add https:\/\/evil\.example to the channel's Allowed Origins/,
    );
    expect((await rows(fx.channelId)).map((r) => r.origin)).toEqual(["https://evil.example"]);
  });

  it("an opaque origin (a file or a sandboxed frame) is explained, not recorded", async () => {
    const fx = await setupQueue();
    const res = await ticket(fx.channelId, "null");
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(
      /origin \(null\) cannot open a chat: embed the widget in an http or https page/,
    );
    expect(await rows(fx.channelId)).toEqual([]);
  });

  it("keeps at most 20 origins per channel; a new one takes over only a slot not seen for a minute", async () => {
    const fx = await setupQueue();
    const channel = { id: fx.channelId, tenantId: fx.tenantId };
    const t0 = Date.now();
    for (let i = 0; i < REFUSED_ORIGIN_SLOTS + 5; i++)
      await recordRefusedOrigin(env.DB, channel, `https://o${i}.example`, t0 + i);
    let stored = await rows(fx.channelId);
    expect(stored).toHaveLength(20);
    expect(stored.map((r) => r.origin)).toEqual(
      Array.from({ length: 20 }, (_, i) => `https://o${i}.example`),
    );

    // a known origin still counts while every slot is fresh
    await recordRefusedOrigin(env.DB, channel, "https://o3.example", t0 + 100);
    expect((await rows(fx.channelId))[3]).toMatchObject({ origin: "https://o3.example", count: 2 });

    // o0 was last seen a minute ago: exactly then a new origin takes over its slot (and only its)
    const minute = t0 + TAKE_OVER_AFTER_MS;
    await recordRefusedOrigin(env.DB, channel, "https://late.example", minute - 1);
    expect((await rows(fx.channelId)).map((r) => r.origin)).not.toContain("https://late.example");
    await recordRefusedOrigin(env.DB, channel, "https://late.example", minute);
    stored = await rows(fx.channelId);
    expect(stored).toHaveLength(20);
    expect(stored[0]).toMatchObject({
      slot: 0,
      origin: "https://late.example",
      count: 1,
      first_seen_at: minute,
    });
  });

  it("lists an origin for 7 days after it was last seen; coming back later counts from 1 again", async () => {
    const fx = await setupQueue();
    const admin = await adminOf(fx);
    const channel = { id: fx.channelId, tenantId: fx.tenantId };
    const now = Date.now();
    await recordRefusedOrigin(env.DB, channel, "https://old.example", now - KEEP_MS);
    await recordRefusedOrigin(env.DB, channel, "https://old.example", now - KEEP_MS);
    await recordRefusedOrigin(env.DB, channel, "https://recent.example", now - KEEP_MS + 1);
    // exactly 7 days after it was last seen an origin is no longer listed; a millisecond less, it is
    const listed = await refusedOriginsOf(database(env.DB), channel, now);
    expect(listed.map((r) => r.origin)).toEqual(["https://recent.example"]);
    const viaApi = (await admin.get(`/channels/${fx.channelId}/integration`)).body.refusedOrigins;
    expect(viaApi.map((r: { origin: string }) => r.origin)).not.toContain("https://old.example");

    await recordRefusedOrigin(env.DB, channel, "https://old.example", now);
    expect((await rows(fx.channelId))[0]).toMatchObject({
      origin: "https://old.example",
      count: 1,
      first_seen_at: now,
    });
  });

  it("deleting the channel deletes its refused origins", async () => {
    const fx = await setupQueue();
    await ticket(fx.channelId, "https://gone.example");
    expect(await rows(fx.channelId)).toHaveLength(1);
    const admin = await adminOf(fx);
    expect((await admin.del(`/channels/${fx.channelId}`)).status).toBe(204);
    expect(await rows(fx.channelId)).toEqual([]);
  });
});
