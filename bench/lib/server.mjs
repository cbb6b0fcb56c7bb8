// Starts the product plus the bench echo Worker in one `wrangler dev` session (one workerd process)
// on a free loopback port with its own persist directory, and guarantees it dies with us: the
// session runs in its own process group, killed on exit, SIGINT, SIGTERM and uncaught errors.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { offlineEnv as baseOfflineEnv, waitUntilUp } from "../../scripts/lib.mjs";
import { directOrigin } from "./direct.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/**
 * Environment that keeps wrangler from making any outside network call. Local observability is
 * off: with it, every event of every Worker and object is traced into a local SQLite store with an
 * fsync per event, which measured as half of the runtime's time under load (663 vs 1,431 acked
 * msg/s) and which a deployed Worker does not pay.
 */
const offlineEnv = {
  ...baseOfflineEnv,
  WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
  X_LOCAL_OBSERVABILITY: "false",
  NO_COLOR: "1",
};

const live = new Set();
function killAll(signal = "SIGKILL") {
  for (const child of live) killGroup(child, signal);
}
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => killAll());
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
  }
  process.on("uncaughtException", (err) => {
    console.error(err);
    killAll();
    process.exit(1);
  });
}

/**
 * Bundles a Worker once (`wrangler deploy --dry-run`) and writes a config for that bundle with
 * `no_bundle` and absolute paths. The session then runs frozen snapshots: edits to the working
 * tree during a run neither rebuild a Worker nor drop every socket, and a restarted session
 * (chaos) runs the same code. `devVars` go to a `.dev.vars` beside the config (an auxiliary
 * Worker of a multi-config session reads only that file, not `--env-file`).
 */
async function snapshotWorker(sourceConfig, dir, devVars = "") {
  mkdirSync(dir, { recursive: true });
  await runWrangler(["deploy", "--dry-run", "--outdir", dir, "-c", sourceConfig]);
  const base = dirname(resolve(ROOT, sourceConfig));
  let toml = readFileSync(resolve(ROOT, sourceConfig), "utf8");
  const main = toml.match(/^main\s*=\s*"([^"]+)"/m);
  if (!main) throw new Error(`${sourceConfig} has no main entry`);
  const bundle = `${basename(main[1]).replace(/\.[cm]?[jt]s$/, "")}.js`;
  toml = toml.replace(/^main\s*=.*$/m, `main = ${JSON.stringify(bundle)}\nno_bundle = true`);
  // Assets are copied too: wrangler watches the assets directory, and a UI rebuild by someone
  // else would reload the session.
  toml = toml.replace(/^(\s*(directory|migrations_dir)\s*=\s*)"([^"]+)"/gm, (_m, prefix, key, path) => {
    if (key === "migrations_dir") return `${prefix}${JSON.stringify(resolve(base, path))}`;
    const copy = join(dir, "assets");
    if (existsSync(resolve(base, path))) cpSync(resolve(base, path), copy, { recursive: true });
    else mkdirSync(copy, { recursive: true });
    return `${prefix}${JSON.stringify(copy)}`;
  });
  const config = join(dir, "wrangler.toml");
  writeFileSync(config, toml);
  if (devVars) writeFileSync(join(dir, ".dev.vars"), devVars);
  return config;
}

/**
 * Product settings for load runs: the per-address and per-channel chat-ticket rate limits are an
 * abuse guard for the public endpoint, and every bench customer comes from one loopback address.
 * "0" turns a limit off (see worker/realtime/ticket-rate-limit.ts). The isolation run keeps them.
 */
export const LOAD_VARS = { CHAT_TICKETS_PER_ADDRESS: "0", CHAT_TICKETS_PER_CHANNEL: "0" };

/** Runtime output that means something crashed or a rejection went unhandled. */
const CRASH =
  /uncaught|unhandled|exception thrown|handler failed|connect failed|segmentation fault|fatal error/i;

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function runWrangler(args, { quiet = true } = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: ROOT,
      env: offlineEnv,
      stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"],
      detached: true,
    });
    live.add(child);
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    child.on("error", fail);
    child.on("exit", (code) => {
      live.delete(child);
      code === 0
        ? ok(out)
        : fail(new Error(`wrangler ${args.join(" ")} exited with ${code}\n${out.slice(-4000)}`));
    });
  });
}

