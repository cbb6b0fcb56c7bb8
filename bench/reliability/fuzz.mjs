// Fuzz against a live local session: ≥ 10,000 malformed, oversized, binary and type-confused
// WebSocket frames (fast-check, seeded) on customer and agent sockets, then malformed bodies on
// every REST route of the OpenAPI document. Pass: no 5xx, no `internal` error frame, only the
// protocol's close codes, nothing crashed in the runtime, and a live conversation running beside
// the fuzz loses nothing. `npm run test:fuzz -- --frames 50000 --seed 7` scales it.
import { parseArgs } from "node:util";
import fc from "fast-check";
import { call } from "../lib/api.mjs";
import { ChatClient } from "../lib/chat-client.mjs";
import { Checks } from "../lib/checks.mjs";
import { performance, runOpenLoop, sleep, waitUntil } from "../lib/open-loop.mjs";
import { LOAD_VARS, startServer } from "../lib/server.mjs";
import { BENCH_ORIGIN, setupTenant } from "../lib/setup.mjs";
import { connectCustomers, establishPairs, signInAgents } from "../scenarios/pairs.mjs";

const { values: opt } = parseArgs({
  options: {
    frames: { type: "string", default: "10000" },
    sockets: { type: "string", default: "40" },
    seed: { type: "string", default: String(Date.now() % 100000) },
    log: { type: "boolean", default: false },
  },
});
const FRAMES = Number(opt.frames);
const SEED = Number(opt.seed);
const MAX_FRAME_BYTES = 16 * 1024;
/** Close codes the protocol may answer fuzz with. */
const ALLOWED_CLOSE = new Set([1000, 1008, 1009, 4002, 4003, 4004, 4008]);
/** Every event type of the protocol's customer and staff unions and its call events (`worker/realtime/protocol.ts`). */
const SERVER_TYPES = new Set([
  "agent.updated",
  "assistant.suggested",
  "conversation.assigned",
  "conversation.call",
  "conversation.offered",
  "conversation.removed",
  "conversation.tagged",
  "conversation.updated",
  "customer.context",
  "error",
  "evaluation.recorded",
  "history.page",
  "leftMessages.updated",
  "message",
  "message.acked",
  "message.left",
  "note",
  "note.acked",
  "offer.ended",
  "queue.position",
  "queue.snapshot",
  "read",
  "session.moved",
  "session.resumed",
  "session.welcome",
  "typing",
  "call.incoming",
  "call.moved",
  "call.placed",
  "call.signalled",
  "call.updated",
  "call.welcome",
]);
const ERROR_CODES = new Set(["invalid_frame", "not_allowed", "not_found", "conflict", "rate_limited"]);
const COMMAND_TYPES = [
  "session.resume",
  "message.send",
  "agent.request",
  "typing.set",
  "read.mark",
  "evaluation.submit",
  "conversation.leave",
  "status.set",
  "agent.signOut",
  "conversation.end",
  "conversation.transfer",
  "conversation.watch",
  "conversation.unwatch",
  "checker.insert",
  "conversation.intercept",
  "agent.forceBusy",
  "call.start",
  "call.accept",
  "call.decline",
  "call.signal",
  "call.hangup",
  "agent.release",
  "page.viewed",
];
const FIELDS = [
  "type",
  "text",
  "clientMsgId",
  "conversationId",
  "lastSeq",
  "seq",
  "isTyping",
  "rating",
  "comment",
  "status",
  "skillQueueId",
  "employeeId",
  "conversations",
  "media",
  "callId",
  "signal",
  "url",
  "title",
  "referrer",
  "__proto__",
  "constructor",
];

