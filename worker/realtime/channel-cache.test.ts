/**
 * The customer's way in reads the channel and its route's queue from the isolate's cache
 * (`channel-cache.ts`): D1 reads per connection, an admin's change taking effect for the next
 * customer in the same isolate, and the bound for a change this isolate did not see.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { adminOf, db, setupQueue, TestSocket } from "../../durable-objects/skill-queue/test/fixtures";
import { calledRoutes, channels } from "../db/schema";
import type { Env } from "../env";
import worker from "../index";
import { recordingD1 } from "../test/recording-d1";
import { CHANNEL_CACHE_TTL_MS, cachedChannel, forgetCachedChannels } from "./channel-cache";

const CONNECTIONS = 10;

/** `env` whose D1 binding records the SQL of every statement prepared or executed through it. */
function recordingEnv(): { env: Env; statements: string[] } {
  const { DB, statements } = recordingD1(env.DB);
  return { env: { ...(env as unknown as Env), DB }, statements };
}

let address = 0;
async function call(e: Env, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://local.test${path}`, init), e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
const ticket = (e: Env, channelId: string, headers: Record<string, string> = {}) =>
  call(e, "/api/v1/chat/tickets", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": `198.51.100.${address++ % 250}`,
      ...headers,
    },
    body: JSON.stringify({ channelId }),
  });

beforeEach(() => forgetCachedChannels());

describe("channel cache on the customer's way in", () => {
  it(`${CONNECTIONS} connections read the channel and its route from D1 once, not per ticket and upgrade`, async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: CONNECTIONS }] });
    const recording = recordingEnv();
    const sockets: TestSocket[] = [];
    const readsPerConnection: number[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const before = recording.statements.length;
      const res = await ticket(recording.env, fx.channelId);
      expect(res.status).toBe(201);
      const { url } = (await res.json()) as { url: string };
      const up = await call(recording.env, url, { headers: { upgrade: "websocket" } });
      expect(up.status).toBe(101);
      up.webSocket?.accept();
      const socket = new TestSocket(up.webSocket as WebSocket);
      await socket.next("session.welcome");
      sockets.push(socket);
      readsPerConnection.push(recording.statements.length - before);
    }
    // the first connection reads the channel and its called route (without the cache: both on
    // the ticket and the channel again on the upgrade, 3 per connection); the others read nothing
    expect(readsPerConnection).toEqual([2, ...Array(CONNECTIONS - 1).fill(0)]);
    for (const s of sockets) s.close();
  });

  it("a deleted channel refuses the next ticket at once", async () => {
    const fx = await setupQueue();
    const admin = await adminOf(fx);
    const e = env as unknown as Env;
    expect((await ticket(e, fx.channelId)).status).toBe(201);
    expect((await admin.del(`/channels/${fx.channelId}`)).status).toBe(204);
    const res = await ticket(e, fx.channelId);
    expect(res.status).toBe(404);
  });

  it("a ticket issued before the channel was deleted no longer opens a socket", async () => {
    const fx = await setupQueue();
    const admin = await adminOf(fx);
    const e = env as unknown as Env;
    const { url } = (await (await ticket(e, fx.channelId)).json()) as { url: string };
    expect((await admin.del(`/channels/${fx.channelId}`)).status).toBe(204);
    const up = await call(e, url, { headers: { upgrade: "websocket" } });
    expect(up.status).toBe(401);
  });

  it("an origin removed from the channel's allowed origins is refused on the next ticket", async () => {
    const fx = await setupQueue({ channel: { allowedOrigins: ["https://shop.example"] } });
    const admin = await adminOf(fx);
    const e = env as unknown as Env;
    const page = { origin: "https://shop.example" };
    expect((await ticket(e, fx.channelId, page)).status).toBe(201);
    const patched = await admin.patch(`/channels/${fx.channelId}`, {
      allowedOrigins: ["https://other.example"],
    });
    expect(patched.status).toBe(200);
    expect((await ticket(e, fx.channelId, page)).status).toBe(403);
  });

  it("a route moved to another queue sends the next customer there", async () => {
    const fx = await setupQueue();
    const admin = await adminOf(fx);
    const e = env as unknown as Env;
    expect(((await (await ticket(e, fx.channelId)).json()) as { skillQueueId: string }).skillQueueId).toBe(
      fx.queueId,
    );
    const other = await fx.addQueue();
    const [channel] = await db().select().from(channels).where(eq(channels.id, fx.channelId));
    const moved = await admin.patch(`/called-routes/${channel!.routeId}`, { skillQueueId: other });
    expect(moved.status).toBe(200);
    const next = (await (await ticket(e, fx.channelId)).json()) as { skillQueueId: string };
    expect(next.skillQueueId).toBe(other);
  });

  it(`a change this isolate did not make shows within ${CHANNEL_CACHE_TTL_MS / 1000} s`, async () => {
    const fx = await setupQueue();
    const other = await fx.addQueue();
    const d1 = db();
    const t0 = Date.now();
    const [channel] = await d1.select().from(channels).where(eq(channels.id, fx.channelId));
    expect((await cachedChannel(d1, fx.channelId, t0))?.skillQueueId).toBe(fx.queueId);
    // another isolate's admin write: nothing tells this one
    await d1.update(calledRoutes).set({ skillQueueId: other }).where(eq(calledRoutes.id, channel!.routeId));
    expect((await cachedChannel(d1, fx.channelId, t0 + CHANNEL_CACHE_TTL_MS - 1))?.skillQueueId).toBe(
      fx.queueId,
    );
    expect((await cachedChannel(d1, fx.channelId, t0 + CHANNEL_CACHE_TTL_MS))?.skillQueueId).toBe(other);
    await d1.delete(channels).where(eq(channels.id, fx.channelId));
    expect(await cachedChannel(d1, fx.channelId, t0 + CHANNEL_CACHE_TTL_MS + 1)).not.toBeNull();
    expect(await cachedChannel(d1, fx.channelId, t0 + 2 * CHANNEL_CACHE_TTL_MS)).toBeNull();
  });
});