/**
 * Starts the session. Options: `workDir` (bundle and persisted state, kept across `restart()`; a
 * fresh temp dir by default, removed by `stop()` unless `keep`), `log` (print wrangler's output),
 * `startTimeoutMs`, `vars` (extra product variables, e.g. `LOAD_VARS`), `port` and
 * `inspectorPort` (free loopback ports by default). Returns `{origin, port, platformToken, workDir, output(), directOrigin(), pid(), restart(),
 * kill(signal), stop()}`.
 */
export async function startServer(options = {}) {
  hookExit();
  const ownDir = !options.workDir;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), "edge-cs-bench-"));
  const persistDir = join(workDir, "state");
  const port = options.port ?? (await freePort());
  const inspectorPort = options.inspectorPort ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const platformToken = options.platformToken ?? randomBytes(24).toString("base64url");
  // the bundles and the D1 migrations do not depend on each other: one wait for all four
  const [routerConfig, echoConfig, productConfig] = await Promise.all([
    snapshotWorker("bench/echo-worker/router.wrangler.toml", join(workDir, "router")),
    snapshotWorker("bench/echo-worker/wrangler.toml", join(workDir, "echo")),
    snapshotWorker(
      "wrangler.toml",
      join(workDir, "product"),
      Object.entries({ PLATFORM_TOKEN: platformToken, ...options.vars })
        .map(([k, v]) => `${k}=${v}\n`)
        .join(""),
    ),
    runWrangler([
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--persist-to",
      persistDir,
      "-c",
      "wrangler.toml",
    ]),
  ]);

  let child = null;
  let output = "";
  const crashes = [];
  const errors = [];
  const start = async () => {
    output = "";
    child = spawn(
      process.execPath,
      [
        WRANGLER,
        "dev",
        "-c",
        routerConfig,
        "-c",
        echoConfig,
        "-c",
        productConfig,
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--inspector-port",
        String(inspectorPort),
        "--persist-to",
        persistDir,
        "--show-interactive-dev-session=false",
        "--log-level",
        options.logLevel ?? (options.log ? "info" : "warn"),
      ],
      // A private dev registry: other wrangler sessions starting or stopping on this machine would
      // otherwise make this one reload its Workers and drop every socket mid-run.
      {
        cwd: ROOT,
        env: { ...offlineEnv, WRANGLER_REGISTRY_PATH: join(workDir, "registry") },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    live.add(child);
    const mine = child;
    const keep = (d) => {
      output = (output + d).slice(-20_000);
      for (const line of String(d).split("\n")) {
        if (CRASH.test(line) && crashes.length < 200) crashes.push(line.slice(0, 500));
        if (/\[ERROR\]/.test(line) && errors.length < 200) errors.push(line.slice(0, 500));
      }
      if (options.log) process.stderr.write(d);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("exit", () => live.delete(mine));
    try {
      await waitUntilUp(origin, child, options.startTimeoutMs ?? 90_000);
    } catch (err) {
      killGroup(child, "SIGKILL");
      throw new Error(`${err.message}\n--- wrangler output ---\n${output}`);
    }
  };
  const exited = () =>
    new Promise((ok) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return ok();
      child.once("exit", ok);
    });

  await start();
  return {
    origin,
    port,
    platformToken,
    workDir,
    /** Recent wrangler output (for failure reports). */
    output: () => output,
    /** Output lines that look like a crash or an unhandled rejection, across restarts. */
    crashes: () => [...crashes],
    /** Every `[ERROR]` line of the output (console.error in a Worker or object), across restarts. */
    errors: () => [...errors],
    /** The inner runtime's origin, without wrangler's dev proxy (changes with every restart). */
    directOrigin: () => directOrigin(child.pid, origin, "/api/v1/openapi.json"),
    /** The process ids of the session's group (wrangler and its workerd). */
    pid: () => child?.pid,
    /** Kills the whole session (wrangler and workerd) with `signal` and waits for it to exit. */
    async kill(signal = "SIGKILL") {
      killGroup(child, signal);
      await exited();
      await new Promise((r) => setTimeout(r, 100));
    },
    /** Starts the session again on the same port and persist directory. */
    restart: start,
    async stop() {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3000);
      await exited();
      clearTimeout(timer);
      if (ownDir && !options.keep) rmSync(workDir, { recursive: true, force: true });
    },
  };
}
