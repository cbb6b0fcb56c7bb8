// Slow readers against a live local session: `--readers` customers each build a ~260 KB transcript,
// stop reading their TCP socket (`ws.pause()`) and request history pages as fast as the frame-rate
// limit allows, while `--chats` normal conversations measure their message round trip. Pass: every
// slow reader is closed with 4008 (outbound budget) having been sent a bounded amount, the
// runtime's resident memory grows by at most `--max-rss-mb`, and the normal chats' p50 and p99
// during the attack stay within `--p50-ratio` and `--p99-ratio` of their own baseline, measured in
// the same run before the attack and again once every reader is closed. Short form (in `npm run test:reliability`):
// `npm run test:slow-readers`; long: `npm run test:slow-readers:long`.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ChatClient } from "../lib/chat-client.mjs";
import { Checks } from "../lib/checks.mjs";
import { latencyHistogram, recordMs, summarize } from "../lib/hdr.mjs";
import { performance, runOpenLoop, sleep, waitUntil } from "../lib/open-loop.mjs";
import { rssOf, workerdPids } from "../lib/rss.mjs";
import { LOAD_VARS, startServer } from "../lib/server.mjs";
import { setupTenant } from "../lib/setup.mjs";
import { pool } from "../lib/sockets.mjs";
import { establishPairs, signInAgents } from "../scenarios/pairs.mjs";

const { values: opt } = parseArgs({
  options: {
    readers: { type: "string", default: "8" },
    chats: { type: "string", default: "4" },
    "transcript-kb": { type: "string", default: "260" },
    "baseline-seconds": { type: "string", default: "6" },
    "hammer-seconds": { type: "string", default: "12" },
    /** history.fetch frames per second per reader: under the flood limit of 40 per 2 s. */
    rate: { type: "string", default: "18" },
    /** Round trips per second per normal chat (each side sends this many frames per second). */
    "chat-rate": { type: "string", default: "8" },
    "max-rss-mb": { type: "string", default: "96" },
    /**
     * Room for bursts of unrelated load on a shared machine, which hit the chats' tail whatever
     * the product does (seen up to ×6 with two cores at load average 12); without the budget the
     * ratio was ×74–×360.
     */
    "p99-ratio": { type: "string", default: "5" },
    "p50-ratio": { type: "string", default: "2" },
    /**
     * Report the chats' latency ratios instead of checking them (the short run inside `npm test`:
     * a test asserts behaviour, not speed on whatever else the machine is doing; `npm run
     * test:slow-readers:long` and the bench check them).
     */
    "latency-report-only": { type: "boolean", default: false },
    log: { type: "boolean", default: false },
  },
});
const READERS = Number(opt.readers);
const CHATS = Number(opt.chats);
const HAMMER_S = Number(opt["hammer-seconds"]);
const BASELINE_S = Number(opt["baseline-seconds"]);
const MAX_RSS = Number(opt["max-rss-mb"]) * 2 ** 20;
const P99_RATIO = Number(opt["p99-ratio"]);
const P50_RATIO = Number(opt["p50-ratio"]);
/** The protocol's close code for a socket over its outbound budget. */
const OUTBOUND_CLOSE = 4008;
/** 4,000 three-byte characters: 12 KB of UTF-8 per message, under the 16 KB frame limit. */
const BIG_TEXT = "字".repeat(4000);
/** Stop the attack early if the runtime grows this much (protects the shared machine). */
const SAFETY_RSS = 1.5 * 2 ** 30;
const MB = (b) => Math.round((b / 2 ** 20) * 10) / 10;
/** The protocol's pull budget and page limit (worker/realtime/protocol.ts). */
const PULL_BURST_BYTES = 512 * 1024;
const PULL_RATE_BYTES_PER_S = 256 * 1024;
const PAGE_MAX_BYTES = 256 * 1024;
/** The close must come from a request sent this early in the attack. */
const CLOSE_WITHIN_MS = 5000;
/**
 * What a reader may have been sent before its close: its burst, its refill until the close at the
 * latest, and the page that overdraws the bucket.
 */
const SENT_BOUND = PULL_BURST_BYTES + (PULL_RATE_BYTES_PER_S * CLOSE_WITHIN_MS) / 1000 + PAGE_MAX_BYTES;
/** The request that closed a reader: the one after every answered request (pages and refusals). */
const closingRequest = (s) => s.pages + s.limited + 1;

