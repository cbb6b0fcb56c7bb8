// Scenario "connect": how fast customers get in. Each connection is the whole customer path: a
// ticket over REST (`POST /api/v1/chat/tickets`), the upgrade, and `session.welcome` from the
// queue object. Measured to one queue and spread over many queues (one tenant each), next to bare
// upgrades to the echo object in the same run (same count and concurrency), as a ratio. Customers
// stay with the chatbot, so nobody queues and no conversation ends (ending one archives it).
import { performance } from "../lib/open-loop.mjs";
import { closeAll, openSocket, pool } from "../lib/sockets.mjs";
import { connectCustomers } from "./pairs.mjs";

/** Connects `count` customers round-robin over `tenants`; connections per second and latency. */
async function connectRound(origin, tenants, count, concurrency) {
  const per = tenants.map(
    (_, i) => Math.floor(count / tenants.length) + (i < count % tenants.length ? 1 : 0),
  );
  const started = performance.now();
  const groups = await Promise.all(
    tenants.map((t, i) =>
      connectCustomers(origin, t, per[i], undefined, Math.max(1, Math.round(concurrency / tenants.length))),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const clients = groups.flat();
  for (const c of clients) c.close();
  return {
    connections: clients.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(clients.length / seconds),
  };
}

/** `count` bare upgrades to one echo object at `concurrency`; upgrades per second. */
export async function bareRound(origin, count, concurrency) {
  const url = `${origin.replace(/^http/, "ws")}/bench/echo/bare?room=connect-${Date.now()}`;
  const started = performance.now();
  const sockets = await pool(count, concurrency, () => openSocket(url));
  const seconds = (performance.now() - started) / 1000;
  await closeAll(sockets);
  return {
    connections: sockets.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(count / seconds),
  };
}

/**
 * `rounds` rounds of: `count` customers to `oneQueue`, `count` spread over `manyQueues`, `count`
 * bare echo upgrades; figures are the rounds' medians, ratios against the bare upgrades.
 */
export async function connect({ origin, oneQueue, manyQueues, count, concurrency, rounds }) {
  const runs = { one: [], many: [], bare: [] };
  for (let r = 0; r < rounds; r++) {
    runs.bare.push(await bareRound(origin, count, concurrency));
    runs.one.push(await connectRound(origin, [oneQueue], count, concurrency));
    runs.many.push(await connectRound(origin, manyQueues, count, concurrency));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (k) => median(runs[k].map((x) => x.perSecond));
  const ratio = (k) => Math.round((rate(k) / rate("bare")) * 100) / 100;
  return {
    figures: {
      oneQueuePerSecond: rate("one"),
      manyQueuesPerSecond: rate("many"),
      queues: manyQueues.length,
      oneQueueRatio: ratio("one"),
      manyQueuesRatio: ratio("many"),
      runs,
    },
    baseline: { bare: { perSecond: rate("bare") } },
  };
}
