/**
 * Reports and history search in a real browser: four weeks of archived conversations are written
 * to the server's local D1 (`scripts/history.mjs`), then the administrator opens Reports (charts,
 * their table view, a CSV download, by agent) and searches and exports the history. Screenshots
 * go to `e2e/results/reports-*.png`.
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
const CONVERSATIONS = 400;

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server!.origin}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

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
  const path = await download.path();
  return readFileSync(path, "utf8");
}

describe("reports", () => {
  it("shows four weeks of history as charts and tables, downloads CSV, searches and exports the history", async () => {
    const origin = server!.origin;
    const admin = await newTenant(origin);
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(admin),
    });
    const { token, user } = (await login.json()) as { token: string; user: { tenantId: string } };
    const queue = (name: string) =>
      api<{ id: string }>(token, "POST", "/skill-queues", { name, type: "multimedia", channels: ["web"] });
    const sales = await queue("Sales chat");
    const support = await queue("After-sales");
    const history = generateHistory({
      tenantId: user.tenantId,
      channelId: "ch_e2e",
      queueIds: [sales.id, support.id],
      agents: [
        { employeeId: "7101", name: "Alice" },
        { employeeId: "7102", name: "Bob" },
      ],
      count: CONVERSATIONS,
      // within the page's default range: the last 28 local days, today included
      days: 27,
    });
    await applyHistory(historySql(history), {
      persistTo: server!.persistDir,
      config: server!.config,
      wrangler: [process.execPath, join(ROOT, "node_modules/wrangler/bin/wrangler.js")],
    });

    context = await newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = problems.watch(await context.newPage(), "admin");
    const ui = new AdminConsole(page, origin, "reports");
    await ui.signIn(admin.account, admin.password);
    await ui.open("Reports");
    const volume = page.getByRole("region", { name: /Volume over time/ });
    await volume.locator("svg.chart rect").first().waitFor();
    const offered = page.locator(".report-kpis .metric").filter({ hasText: "Offered" }).locator(".value");
    expect(Number(await offered.textContent())).toBeGreaterThan(CONVERSATIONS / 2);
    await expect
      .poll(() => page.getByRole("region", { name: "By skill queue" }).getByRole("row").count())
      .toBe(3);
    await ui.snap("charts");

    // the chart's data as a table, 28 days
    await volume.getByRole("button", { name: "Show table" }).click();
    expect(await volume.getByRole("row").count()).toBe(29);
    await volume.getByRole("button", { name: "Show chart" }).click();

    const byQueue = page.getByRole("region", { name: "By skill queue" });
    const csv = await downloaded(page, () => byQueue.getByRole("button", { name: "Download CSV" }).click());
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/^Skill queue,Conversations,Offered,Answered,/);
    expect(
      lines
        .slice(1, -1)
        .map((l) => l.split(",")[0])
        .sort(),
    ).toEqual(["After-sales", "Sales chat"]);
    expect(lines.slice(1, -1).reduce((sum, l) => sum + Number(l.split(",")[1]), 0)).toBe(CONVERSATIONS);

    await page.getByLabel("By", { exact: true }).selectOption("agent");
    const byAgent = page.getByRole("region", { name: "By agent" });
    await byAgent.getByRole("rowheader", { name: "Alice" }).waitFor();
    await byAgent.getByRole("rowheader", { name: "No agent" }).waitFor();
    await page.getByLabel("Per", { exact: true }).selectOption("week");
    await page.getByRole("region", { name: "Per week", exact: true }).waitFor();
    await ui.settled();
    await ui.snap("weekly-by-agent");

    // history: search, then export the selection
    await ui.open("Conversation history");
    await page.getByLabel("Search", { exact: true }).fill("refund");
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(0);
    await page.getByLabel("Rating", { exact: true }).selectOption("5");
    // the search applied (it waits for typing to pause; the export link carries the selection),
    // then the list shows it: rows, every one rated 5
    const exportLink = page.getByRole("link", { name: "Export CSV" });
    await expect.poll(() => exportLink.getAttribute("href")).toMatch(/q=refund.*rating=5|rating=5.*q=refund/);
    const rows = page.locator("tbody tr");
    const fives = page.getByRole("img", { name: "5 of 5" });
    await expect
      .poll(async () => (await rows.count()) > 0 && (await rows.count()) === (await fives.count()))
      .toBe(true);
    await ui.settled();
    await ui.snap("history-search");
    const exported = await downloaded(page, () => exportLink.click());
    const exportedRows = exported.split("\r\n").slice(1, -1);
    const expected = history.conversations.filter(
      (c) =>
        c.rating === 5 &&
        (String(c.customer_name).toLowerCase().includes("refund") ||
          history.messages.some(
            (m) => m.conversation_id === c.id && String(m.text).toLowerCase().includes("refund"),
          )),
    );
    expect(exportedRows.length).toBe(expected.length);
    expect(new Set(exportedRows.map((r) => r.split(",")[0]))).toEqual(new Set(expected.map((c) => c.id)));
    expect(problems.errors).toEqual([]);
  });
});
