// The workerd processes of one session (its process group) and their resident memory, from /proc.
import { readdirSync, readFileSync } from "node:fs";

/** Process ids of every `workerd` process in process group `pgid`; none off Linux. */
export function workerdPids(pgid) {
  let entries = [];
  try {
    entries = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const pids = [];
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const afterComm = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (Number(afterComm[2]) === pgid && comm.startsWith("workerd")) pids.push(Number(pid));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** Sum of VmRSS in bytes of every `workerd` process in process group `pgid`; 0 off Linux. */
export function workerdRss(pgid) {
  return rssOf(workerdPids(pgid));
}

/**
 * Sum of VmRSS in bytes of `pids` (processes that exited count 0). Cheap enough to sample often,
 * unlike `workerdRss`, which walks all of /proc to find the session's processes.
 */
export function rssOf(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}
