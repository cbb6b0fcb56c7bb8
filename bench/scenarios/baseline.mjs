// The physical baseline: the bench echo Durable Objects (bare, and one SQLite insert per frame)
// driven open-loop with the same socket count and rate as the scenario they are compared with.
import { latencyHistogram, recordMs, summarize } from "../lib/hdr.mjs";
import { performance, runOpenLoop, waitUntil } from "../lib/open-loop.mjs";
import { closeAll, openSocket, pool } from "../lib/sockets.mjs";

const PAD = "x".repeat(64);

/** A frame of exactly 64 bytes carrying its sequence number. */
export function frame(i) {
  const head = `{"i":${i},"p":"`;
  return `${head}${PAD.slice(0, 64 - head.length - 2)}"}`;
}

/**
 * Echo latency at `rate` msg/s over `sockets` sockets on one echo DO of `kind` ("bare" | "insert"),
 * after `warmupS` seconds of the same load. Returns the scenario figures.
 */
export async function measureEcho({
  origin,
  kind,
  sockets,
  rate,
  durationS,
  warmupS = 2,
  room,
  drainTimeoutMs = 30_000,
}) {
  const wsOrigin = origin.replace(/^http/, "ws");
  const url = `${wsOrigin}/bench/echo/${kind}?room=${encodeURIComponent(room ?? `${kind}-${Date.now()}`)}`;
  const conns = await pool(sockets, 50, () => openSocket(url));
  try {
    const warm = await echoPhase(conns, rate, Math.round(rate * warmupS), drainTimeoutMs);
    const run = await echoPhase(conns, rate, Math.round(rate * durationS), drainTimeoutMs);
    return { kind, sockets, rate, durationS, warmupLost: warm.lost, ...run };
  } finally {
    await closeAll(conns);
  }
}

async function echoPhase(conns, rate, count, drainTimeoutMs) {
  const histogram = latencyHistogram();
  const dueAt = new Float64Array(count);
  const seen = new Uint8Array(count);
  let received = 0;
  let duplicates = 0;
  const onMessage = (data) => {
    const now = performance.now();
    const i = JSON.parse(data.toString()).i;
    if (seen[i]) {
      duplicates++;
      return;
    }
    seen[i] = 1;
    received++;
    recordMs(histogram, now - dueAt[i]);
  };
  for (const ws of conns) ws.on("message", onMessage);
  const started = performance.now();
  const loop = await runOpenLoop({
    rate,
    count,
    deadlineMs: (count / rate) * 1000 + 30_000,
    send: (i, due) => {
      dueAt[i] = due;
      conns[i % conns.length].send(frame(i));
    },
  });
  await waitUntil(() => received >= loop.sent, drainTimeoutMs);
  const elapsedS = (performance.now() - started) / 1000;
  for (const ws of conns) ws.off("message", onMessage);
  return {
    latencyMs: summarize(histogram),
    sent: loop.sent,
    received,
    lost: loop.sent - received,
    duplicates,
    achievedRate: Math.round(received / elapsedS),
    clientMaxLagMs: Math.round(loop.maxLagMs * 1000) / 1000,
  };
}

/**
 * Closed-loop throughput of the insert echo: `sockets` sockets each keep `window` frames in
 * flight for `durationS` seconds. Returns persisted-and-echoed messages per second.
 */
export async function echoInsertThroughput({ origin, sockets = 50, window = 8, durationS = 5 }) {
  const url = `${origin.replace(/^http/, "ws")}/bench/echo/insert?room=tput-${Date.now()}`;
  const conns = await pool(sockets, 50, () => openSocket(url));
  let acked = 0;
  let next = 0;
  let stop = false;
  const histogram = latencyHistogram();
  const sentAt = new Map();
  for (const ws of conns) {
    ws.on("message", (data) => {
      const i = JSON.parse(data.toString()).i;
      recordMs(histogram, performance.now() - sentAt.get(i));
      sentAt.delete(i);
      acked++;
      if (!stop) send(ws);
    });
  }
  const send = (ws) => {
    const i = next++;
    sentAt.set(i, performance.now());
    ws.send(frame(i));
  };
  const started = performance.now();
  for (const ws of conns) for (let k = 0; k < window; k++) send(ws);
  await new Promise((r) => setTimeout(r, durationS * 1000));
  stop = true;
  const elapsedS = (performance.now() - started) / 1000;
  const ackedPerSecond = Math.round(acked / elapsedS);
  await waitUntil(() => sentAt.size === 0, 5000);
  await closeAll(conns);
  return { sockets, window, durationS, ackedPerSecond, latencyMs: summarize(histogram) };
}
