// The runtime's own entry socket, behind wrangler's dev proxy. `wrangler dev` puts a proxy runtime
// (hot reload) in front of the one that runs the Workers; every socket then crosses one more TCP
// hop and costs that proxy four file descriptors, so 5,000 sockets need 20,000 descriptors (the
// limit on this box) before the product sees any. A deployed Worker has no such proxy, so the bench
// talks to the inner runtime directly; the echo baseline takes the same path. Linux only (/proc).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { workerdPids } from "./rss.mjs";

/** Loopback TCP ports `pid` listens on. */
export function listeningPorts(pid) {
  const inodes = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const ports = [];
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length > 9 && f[3] === "0A" && inodes.has(f[9]))
      ports.push(Number.parseInt(f[1].split(":")[1], 16));
  }
  return ports;
}

/**
 * The origin of the inner runtime of the session whose process group is `pgid`: the port of one of
 * its workerd processes (not the proxy at `proxyOrigin`) that answers `probePath` like the proxy.
 */
export async function directOrigin(pgid, proxyOrigin, probePath) {
  const expected = await (await fetch(`${proxyOrigin}${probePath}`)).text();
  const proxyPort = Number(new URL(proxyOrigin).port);
  for (const pid of workerdPids(pgid)) {
    for (const port of listeningPorts(pid)) {
      if (port === proxyPort) continue;
      const origin = `http://127.0.0.1:${port}`;
      try {
        const res = await fetch(`${origin}${probePath}`, { signal: AbortSignal.timeout(2000) });
        if (res.ok && (await res.text()) === expected) return origin;
      } catch {
        // not an HTTP entry (inspector or debug port)
      }
    }
  }
  throw new Error("could not find the runtime's entry socket behind wrangler's dev proxy");
}