/** One fuzz frame: `{data, binary, expectClose?}`. */
function frameArbitrary() {
  const text = (s) => ({ data: s, binary: false });
  const json = (v) => text(JSON.stringify(v));
  const confusedValue = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom(null, true, -1, 0, 1.5, 1e308, -0, "", " ", "\u0000", "💥".repeat(50), [], {}),
    fc.string({ maxLength: 5000 }),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map(text) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }).map(text) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    {
      weight: 4,
      arbitrary: fc
        .record({
          type: fc.constantFrom(...COMMAND_TYPES),
          extra: fc.dictionary(fc.constantFrom(...FIELDS), confusedValue, { maxKeys: 4 }),
        })
        .map(({ type, extra }) => json({ ...extra, type })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          type: fc.constantFrom("message.send", "checker.insert"),
          conversationId: fc.oneof(fc.string({ maxLength: 100 }), fc.constant("cv_nope")),
          clientMsgId: fc.string({ maxLength: 80 }),
          text: fc.oneof(
            fc.string({ maxLength: 50 }),
            fc.constant(" ".repeat(10)),
            fc.constant("y".repeat(4001)),
            fc.constant("z".repeat(12000)),
          ),
        })
        .map(json),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => ({ data: Buffer.from(b), binary: true })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 4000 })
        .map((k) => ({ data: "a".repeat(MAX_FRAME_BYTES + k), binary: false, expectClose: 1009 })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 2000 }).map((k) => ({
        data: `{"type":"message.send","text":"${"é".repeat(MAX_FRAME_BYTES / 2 + k)}"}`,
        binary: false,
        expectClose: 1009,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        text("ping"),
        text("{}"),
        text("[]"),
        text("null"),
        text('{"type":null}'),
        text('{"type":"__proto__"}'),
        text('{"__proto__":{"type":"message.send"}}'),
      ),
    },
  );
}

