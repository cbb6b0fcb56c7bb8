// `npm run archive:backfill`: moves transcripts archived before R2 (rows in D1) into the R2
// archive by calling POST /api/v1/platform/archive/backfill until it answers done. Idempotent: run
// it again any time. Talks to ORIGIN (default http://localhost:$PORT, PORT 8787) with
// PLATFORM_TOKEN (default: the one in .dev.vars).
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Calls the backfill until done; returns how many conversations it moved. */
export async function runBackfill(origin, token, { log = () => {} } = {}) {
  let total = 0;
  for (;;) {
    const res = await fetch(`${origin}/api/v1/platform/archive/backfill`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`archive backfill → ${res.status} ${await res.text()}`);
    const { moved, done } = await res.json();
    total += moved;
    if (moved) log(`moved ${total} transcripts so far`);
    if (done) return total;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 8787}`;
  const vars = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const token = process.env.PLATFORM_TOKEN ?? vars.match(/^PLATFORM_TOKEN=(.+)$/m)?.[1]?.trim();
  if (!token) {
    console.error("Set PLATFORM_TOKEN (or run `npm run dev` once to write it to .dev.vars).");
    process.exit(1);
  }
  const moved = await runBackfill(origin, token, { log: console.log });
  console.log(`Archive backfill done: ${moved} transcripts moved from D1 to R2.`);
}
