// Results: `bench/results/latest.json` (one object per scenario, relay first) and a short table.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./server.mjs";

/** a ÷ b to two decimals; null when either is unknown or b is not positive. */
export const ratio = (a, b) =>
  typeof a === "number" && typeof b === "number" && b > 0 ? Math.round((a / b) * 100) / 100 : null;

/**
 * Product latency over the baseline's in the same run: p50 and p99 against the insert echo (the
 * floor that does the same work: one durable write per frame before the reply), and p99 against
 * the bare echo for reference.
 */
export function ratios(latency, baseline) {
  return {
    p50Ratio: ratio(latency.p50, baseline.insert?.latencyMs.p50),
    p99Ratio: ratio(latency.p99, baseline.insert?.latencyMs.p99),
    bareP99Ratio: ratio(latency.p99, baseline.bare?.latencyMs.p99),
  };
}

/**
 * One reported figure with its baseline from the same run and their ratio (`target`: the ratio's
 * target in words, e.g. "≤ 3×"; none when the figure is only tracked). README's Performance
 * table is made of these (`npm run bench:readme`).
 */
export function figure(name, value, unit, baselineName = null, baselineValue = null, target = null) {
  return {
    name,
    value: value ?? null,
    unit,
    baseline: baselineName,
    baselineValue: baselineValue ?? null,
    ratio: ratio(value, baselineValue),
    target,
  };
}

/** Writes the results file; resolves its path. */
export function writeResults(run) {
  const dir = join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "latest.json");
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

/** The figures worth a line of their own, per scenario. */
const KEY_FIGURES = {
  relay: ["ackedPerSecond", "drainSeconds", "duplicates", "socketsClosed"],
  throughput: ["ackedPerSecond", "insertEchoPerSecond", "throughputRatio", "drainSeconds", "unacked"],
  assignment: [
    "assigned",
    "agentsSignedInS",
    "timeToAllAssignedS",
    "assignmentsPerSecond",
    "assignmentRatio",
    "doubleAssignments",
    "overCapacity",
  ],
  scale: [
    "connected",
    "connectsPerSecond",
    "dropped",
    "rssPerSocketKiB",
    "jsHeapPerSocketKiB",
    "embedderHeapPerSocketKiB",
  ],
  connect: [
    "bareUpgradesPerSecond",
    "oneQueuePerSecond",
    "manyQueuesPerSecond",
    "queues",
    "oneQueueRatio",
    "manyQueuesRatio",
  ],
  deep: [
    "waiting",
    "enqueuesPerSecond",
    "bareUpgradesPerSecond",
    "enqueueRatio",
    "positionsExact",
    "arrivalOrderKept",
    "reminded",
    "reminderTickSpreadMs",
  ],
};

const pad = (s, n) => String(s ?? "—").padEnd(n);
const num = (x) => (typeof x === "number" ? String(x) : "—");

/** Prints one line per scenario and one per baseline, then the targets. */
export function printTable(run) {
  const rows = [
    ["scenario", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "sent", "recv", "lost", "p50÷ins", "p99÷ins"],
  ];
  for (const s of run.scenarios) {
    const l = s.figures?.latencyMs ?? {};
    rows.push([
      s.scenario,
      num(l.p50),
      num(l.p99),
      num(l.p999),
      num(l.max),
      num(s.figures?.sent),
      num(s.figures?.received),
      num(s.figures?.lost),
      num(s.p50Ratio),
      num(s.p99Ratio),
    ]);
    for (const [name, b] of Object.entries(s.baseline ?? {})) {
      if (!b?.latencyMs) continue;
      const bl = b.latencyMs;
      rows.push([
        `  ↳ echo ${name}`,
        num(bl.p50),
        num(bl.p99),
        num(bl.p999),
        num(bl.max),
        num(b.sent),
        num(b.received),
        num(b.lost),
        "",
        "",
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)) + 2);
  for (const r of rows) console.log(r.map((c, i) => pad(c, widths[i])).join(""));
  console.log("");
  for (const s of run.scenarios) {
    const f = s.figures ?? {};
    const keys = KEY_FIGURES[s.scenario] ?? [];
    const shown = keys.filter((k) => f[k] !== undefined).map((k) => `${k} ${f[k]}`);
    if (shown.length) console.log(`${s.scenario}: ${shown.join(", ")}`);
  }
  console.log("");
  for (const s of run.scenarios)
    for (const h of s.headline ?? [])
      console.log(
        `${s.scenario}: ${h.name} ${num(h.value)} ${h.unit}${h.baseline ? ` vs ${h.baseline} ${num(h.baselineValue)} = ${num(h.ratio)}×` : ""}${h.target ? ` (target ${h.target})` : ""}`,
      );
  console.log("");
  for (const s of run.scenarios) {
    for (const t of s.targets ?? [])
      console.log(`${t.pass ? "PASS" : "FAIL"}  ${s.scenario}: ${t.name} (${t.actual})`);
    if (s.error) console.log(`ERROR ${s.scenario}: ${s.error}`);
  }
}
