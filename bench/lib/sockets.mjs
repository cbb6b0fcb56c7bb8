// Opening many WebSockets against the local session without tripping over ourselves: bounded
// concurrency, a per-socket timeout, and one place that closes them all.
import WebSocket from "ws";

/**
 * Opens one socket; resolves with it once open, rejects with the HTTP status or error otherwise.
 * `setup(ws)` runs before the handshake so listeners see a frame sent right after the upgrade.
 */
export function openSocket(url, { origin, timeoutMs = 15_000, headers = {}, setup } = {}) {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, {
      headers: { ...(origin ? { origin } : {}), ...headers },
      perMessageDeflate: false,
    });
    setup?.(ws);
    const timer = setTimeout(() => {
      ws.terminate();
      fail(new Error(`opening ${url} timed out`));
    }, timeoutMs);
    ws.once("open", () => {
      clearTimeout(timer);
      ok(ws);
    });
    ws.once("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        const err = new Error(`upgrade refused with ${res.statusCode}: ${body.slice(0, 300)}`);
        err.status = res.statusCode;
        fail(err);
      });
    });
    ws.once("error", (err) => {
      clearTimeout(timer);
      fail(err);
    });
  });
}

/** Runs `fn(i)` for i = 0 … n-1 with at most `concurrency` in flight; resolves with the results. */
export async function pool(n, concurrency, fn) {
  const results = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, worker));
  return results;
}

/** Closes every socket and waits (bounded) until they are all closed. */
export async function closeAll(sockets, timeoutMs = 5000) {
  const open = sockets.filter((ws) => ws && ws.readyState !== WebSocket.CLOSED);
  const closed = Promise.all(
    open.map(
      (ws) =>
        new Promise((r) => {
          ws.once("close", r);
          ws.close(1000);
        }),
    ),
  );
  await Promise.race([closed, new Promise((r) => setTimeout(r, timeoutMs))]);
  for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
}

export { WebSocket };
