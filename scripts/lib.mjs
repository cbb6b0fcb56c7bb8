// Helpers shared by the dev, seed and test-server scripts: quiet offline wrangler, waiting for a port.
import { spawn } from "node:child_process";

/** Environment that keeps wrangler from making any outside network call. */
export const offlineEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};

/** Runs a node_modules/.bin command, resolving on exit 0 and rejecting otherwise. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: offlineEnv, ...options });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/**
 * Polls the API of a starting `wrangler dev` until it answers 200, failing fast if the process
 * exits first, or after `timeoutMs`.
 */
export async function waitUntilUp(origin, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error("wrangler dev exited while starting");
    try {
      const res = await fetch(`${origin}/api/v1/openapi.json`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${origin} did not answer within ${timeoutMs} ms`);
}
