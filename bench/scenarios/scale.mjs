// Scenario 3, scale: S customer sockets held on one queue DO (customers stay with the chatbot, so
// nobody queues) with open-loop heartbeats; memory per socket and drops, next to the same number
// of sockets on the bare echo DO. Memory per socket is split: the runtime process's resident
// memory (`rss`, /proc VmRSS of the session's workerd processes) and the JavaScript heap of the
// isolate that holds the sockets (`heap`: V8's used heap and the runtime's traced C++ objects,
// from the runtime's inspector), each as (after − before) / S.
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
  heap,
  connectDeadlineMs = 90_000,
}) {
  const rate = s / heartbeatSeconds;
  // the echo first: memory freed by closed sockets can make the process shrink afterwards
  const echoBefore = await rss();
  const echoHeapBefore = await heap("bench-echo");
  const url = `${origin.replace(/^http/, "ws")}/bench/echo/bare?room=scale-${Date.now()}`;
  const echo = await pool(s, 50, () => openSocket(url));
  await sleep(1000);
  const echoAfter = await rss();
  const echoHeapAfter = await heap("bench-echo");
  const echoBeats = await heartbeats(echo, rate, Math.min(holdS, 10));
  await closeAll(echo);
  await sleep(1000);

  const before = await rss();
  const heapBefore = await heap("edge-cs");
  const started = performance.now();
  const customers = await connectCustomers(origin, tenant, s, undefined, 50, connectDeadlineMs);
  const connectS = (performance.now() - started) / 1000;
  await sleep(1000);
  const after = await rss();
  const heapAfter = await heap("edge-cs");
  const product = await heartbeats(
    customers.map((c) => c.ws),
    rate,
    holdS,
  );
  const dropped = customers.filter((c) => c.closes.length > 0).length;
  for (const c of customers) c.close();
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
      ...perSocket(before, after, heapBefore, heapAfter, s),
    },
    baseline: {
      bare: { ...echoBeats, ...perSocket(echoBefore, echoAfter, echoHeapBefore, echoHeapAfter, s) },
    },
  };
}

const kib = (bytes, s) => (bytes === null ? null : Math.round(bytes / s / 102.4) / 10);

/** Memory per socket in KiB: process RSS, JavaScript heap, traced C++ objects (null: not seen). */
function perSocket(rssBefore, rssAfter, heapBefore, heapAfter, s) {
  const seen = heapBefore && heapAfter;
  return {
    rssPerSocketKiB: kib(rssAfter - rssBefore, s),
    jsHeapPerSocketKiB: seen ? kib(heapAfter.usedBytes - heapBefore.usedBytes, s) : null,
    embedderHeapPerSocketKiB: seen ? kib(heapAfter.embedderBytes - heapBefore.embedderBytes, s) : null,
  };
}
