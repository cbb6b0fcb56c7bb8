// Shared pass/fail bookkeeping for the reliability runs: named checks, a JSON report under
// bench/results/, a printed summary and the process exit code.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./server.mjs";

export class Checks {
  constructor(name) {
    this.name = name;
    this.items = [];
    this.figures = {};
  }

  /** Records a check; `detail` says what was seen. */
  check(name, pass, detail = "") {
    this.items.push({
      name,
      pass: Boolean(pass),
      detail: typeof detail === "string" ? detail : JSON.stringify(detail),
    });
    return Boolean(pass);
  }

  /** Checks that the session's runtime output shows no crash or unhandled rejection. */
  noCrash(server) {
    const crashes = server.crashes();
    return this.check(
      "no crash or unhandled rejection in the runtime output",
      crashes.length === 0,
      crashes.slice(0, 5).join(" | "),
    );
  }

  get ok() {
    return this.items.length > 0 && this.items.every((c) => c.pass);
  }

  /** Writes `bench/results/<name>.json`, prints the summary, resolves the exit code. */
  finish(extra = {}) {
    const dir = join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${this.name}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ name: this.name, ok: this.ok, at: new Date().toISOString(), figures: this.figures, checks: this.items, ...extra }, null, 2)}\n`,
    );
    for (const c of this.items)
      console.log(`${c.pass ? "PASS" : "FAIL"}  ${c.name}${c.detail ? ` — ${c.detail}` : ""}`);
    console.log(`\n${this.name}: ${this.ok ? "all checks passed" : "FAILED"} (${file})`);
    return this.ok ? 0 : 1;
  }
}