const checks = new Checks("fuzz");
const server = await startServer({ log: opt.log, logLevel: "log", vars: LOAD_VARS });
const origin = server.origin;
const stats = {
  frames: 0,
  serverFrames: 0,
  errorFrames: {},
  closes: {},
  badFrames: [],
  badCloses: [],
  internal: 0,
  reconnects: 0,
};
try {
  const tenant = await setupTenant(origin, server.platformToken, { agents: 4, maxConcurrentChats: 60 });
  const [sentinelAgent, ...fuzzAgentsCfg] = tenant.agents;

  // A live conversation beside the fuzz: it must not notice anything.
  const [sAgent] = await signInAgents(origin, { ...tenant, agents: [sentinelAgent] });
  const {
    customers: [sCustomer],
  } = await establishPairs(origin, tenant, [sAgent], 1);
  let sentinelSent = 0;
  const sentinelTimer = setInterval(() => {
    const id = `s${sentinelSent++}`;
    if (sentinelSent % 2) sCustomer.say(id, id);
    else sAgent.say(id, id, sCustomer.conversationId);
  }, 300);

  // Fuzz sockets: agents (no customers assigned to them once the sentinel agent holds the only one)…
  const onEvent = (e) => {
    stats.serverFrames++;
    if (e.type === "pong") return;
    if (!SERVER_TYPES.has(e.type)) stats.badFrames.push(JSON.stringify(e).slice(0, 200));
    if (e.type === "error") {
      stats.errorFrames[e.code] = (stats.errorFrames[e.code] ?? 0) + 1;
      if (e.code === "internal") stats.internal++;
      else if (!ERROR_CODES.has(e.code) || typeof e.message !== "string")
        stats.badFrames.push(JSON.stringify(e).slice(0, 200));
    }
  };
  const fuzzAgents = await signInAgents(origin, { ...tenant, agents: fuzzAgentsCfg }, onEvent);
  const customerCount = Math.max(1, Number(opt.sockets) - fuzzAgents.length);
  const fuzzCustomers = await connectCustomers(origin, tenant, customerCount, onEvent, 10);
  const slots = [...fuzzAgents, ...fuzzCustomers];

  // A few percent spare: a frame due while every socket is reconnecting is skipped, not sent.
  const frames = fc.sample(frameArbitrary(), { numRuns: Math.ceil(FRAMES * 1.08), seed: SEED });
  const perSocket = 12; // frames per second per socket, under the 20/s flood limit
  const rate = slots.length * perSocket;
  const reopen = async (k) => {
    const old = slots[k];
    const last = old.closes.at(-1);
    if (last) {
      stats.closes[last.code] = (stats.closes[last.code] ?? 0) + 1;
      if (!ALLOWED_CLOSE.has(last.code)) stats.badCloses.push(`${old.kind} ${last.code} ${last.reason}`);
    }
    const fresh =
      old.kind === "agent"
        ? new ChatClient({
            origin,
            kind: "agent",
            token: old.token,
            skillQueueId: tenant.skillQueueId,
            onEvent,
          })
        : new ChatClient({ origin, kind: "customer", channelId: tenant.channelId, onEvent });
    slots[k] = fresh;
    stats.reconnects++;
    try {
      await fresh.connect();
    } catch (err) {
      stats.badCloses.push(`reconnect failed: ${err.message}`);
    }
  };
  const reopening = new Set();
  const started = performance.now();
  await runOpenLoop({
    rate,
    count: frames.length,
    deadlineMs: (frames.length / rate) * 1000 + 60_000,
    send: (i) => {
      let client = null;
      for (let j = 0; j < slots.length && !client; j++) {
        const k = (i + j) % slots.length;
        if (slots[k].open) client = slots[k];
        else if (!reopening.has(k) && slots[k].ws?.readyState === 3) {
          reopening.add(k);
          reopen(k).finally(() => reopening.delete(k));
        }
      }
      if (!client) {
        stats.skipped = (stats.skipped ?? 0) + 1;
        return;
      }
      const f = frames[i];
      client.ws.send(f.data, { binary: f.binary });
      stats.frames++;
    },
  });
  // Frames skipped while every socket was reconnecting (more of them on a loaded machine) are made
  // up at the same pace, waiting for an open socket, so the run always covers FRAMES frames.
  const topUp = fc.sample(frameArbitrary(), { numRuns: FRAMES, seed: SEED + 1 });
  for (let i = 0, until = performance.now() + 180_000; stats.frames < FRAMES && performance.now() < until; ) {
    // round robin over the open sockets, each kept under the flood limit as in the open loop
    const k = slots.map((_, j) => (i + j) % slots.length).find((j) => slots[j].open) ?? -1;
    if (k < 0) {
      for (let j = 0; j < slots.length; j++)
        if (!reopening.has(j) && slots[j].ws?.readyState === 3) {
          reopening.add(j);
          reopen(j).finally(() => reopening.delete(j));
        }
      await sleep(50);
      continue;
    }
    const f = topUp[i++ % topUp.length];
    slots[k].ws.send(f.data, { binary: f.binary });
    stats.frames++;
    stats.toppedUp = (stats.toppedUp ?? 0) + 1;
    await sleep(1000 / rate);
  }
  // Let the object drain its backlog: wait until no server frame arrived for 2 s (at most 60 s).
  for (let quiet = 0, last = -1, t = 0; quiet < 4 && t < 120; t++) {
    await sleep(500);
    quiet = stats.serverFrames === last ? quiet + 1 : 0;
    last = stats.serverFrames;
  }
  for (let k = 0; k < slots.length; k++) if (slots[k].closes.length && !reopening.has(k)) await reopen(k);
  stats.seconds = Math.round((performance.now() - started) / 100) / 10;

  clearInterval(sentinelTimer);
  await waitUntil(() => sCustomer.outbox.size === 0 && sAgent.outbox.size === 0, 10_000);
  const sentinelLost = sentinelSent - sCustomer.acks.size - sAgent.acks.size;

  const health = await call(origin, "GET", "/openapi.json");
  checks.figures.frames = stats;
  checks.check(
    `≥ ${FRAMES} fuzz frames sent (seed ${SEED})`,
    stats.frames >= FRAMES,
    `${stats.frames} sent over ${slots.length} sockets, ${stats.reconnects} reconnects`,
  );
  checks.check(
    "every server frame is a protocol event",
    stats.badFrames.length === 0,
    stats.badFrames.slice(0, 5).join(" | "),
  );
  checks.check("no `internal` error frame", stats.internal === 0, `${stats.internal}`);
  checks.check(
    "only the protocol's close codes",
    stats.badCloses.length === 0,
    `${JSON.stringify(stats.closes)} ${stats.badCloses.slice(0, 5).join(" | ")}`,
  );
  checks.check(
    "typed errors answered malformed frames",
    (stats.errorFrames.invalid_frame ?? 0) > 0,
    JSON.stringify(stats.errorFrames),
  );
  checks.check(
    "oversized frames closed with 1009",
    (stats.closes[1009] ?? 0) > 0,
    `${stats.closes[1009] ?? 0}`,
  );
  checks.check(
    "live conversation beside the fuzz unaffected",
    sentinelLost === 0 &&
      sCustomer.closes.length === 0 &&
      sAgent.closes.length === 0 &&
      sCustomer.duplicates === 0,
    `sent ${sentinelSent}, acked ${sCustomer.acks.size + sAgent.acks.size}, closes ${sCustomer.closes.length + sAgent.closes.length}`,
  );
  for (const c of [...slots, sCustomer, sAgent]) c.close();

  // REST: malformed bodies on every route.
  const rest = await fuzzRest(origin, tenant, server.platformToken);
  checks.figures.rest = rest;
  checks.check(
    "REST: no 5xx on malformed bodies",
    rest.serverErrors.length === 0,
    `${rest.requests} requests; ${rest.serverErrors.slice(0, 5).join(" | ")}`,
  );
  checks.check(
    "REST: refusals are problem+json",
    rest.notProblem.length === 0,
    rest.notProblem.slice(0, 5).join(" | "),
  );
  checks.check(
    "REST: malformed bodies never accepted",
    rest.accepted.length === 0,
    rest.accepted.slice(0, 5).join(" | "),
  );
  checks.check("runtime still answers", health.status === 200, `${health.status}`);
  checks.noCrash(server);
} catch (err) {
  checks.check("fuzz run completed", false, String(err.stack ?? err));
} finally {
  if (!checks.ok) checks.figures.outputTail = server.output().slice(-6000);
  await server.stop();
}
process.exit(checks.finish({ seed: SEED }));

