import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import {
  connectCustomer,
  fetchApp,
  postJson,
  queueStub,
  setupQueue,
  TestSocket,
} from "../../durable-objects/skill-queue/test/fixtures";
import { TICKET_WINDOW_MS, TICKETS_PER_ADDRESS, TICKETS_PER_CHANNEL } from "../realtime/chat-ticket-limit";
import { CUSTOMER_TICKET_TTL_MS, issueCustomerTicket } from "../realtime/customer-ticket";
import { signIdentityToken } from "../realtime/identity-token";
import { ticketUrl } from "../realtime/tickets";

let addresses = 0;
const ticket = (body: unknown, headers: Record<string, string> = {}) =>
  postJson("/api/v1/chat/tickets", body, { "cf-connecting-ip": `192.0.2.${addresses++ % 250}`, ...headers });
const exp = () => Math.floor(Date.now() / 1000) + 300;

describe("POST /api/v1/chat/tickets", () => {
  it("an anonymous customer's typed name is marked unverified", async () => {
    const fx = await setupQueue();
    const res = await ticket({ channelId: fx.channelId, name: "Ada Lovelace" });
    const socket = await TestSocket.open(res.body.url);
    expect((await socket.next("session.welcome")).conversations[0]).toMatchObject({
      customerName: "Ada Lovelace",
      customerNameVerified: false,
    });
  });

  it("issues a ticket for an anonymous visitor; the same visitorId gives the same customer", async () => {
    const fx = await setupQueue();
    const a = await ticket({ channelId: fx.channelId, visitorId: "abcdefghijklmnop" });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ skillQueueId: fx.queueId, expiresInSeconds: 60 });
    expect(a.body.url).toMatch(/^\/ws\/chat\?ticket=/);
    const b = await ticket({ channelId: fx.channelId, visitorId: "abcdefghijklmnop" });
    expect(b.body.customerId).toBe(a.body.customerId);
    expect(b.body.ticket).not.toBe(a.body.ticket);
    const fresh = await ticket({ channelId: fx.channelId });
    expect(fresh.body.visitorId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(fresh.body.customerId).not.toBe(a.body.customerId);
  });

  it.each([
    [{ channelId: "x", visitorId: "short" }, "visitorId"],
    [{ channelId: "x", visitorId: "has spaces in it!!!!" }, "visitorId"],
    [{ visitorId: "abcdefghijklmnop" }, "channelId"],
    [{ channelId: "x", extra: 1 }, "extra"],
  ])("refuses %j naming %s", async (body, field) => {
    const res = await ticket(body);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
  });

  it("answers CORS preflights and reflects the page's origin", async () => {
    const fx = await setupQueue();
    const pre = await fetchApp("/api/v1/chat/tickets", {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/content-type/i);
    const res = await fetchApp("/api/v1/chat/tickets", {
      method: "POST",
      headers: { origin: "https://shop.example", "content-type": "application/json" },
      body: JSON.stringify({ channelId: fx.channelId }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
  });

  it("answers 404 for an unknown channel", async () => {
    expect((await ticket({ channelId: "ch_nope" })).status).toBe(404);
  });

  it.each([
    ["https://shop.example", 201],
    ["https://shop.example/", 201],
    ["http://local.test", 201],
    ["https://evil.example", 403],
    ["https://shop.example.evil", 403],
  ])("Origin %s → %i", async (origin, status) => {
    const fx = await setupQueue();
    expect((await ticket({ channelId: fx.channelId }, { origin })).status).toBe(status);
  });

  describe("third-party authentication", () => {
    const secretKey = "s3cret-key-of-the-integrator";

    it("requires a valid identity token and uses its sub and name", async () => {
      const fx = await setupQueue({ channel: { thirdPartyAuth: { secretKey } } });
      expect((await ticket({ channelId: fx.channelId })).status).toBe(401);
      const good = await signIdentityToken(
        { sub: "cust-42", name: "Ada", channel: fx.channelId, exp: exp() },
        secretKey,
      );
      const res = await ticket({ channelId: fx.channelId, identityToken: good });
      expect(res.status).toBe(201);
      expect(res.body.customerId).toBe("cust-42");
      const socket = await TestSocket.open(res.body.url);
      expect((await socket.next("session.welcome")).conversations[0]).toMatchObject({
        customerName: "Ada",
        customerNameVerified: true,
      });
    });

    it.each([
      ["a token's name wins over a typed one and is verified", "Ada", "Eve", { name: "Ada", verified: true }],
      [
        "without a name in the token a typed name is unverified",
        undefined,
        "Eve",
        { name: "Eve", verified: false },
      ],
      ["without either there is no name", undefined, undefined, { name: null, verified: false }],
    ])("%s", async (_what, tokenName, typed, expected) => {
      const fx = await setupQueue({ channel: { thirdPartyAuth: { secretKey } } });
      const identityToken = await signIdentityToken(
        { sub: "cust-7", ...(tokenName ? { name: tokenName } : {}), channel: fx.channelId, exp: exp() },
        secretKey,
      );
      const res = await ticket({ channelId: fx.channelId, identityToken, ...(typed ? { name: typed } : {}) });
      const socket = await TestSocket.open(res.body.url);
      expect((await socket.next("session.welcome")).conversations[0]).toMatchObject({
        customerName: expected.name,
        customerNameVerified: expected.verified,
      });
    });

    it.each([
      [
        "a wrong key",
        async (ch: string) => signIdentityToken({ sub: "c", channel: ch, exp: exp() }, "other-key"),
      ],
      [
        "another channel",
        async () => signIdentityToken({ sub: "c", channel: "ch_other", exp: exp() }, secretKey),
      ],
      [
        "an expired token",
        async (ch: string) =>
          signIdentityToken({ sub: "c", channel: ch, exp: Math.floor(Date.now() / 1000) - 120 }, secretKey),
      ],
      [
        "a token valid only in ten minutes (nbf)",
        async (ch: string) =>
          signIdentityToken({ sub: "c", channel: ch, exp: exp() + 600, nbf: exp() }, secretKey),
      ],
      [
        "a token living a day (exp − iat over the 1 hour cap)",
        async (ch: string) =>
          signIdentityToken({ sub: "c", channel: ch, iat: exp() - 300, exp: exp() + 86_400 }, secretKey),
      ],
      ["garbage", async () => "not.a.jwt"],
    ])("refuses %s with 401 naming the identity token", async (_what, make) => {
      const fx = await setupQueue({ channel: { thirdPartyAuth: { secretKey } } });
      const res = await ticket({ channelId: fx.channelId, identityToken: await make(fx.channelId) });
      expect(res.status).toBe(401);
      expect(res.body.ticket).toBeUndefined();
      expect(res.body.errors.identityToken[0]).toMatch(/^[a-z]+: it/);
    });
  });
});

describe("GET /ws/chat", () => {
  it("needs an upgrade, and a ticket works once", async () => {
    const fx = await setupQueue();
    const res = await ticket({ channelId: fx.channelId });
    expect((await fetchApp(res.body.url)).status).toBe(426);
    const first = await fetchApp(res.body.url, { headers: { upgrade: "websocket" } });
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    const second = await fetchApp(res.body.url, { headers: { upgrade: "websocket" } });
    expect(second.status).toBe(401);
    expect(second.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses an expired ticket, an unknown one, and a customer ticket on /ws/agent", async () => {
    const fx = await setupQueue();
    const res = await ticket({ channelId: fx.channelId });
    const t = new URL(res.body.url, "http://x").searchParams.get("ticket");
    expect((await fetchApp(`/ws/agent?ticket=${t}`, { headers: { upgrade: "websocket" } })).status).toBe(401);
    expect((await fetchApp("/ws/chat?ticket=nope", { headers: { upgrade: "websocket" } })).status).toBe(401);
    // a ticket signed by this deployment that expired a millisecond ago, and one of another key
    const who = {
      kind: "customer" as const,
      tenantId: fx.tenantId,
      channelId: fx.channelId,
      customerId: "c1",
    };
    const expired = await issueCustomerTicket(
      env,
      fx.queueId,
      { ...who, customerName: null, conversationId: null },
      Date.now() - CUSTOMER_TICKET_TTL_MS - 1,
    );
    expect(
      (await fetchApp(ticketUrl("customer", expired), { headers: { upgrade: "websocket" } })).status,
    ).toBe(401);
    const foreign = await issueCustomerTicket(
      { TICKET_SECRET: "another deployment" },
      fx.queueId,
      { ...who, customerName: null, conversationId: null },
      Date.now(),
    );
    expect(
      (await fetchApp(ticketUrl("customer", foreign), { headers: { upgrade: "websocket" } })).status,
    ).toBe(401);
    const valid = await issueCustomerTicket(
      env,
      fx.queueId,
      { ...who, customerName: null, conversationId: null },
      Date.now(),
    );
    const [head, body, sig] = valid.split(".");
    const tampered = `${head}.${body?.slice(0, -2)}AA.${sig}`;
    expect(
      (await fetchApp(ticketUrl("customer", tampered), { headers: { upgrade: "websocket" } })).status,
    ).toBe(401);
    const up = await fetchApp(ticketUrl("customer", valid), { headers: { upgrade: "websocket" } });
    expect(up.status).toBe(101);
    up.webSocket?.accept();
    up.webSocket?.close();
  });

  it("a ticket is admitted only by the queue it names, once, even after that object restarts", async () => {
    const fx = await setupQueue();
    const res = await ticket({ channelId: fx.channelId });
    const first = await fetchApp(res.body.url, { headers: { upgrade: "websocket" } });
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    first.webSocket?.close();
    await evictDurableObject(queueStub(fx.queueId));
    expect((await fetchApp(res.body.url, { headers: { upgrade: "websocket" } })).status).toBe(401);
  });

  it("re-checks the Origin on upgrade", async () => {
    const fx = await setupQueue();
    const res = await ticket({ channelId: fx.channelId });
    const up = await fetchApp(res.body.url, {
      headers: { upgrade: "websocket", origin: "https://evil.example" },
    });
    expect(up.status).toBe(403);
  });

  it("ignores a client-sent identity header", async () => {
    const fx = await setupQueue();
    const res = await ticket({ channelId: fx.channelId, visitorId: "visitor-genuine-0001" });
    const forged = JSON.stringify({
      kind: "customer",
      tenantId: "tn_x",
      channelId: fx.channelId,
      customerId: "victim",
      customerName: null,
      conversationId: null,
    });
    const socket = await TestSocket.open(res.body.url, { "x-ecs-identity": forged });
    const welcome = await socket.next("session.welcome");
    expect(welcome.conversations[0]?.customerId).toBe(res.body.customerId);
  });

  it("a customer reconnecting gets the same live conversation", async () => {
    const fx = await setupQueue({ channel: { chatbot: { enabled: true } } });
    const a = await connectCustomer(fx, { visitorId: "same-visitor-123456" });
    const first = (await a.next("session.welcome")).conversations[0]?.conversationId;
    const b = await connectCustomer(fx, { visitorId: "same-visitor-123456" });
    expect((await b.next("session.welcome")).conversations[0]?.conversationId).toBe(first);
    expect((await a.waitClosed()).code).toBe(4002);
  });
});

describe("rate limit", () => {
  // the bindings count in windows aligned to the clock's minutes: start each test well inside one
  beforeEach(async () => {
    const left = TICKET_WINDOW_MS - (Date.now() % TICKET_WINDOW_MS);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
  }, 20_000);
  /** Uses `n` of a binding's budget for `key` this minute (the local binding takes no `delta`). */
  const use = async (binding: RateLimit | undefined, key: string, n: number) => {
    if (!binding) throw new Error("rate limit binding missing");
    for (let i = 0; i < n; i += 50)
      await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => binding.limit({ key })));
  };
  const from = (address: string, channelId: string) =>
    fetchApp("/api/v1/chat/tickets", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": address },
      body: JSON.stringify({ channelId }),
    });

  it(`allows ${TICKETS_PER_ADDRESS} tickets a minute per address, then 429 with Retry-After`, async () => {
    const fx = await setupQueue();
    const address = `2001:db8::${Date.now() % 65536}`;
    for (let i = 0; i < TICKETS_PER_ADDRESS; i++)
      expect((await from(address, fx.channelId)).status).toBe(201);
    const refused = await from(address, fx.channelId);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(TICKET_WINDOW_MS / 1000);
    expect(((await refused.json()) as { status: number }).status).toBe(429);
    expect((await from(`${address}1`, fx.channelId)).status).toBe(201);
  });

  it("requests refused by the address limit do not use the channel's budget: other addresses still get tickets", async () => {
    const fx = await setupQueue();
    // The channel has room for exactly one more ticket this minute.
    await use(env.CHAT_TICKETS_BY_CHANNEL, fx.channelId, TICKETS_PER_CHANNEL - 1);
    const flooder = `198.19.${Date.now() % 250}.1`;
    await use(env.CHAT_TICKETS_BY_ADDRESS, flooder, TICKETS_PER_ADDRESS);
    for (let i = 0; i < 20; i++) expect((await from(flooder, fx.channelId)).status).toBe(429);
    expect((await from(`${flooder}0`, fx.channelId)).status).toBe(201);
    expect((await from(`${flooder}1`, fx.channelId)).status).toBe(429);
  });

  it.each([
    [TICKETS_PER_CHANNEL - 1, 201],
    [TICKETS_PER_CHANNEL, 429],
  ])(
    `a channel with %i tickets this minute (limit ${TICKETS_PER_CHANNEL}) → %i from a fresh address`,
    async (used, status) => {
      const fx = await setupQueue();
      await use(env.CHAT_TICKETS_BY_CHANNEL, fx.channelId, used);
      const res = await from(`198.18.0.${used % 250}`, fx.channelId);
      expect(res.status).toBe(status);
      if (status === 429) expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    },
  );
});
