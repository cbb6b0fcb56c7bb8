// `npm run bench`: starts the product and the echo baseline in one local wrangler session, runs the
// scenarios (relay, throughput, assignment, scale, deep queue, connect), writes bench/results/latest.json
// and prints a table. Loopback only; every phase is bounded in count and time. `--help` for options.
import { parseArgs } from "node:util";
import { heapUsage, inspectorOrigin } from "./lib/heap.mjs";
import { figure, printTable, ratio, ratios, writeResults } from "./lib/report.mjs";
import { workerdRss } from "./lib/rss.mjs";
import { LOAD_VARS, startServer } from "./lib/server.mjs";
import { setupTenant } from "./lib/setup.mjs";
import { pool } from "./lib/sockets.mjs";
import { assignment } from "./scenarios/assignment.mjs";
import { measureEcho } from "./scenarios/baseline.mjs";
import { connect } from "./scenarios/connect.mjs";
import { deepQueue } from "./scenarios/deep-queue.mjs";
import { establishPairs, signInAgents } from "./scenarios/pairs.mjs";
import { relayPhase } from "./scenarios/relay.mjs";
import { scale } from "./scenarios/scale.mjs";

const OPTIONS = {
  scenarios: {
    type: "string",
    default: "relay,throughput,assignment,scale,deep,connect",
    help: "comma-separated subset",
  },
  pairs: { type: "string", default: "500", help: "relay: customer/agent conversations" },
  "chats-per-agent": {
    type: "string",
    default: "10",
    help: "relay: conversations per agent socket (1 = one agent socket per customer)",
  },
  rate: { type: "string", default: "1000", help: "relay: total messages per second" },
  duration: { type: "string", default: "8", help: "relay: measured seconds" },
  warmup: { type: "string", default: "2", help: "relay: warm-up seconds (same load, discarded)" },
  "tput-rate": {
    type: "string",
    default: "5000",
    help: "throughput: offered messages per second, to the queue object and to the insert echo alike (more than either takes, so each figure is a saturation rate)",
  },
  "tput-duration": { type: "string", default: "3", help: "throughput: seconds of offering" },
  "assign-customers": { type: "string", default: "300", help: "assignment: customers enqueuing" },
  "assign-agents": { type: "string", default: "30", help: "assignment: agents signing in" },
  "assign-capacity": { type: "string", default: "10", help: "assignment: max concurrent chats per agent" },
  sockets: { type: "string", default: "5000", help: "scale: sockets held on one queue DO (target 5000)" },
  hold: { type: "string", default: "5", help: "scale: seconds the sockets are held" },
  heartbeat: { type: "string", default: "5", help: "scale: seconds between one socket's heartbeats" },
  deep: { type: "string", default: "10000", help: "deep queue: waiting customers (target 10000)" },
  "deep-concurrency": { type: "string", default: "50", help: "deep queue: arrivals in flight" },
  "reminder-seconds": { type: "string", default: "10", help: "deep queue: reminder interval" },
  "connect-count": {
    type: "string",
    default: "300",
    help: "connect: customers per round (ticket + upgrade + welcome)",
  },
  "connect-queues": {
    type: "string",
    default: "10",
    help: "connect: queues (one tenant each) of the many-queues round",
  },
  "connect-concurrency": { type: "string", default: "20", help: "connect: connections in flight" },
  "connect-rounds": { type: "string", default: "1", help: "connect: rounds (figures are medians)" },
  port: { type: "string", default: "", help: "session port (a free one when empty)" },
  "inspector-port": { type: "string", default: "", help: "runtime inspector port (a free one when empty)" },
  log: { type: "boolean", default: false, help: "print wrangler's output" },
  help: { type: "boolean", default: false },
};

