/**
 * Privacy in a real browser: the administrator sets transcript retention in the tenant settings,
 * then finds one customer of an archived history on the Privacy requests page, downloads their
 * data as JSON, erases it behind a confirmation that names what goes, and finds nothing left.
 * Screenshots go to `e2e/results/privacy-*.png`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyHistory, generateHistory, historySql } from "../scripts/history.mjs";
import { closeBrowser, newContext, Problems } from "./support/browser";
import { AdminConsole } from "./support/console";
import { buildUi, ROOT, Server } from "./support/server";
import { newTenant } from "./support/tenant";

let server: Server | undefined;
let context: BrowserContext | undefined;
const problems = new Problems();

beforeAll(async () => {
  await buildUi();
  server = await Server.create();
});

afterAll(async () => {
  await server?.dispose();
  await context?.close().catch(() => undefined);
  await closeBrowser();
});

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return readFileSync(await download.path(), "utf8");
}

describe("privacy", () => {
  it("sets retention, then exports and erases one customer's data", async () => {
    const origin = server!.origin;
    const admin = await newTenant(origin);
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(admin),
    });
    const { token, user } = (await login.json()) as { token: string; user: { tenantId: string } };
    const created = await fetch(`${origin}/api/v1/skill-queues`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Sales chat", type: "multimedia", channels: ["web"] }),
    });
    const queue = (await created.json()) as { id: string };
    const history = generateHistory({
      tenantId: user.tenantId,
      channelId: "ch_e2e",
      queueIds: [queue.id],
      agents: [{ employeeId: "7101", name: "Alice" }],
      count: 12,
      days: 5,
    });
    await applyHistory(historySql(history), {
      persistTo: server!.persistDir,
      config: server!.config,
      wrangler: [process.execPath, join(ROOT, "node_modules/wrangler/bin/wrangler.js")],
    });
    const conversations = history.conversations as { customer_id: string }[];
    const customerId = conversations[0]?.customer_id ?? "";
    const theirs = conversations.filter((c) => c.customer_id === customerId);

    context = await newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = problems.watch(await context.newPage(), "admin");
    const ui = new AdminConsole(page, origin, "privacy");
    await ui.signIn(admin.account, admin.password);

    // retention: off by default; out of range is refused by the form, 90 days is saved
    await ui.open("Settings and calendar");
    const forever = page.getByLabel("Keep conversations forever");
    expect(await forever.isChecked()).toBe(true);
    await forever.uncheck();
    const days = page.getByLabel("Transcript retention (days)");
    await days.fill("4000");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/from 1 to 3650, or null/)
      .first()
      .waitFor();
    await days.fill("90");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved tenant settings").waitFor();
    await ui.settled();
    await ui.snap("retention");

    await ui.open("Privacy requests");
    await page.getByLabel("Identifier").selectOption("customerId");
    await page.getByLabel("Value").fill(customerId);
    await page.getByRole("button", { name: "Look up" }).click();
    const found = page.getByRole("heading", { name: "Stored about this customer" });
    await found.waitFor();
    await ui.settled();
    await ui.snap("lookup");

    const exported = JSON.parse(
      await downloaded(page, () => page.getByRole("button", { name: "Download export (JSON)" }).click()),
    );
    expect(exported.customerIds).toEqual([customerId]);
    expect(exported.conversations).toHaveLength(theirs.length);
    expect(exported.conversations[0].messages.length).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Erase…" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Erase this customer's data?" });
    await dialog.getByText(new RegExp(`permanently deletes ${theirs.length} conversation`)).waitFor();
    await ui.snap("erase-confirmation");
    await dialog.getByRole("button", { name: "Erase" }).click();
    await page.getByRole("heading", { name: "Erased", exact: true }).waitFor();
    await ui.settled();
    await ui.snap("erased");

    // nothing left; the audit log shows the request without the identifier
    await page.getByRole("button", { name: "Look up" }).click();
    await page.getByText("Nothing is stored about this customer.").waitFor();
    await ui.open("Audit log");
    await page.getByText("POST /privacy/erase").first().waitFor();
    await ui.settled();
    await ui.snap("audit");
    expect(await page.locator("main").textContent()).not.toContain(customerId);
    expect(problems.errors).toEqual([]);
  });
});
