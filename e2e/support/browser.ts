/** Chromium through playwright-core: fresh persistent contexts, console-error tracking and screenshots. */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const RESULTS = resolve(import.meta.dirname, "../results");
mkdirSync(RESULTS, { recursive: true });

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

/** A browser profile of its own (one person: admin, agent or customer). */
export async function newContext(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "edge-cs-chromium-")), {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ARGS,
    viewport: { width: 1200, height: 800 },
  });
}

/** Collects console errors, uncaught exceptions and dialogs (an `alert` would mean injected script ran). */
export class Problems {
  readonly errors: string[] = [];
  private allowed: RegExp[] = [];

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

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