const { values: opt } = parseArgs({
  options: Object.fromEntries(
    Object.entries(OPTIONS).map(([k, v]) => [k, { type: v.type, default: v.default }]),
  ),
});
if (opt.help) {
  console.log("npm run bench -- [options]\n");
  for (const [k, v] of Object.entries(OPTIONS))
    console.log(`  --${k.padEnd(18)} ${v.help ?? ""} [${v.default}]`);
  process.exit(0);
}
const n = (k) => {
  const x = Number(opt[k]);
  if (!Number.isFinite(x) || x <= 0) throw new Error(`--${k} must be a positive number`);
  return x;
};
const wanted = new Set(opt.scenarios.split(",").map((s) => s.trim()));
const HARD_LIMIT_MS = 20 * 60_000;
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${HARD_LIMIT_MS / 60000} min; stopping`);
  process.exit(2);
}, HARD_LIMIT_MS);
watchdog.unref();

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const started = Date.now();
const server = await startServer({
  log: opt.log,
  vars: LOAD_VARS,
  port: opt.port ? n("port") : undefined,
  inspectorPort: opt["inspector-port"] ? n("inspector-port") : undefined,
});
const origin = await server.directOrigin();
log(
  `session up at ${origin} (behind the dev proxy at ${server.origin}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
const run = {
  startedAt: new Date(started).toISOString(),
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
  origin,
  scenarios: [],
};

const secondsSince = (t0) => Math.round((Date.now() - t0) / 100) / 10;

/** Seconds of each phase of the running scenario (`phase`), reported beside its `seconds`. */
let phases = {};

/** Runs one phase of a scenario (setup, measurement, baseline) and records its seconds. */
async function phase(name, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    phases[name] = Math.round(((phases[name] ?? 0) + secondsSince(t0)) * 10) / 10;
  }
}

async function scenario(name, fn) {
  if (!wanted.has(name)) return;
  const t0 = Date.now();
  phases = {};
  log(`${name}…`);
  try {
    const result = await fn();
    run.scenarios.push({ scenario: name, ...result, seconds: secondsSince(t0), phases });
    log(`${name} done in ${secondsSince(t0)} s`, JSON.stringify(phases));
  } catch (err) {
    log(`${name} failed: ${err.stack ?? err}`);
    run.scenarios.push({
      scenario: name,
      error: String(err.message ?? err),
      seconds: secondsSince(t0),
      phases,
    });
  }
}

const target = (name, pass, actual) => ({ name, pass: Boolean(pass), actual });

