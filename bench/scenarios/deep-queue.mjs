// Scenario 4, deep queue: D customers waiting on one queue (one agent signed in and resting, so
// they queue). Checks positions are exactly 1…D in arrival order, then times one queue-reminder
// round: every waiting customer gets one reminder with its exact position.
//
// The runtime holds two file descriptors per socket, so on a box with a 20,000-descriptor limit
// one process cannot hold 10,000 customers' sockets. Beyond `maxOpen`, the first D − maxOpen
// customers therefore leave their socket once they are queued (their conversations keep their
// places, as when a visitor's tab drops) and the last `maxOpen` are watched: they must be exactly
// at positions D − maxOpen + 1 … D, in arrival order, and each gets one reminder with its position
// from the round that walks all D.
//
// Arrivals come `concurrency` at a time (each one a ticket, an upgrade and its welcome). Baseline
// for the arrival rate: `baselineCount` bare upgrades to the echo object at the same concurrency,
// in the same run.
import { latencyHistogram, recordMs, summarize } from "../lib/hdr.mjs";
import { performance, waitUntil } from "../lib/open-loop.mjs";
import { bareRound } from "./connect.mjs";
import { connectCustomers, signInAgents } from "./pairs.mjs";

export async function deepQueue({
  origin,
  tenant,
  customers: d,
  reminderSeconds,
  timeoutMs = 30_000,
  // a bound, not a target: every waiting customer's reminders add to the object's work as it fills
  enqueueDeadlineMs = Math.max(60_000, d * 25),
  maxOpen = 4000,
  baselineCount = 1000,
  concurrency = 50,
}) {
  // the baseline first, on a runtime that is not busy with this queue's sockets
  const bare = await bareRound(origin, Math.min(d, baselineCount), concurrency);
  const [agent] = await signInAgents(origin, { ...tenant, agents: tenant.agents.slice(0, 1) });
  agent.send({ type: "status.set", status: "rest" });
  await new Promise((r) => setTimeout(r, 300));
  const state = new Map();
  const onEvent = (e, client) => {
    if (e.type !== "queue.position") return;
    const s = state.get(client) ?? { reminders: [] };
    s.position = e.position;
    if (e.reminder !== null)
      s.reminders.push({ at: performance.now(), position: e.position, text: e.reminder });
    state.set(client, s);
  };
  const started = performance.now();
  const left = () => Math.max(1, enqueueDeadlineMs - (performance.now() - started));
  const queued = (group) =>
    waitUntil(() => group.every((c) => state.get(c)?.position !== undefined), 30_000, 50);
  const ahead = Math.max(0, d - maxOpen);
  for (let done = 0; done < ahead; ) {
    const group = await connectCustomers(
      origin,
      tenant,
      Math.min(maxOpen, ahead - done),
      onEvent,
      concurrency,
      left(),
    );
    await queued(group);
    for (const c of group) c.close();
    done += group.length;
  }
  const customers = await connectCustomers(origin, tenant, d - ahead, onEvent, concurrency, left());
  const enqueueS = (performance.now() - started) / 1000;
  await queued(customers);
  const inRange = (p) => p > ahead && p <= d;
  const positions = customers.map((c) => state.get(c)?.position ?? 0);
  const exact = new Set(positions).size === customers.length && positions.every(inRange);
  const orderKept = exact && arrivalOrderKept(customers, (c) => state.get(c).position);

  // One reminder round: every customer's next reminder after now.
  const roundStart = performance.now();
  const mark = new Map(customers.map((c) => [c, state.get(c)?.reminders.length ?? 0]));
  const gotOne = () => customers.every((c) => (state.get(c)?.reminders.length ?? 0) > mark.get(c));
  const complete = await waitUntil(gotOne, reminderSeconds * 1000 + timeoutMs, 50);
  const firsts = customers
    .map((c) => state.get(c)?.reminders[mark.get(c)])
    .filter(Boolean)
    .sort((a, b) => a.at - b.at);
  const remindedPositions = firsts.map((r) => r.position);
  const reminderExact =
    complete && new Set(remindedPositions).size === customers.length && remindedPositions.every(inRange);
  const tickMs = firsts.length ? firsts[firsts.length - 1].at - firsts[0].at : null;
  const lateness = latencyHistogram();
  for (const c of customers) {
    const r = state.get(c)?.reminders[0];
    if (r) recordMs(lateness, Math.max(0, r.at - (c.welcomeAt + reminderSeconds * 1000)));
  }
  for (const c of [...customers, agent]) c.close();
  const enqueuesPerSecond = Math.round(d / enqueueS);
  return {
    baseline: { bare },
    figures: {
      waiting: d,
      watched: customers.length,
      enqueueSeconds: Math.round(enqueueS * 10) / 10,
      enqueuesPerSecond,
      bareUpgradesPerSecond: bare.perSecond,
      enqueueRatio: Math.round((enqueuesPerSecond / bare.perSecond) * 1000) / 1000,
      positionsExact: exact,
      arrivalOrderKept: orderKept,
      reminderSeconds,
      reminded: firsts.length,
      reminderPositionsExact: reminderExact,
      reminderTickSpreadMs: tickMs === null ? null : Math.round(tickMs),
      /** How late each customer's first reminder arrived after its interval (a tick's delay). */
      latencyMs: summarize(lateness),
      reminderRoundWaitMs: Math.round(performance.now() - roundStart),
    },
  };
}

/**
 * Whoever was welcomed before another customer even asked for a ticket must be ahead of them.
 * Walks positions from the back keeping the earliest welcome seen behind.
 */
function arrivalOrderKept(customers, positionOf) {
  const byPosition = [...customers].sort((a, b) => positionOf(a) - positionOf(b));
  let earliestBehind = Number.POSITIVE_INFINITY;
  for (let k = byPosition.length - 1; k >= 0; k--) {
    const c = byPosition[k];
    if (earliestBehind < c.connectStartAt) return false;
    earliestBehind = Math.min(earliestBehind, c.welcomeAt);
  }
  return true;
}
