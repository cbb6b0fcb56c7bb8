// Chaos: live chats on one skill queue while the runtime is SIGKILLed at random points and
// restarted on the same persisted state, round after round. Clients reconnect with fresh tickets,
// resume from their last seq and resend what was never acknowledged. Asserts: no acknowledged
// message lost, no message stored twice, seqs gap-free, each sender's order kept, the waiting
// customers' queue order unchanged, and their reminder timers still firing after every restart.
// An agent of another queue who never reconnects after the kills is signed out when the sign-out
// grace runs out (shortened by `--grace-seconds` for this run), gets no new customer meanwhile,
// and their chat goes back to the front of the queue (`abandoned-agent.mjs`).
// Short (CI): `npm run test:chaos`; long: `npm run test:chaos:long`.
import { parseArgs } from "node:util";
import { Checks } from "../lib/checks.mjs";
import { sleep, waitUntil } from "../lib/open-loop.mjs";
import { LOAD_VARS, startServer } from "../lib/server.mjs";
import { setupTenant } from "../lib/setup.mjs";
import { pool } from "../lib/sockets.mjs";
import { connectCustomers, establishPairs, signInAgents } from "../scenarios/pairs.mjs";
import { checkAbandonedAgent, prepareAbandonedAgent } from "./abandoned-agent.mjs";