const checks = new Checks("slow-readers");
const t0 = performance.now();
/** Progress on stderr with the seconds since the start. */
const step = (what) => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${what}`);
const server = await startServer({ log: opt.log, logLevel: opt.log ? "log" : undefined, vars: LOAD_VARS });
// the session's runtime processes, looked up once: walking /proc on every sample would stall the
// event loop that also measures the chats' latency
const runtimePids = workerdPids(server.pid());
const rss = () => rssOf(runtimePids);
try {
  step("session up");
  const origin = await server.directOrigin();
  const tenant = await setupTenant(origin, server.platformToken, {
    agents: CHATS,
    maxConcurrentChats: 1,
    maxWaitingTime: 3600,
    reminderSeconds: 600,
  });
  const agents = await signInAgents(origin, tenant);
  const { customers } = await establishPairs(origin, tenant, agents, CHATS);
  // The slow readers queue behind the busy agents; a customer may page back their own transcript.
  const readers = await pool(READERS, 4, async () => {
    const c = new ChatClient({ origin, kind: "customer", channelId: tenant.channelId });
    await c.connect();
    return c;
  });
  step(`${CHATS} chats and ${READERS} readers connected`);
  const perReader = Math.ceil((Number(opt["transcript-kb"]) * 1024) / 12_000);
  await Promise.all(
    readers.map(async (r, i) => {
      for (let m = 0; m < perReader; m++) {
        r.say(BIG_TEXT, `big-${i}-${m}`);
        await sleep(70);
      }
    }),
  );
  const built = await waitUntil(() => readers.every((r) => r.acks.size === perReader), 30_000);
  checks.check(
    `each slow reader holds a transcript of ${perReader} × 12 KB`,
    built,
    `${readers.map((r) => r.acks.size).join(",")} acked`,
  );

  // ── normal chats: customer → agent → customer round trips, open loop ──
  const pairs = customers.map((c) => ({
    customer: c,
    agent: agents.find((a) => a.assigned.includes(c.conversationId)),
  }));
  // the baseline is measured on both sides of the attack (before it, and once every reader is
  // closed), so a burst of unrelated load on a shared machine is as likely to land in it
  let phase = "before";
  const baselineHistogram = latencyHistogram();
  const histograms = {
    before: baselineHistogram,
    attack: latencyHistogram(),
    drain: latencyHistogram(),
    after: baselineHistogram,
  };
  const due = new Map();
  for (const p of pairs) {
    p.agent.onEvent = (e) => {
      if (e.type === "message" && e.message.sender === "customer" && e.message.text.startsWith("rt:"))
        p.agent.say(
          `re:${e.message.text.slice(3)}`,
          `re:${e.message.text.slice(3)}`,
          p.customer.conversationId,
        );
    };
    p.customer.onEvent = (e) => {
      if (e.type !== "message" || e.message.sender !== "agent" || !e.message.text.startsWith("re:")) return;
      const sent = due.get(e.message.text.slice(3));
      if (!sent) return;
      due.delete(e.message.text.slice(3));
      recordMs(histograms[sent.phase], performance.now() - sent.at);
    };
  }
  let chatIndex = 0;
  let chatting = true;
  const chat = (async () => {
    while (chatting) {
      await runOpenLoop({
        rate: Number(opt["chat-rate"]) * pairs.length,
        count: pairs.length * 4,
        send: (_i, at) => {
          const id = String(chatIndex++);
          due.set(id, { at, phase });
          pairs[Number(id) % pairs.length].customer.say(`rt:${id}`, `rt:${id}`);
        },
      });
    }
  })();

  step("transcripts built; baseline");
  const samples = [];
  const sampler = setInterval(() => samples.push({ t: performance.now(), phase, rss: rss() }), 200);
  await sleep(BASELINE_S * 1000);
  const rssBefore = rss();

  // ── the attack: stop reading, then request the latest page over and over ──
  step("attack");
  phase = "attack";
  const attackStart = performance.now();
  const state = readers.map((r) => ({
    client: r,
    /** When each request was sent, ms into the attack. */
    sentAt: [],
    bytes: 0,
    pages: 0,
    limited: 0,
    close: null,
  }));
  for (const s of state) {
    s.client.ws.pause();
    s.client.ws.on("message", (data) => {
      s.bytes += data.length;
      const text = data.toString();
      if (text.startsWith('{"type":"history.page"')) s.pages++;
      else if (text.includes('"code":"rate_limited"')) s.limited++;
    });
    s.client.ws.on("close", (code) => {
      s.close = { code, afterMs: Math.round(performance.now() - attackStart) };
    });
  }
  const beforeSeq = (r) => (r.lastSeq.get(r.conversationId) ?? 0) + 1;
  await runOpenLoop({
    rate: Number(opt.rate) * READERS,
    count: Math.round(Number(opt.rate) * READERS * HAMMER_S),
    deadlineMs: HAMMER_S * 1000 + 5000,
    send: (i) => {
      const s = state[i % READERS];
      s.sentAt.push(performance.now() - attackStart);
      s.client.send({
        type: "history.fetch",
        conversationId: s.client.conversationId,
        beforeSeq: beforeSeq(s.client),
      });
      if ((samples.at(-1)?.rss ?? 0) - rssBefore > SAFETY_RSS)
        throw new Error("runtime memory beyond the safety stop");
    },
  });
  phase = "drain";
  const rssAttackEnd = rss();

  // ── read again: what the server queued for each reader arrives, then (expected) its close ──
  step("readers read again");
  const resumeAt = performance.now();
  for (const s of state) s.client.ws.resume();
  await waitUntil(() => state.every((s) => s.close), 60_000, 50);
  const drainSeconds = Math.round((performance.now() - resumeAt) / 100) / 10;
  step("baseline again");
  phase = "after";
  await sleep(BASELINE_S * 1000);
  chatting = false;
  await chat;
  await waitUntil(() => due.size === 0, 10_000);
  clearInterval(sampler);
  const peak = Math.max(rssAttackEnd, ...samples.filter((x) => x.phase !== "before").map((x) => x.rss));

  const base = summarize(baselineHistogram);
  const attack = summarize(histograms.attack);
  Object.assign(checks.figures, {
    readers: READERS,
    transcriptBytes: perReader * 12_000,
    hammerSeconds: HAMMER_S,
    requestsPerReader: state.map((s) => s.sentAt.length),
    historyPagesDelivered: state.map((s) => s.pages),
    rateLimitedErrors: state.map((s) => s.limited),
    bytesDeliveredMB: state.map((s) => MB(s.bytes)),
    closes: state.map((s) => s.close?.code ?? null),
    closedAtRequest: state.map(closingRequest),
    closedWithinMs: state.map((s) => Math.round(s.sentAt[closingRequest(s) - 1] ?? -1)),
    drainSeconds,
    rssBaselineMB: MB(rssBefore),
    rssPeakMB: MB(peak),
    rssGrowthMB: MB(peak - rssBefore),
    rssAttackEndMB: MB(rssAttackEnd),
    rssAfterMB: MB(rss()),
    chatBaselineMs: base,
    chatAttackMs: attack,
    chatDrainMs: summarize(histograms.drain),
    p99Ratio: Math.round((attack.p99 / Math.max(base.p99, 0.001)) * 100) / 100,
    chatCloses: [...agents, ...customers].flatMap((c) => c.closes.map((x) => x.code)),
    loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
  });
  console.log(JSON.stringify(checks.figures, null, 2));
  checks.check(
    `every slow reader is closed with ${OUTBOUND_CLOSE}`,
    state.every((s) => s.close?.code === OUTBOUND_CLOSE),
    state.map((s) => s.close?.code ?? "open").join(","),
  );
  const closedBy = Math.max(...state.map((s) => s.sentAt[closingRequest(s) - 1] ?? Number.POSITIVE_INFINITY));
  checks.check(
    `each slow reader is closed by a request sent within ${CLOSE_WITHIN_MS / 1000} s of the attack's start`,
    closedBy <= CLOSE_WITHIN_MS,
    `last at ${Math.round(closedBy)} ms`,
  );
  const mostSent = Math.max(...state.map((s) => s.bytes));
  checks.check(
    `no slow reader is sent more than ${MB(SENT_BOUND)} MB (its pull budget until the close)`,
    mostSent <= SENT_BOUND,
    `at most ${MB(mostSent)} MB`,
  );
  checks.check(
    `runtime memory grows by at most ${MB(MAX_RSS)} MB`,
    peak - rssBefore <= MAX_RSS,
    `${MB(rssBefore)} → peak ${MB(peak)} MB`,
  );
  const latency = [
    [
      `normal chats' p99 during the attack ≤ ${P99_RATIO} × their baseline p99`,
      attack.count > 0 && base.count > 0 && attack.p99 <= P99_RATIO * base.p99,
      `baseline p99 ${base.p99} ms (${base.count}), attack p99 ${attack.p99} ms (${attack.count})`,
    ],
    [
      `normal chats' p50 during the attack ≤ ${P50_RATIO} × their baseline p50`,
      attack.count > 0 && base.count > 0 && attack.p50 <= P50_RATIO * base.p50,
      `baseline p50 ${base.p50} ms, attack p50 ${attack.p50} ms`,
    ],
  ];
  for (const [name, pass, detail] of latency) {
    if (!opt["latency-report-only"]) checks.check(name, pass, detail);
    else console.log(`INFO  ${name} (reported, not checked): ${pass ? "within" : "over"} — ${detail}`);
  }
  checks.check(
    "normal chats stay open and lose no round trip",
    pairs.every((p) => p.customer.open && p.agent.open) && due.size === 0,
    `${due.size} unanswered`,
  );
  for (const c of [...agents, ...customers]) c.close();
  checks.noCrash(server);
} catch (err) {
  checks.check("slow-readers run completed", false, String(err.stack ?? err));
} finally {
  await server.stop();
  step("done");
}
process.exit(checks.finish());
