// Scenario 3, scale: S customer sockets held on one queue DO (customers stay with the chatbot, so
// nobody queues) with open-loop heartbeats; memory per socket of the runtime and drops, next to
// the same number of sockets on the bare echo DO.
import { latencyHistogram, recordMs, summarize } from "../lib/hdr.mjs";
import { performance, runOpenLoop, sleep, waitUntil } from "../lib/open-loop.mjs";
import { closeAll, openSocket, pool } from "../lib/sockets.mjs";
import { connectCustomers } from "./pairs.mjs";

/** Heartbeats at `rate` per second over `sockets` for `holdS` seconds; pong latency and drops. */
async function heartbeats(sockets, rate, holdS) {
  const histogram = latencyHistogram();
  const due = sockets.map(() => []);
  let pongs = 0;
  let closed = 0;
  sockets.forEach((ws, k) => {
    ws.on("message", (data) => {
      if (data.toString() !== "pong") return;
      const t = due[k].shift();
      if (t !== undefined) {
        pongs++;
        recordMs(histogram, performance.now() - t);
      }
    });
    ws.once("close", () => closed++);
  });
  const count = Math.round(rate * holdS);
  const loop = await runOpenLoop({
    rate,
    count,
    deadlineMs: holdS * 1000 + 30_000,
    send: (i, t) => {
      const k = i % sockets.length;
      due[k].push(t);
      sockets[k].send("ping");
    },
  });
  await waitUntil(() => pongs >= loop.sent, 10_000);
  return {
    latencyMs: summarize(histogram),
    sent: loop.sent,
    received: pongs,
    lost: loop.sent - pongs,
    dropped: closed,
  };
}

export async function scale({
  origin,
  tenant,
  sockets: s,
  holdS,
  heartbeatSeconds,
  rss,
  connectDeadlineMs = 90_000,
}) {
  const rate = s / heartbeatSeconds;
  const before = await rss();
  const started = performance.now();
  const customers = await connectCustomers(origin, tenant, s, undefined, 50, connectDeadlineMs);
  const connectS = (performance.now() - started) / 1000;
  await sleep(1000);
  const after = await rss();
  const product = await heartbeats(
    customers.map((c) => c.ws),
    rate,
    holdS,
  );
  const dropped = customers.filter((c) => c.closes.length > 0).length;
  for (const c of customers) c.close();
  await sleep(1000);

  const echoBefore = await rss();
  const url = `${origin.replace(/^http/, "ws")}/bench/echo/bare?room=scale-${Date.now()}`;
  const echo = await pool(s, 50, () => openSocket(url));
  await sleep(1000);
  const echoAfter = await rss();
  const echoBeats = await heartbeats(echo, rate, Math.min(holdS, 10));
  await closeAll(echo);
  return {
    figures: {
      sockets: s,
      connected: customers.length,
      connectSeconds: Math.round(connectS * 10) / 10,
      connectsPerSecond: Math.round(s / connectS),
      heartbeatSeconds,
      holdS,
      ...product,
      dropped,
      memoryPerSocketKiB: Math.round((after - before) / s / 102.4) / 10,
    },
    baseline: {
      bare: { ...echoBeats, memoryPerSocketKiB: Math.round((echoAfter - echoBefore) / s / 102.4) / 10 },
    },
  };
}
