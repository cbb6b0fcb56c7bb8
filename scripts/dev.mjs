// `npm run dev`: build the UI, migrate local D1, start `wrangler dev`, seed the demo tenant, print
// where everything is. Works offline; state persists under .wrangler/state across restarts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { runBackfill } from "./archive-backfill.mjs";
import { offlineEnv, run, waitUntilUp } from "./lib.mjs";
import { seed } from "./seed.mjs";
import { seedHistory } from "./seed-history.mjs";

const port = Number(process.env.PORT ?? 8787);
const origin = `http://localhost:${port}`;

/** The value of `name` in .dev.vars, written there from `make()` on first use. */
function devVar(name, make) {
  const vars = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const found = vars.match(new RegExp(`^${name}=(.+)$`, "m"));
  if (found) return found[1].trim();
  const value = make();
  writeFileSync(".dev.vars", `${vars}${vars && !vars.endsWith("\n") ? "\n" : ""}${name}=${value}\n`);
  return value;
}

const token = devVar("PLATFORM_TOKEN", () => randomBytes(24).toString("base64url"));
// Webhook secrets are sealed under this key; local receivers (http://127.0.0.1) are allowed.
devVar("WEBHOOK_SECRETS_KEY", () => randomBytes(32).toString("base64url"));
devVar("WEBHOOK_ALLOW_LOOPBACK", () => "1");
// signs the customers' attachment tokens; without it the chat offers no files
devVar("ATTACHMENT_SIGNING_KEY", () => randomBytes(32).toString("base64url"));
await run("npm", ["run", "build", "--silent"]);
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local"]);

const wrangler = spawn(
  "wrangler",
  ["dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"],
  {
    stdio: ["ignore", "inherit", "inherit"],
    env: offlineEnv,
  },
);
const stop = () => wrangler.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => process.exit(code ?? 0));

await waitUntilUp(origin, wrangler, 60_000);
try {
  const demo = await seed(origin, token);
  if (await seedHistory(origin, demo, demo.adminToken)) console.log("Seeded demo conversation history.");
  // the demo history is seeded as it was archived before R2 (rows in D1): moving it proves the
  // migration on every fresh start, and is a no-op once done
  const moved = await runBackfill(origin, token);
  if (moved) console.log(`Moved ${moved} archived transcripts from D1 to R2.`);
  console.log(`
  Edge customer service is running.

  Admin console      ${origin}/            account ${demo.admin.account} / ${demo.admin.password}
  Agent workbench    ${origin}/workbench   accounts ${demo.agents.map((a) => a.account).join(", ")} / ${demo.agents[0].password}
  Try the widget     ${origin}/try/${demo.channelId}   (demo web channel "${demo.channelAccessCode}", chatbot on)
  API reference      ${origin}/api/docs
  Platform token     in .dev.vars (PLATFORM_TOKEN), for POST /api/v1/platform/tenants

  Press Ctrl+C to stop.
`);
} catch (err) {
  console.error("Seeding the demo tenant failed:", err);
  stop();
}
