// The JavaScript heap of one Worker's isolate, through the inner runtime's own inspector (workerd
// serves one DevTools target per Worker, `core:user:<name>`, on an `--inspector-addr` port that
// wrangler's proxy does not expose). Each call opens a debugger socket, reads
// `Runtime.getHeapUsage` and closes again. Locally the product's Worker and its objects share one
// isolate, so the figure is both; the echo Worker has an isolate of its own.
import WebSocket from "ws";
import { listeningPorts } from "./direct.mjs";
import { workerdPids } from "./rss.mjs";

/** The inspector origin of the session whose process group is `pgid` (null when none answers). */
export async function inspectorOrigin(pgid) {
  for (const pid of workerdPids(pgid)) {
    for (const port of listeningPorts(pid)) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(2000) });
        if (!res.ok) continue;
        const targets = await res.json();
        if (Array.isArray(targets) && targets.some((t) => String(t.id).startsWith("core:user:")))
          return `127.0.0.1:${port}`;
      } catch {
        // not the inspector (the entry socket, the debug port)
      }
    }
  }
  return null;
}

/**
 * `{usedBytes, totalBytes, embedderBytes}` of Worker `name`'s isolate: V8's JavaScript heap in use
 * and the runtime's C++ objects V8 traces (sockets, requests). No collection is forced first
 * (`HeapProfiler.collectGarbage` never answers on a busy isolate), so garbage not yet collected
 * counts too.
 */
export function heapUsage(inspector, name, { timeoutMs = 15_000, poke } = {}) {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://${inspector}/core:user:${name}`);
    // an idle isolate may leave inspector commands unanswered until it runs something: `poke`
    // (a cheap request to that Worker) is sent every 250 ms until the answer came
    const poking = poke ? setInterval(() => poke().catch(() => {}), 250) : null;
    const timer = setTimeout(() => {
      if (poking) clearInterval(poking);
      ws.terminate();
      fail(new Error(`the inspector of ${name} did not answer`));
    }, timeoutMs);
    let id = 0;
    const pending = new Map();
    // workerd drops a command without `params`
    const call = (method, waitMs = timeoutMs) =>
      new Promise((resolve) => {
        pending.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, params: {} }));
        setTimeout(() => resolve({}), waitMs).unref();
      });
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString());
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    });
    ws.once("error", (err) => {
      clearTimeout(timer);
      if (poking) clearInterval(poking);
      fail(err);
    });
    ws.once("open", async () => {
      const { result } = await call("Runtime.getHeapUsage");
      clearTimeout(timer);
      if (poking) clearInterval(poking);
      ws.close();
      if (!result) return fail(new Error(`no heap usage from ${name}`));
      ok({
        usedBytes: result.usedSize,
        totalBytes: result.totalSize,
        embedderBytes: result.embedderHeapUsedSize ?? 0,
      });
    });
  });
}
