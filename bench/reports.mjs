// Report speed over a year of history: seeds `--conversations` archived conversations (100,000 by
// default) over 365 days into a fresh local session's D1, then times the conversation report for
// the whole year (by queue and by agent, per day and per week) and a history search, each
// `--runs` times, printing the medians. Not part of `npm test` (seeding takes a minute or two).
// Usage: npm run bench:reports [-- --conversations 100000 --runs 5 --log]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { applyHistory, generateHistory, historySql } from "../scripts/history.mjs";
import { call } from "./lib/api.mjs";
import { ROOT, startServer } from "./lib/server.mjs";
import { setupTenant } from "./lib/setup.mjs";

const { values: opt } = parseArgs({
  options: {
    conversations: { type: "string", default: "100000" },
    runs: { type: "string", default: "5" },
    log: { type: "boolean", default: false },
  },
});
/**
 * CPU seconds used so far by every process of the session's group (wrangler and workerd): on a
 * shared, overloaded machine the wall time of a request mostly measures waiting for a core, the
 * CPU time what the request costs.
 */
function groupCpuSeconds(groupId) {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // after the command: state(0) ppid(1) pgrp(2) … utime(11) stime(12)
      if (Number(fields[2]) === groupId) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

const count = Number(opt.conversations);
const runs = Number(opt.runs);
const server = await startServer({ log: opt.log });
try {
  const t = await setupTenant(server.origin, server.platformToken, { agents: 4, label: "reports" });
  const now = Date.now();
  let started = Date.now();
  const history = generateHistory({
    tenantId: t.tenantId,
    channelId: t.channelId,
    queueIds: [t.skillQueueId, "sq_bench_b", "sq_bench_c"],
    agents: t.agents.map((a, i) => ({ employeeId: a.employeeId, name: `Agent ${i}` })),
    count,
    days: 365,
    now,
    messages: false,
  });
  await applyHistory(historySql(history, 300), {
    persistTo: join(server.workDir, "state"),
    config: join(ROOT, "wrangler.toml"),
    wrangler: [process.execPath, join(ROOT, "node_modules/wrangler/bin/wrangler.js")],
  });
  console.log(`seeded ${count} conversations in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  const year = `from=${day(now - 364 * 86_400_000)}&to=${day(now)}`;
  const cases = [
    ["report, 365 days, per day, by queue", `/reports/conversations?${year}&granularity=day&by=queue`],
    ["report, 365 days, per day, by agent", `/reports/conversations?${year}&granularity=day&by=agent`],
    ["report, 365 days, per week, by queue", `/reports/conversations?${year}&granularity=week&by=queue`],
    ["history search by customer name, 50 rows", "/conversations?q=Tanaka&limit=50"],
  ];
  const results = [];
  for (const [name, path] of cases) {
    const times = [];
    const cpu = [];
    let body = null;
    for (let i = 0; i < runs; i++) {
      const cpuBefore = groupCpuSeconds(server.pid());
      started = performance.now();
      const res = await call(server.origin, "GET", path, { token: t.adminToken });
      times.push(performance.now() - started);
      cpu.push((groupCpuSeconds(server.pid()) - cpuBefore) * 1000);
      if (res.status !== 200)
        throw new Error(`${path} → ${res.status} ${JSON.stringify(res.data).slice(0, 500)}`);
      body = res.data;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const cpuMedian = cpu.sort((a, b) => a - b)[Math.floor(cpu.length / 2)];
    const seen = body.overall?.conversations ?? body.items?.length;
    results.push({
      name,
      medianMs: Math.round(median),
      minMs: Math.round(times[0]),
      maxMs: Math.round(times.at(-1)),
      cpuMedianMs: Math.round(cpuMedian),
      seen,
    });
    console.log(
      `${name}: median ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}), CPU of the session median ${cpuMedian.toFixed(0)} ms, over ${runs} runs; ${seen} conversations`,
    );
  }
  console.log(
    `machine load average (1 min) at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]}`,
  );
  const slow = results.filter((r) => r.name.startsWith("report") && r.medianMs >= 1000);
  console.log(
    slow.length
      ? `FAIL: ${slow.map((r) => r.name).join(", ")} took ≥ 1 s (wall; see the CPU figures on a loaded machine)`
      : "PASS: every report under 1 s",
  );
  process.exitCode = slow.length ? 1 : 0;
} finally {
  await server.stop();
}
