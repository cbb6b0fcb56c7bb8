// Resident memory of the workerd processes of one session (its process group), from /proc.
import { readdirSync, readFileSync } from "node:fs";

/** Sum of VmRSS in bytes of every `workerd` process in process group `pgid`; 0 off Linux. */
export function workerdRss(pgid) {
  let total = 0;
  let entries = [];
  try {
    entries = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const afterComm = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (Number(afterComm[2]) !== pgid || !comm.startsWith("workerd")) continue;
      const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}