/** Malformed bodies on every POST/PATCH/PUT route; resolves counts and offenders. */
async function fuzzRest(origin, tenant, platformToken) {
  const doc = (await call(origin, "GET", "/openapi.json")).data;
  // A real id per collection, so PATCH bodies reach validation instead of a 404.
  const ids = new Map();
  for (const path of Object.keys(doc.paths ?? {})) {
    if (path.includes("{") || !path.startsWith("/api/v1/")) continue;
    const list = await call(origin, "GET", path.replace(/^\/api\/v1/, ""), { token: tenant.adminToken });
    const first = list.data?.items?.[0]?.id;
    if (first) ids.set(path, first);
  }
  const out = { requests: 0, routes: 0, serverErrors: [], notProblem: [], accepted: [], statuses: {} };
  const bodies = [
    ["empty", ""],
    ["truncated", '{"name":'],
    ["null", "null"],
    ["array", "[]"],
    ["number", "123"],
    ["string", '"x"'],
    ["nested", `${"[".repeat(3000)}${"]".repeat(3000)}`],
    ["proto", '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
    ["huge", JSON.stringify({ name: "n".repeat(300_000) })],
    ["binary", Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString("latin1")],
    ...fc
      .sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 8, seed: SEED })
      .map((v, i) => [`json${i}`, JSON.stringify(v)]),
  ];
  const confused = [null, 0, -1, 1e20, "", "x".repeat(5000), [], {}, true, [null], { a: 1 }];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ["post", "patch", "put"]) {
      const op = item[method];
      if (!op) continue;
      out.routes++;
      const collection = path.replace(/\/\{id\}.*$/, "");
      const concrete = path
        .replace(/^\/api\/v1/, "")
        .replace(/\{[^}]+\}/g, () => ids.get(collection) ?? "zz_missing");
      const platform = concrete.startsWith("/platform");
      const token = platform ? platformToken : tenant.adminToken;
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      const props = Object.keys(schema?.properties ?? {});
      const cases = [...bodies.map(([name, raw]) => [name, raw])];
      for (const p of props)
        for (const v of confused)
          cases.push([`${p}=${JSON.stringify(v)?.slice(0, 12)}`, JSON.stringify({ [p]: v })]);
      cases.push(["text/plain", "{}", "text/plain"]);
      for (const [name, raw, type] of cases) {
        const headers = { origin: BENCH_ORIGIN, ...(type ? { "content-type": type } : {}) };
        let res;
        try {
          res = await call(origin, method.toUpperCase(), concrete, { token, raw, headers });
        } catch (err) {
          out.serverErrors.push(`${method} ${concrete} ${name}: ${err.message}`);
          continue;
        }
        out.requests++;
        out.statuses[res.status] = (out.statuses[res.status] ?? 0) + 1;
        const label = `${method.toUpperCase()} ${concrete} [${name}] → ${res.status}`;
        if (res.status >= 500) out.serverErrors.push(label);
        else if (res.status < 300 && schema && method !== "patch" && !name.includes("="))
          out.accepted.push(label);
        else if (res.status >= 400 && !String(res.headers.get("content-type")).includes("problem+json"))
          out.notProblem.push(label);
      }
    }
  }
  return out;
}
