// Isolation against a live local session: two tenants, and every REST route of the OpenAPI
// document plus both WebSocket endpoints tried with the other tenant's ids and tickets, foreign
// Origins, forged/reused/wrong-kind/expired tickets, and expired/forged/wrong-channel/alg-none
// identity tokens. Everything must be refused; positive controls make sure the refusals are not
// just a broken setup. `--no-expiry` skips the 61-second wait for a ticket to expire.
import { createHmac, randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { call, must } from "../lib/api.mjs";
import { Checks } from "../lib/checks.mjs";
import { sleep, waitUntil } from "../lib/open-loop.mjs";
import { startServer } from "../lib/server.mjs";
import { BENCH_ORIGIN, setupTenant } from "../lib/setup.mjs";
import { openSocket } from "../lib/sockets.mjs";
import { establishPairs, signInAgents } from "../scenarios/pairs.mjs";

const { values: opt } = parseArgs({
  options: { "no-expiry": { type: "boolean", default: false }, log: { type: "boolean", default: false } },
});
const FOREIGN = "https://evil.example";
const checks = new Checks("isolation");
const server = await startServer({
  log: opt.log,
  logLevel: "log",
  // webhook endpoints are sealed under this key (32 bytes, base64); without it they cannot be created
  vars: { WEBHOOK_SECRETS_KEY: randomBytes(32).toString("base64url") },
});
const origin = server.origin;
const ws = origin.replace(/^http/, "ws");

const b64 = (x) => Buffer.from(typeof x === "string" ? x : JSON.stringify(x)).toString("base64url");
/** An HS256 JWT as an integrator's server would sign it (header overridable for alg tests). */
function jwt(claims, secret, header = { alg: "HS256", typ: "JWT" }) {
  const head = `${b64(header)}.${b64(claims)}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

/** Status of a WebSocket upgrade: 101 when it opened, else the HTTP refusal. */
async function upgradeStatus(path, { origin: pageOrigin } = {}) {
  try {
    const sock = await openSocket(`${ws}${path}`, { origin: pageOrigin, timeoutMs: 10_000 });
    sock.terminate();
    return 101;
  } catch (err) {
    return err.status ?? String(err.message);
  }
}

const refused = (s) => s === 401 || s === 403 || s === 404;

try {
  const [a, b] = await Promise.all([
    setupTenant(origin, server.platformToken, { agents: 1, label: `a${randomBytes(2).toString("hex")}` }),
    setupTenant(origin, server.platformToken, { agents: 1, label: `b${randomBytes(2).toString("hex")}` }),
  ]);
  const apiA = (m, p, body) => must(origin, m, p, { token: a.adminToken, body });
  // Give tenant A one of everything, and a channel with third-party authentication.
  await apiA("POST", "/org-units", { name: "Isolation OU" });
  await apiA("POST", "/skill-queue-groups", { name: "Isolation group", skillQueueIds: [a.skillQueueId] });
  await apiA("POST", "/canned-responses", { scope: "tenant", shortcut: "hi", title: "Hi", text: "Hi!" });
  await apiA("POST", "/api-tokens", { name: "Isolation", scopes: ["audit:read"] });
  await apiA("POST", "/tags", { name: "Isolation tag" });
  await apiA("POST", "/webhooks", { url: "https://hooks.example.com/in", events: ["message.created"] });
  await apiA("POST", "/robots", {
    name: "Iso bot",
    accessCode: `isobot_${a.label}`,
    kind: "chatbot",
    intents: [],
    defaultReply: "hi",
  });
  const secret = randomBytes(24).toString("base64url");
  const authChannel = await apiA("POST", "/channels", {
    accessCode: `auth_${a.label}`,
    type: "web",
    routeId: a.routeId,
    allowedOrigins: [BENCH_ORIGIN],
    thirdPartyAuth: { enabled: true, secretKey: secret },
  });

  // A live conversation in A (then one ended, so history has something).
  const [agentA] = await signInAgents(origin, a);
  const { customers } = await establishPairs(origin, a, [agentA], 1);
  const customerA = customers[0];
  customerA.say("hello from A", "iso-1");
  await waitUntil(() => customerA.acks.size === 1, 5000);
  await apiA("POST", "/cases", {
    title: "Late parcel",
    conversationId: customerA.conversationId,
    skillQueueId: a.skillQueueId,
  });

  // ── REST: every route with B's credentials and A's ids ──
  const doc = (await call(origin, "GET", "/openapi.json")).data;
  const idsOfA = new Map();
  const allIdsOfA = new Set([
    a.tenantId,
    a.skillQueueId,
    a.channelId,
    a.routeId,
    a.accessCodeId,
    authChannel.id,
    customerA.conversationId,
  ]);
  for (const path of Object.keys(doc.paths)) {
    if (path.includes("{") || !path.startsWith("/api/v1/") || /tickets|platform|auth|tenant$/.test(path))
      continue;
    const list = await call(origin, "GET", path, { token: a.adminToken });
    const items = list.data?.items ?? [];
    for (const it of items) if (it.id) allIdsOfA.add(it.id);
    if (items[0]?.id) idsOfA.set(path, items[0].id);
  }
  idsOfA.set("/api/v1/conversations", customerA.conversationId);
  const offenders = [];
  const unauth = [];
  let tried = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const method of Object.keys(item)) {
      const collection = path.replace(/\/\{id\}.*$/, "");
      if (path.includes("{id}")) {
        const id = idsOfA.get(collection);
        if (!id) {
          offenders.push(`${method} ${path}: tenant A has no item to try`);
          continue;
        }
        const concrete = path.replace("{id}", id).replace(/^\/api\/v1/, "");
        const body = method === "get" || method === "delete" ? undefined : { name: "hijacked" };
        const res = await call(origin, method.toUpperCase(), concrete, { token: b.adminToken, body });
        tried++;
        if (res.status !== 404 && res.status !== 403)
          offenders.push(`${method.toUpperCase()} ${concrete} as B → ${res.status}`);
        const anon = await call(origin, method.toUpperCase(), concrete, { body });
        if (anon.status !== 401)
          unauth.push(`${method.toUpperCase()} ${concrete} anonymous → ${anon.status}`);
      } else if (method === "get" && !/auth|openapi/.test(path)) {
        const res = await call(origin, "GET", path.replace(/^\/api\/v1/, ""), { token: b.adminToken });
        tried++;
        const text = JSON.stringify(res.data);
        const leaked = [...allIdsOfA].filter((id) => text.includes(id));
        if (leaked.length) offenders.push(`GET ${path} as B shows A's ${leaked.join(", ")}`);
      }
    }
  }
  // Filters naming A's objects must not reveal them either.
  const filtered = await call(origin, "GET", `/conversations?skillQueueId=${a.skillQueueId}`, {
    token: b.adminToken,
  });
  if (filtered.status < 300 && JSON.stringify(filtered.data).includes(a.skillQueueId))
    offenders.push("GET /conversations?skillQueueId=A as B leaks");
  const patchRoute = await call(origin, "POST", "/called-routes", {
    token: b.adminToken,
    body: { accessCodeId: a.accessCodeId, deviceType: "skillQueue", skillQueueId: a.skillQueueId },
  });
  if (patchRoute.status < 300)
    offenders.push("POST /called-routes as B pointing at A's access code and queue → accepted");
  const crossAgent = await call(origin, "POST", "/agents", {
    token: b.adminToken,
    body: {
      employeeId: a.agents[0].employeeId,
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueue",
      skillQueueIds: [a.skillQueueId],
      defaultSkillQueueId: a.skillQueueId,
    },
  });
  if (crossAgent.status < 300) offenders.push("POST /agents as B with A's queue → accepted");
  checks.figures.restTried = tried;
  checks.check(
    "REST: B never reads, changes or deletes A's objects",
    offenders.length === 0,
    `${tried} tried; ${offenders.slice(0, 6).join(" | ")}`,
  );
  checks.check("REST: anonymous calls refused with 401", unauth.length === 0, unauth.slice(0, 6).join(" | "));
  const stillThere = await call(origin, "GET", `/skill-queues/${a.skillQueueId}`, { token: a.adminToken });
  checks.check(
    "REST: A's objects intact afterwards",
    stillThere.status === 200 && stillThere.data.name !== "hijacked",
    `${stillThere.status}`,
  );

  // ── Tickets ──
  const agentTicketCross = await call(origin, "POST", "/agent/tickets", {
    token: b.agents[0].token,
    body: { skillQueueId: a.skillQueueId },
  });
  checks.check(
    "agent ticket for another tenant's queue refused",
    refused(agentTicketCross.status),
    `${agentTicketCross.status}`,
  );
  const adminTicketCross = await call(origin, "POST", "/agent/tickets", {
    token: b.adminToken,
    body: { skillQueueId: a.skillQueueId },
  });
  checks.check(
    "admin of B gets no agent ticket for A's queue",
    refused(adminTicketCross.status),
    `${adminTicketCross.status}`,
  );
  const foreignOrigin = await call(origin, "POST", "/chat/tickets", {
    body: { channelId: a.channelId },
    headers: { origin: FOREIGN },
  });
  checks.check(
    "chat ticket from a foreign Origin refused",
    foreignOrigin.status === 403,
    `${foreignOrigin.status}`,
  );
  const ownOrigin = await call(origin, "POST", "/chat/tickets", {
    body: { channelId: a.channelId },
    headers: { origin: BENCH_ORIGIN },
  });
  checks.check(
    "positive control: chat ticket from an allowed Origin",
    ownOrigin.status === 201,
    `${ownOrigin.status}`,
  );

  // ── WebSocket upgrades ──
  const ticketFor = async (channelId) =>
    (await must(origin, "POST", "/chat/tickets", { body: { channelId }, headers: { origin: BENCH_ORIGIN } }))
      .ticket;
  const agentTicket = async (client) =>
    (
      await must(origin, "POST", "/agent/tickets", {
        token: client.token,
        body: { skillQueueId: client.skillQueueId },
      })
    ).ticket;
  const wsCases = [
    ["forged ticket", `/ws/chat?ticket=${randomBytes(24).toString("base64url")}`, {}, 401],
    ["empty ticket", "/ws/chat?ticket=", {}, 401],
    ["oversized ticket", `/ws/chat?ticket=${"x".repeat(5000)}`, {}, 401],
    ["agent forged ticket", `/ws/agent?ticket=${randomBytes(24).toString("base64url")}`, {}, 401],
    ["customer ticket on /ws/agent", `/ws/agent?ticket=${await ticketFor(a.channelId)}`, {}, 401],
    [
      "agent ticket on /ws/chat",
      `/ws/chat?ticket=${await agentTicket({ token: a.agents[0].token, skillQueueId: a.skillQueueId })}`,
      {},
      401,
    ],
    [
      "customer ticket from a foreign Origin",
      `/ws/chat?ticket=${await ticketFor(a.channelId)}`,
      { origin: FOREIGN },
      403,
    ],
  ];
  for (const [name, path, o, want] of wsCases) {
    const got = await upgradeStatus(path, o);
    checks.check(`WS: ${name} refused (${want})`, got === want, `${got}`);
  }
  const once = await ticketFor(a.channelId);
  const first = await upgradeStatus(`/ws/chat?ticket=${once}`, { origin: BENCH_ORIGIN });
  const second = await upgradeStatus(`/ws/chat?ticket=${once}`, { origin: BENCH_ORIGIN });
  checks.check(
    "WS: a ticket works once (positive control), then is refused",
    first === 101 && second === 401,
    `${first}, then ${second}`,
  );
  const plain = await fetch(`${origin}/ws/chat?ticket=x`);
  checks.check("WS: a plain GET is told to upgrade (426)", plain.status === 426, `${plain.status}`);

  // ── Identity tokens (third-party authentication) ──
  const exp = Math.floor(Date.now() / 1000) + 300;
  const idCases = [
    ["no token", undefined, 401],
    [
      "expired",
      jwt({ sub: "cust-1", channel: authChannel.id, exp: Math.floor(Date.now() / 1000) - 120 }, secret),
      401,
    ],
    ["forged (wrong key)", jwt({ sub: "cust-1", channel: authChannel.id, exp }, `${secret}x`), 401],
    ["wrong channel", jwt({ sub: "cust-1", channel: a.channelId, exp }, secret), 401],
    ["another tenant's channel", jwt({ sub: "cust-1", channel: b.channelId, exp }, secret), 401],
    [
      "alg none",
      `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "cust-1", channel: authChannel.id, exp })}.`,
      401,
    ],
    [
      "alg HS512 header",
      jwt({ sub: "cust-1", channel: authChannel.id, exp }, secret, { alg: "HS512", typ: "JWT" }),
      401,
    ],
    ["no sub", jwt({ channel: authChannel.id, exp }, secret), 401],
    ["sub over 32 chars", jwt({ sub: "s".repeat(33), channel: authChannel.id, exp }, secret), 401],
    ["garbage", "not.a.jwt", 401],
    [
      "valid (positive control)",
      jwt({ sub: "cust-1", name: "Ann", channel: authChannel.id, exp }, secret),
      201,
    ],
  ];
  for (const [name, token, want] of idCases) {
    const res = await call(origin, "POST", "/chat/tickets", {
      body: { channelId: authChannel.id, ...(token ? { identityToken: token } : {}) },
      headers: { origin: BENCH_ORIGIN },
    });
    checks.check(
      `identity token: ${name} → ${want}`,
      res.status === want,
      `${res.status} ${res.data?.detail ?? ""}`,
    );
  }

  // ── Frames naming another tenant's conversation ──
  const [agentB] = await signInAgents(origin, b);
  const replies = [];
  agentB.onEvent = (e) => replies.push(e);
  agentB.send({
    type: "session.resume",
    conversations: [{ conversationId: customerA.conversationId, lastSeq: 0 }],
  });
  agentB.send({
    type: "message.send",
    conversationId: customerA.conversationId,
    clientMsgId: "x1",
    text: "hijack",
  });
  agentB.send({ type: "conversation.end", conversationId: customerA.conversationId });
  agentB.send({ type: "conversation.watch", conversationId: customerA.conversationId });
  await sleep(1500);
  const leakedFrames = replies.filter(
    (e) => e.type === "message" || e.type === "message.acked" || e.type === "conversation.updated",
  );
  const errors = replies.filter((e) => e.type === "error");
  checks.check(
    "WS: B's agent cannot resume, write to, end or watch A's conversation",
    leakedFrames.length === 0 && errors.length >= 4,
    `errors ${errors.map((e) => e.code).join(",")}; leaked ${leakedFrames.length}`,
  );
  checks.check(
    "WS: A's customer saw nothing from B",
    customerA.seen.get(customerA.conversationId)?.size >= 1 && ![...customerA.closes].length,
    "",
  );

  if (!opt["no-expiry"]) {
    const stale = await ticketFor(a.channelId);
    const staleAgent = await agentTicket({ token: a.agents[0].token, skillQueueId: a.skillQueueId });
    await sleep(61_500);
    checks.check(
      "WS: an expired customer ticket refused",
      (await upgradeStatus(`/ws/chat?ticket=${stale}`, { origin: BENCH_ORIGIN })) === 401,
      "",
    );
    checks.check(
      "WS: an expired agent ticket refused",
      (await upgradeStatus(`/ws/agent?ticket=${staleAgent}`)) === 401,
      "",
    );
  }
  for (const c of [agentA, agentB, customerA]) c.close();
  checks.noCrash(server);
} catch (err) {
  checks.check("isolation run completed", false, String(err.stack ?? err));
} finally {
  await server.stop();
}
process.exit(checks.finish());