try {
  let relayCtx = null;
  const relayContext = async () => {
    if (relayCtx) return relayCtx;
    const pairs = n("pairs");
    const perAgent = n("chats-per-agent");
    const tenant = await phase("setup", () =>
      setupTenant(origin, server.platformToken, {
        agents: Math.ceil(pairs / perAgent),
        maxConcurrentChats: perAgent,
      }),
    );
    const agents = await phase("sign-in", () => signInAgents(origin, tenant));
    const { customers, agentOf, setupMs } = await phase("pairs", () =>
      establishPairs(origin, tenant, agents, pairs),
    );
    const list = customers.map((c) => ({
      customer: c,
      agent: agentOf.get(c.conversationId),
      conversationId: c.conversationId,
    }));
    relayCtx = { tenant, agents, customers, pairs: list, setupMs, sockets: customers.length + agents.length };
    log(
      `relay: ${pairs} conversations, ${agents.length} agents, ${relayCtx.sockets} sockets up in ${setupMs} ms`,
    );
    return relayCtx;
  };

  await scenario("relay", async () => {
    const ctx = await relayContext();
    const rate = n("rate");
    const durationS = n("duration");
    const warmupS = n("warmup");
    const perAgent = ((rate / 2) * (ctx.pairs.length / ctx.agents.length)) / ctx.pairs.length;
    if (perAgent > 18)
      throw new Error(
        `--rate ${rate} makes each agent socket send ${perAgent}/s, over the 20 frames/s flood limit; lower --chats-per-agent or raise --pairs`,
      );
    const figures = await phase("measure", async () => {
      await relayPhase({ pairs: ctx.pairs, rate, count: Math.round(rate * warmupS), tag: "w" });
      return relayPhase({ pairs: ctx.pairs, rate, count: Math.round(rate * durationS), tag: "r" });
    });
    const common = { origin, sockets: ctx.sockets, rate, durationS, warmupS };
    const baseline = {
      bare: await phase("bare echo", () => measureEcho({ ...common, kind: "bare" })),
      insert: await phase("insert echo", () => measureEcho({ ...common, kind: "insert" })),
    };
    const r = ratios(figures.latencyMs, baseline);
    return {
      params: {
        pairs: ctx.pairs.length,
        agents: ctx.agents.length,
        sockets: ctx.sockets,
        rate,
        durationS,
        warmupS,
        frameBytes: 64,
      },
      figures,
      baseline,
      ...r,
      headline: [
        figure("p50", figures.latencyMs.p50, "ms", "insert echo", baseline.insert.latencyMs.p50, "≤ 2×"),
        figure("p99", figures.latencyMs.p99, "ms", "insert echo", baseline.insert.latencyMs.p99, "≤ 3×"),
        figure("p99 (reference)", figures.latencyMs.p99, "ms", "bare echo", baseline.bare.latencyMs.p99),
      ],
      targets: [
        target("p99 ≤ 3 × insert echo p99", r.p99Ratio !== null && r.p99Ratio <= 3, `${r.p99Ratio}×`),
        target("p50 ≤ 2 × insert echo p50", r.p50Ratio !== null && r.p50Ratio <= 2, `${r.p50Ratio}×`),
        target(
          "no message lost or duplicated",
          figures.lost === 0 && figures.duplicates === 0 && figures.unacked === 0,
          `lost ${figures.lost}, dup ${figures.duplicates}, unacked ${figures.unacked}`,
        ),
      ],
    };
  });

  await scenario("throughput", async () => {
    const ctx = await relayContext();
    const rate = n("tput-rate");
    const durationS = n("tput-duration");
    const perSocket = rate / ctx.pairs.length;
    if (perSocket > 18)
      throw new Error(
        `--tput-rate ${rate} over ${ctx.pairs.length} customers is ${perSocket}/s per socket, over the 20 frames/s flood limit`,
      );
    const figures = await phase("measure", () =>
      relayPhase({ pairs: ctx.pairs, rate, count: Math.round(rate * durationS), oneWay: true, tag: "t" }),
    );
    // the same offer to the insert echo: as many sockets as customers, no warm-up backlog
    const insert = await phase("insert echo", () =>
      measureEcho({
        origin,
        kind: "insert",
        sockets: ctx.pairs.length,
        rate,
        durationS,
        warmupS: 0.2,
        drainTimeoutMs: 60_000, // as long as the queue object's drain may take
      }),
    );
    const throughputRatio = ratio(figures.ackedPerSecond, insert.achievedRate);
    return {
      params: { customers: ctx.pairs.length, rate, durationS },
      figures: { ...figures, insertEchoPerSecond: insert.achievedRate, throughputRatio },
      baseline: { insert },
      throughputRatio,
      headline: [
        figure(
          "acknowledged msg/s (saturated)",
          figures.ackedPerSecond,
          "/s",
          "insert echo",
          insert.achievedRate,
          "≥ 0.75×",
        ),
      ],
      targets: [
        target(
          "throughputRatio ≥ 0.75 (acked msg/s ÷ insert echo's, both offered more than they take)",
          throughputRatio !== null && throughputRatio >= 0.75 && insert.lost === 0,
          `${figures.ackedPerSecond}/s ÷ ${insert.achievedRate}/s = ${throughputRatio}×${insert.lost ? `, the echo did not drain (${insert.lost} unanswered)` : ""}`,
        ),
        target("every message acknowledged", figures.unacked === 0, `unacked ${figures.unacked}`),
      ],
    };
  });
  if (relayCtx) for (const c of [...relayCtx.customers, ...relayCtx.agents]) c.close();

  await scenario("assignment", async () => {
    const m = n("assign-customers");
    const k = n("assign-agents");
    const capacity = n("assign-capacity");
    if (k * capacity < m) throw new Error("assign-agents × assign-capacity must cover assign-customers");
    const tenant = await phase("setup", () =>
      setupTenant(origin, server.platformToken, { agents: k + 1, maxConcurrentChats: capacity }),
    );
    const result = await phase("measure", () => assignment({ origin, tenant, customers: m, capacity }));
    const f = result.figures;
    return {
      params: { customers: m, agents: k, capacity },
      ...result,
      headline: [
        figure(
          "assignments/s after the surge",
          f.assignmentsPerSecond,
          "/s",
          "insert echo, same sockets × capacity in flight",
          result.baseline.insert.perSecond,
        ),
      ],
      targets: [
        target("every customer assigned", f.unassigned === 0 && f.assigned === m, `${f.assigned}/${m}`),
        target(
          "zero double assignments, none over capacity",
          f.doubleAssignments === 0 && f.overCapacity === 0,
          `double ${f.doubleAssignments}, over ${f.overCapacity}`,
        ),
      ],
    };
  });

  await scenario("scale", async () => {
    const s = n("sockets");
    const tenant = await phase("setup", () =>
      setupTenant(origin, server.platformToken, { agents: 0, chatbot: true }),
    );
    const inspector = await inspectorOrigin(server.pid());
    const result = await phase("measure", () =>
      scale({
        origin,
        tenant,
        sockets: s,
        holdS: n("hold"),
        heartbeatSeconds: n("heartbeat"),
        rss: async () => workerdRss(server.pid()),
        heap: async (name) => {
          if (!inspector) return null;
          const path = name === "edge-cs" ? "/api/v1/openapi.json" : "/bench/echo/bare";
          return heapUsage(inspector, name, {
            poke: () => fetch(`${origin}${path}`).then((r) => r.body?.cancel()),
          }).catch((err) => {
            log(`scale: no heap figure for ${name}: ${err.message}`);
            return null;
          });
        },
      }),
    );
    const f = result.figures;
    const bare = result.baseline.bare;
    return {
      params: { sockets: s, holdS: n("hold"), heartbeatSeconds: n("heartbeat") },
      ...result,
      ...ratios(f.latencyMs, { bare, insert: bare }),
      headline: [
        figure("RSS per socket", f.rssPerSocketKiB, "KiB", "bare echo", bare.rssPerSocketKiB),
        figure("JS heap per socket", f.jsHeapPerSocketKiB, "KiB", "bare echo", bare.jsHeapPerSocketKiB),
        figure(
          "runtime objects in the heap per socket",
          f.embedderHeapPerSocketKiB,
          "KiB",
          "bare echo",
          bare.embedderHeapPerSocketKiB,
        ),
        figure("heartbeat p99", f.latencyMs.p99, "ms", "bare echo", bare.latencyMs.p99),
        figure("connects/s", f.connectsPerSecond, "/s"),
      ],
      targets: [
        target(
          "5,000 sockets on one queue DO",
          f.connected >= 5000 && f.dropped === 0,
          `${f.connected} held, ${f.dropped} dropped`,
        ),
        target(
          "zero drops, every heartbeat answered",
          f.dropped === 0 && f.lost === 0,
          `dropped ${f.dropped}, lost ${f.lost}`,
        ),
      ],
    };
  });

  await scenario("deep", async () => {
    const d = n("deep");
    const reminderSeconds = n("reminder-seconds");
    const tenant = await phase("setup", () =>
      setupTenant(origin, server.platformToken, { agents: 1, reminderSeconds, maxCallsInQueue: 10000 }),
    );
    const result = await phase("measure", () =>
      deepQueue({ origin, tenant, customers: d, reminderSeconds, concurrency: n("deep-concurrency") }),
    );
    const f = result.figures;
    return {
      params: { waiting: d, reminderSeconds, concurrency: n("deep-concurrency") },
      ...result,
      headline: [
        figure(
          "arrivals/s into the deep queue",
          f.enqueuesPerSecond,
          "/s",
          "bare echo upgrades",
          f.bareUpgradesPerSecond,
        ),
        figure("reminder lateness p99", f.latencyMs.p99, "ms"),
      ],
      targets: [
        target("10,000 waiting customers", d >= 10000 && f.positionsExact, `${d} waiting`),
        target(
          "positions exact and in arrival order",
          f.positionsExact && f.arrivalOrderKept,
          `exact ${f.positionsExact}, order ${f.arrivalOrderKept}`,
        ),
        target(
          "one reminder each with the exact position",
          f.reminderPositionsExact,
          `${f.reminded}/${f.watched} watched`,
        ),
      ],
    };
  });

  await scenario("connect", async () => {
    const queues = n("connect-queues");
    // the tenants are made before anything is measured, a few at a time (each is a chain of
    // REST round trips that leaves the runtime idle in between)
    const tenants = await phase("setup", () =>
      pool(queues + 1, 4, () => setupTenant(origin, server.platformToken, { agents: 0, chatbot: true })),
    );
    const [oneQueue, ...manyQueues] = tenants;
    const result = await phase("measure", () =>
      connect({
        origin,
        oneQueue,
        manyQueues,
        count: n("connect-count"),
        concurrency: n("connect-concurrency"),
        rounds: n("connect-rounds"),
      }),
    );
    return {
      params: {
        count: n("connect-count"),
        queues,
        concurrency: n("connect-concurrency"),
        rounds: n("connect-rounds"),
      },
      ...result,
      figures: { ...result.figures, bareUpgradesPerSecond: result.baseline.bare.perSecond },
      headline: [
        figure(
          "customers/s to one queue",
          result.figures.oneQueuePerSecond,
          "/s",
          "bare echo upgrades",
          result.baseline.bare.perSecond,
        ),
        figure(
          `customers/s to ${queues} queues`,
          result.figures.manyQueuesPerSecond,
          "/s",
          "bare echo upgrades",
          result.baseline.bare.perSecond,
        ),
      ],
      targets: [],
    };
  });
} finally {
  run.totalSeconds = Math.round((Date.now() - started) / 100) / 10;
  run.targets = { totalSeconds: "≤ 240 s for the default run on 2 cores" };
  const file = writeResults(run);
  printTable(run);
  console.log(`\nresults: ${file} (${run.totalSeconds} s)`);
  await server.stop();
}
process.exit(run.scenarios.some((s) => s.error) ? 1 : 0);
