/** Builds the UI, migrates a throwaway local D1 and starts (and restarts) `wrangler dev` on a free port. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const PLATFORM_TOKEN = "e2e-token";

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  CI: "1",
};

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(" ")} → ${code}\n${out.slice(-4000)}`)),
    );
  });
}

export async function buildUi(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD) return;
  await run("npm", ["run", "build", "--silent"]);
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** One product instance: a persist directory, a port, and a `wrangler dev` that can be killed and restarted on both. */
export class Server {
  readonly persistDir = mkdtempSync(join(tmpdir(), "edge-cs-e2e-"));
  private child: ChildProcess | null = null;
  private log = "";

  private constructor(readonly port: number) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async create(): Promise<Server> {
    const s = new Server(await freePort());
    await run("npx", [
      "wrangler",
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--persist-to",
      s.persistDir,
    ]);
    await s.start();
    return s;
  }

  async start(): Promise<void> {
    this.log = "";
    const child = spawn(
      "npx",
      [
        "wrangler",
        "dev",
        "--port",
        String(this.port),
        "--ip",
        "127.0.0.1",
        "--persist-to",
        this.persistDir,
        "--var",
        `PLATFORM_TOKEN:${PLATFORM_TOKEN}`,
        "--show-interactive-dev-session=false",
      ],
      { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    child.stdout?.on("data", (d) => (this.log += d));
    child.stderr?.on("data", (d) => (this.log += d));
    this.child = child;
    await waitFor(`${this.origin}/api/v1/openapi.json`).catch((e) => {
      throw new Error(`${e.message}\n${this.log.slice(-3000)}`);
    });
  }

  /** Kills the whole process group of the `wrangler dev` this object started, and waits for it to go. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    this.child = null;
    const gone = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGKILL");
    await gone;
    // The port is free once nothing accepts on it any more.
    for (let i = 0; i < 40; i++) {
      try {
        await fetch(`${this.origin}/`);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        return;
      }
    }
  }

  output(): string {
    return this.log;
  }
}