const { values: opt } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    pairs: { type: "string", default: "8" },
    waiting: { type: "string", default: "4" },
    "min-seconds": { type: "string", default: "1" },
    "max-seconds": { type: "string", default: "4" },
    seed: { type: "string", default: String(Date.now() % 100000) },
    // long enough for every reconnecting agent to be back first, short enough for CI
    "grace-seconds": { type: "string", default: "10" },
    log: { type: "boolean", default: false },
  },
});
const ROUNDS = Number(opt.rounds);
const PAIRS = Number(opt.pairs);
const WAITING = Number(opt.waiting);
const REMINDER_S = 2;
const MESSAGE_EVERY_MS = 150;
const GRACE_S = Number(opt["grace-seconds"]);
let seed = Number(opt.seed);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const checks = new Checks("chaos");
const server = await startServer({
  log: opt.log,
  vars: { ...LOAD_VARS, SIGN_OUT_GRACE_SECONDS: String(GRACE_S) },
});
const origin = server.origin;
const figures = { rounds: [], seed: Number(opt.seed) };
try {
  const agentsNeeded = Math.ceil(PAIRS / 2);
  const tenant = await setupTenant(origin, server.platformToken, {
    agents: agentsNeeded,
    maxConcurrentChats: 2,
    reminderSeconds: REMINDER_S,
    maxWaitingTime: 3600,
  });
  const abandoned = await prepareAbandonedAgent(origin, server.platformToken);
  const agents = await signInAgents(origin, tenant);
  for (const [i, a] of agents.entries()) a.token = tenant.agents[i].token;
  const { customers } = await establishPairs(origin, tenant, agents, agentsNeeded * 2);
  const waiting = await connectCustomers(origin, tenant, WAITING, undefined, 1);
  const reminders = new Map(waiting.map((c) => [c, []]));
  const positions = new Map();
  const watchWaiting = (c) => {
    c.onEvent = (e) => {
      if (e.type !== "queue.position") return;
      positions.set(c, e.position);
      if (e.reminder !== null) reminders.get(c).push(Date.now());
    };
  };
  waiting.forEach(watchWaiting);
  await waitUntil(() => waiting.every((c) => positions.has(c)), 10_000);
  const orderBefore = waiting.map((c) => positions.get(c));
  checks.check(
    "waiting customers hold positions 1…W in arrival order",
    orderBefore.every((p, i) => p === i + 1),
    orderBefore.join(","),
  );

  const pairs = customers.map((c) => ({
    customer: c,
    agent: agents.find((a) => a.assigned.includes(c.conversationId)),
    n: 0,
  }));
  const sent = [];
  let up = true;
  const traffic = setInterval(() => {
    if (!up) return;
    for (const p of pairs) {
      const fromAgent = p.n % 2 === 1;
      const id = `${p.customer.conversationId.slice(-6)}:${fromAgent ? "a" : "c"}:${p.n++}`;
      const client = fromAgent ? p.agent : p.customer;
      client.say(id, id, p.customer.conversationId);
      sent.push({
        id,
        client,
        conversationId: p.customer.conversationId,
        sender: fromAgent ? "agent" : "customer",
      });
    }
  }, MESSAGE_EVERY_MS);

  const everyone = () => [...agents, ...customers, ...waiting];
  for (let round = 1; round <= ROUNDS; round++) {
    const runFor =
      (Number(opt["min-seconds"]) + random() * (Number(opt["max-seconds"]) - Number(opt["min-seconds"]))) *
      1000;
    await sleep(runFor);
    const t0 = Date.now();
    await server.kill("SIGKILL");
    up = false;
    const killedAt = Date.now();
    await server.restart();
    const restartedMs = Date.now() - killedAt;
    // Reconnect: agents first (their sign-out grace keeps their chats), then customers.
    const failures = [];
    await pool(agents.length, 5, async (i) => {
      try {
        await agents[i].connect();
        agents[i].resume();
      } catch (err) {
        failures.push(`agent ${i}: ${err.message}`);
      }
    });
    await pool(customers.length + waiting.length, 5, async (i) => {
      const c = i < customers.length ? customers[i] : waiting[i - customers.length];
      try {
        await c.connect();
        c.resume();
      } catch (err) {
        failures.push(`customer ${i}: ${err.message}`);
      }
    });
    up = true;
    const resumedMs = Date.now() - killedAt;
    const remindersBefore = waiting.map((c) => reminders.get(c).length);
    const fired = await waitUntil(
      () => waiting.every((c, i) => reminders.get(c).length > remindersBefore[i]),
      REMINDER_S * 1000 + 15_000,
    );
    const orderAfter = waiting.map((c) => positions.get(c));
    figures.rounds.push({
      round,
      ranMs: Math.round(runFor),
      restartedMs,
      resumedMs,
      reconnectFailures: failures.length,
      killMs: killedAt - t0,
    });
    checks.check(
      `round ${round}: everyone reconnected and resumed`,
      failures.length === 0,
      failures.slice(0, 3).join(" | "),
    );
    checks.check(
      `round ${round}: queue order kept`,
      orderAfter.join() === orderBefore.join(),
      `${orderBefore.join(",")} → ${orderAfter.join(",")}`,
    );
    checks.check(
      `round ${round}: reminders fire after the restart`,
      fired,
      waiting.map((c, i) => reminders.get(c).length - remindersBefore[i]).join(","),
    );
  }
  clearInterval(traffic);
  figures.abandonedAgent = await checkAbandonedAgent(origin, abandoned, GRACE_S * 1000, checks);

  // Drain: every message acknowledged, then a final resume so every transcript is complete.
  const drained = await waitUntil(() => everyone().every((c) => c.outbox.size === 0), 30_000, 100);
  for (const c of everyone()) c.resume();
  await sleep(2000);
  const unacked = everyone().reduce((n, c) => n + c.outbox.size, 0);

  let lost = 0;
  let storedTwice = 0;
  let gaps = 0;
  let reordered = 0;
  const examples = [];
  for (const p of pairs) {
    const conv = p.customer.conversationId;
    for (const viewer of [p.customer, p.agent]) {
      const t = viewer.transcripts.get(conv) ?? new Map();
      const seqs = [...t.keys()].sort((x, y) => x - y);
      const max = seqs.at(-1) ?? 0;
      if (seqs.length !== max) {
        gaps++;
        examples.push(`${viewer.kind} of ${conv}: ${seqs.length} seqs up to ${max}`);
      }
      const byClientId = new Map();
      for (const m of t.values()) {
        if (!m.clientMsgId) continue;
        if (byClientId.has(m.clientMsgId)) storedTwice++;
        byClientId.set(m.clientMsgId, m.seq);
      }
      for (const s of sent.filter((x) => x.conversationId === conv)) {
        const ackedSeq = s.client.acks.get(s.id);
        if (ackedSeq !== undefined && byClientId.get(s.id) !== ackedSeq) {
          lost++;
          if (examples.length < 8)
            examples.push(`${s.id} acked as ${ackedSeq}, ${viewer.kind} has ${byClientId.get(s.id)}`);
        }
      }
      for (const sender of ["customer", "agent"]) {
        const order = [...t.values()]
          .filter((m) => m.sender === sender && m.clientMsgId)
          .sort((x, y) => x.seq - y.seq)
          .map((m) => Number(m.clientMsgId.split(":")[2]));
        if (order.some((v, i) => i > 0 && v < order[i - 1])) reordered++;
      }
    }
  }
  const acked = sent.filter((s) => s.client.acks.has(s.id)).length;
  Object.assign(figures, {
    sent: sent.length,
    acked,
    unacked,
    lost,
    storedTwice,
    gaps,
    reordered,
    seqRedeliveries: everyone().reduce((n, c) => n + c.duplicates, 0),
  });
  checks.figures = figures;
  checks.check(
    "every message acknowledged in the end",
    drained && unacked === 0,
    `${acked}/${sent.length} acked, ${unacked} unacked`,
  );
  checks.check(
    "zero acknowledged messages lost (both sides hold each at its acked seq)",
    lost === 0,
    examples.slice(0, 4).join(" | "),
  );
  checks.check("zero messages stored twice after resends", storedTwice === 0, `${storedTwice}`);
  checks.check(
    "seqs gap-free on every side",
    gaps === 0,
    examples
      .filter((e) => e.includes("seqs up to"))
      .slice(0, 4)
      .join(" | "),
  );
  checks.check("each sender's order kept", reordered === 0, `${reordered}`);
  for (const c of everyone()) c.close();
  const crashes = server.crashes().filter((l) => !/SIGKILL/.test(l));
  checks.check(
    "no unhandled rejection in the runtime output",
    crashes.length === 0,
    crashes.slice(0, 4).join(" | "),
  );
} catch (err) {
  checks.figures = figures;
  checks.check("chaos run completed", false, String(err.stack ?? err));
} finally {
  await server.stop();
}
process.exit(checks.finish());
