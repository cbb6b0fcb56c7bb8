// `npm run bench:readme`: rewrites README.md's Performance table (between the `bench:table`
// markers) from bench/results/latest.json (or the file given as the first argument), so the
// README shows exactly the last run's figures, each with its baseline from the same run, the
// ratio and the target.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/server.mjs";

const START = "<!-- bench:table:start (npm run bench:readme writes this table) -->";
const END = "<!-- bench:table:end -->";

const fmt = (x) =>
  x === null || x === undefined
    ? "—"
    : typeof x === "number"
      ? x.toLocaleString("en-US", { maximumFractionDigits: x < 10 ? 2 : 1 })
      : String(x);

/** Whether a ratio meets a target written as "≤ 3×" or "≥ 0.75×" (null: no target). */
function meets(ratio, target) {
  const m = /^([≤≥])\s*([\d.]+)×$/.exec(target ?? "");
  if (!m || ratio === null) return null;
  return m[1] === "≤" ? ratio <= Number(m[2]) : ratio >= Number(m[2]);
}

/** The Markdown table for `run` (the results file's content). */
export function table(run) {
  const lines = [
    `Run of ${run.startedAt.slice(0, 16).replace("T", " ")} UTC on ${run.machine.cpus} cores, ${run.totalSeconds} s in all.`,
    "",
    "| scenario | figure | result | baseline (same run) | ratio | target |",
    "|---|---|---|---|---|---|",
  ];
  for (const s of run.scenarios) {
    if (s.error) {
      lines.push(`| ${s.scenario} | — | **failed**: ${s.error.replace(/\|/g, "\\|").slice(0, 200)} | | | |`);
      continue;
    }
    for (const h of s.headline ?? []) {
      const ok = meets(h.ratio, h.target);
      const target = h.target ? `${h.target} ${ok === null ? "" : ok ? "met" : "**not met**"}`.trim() : "";
      lines.push(
        `| ${s.scenario} | ${h.name} | ${fmt(h.value)} ${h.unit} | ${h.baseline ? `${h.baseline}: ${fmt(h.baselineValue)} ${h.unit}` : ""} | ${h.ratio === null ? "" : `${fmt(h.ratio)}×`} | ${target} |`,
      );
    }
    for (const t of s.targets ?? []) {
      if (/ratio|×/i.test(t.name)) continue; // shown with its figure above
      lines.push(`| ${s.scenario} | ${t.name} | ${t.actual} | | | ${t.pass ? "met" : "**not met**"} |`);
    }
  }
  const within = run.totalSeconds <= 240;
  lines.push(
    `| all | default run's wall time | ${run.totalSeconds} s | | | ≤ 240 s ${within ? "met" : "**not met**"} |`,
  );
  return lines.join("\n");
}

const file = process.argv[2] ?? join(ROOT, "bench", "results", "latest.json");
const run = JSON.parse(readFileSync(file, "utf8"));
const readme = join(ROOT, "README.md");
const text = readFileSync(readme, "utf8");
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} markers`);
writeFileSync(readme, `${text.slice(0, a + START.length)}\n${table(run)}\n${text.slice(b)}`);
console.log(`README.md: Performance table from ${file}`);
