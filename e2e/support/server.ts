/**
 * Builds the UI, bundles the Worker once into a frozen snapshot (edits to the working tree during
 * a run neither rebuild nor reload it, and a restart runs the same code), migrates a throwaway
 * local D1 and starts (and restarts) `wrangler dev` on a free port in its own process group, which
 * is killed on stop, on exit and on SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { offlineEnv, waitUntilUp } from "../../scripts/lib.mjs";

export const ROOT = resolve(import.meta.dirname, "../..");
export const PLATFORM_TOKEN = "e2e-platform-token";
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Bounded waits for the slow steps (a two-core CI machine builds and bundles slowly). */
const BUILD_TIMEOUT_MS = 240_000;
const WRANGLER_STEP_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 90_000;

const env = {
  ...offlineEnv,
  WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
  NO_COLOR: "1",
  CI: "1",
};

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

let hooked = false;
/** Whatever happens to this process, no `wrangler dev` or `workerd` it started outlives it. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const child of live) killGroup(child);
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const child of live) killGroup(child);
      process.exit(130);
    });
  }
}

function spawnGroup(cmd: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  hookExit();
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  live.add(child);
  child.on("exit", () => live.delete(child));
  return child;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawnGroup(cmd, args);
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      killGroup(child);
      fail(new Error(`${cmd} ${args.join(" ")} took longer than ${timeoutMs} ms\n${out.slice(-4000)}`));
    }, timeoutMs);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearTimeout(timer);
      code === 0 ? ok(out) : fail(new Error(`${cmd} ${args.join(" ")} → ${code}\n${out.slice(-4000)}`));
    });
  });
}

const wrangler = (args: string[], timeoutMs = WRANGLER_STEP_TIMEOUT_MS) =>
  run(process.execPath, [WRANGLER, ...args], timeoutMs);

/** Builds the console, workbench and widget into `admin-ui/dist` (skipped with `E2E_SKIP_BUILD=1`). */
export async function buildUi(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD) return;
  await run("npm", ["run", "build", "--silent"], BUILD_TIMEOUT_MS);
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/**
 * Bundles the Worker (`wrangler deploy --dry-run`) and writes a config that runs that bundle
 * (`no_bundle`) with a copy of the built assets and absolute migration paths.
 */
async function snapshot(dir: string): Promise<string> {
  await wrangler(["deploy", "--dry-run", "--outdir", dir, "-c", "wrangler.toml"]);
  let toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  toml = toml.replace(/^main\s*=.*$/m, 'main = "index.js"\nno_bundle = true');
  toml = toml.replace(/^(\s*(directory|migrations_dir)\s*=\s*)"([^"]+)"/gm, (_m, prefix, key, path) => {
    if (key === "migrations_dir") return `${prefix}${JSON.stringify(resolve(ROOT, path))}`;
    const copy = join(dir, "assets");
    cpSync(resolve(ROOT, path), copy, { recursive: true });
    return `${prefix}${JSON.stringify(copy)}`;
  });
  const config = join(dir, "wrangler.toml");
  writeFileSync(config, toml);
  return config;
}

/** One product instance: a snapshot, a persist directory and a port that survive restarts. */
export class Server {
  readonly workDir = mkdtempSync(join(tmpdir(), "edge-cs-e2e-"));
  private child: ChildProcess | null = null;
  private log = "";

  private constructor(
    readonly port: number,
    private readonly inspectorPort: number,
    /** The snapshot's wrangler config (for `wrangler d1 execute` against this server's D1). */
    readonly config: string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where this server's local state (D1, objects) lives. */
  get persistDir(): string {
    return join(this.workDir, "state");
  }

  static async create(): Promise<Server> {
    const dir = mkdtempSync(join(tmpdir(), "edge-cs-e2e-worker-"));
    const port = await freePort();
    let inspectorPort = await freePort();
    while (inspectorPort === port) inspectorPort = await freePort();
    const s = new Server(port, inspectorPort, await snapshot(dir));
    await wrangler([
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--persist-to",
      s.persistDir,
      "-c",
      s.config,
    ]);
    await s.start();
    return s;
  }

  async start(): Promise<void> {
    this.log = "";
    const child = spawnGroup(
      process.execPath,
      [
        WRANGLER,
        "dev",
        "-c",
        this.config,
        "--ip",
        "127.0.0.1",
        "--port",
        String(this.port),
        "--inspector-port",
        String(this.inspectorPort),
        "--persist-to",
        this.persistDir,
        "--var",
        `PLATFORM_TOKEN:${PLATFORM_TOKEN}`,
        // Webhook secrets are sealed under this key; the journey's receiver listens on 127.0.0.1.
        "--var",
        "WEBHOOK_SECRETS_KEY:ZTJlLXdlYmhvb2stc2VjcmV0cy1rZXktMzItYnl0ZXM",
        "--var",
        "WEBHOOK_ALLOW_LOOPBACK:1",
        "--var",
        "ATTACHMENT_SIGNING_KEY:e2e-attachment-signing-key-0123456789",
        "--show-interactive-dev-session=false",
        "--log-level",
        "warn",
      ],
      // A private dev registry: other wrangler sessions on this machine must not reload this one.
      { WRANGLER_REGISTRY_PATH: join(this.workDir, "registry") },
    );
    child.stdout?.on("data", (d) => (this.log = (this.log + d).slice(-20_000)));
    child.stderr?.on("data", (d) => (this.log = (this.log + d).slice(-20_000)));
    this.child = child;
    try {
      await waitUntilUp(this.origin, child, START_TIMEOUT_MS);
    } catch (e) {
      await this.stop();
      throw new Error(`${(e as Error).message}\n--- wrangler output ---\n${this.log.slice(-3000)}`);
    }
  }

  /** Kills the whole process group of the `wrangler dev` this object started, and waits until the port is free. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once("exit", r));
    killGroup(child);
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        await fetch(`${this.origin}/`, { signal: AbortSignal.timeout(1000) });
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        return;
      }
    }
  }

  /** Stops the server and removes its snapshot and state. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.workDir, { recursive: true, force: true });
    rmSync(resolve(this.config, ".."), { recursive: true, force: true });
  }

  output(): string {
    return this.log;
  }
}
