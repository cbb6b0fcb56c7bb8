/**
 * Chromium through playwright-core: one browser, an isolated context per person (admin, agent,
 * customer), console-error tracking on every page they open, and screenshots.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";

export const RESULTS = resolve(import.meta.dirname, "../results");
mkdirSync(RESULTS, { recursive: true });

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Background tabs of one browser must not be throttled: admin, agent and customer run side by side.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
  // Calls: a fake camera and microphone, granted without a prompt, and real host candidates (the
  // two browser contexts connect peer to peer on this machine, no STUN or TURN).
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  "--disable-features=WebRtcHideLocalIpsWithMdns",
];

/** Bounded waits: generous for a slow two-core CI machine, but a stuck step fails instead of hanging. */
export const ACTION_TIMEOUT_MS = 30_000;
export const NAVIGATION_TIMEOUT_MS = 60_000;

let browser: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    timeout: NAVIGATION_TIMEOUT_MS,
  });
  return browser;
}

/** A browser context of its own (one person: own cookies and storage); a desktop window unless `options` say otherwise. */
export async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await (await launch()).newContext({ viewport: { width: 1200, height: 800 }, ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  return context;
}

/** Closes the browser (and with it every context), if one was launched. */
export async function closeBrowser(): Promise<void> {
  const launched = await browser?.catch(() => null);
  browser = null;
  await launched?.close().catch(() => undefined);
}

/** Collects console errors, uncaught exceptions and dialogs (an `alert` would mean injected script ran). */
export class Problems {
  readonly errors: string[] = [];
  private allowed: RegExp[] = [];

  /** Watches every page of `context`, the ones it has and the ones it opens later (popups). */
  watchContext(context: BrowserContext, name: string): void {
    for (const p of context.pages()) this.watch(p, name);
    context.on("page", (p) => this.watch(p, name));
  }

  watch(page: Page, name: string): Page {
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      const text = `${name}: console error: ${m.text()} ${m.location().url ?? ""}`;
      if (!this.allowed.some((r) => r.test(text))) this.errors.push(text);
    });
    page.on("pageerror", (e) => this.errors.push(`${name}: uncaught ${e.message}`));
    page.on("dialog", (d) => {
      this.errors.push(`${name}: unexpected ${d.type()} dialog: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  }

  /** Tolerates errors matching `pattern` while `fn` runs (for example connection failures during a planned outage). */
  async tolerating<T>(pattern: RegExp, fn: () => Promise<T>): Promise<T> {
    this.allowed.push(pattern);
    try {
      return await fn();
    } finally {
      this.allowed = this.allowed.filter((r) => r !== pattern);
    }
  }
}

/** A full-page screenshot as `e2e/results/<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
