/**
 * Real-browser journeys on a locally started server: the administrator configures a web chat call
 * centre in the console, a customer chats on the channel's Try page, an agent answers in the
 * workbench, and the administrator reads the conversation and its evaluation in the history.
 * Plus: an XSS payload shown as text everywhere, a widget that survives a server restart without
 * losing a message, console form validation of out-of-range values, the security headers of
 * pages, API and widget.js, and every page rendering without console errors (a Content-Security-
 * Policy violation is a console error). Screenshots of every page go to `e2e/results/`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, newContext, Problems, RESULTS, shot } from "./support/browser";
import { AdminConsole, type CallCentrePlan, plan } from "./support/console";
import { buildUi, Server } from "./support/server";
import { newTenant } from "./support/tenant";

const startedAt = Date.now();
const timings: Record<string, number> = {};
let server: Server | undefined;
const contexts: BrowserContext[] = [];
const problems = new Problems();

function origin(): string {
  if (!server) throw new Error("the server did not start");
  return server.origin;
}

beforeAll(async () => {
  let t = Date.now();
  await buildUi();
  timings.buildMs = Date.now() - t;
  t = Date.now();
  server = await Server.create();
  timings.serverStartMs = Date.now() - t;
});

afterAll(async () => {
  // The server goes first and whatever else failed: no `wrangler dev` may outlive the run.
  await server?.dispose();
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await closeBrowser();
  timings.totalMs = Date.now() - startedAt;
  writeFileSync(join(RESULTS, "timings.json"), `${JSON.stringify(timings, null, 2)}\n`);
  console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
});

/** A new person (own browser context) with one page, watched for console errors. */
async function person(name: string): Promise<Page> {
  const ctx = await newContext();
  contexts.push(ctx);
  problems.watchContext(ctx, name);
  return ctx.newPage();
}

/** A fresh tenant whose administrator has signed in to the console. */
async function signedInAdmin(shots?: string): Promise<AdminConsole> {
  const admin = await newTenant(origin());
  const page = new AdminConsole(await person("admin"), origin(), shots);
  await page.signIn(admin.account, admin.password);
  return page;
}

/** The customer opens the channel's Try page, sets a name and opens the widget. */
async function customer(tryUrl: string, name: string): Promise<Page> {
  const p = await person("customer");
  await p.goto(tryUrl);
  await p.getByLabel("Name").fill(name);
  await p.getByRole("button", { name: "Apply and open chat" }).click();
  await p.getByRole("dialog", { name: /Online Customer Service/ }).waitFor();
  // Focus moves into the dialog's message box (inside the widget's shadow root).
  await expect
    .poll(() => p.evaluate(() => document.getElementById("edgechat")?.shadowRoot?.activeElement?.id))
    .toBe("ec-input");
  return p;
}

async function say(p: Page, text: string) {
  await p.locator("#ec-input").fill(text);
  await p.locator("#ec-input").press("Enter");
}

/** The agent signs in to the workbench and connects to their default queue. */
async function agent(cc: CallCentrePlan, shots?: string): Promise<Page> {
  const p = await person("agent");
  await p.goto(`${origin()}/workbench`);
  await p.getByRole("heading", { name: "Online Chat Workbench" }).waitFor();
  if (shots) await shot(p, `${shots}-sign-in`);
  await p.getByLabel("Account").fill(cc.agent.account);
  await p.getByLabel("Password").fill(cc.agent.password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.getByRole("button", { name: "Connect" }).click();
  await p.getByRole("status", { name: "Connection" }).filter({ hasText: "open" }).waitFor();
  return p;
}

const widgetLog = (p: Page) => p.locator("#edgechat ol.log");
const texts = (p: Page, selector: string) => p.locator(selector).allTextContents();

/**
 * The administrator opens Conversation history, picks the skill queue and waits for the
 * customer's ended conversation (archiving is asynchronous); returns its row.
 */
async function archivedRow(admin: AdminConsole, queueName: string, customerName: string): Promise<Locator> {
  const p = admin.page;
  await admin.open("Conversation history");
  const row = p.getByRole("row").filter({ hasText: customerName });
  await expect
    .poll(
      async () => {
        await admin.field("Skill Queue").selectOption({ label: queueName });
        await admin.settled();
        if ((await row.count()) > 0) return true;
        await p.reload();
        await admin.heading("Conversation history").waitFor();
        await admin.settled();
        return false;
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(true);
  return row.first();
}

/** Opens an archived conversation from its history row (the customer typed their name: unverified). */
async function openConversation(admin: AdminConsole, row: Locator, customerName: string): Promise<void> {
  await row.click();
  await admin.heading(`Conversation with ${customerName} (unverified)`).waitFor();
  await admin.settled();
}

/** Headers every HTML page of the product carries (README "Security headers"). */
function expectPageHeaders(h: Headers): void {
  expect(h.get("x-content-type-options")).toBe("nosniff");
  expect(h.get("x-frame-options")).toBe("DENY");
  const csp = h.get("content-security-policy") ?? "";
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(h.get("referrer-policy")).toMatch(/^(same-origin|no-referrer)$/);
}

describe("journeys", () => {
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    const errors = problems.errors.splice(0);
    expect(errors, "console errors, uncaught exceptions or dialogs").toEqual([]);
  });

  it("admin configures the call centre in the console; customer chats with the robot, then an agent; admin sees conversation and evaluation in history", async () => {
    const t = Date.now();
    const admin = await signedInAdmin("journey-admin");
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);

    const a = await agent(cc, "journey-workbench");
    await shot(a, "journey-workbench-idle");

    const tryPage = await fetch(tryUrl);
    expectPageHeaders(tryPage.headers);
    expect(tryPage.headers.get("content-security-policy")).toMatch(/style-src 'self' 'nonce-[^']+';/);

    const c = await customer(tryUrl, "Ann");
    // The widget's stylesheet applies under the Try page's CSP (no 'unsafe-inline' for styles).
    expect(
      await c.evaluate(() => {
        const dialog = document.getElementById("edgechat")?.shadowRoot?.querySelector(".dialog");
        return dialog ? getComputedStyle(dialog).borderTopLeftRadius : null;
      }),
    ).toBe("14px");
    await shot(c, "journey-try-page");
    await say(c, "When is shipping?");
    await widgetLog(c).getByText(cc.robot.reply).waitFor();
    await shot(c, "journey-try-page-robot");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();

    // A name the customer typed is shown to the agent as unverified.
    await a.getByRole("button", { name: /Ann \(unverified\)/ }).waitFor();
    const agentLog = a.getByRole("list", { name: /Messages with Ann/ });
    await agentLog.getByText("When is shipping?").waitFor();
    await a.getByLabel("Reply").fill("Hello Ann, Alice here.");
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(c).getByText("Hello Ann, Alice here.").waitFor();
    await c.getByText("You are chatting with Alice").waitFor();
    await say(c, "Thanks!");
    await agentLog.getByText("Thanks!").waitFor();
    await expect
      .poll(() => c.locator("#edgechat li.mine", { hasText: "Thanks!" }).locator(".state").textContent())
      .toBe("Read");
    await shot(a, "journey-workbench-chat");
    await admin.open("Live dashboard");
    await admin.page.getByText(cc.queueName).first().waitFor();
    await admin.snap("live-dashboard");

    await c.getByRole("button", { name: "Evaluation" }).click();
    await c.getByRole("radio", { name: "4 stars" }).check();
    await c.getByLabel("Comment (optional)").fill("Quick and friendly");
    await c.getByRole("button", { name: "Confirm" }).click();
    await c.getByText("Your evaluation: 4/5. You may change it; the last one counts.").waitFor();
    await a.getByText(/Customer evaluation: .*\(4\/5\) — Quick and friendly/).waitFor();
    await shot(c, "journey-widget-evaluated");

    await a.getByRole("button", { name: "End chat" }).click();
    await c.getByText("The agent ended the chat.").waitFor();
    await shot(c, "journey-widget-ended");

    const row = await archivedRow(admin, cc.queueName, "Ann");
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      expect.any(String),
      "Ann (unverified)",
      "Alice",
      cc.queueName,
      "Agent ended",
      expect.stringMatching(/^\d+$/),
      expect.any(String),
    ]);
    await row.getByRole("img", { name: "4 of 5" }).waitFor();
    await admin.snap("conversation-history");
    await openConversation(admin, row, "Ann");
    const p = admin.page;
    const details = p.locator("dl.kv");
    await details.getByText("Agent ended", { exact: true }).waitFor();
    await details.getByText("Alice", { exact: true }).waitFor();
    await details.getByText(cc.queueName, { exact: true }).waitFor();
    const transcript = p.locator(".transcript");
    for (const line of ["When is shipping?", cc.robot.reply, "Hello Ann, Alice here.", "Thanks!"])
      await transcript.getByText(line).first().waitFor();
    const evaluation = p.locator(".section", { has: p.getByRole("heading", { name: "Evaluation" }) });
    await evaluation.getByRole("img", { name: "4 of 5" }).waitFor();
    await evaluation.getByText("Quick and friendly").waitFor();
    await admin.snap("conversation");
    timings.journeyMs = Date.now() - t;
  });

  it("an XSS payload in a message is shown as text in the widget, the workbench and the history", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    const a = await agent(cc);
    const c = await customer(tryUrl, "Mallory");
    // The channel's "Keyword for Transfer to Agent", typed instead of pressing the button.
    await say(c, `I want a ${cc.transferKeyword}, please`);
    await a.getByRole("button", { name: /Mallory/ }).waitFor();
    const payload = "<img src=x onerror=alert(1)>";
    await say(c, payload);
    const agentLog = a.getByRole("list", { name: /Messages with Mallory/ });
    await agentLog.getByText(payload, { exact: true }).waitFor();
    const reply = `<script>alert(2)</script>${payload}`;
    await a.getByLabel("Reply").fill(reply);
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(c).getByText(reply, { exact: true }).waitFor();
    expect(await agentLog.locator("img, script").count()).toBe(0);
    expect(await widgetLog(c).locator("img, script").count()).toBe(0);
    await shot(c, "xss-customer");
    await shot(a, "xss-agent");

    await a.getByRole("button", { name: "End chat" }).click();
    await c.getByText("The agent ended the chat.").waitFor();
    await openConversation(admin, await archivedRow(admin, cc.queueName, "Mallory"), "Mallory");
    const transcript = admin.page.locator(".transcript");
    await transcript.getByText(reply).waitFor();
    // Each line is its sender/time caption plus the message as one text node.
    const lines = await transcript.locator(".msg").evaluateAll((els) =>
      els.map((e) =>
        [...e.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join(""),
      ),
    );
    expect(lines).toEqual(expect.arrayContaining([payload, reply]));
    expect(await transcript.locator("img, script").count()).toBe(0);
    await shot(admin.page, "xss-history");
    timings.xssMs = Date.now() - t;
  });

  it("the widget reconnects after a server restart and loses no message, showing none twice", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    const a = await agent(cc);
    const c = await customer(tryUrl, "Rita");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await a.getByRole("button", { name: /Rita/ }).waitFor();
    await say(c, "before restart");
    await a.getByText("before restart").waitFor();

    const s = server;
    if (!s) throw new Error("no server");
    await problems.tolerating(
      /ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|Failed to load resource/,
      async () => {
        await s.stop();
        await say(c, "while the server is down");
        await c
          .locator("#edgechat li.mine", { hasText: "while the server is down" })
          .locator(".state", { hasText: "Sending" })
          .waitFor();
        await c.getByText("Connection lost, reconnecting…").waitFor();
        await shot(c, "restart-widget-offline");
        await s.start();
        await c
          .locator("#edgechat li.mine", { hasText: "while the server is down" })
          .locator(".state", { hasText: /Sent|Read/ })
          .waitFor({ timeout: 60_000 });
        await a
          .getByRole("list", { name: /Messages with Rita/ })
          .getByText("while the server is down")
          .waitFor({ timeout: 60_000 });
      },
    );
    await a.getByLabel("Reply").fill("after restart");
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(c).getByText("after restart").waitFor();
    const customerSide = await texts(c, "#edgechat ol.log li .text");
    expect(customerSide.filter((x) => x === "before restart")).toHaveLength(1);
    expect(customerSide.filter((x) => x === "while the server is down")).toHaveLength(1);
    const agentSide = await texts(a, "ol.log li .text");
    expect(agentSide.filter((x) => x === "while the server is down")).toHaveLength(1);
    expect(agentSide.indexOf("before restart")).toBeLessThan(agentSide.indexOf("while the server is down"));

    await c.reload();
    await c.getByRole("dialog", { name: /Online Customer Service/ }).waitFor();
    await widgetLog(c).getByText("after restart").waitFor();
    const afterReload = await texts(c, "#edgechat ol.log li .text");
    expect(afterReload.filter((x) => x === "while the server is down")).toHaveLength(1);
    await shot(c, "restart-widget-after-reload");
    timings.restartMs = Date.now() - t;
  });

  it("the console shows out-of-range values next to the field and creates nothing until they are fixed", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const p = admin.page;
    const posts: string[] = [];
    p.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/api/v1/skill-queues")) posts.push(r.url());
    });
    await admin.startNew("Skill queues", "New skill queue");
    await admin.field("Skill Queue Name").fill("Too patient");
    await admin.field("Type").selectOption({ label: "Multimedia" });

    /** Saves with `label` set to `value` and expects `message` beside that field only. */
    const refused = async (label: string, value: string, message: string, name: string) => {
      await admin.field(label).fill(value);
      await p.getByRole("button", { name: "Save", exact: true }).click();
      const field = admin.field(label);
      await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
      const beside = p.locator(".field", { has: field }).getByRole("alert");
      await expect.poll(() => beside.textContent()).toBe(message);
      expect(await p.locator("[aria-invalid=true]").count()).toBe(1);
      await admin.heading("New skill queue").waitFor();
      await shot(p, `validation-${name}`);
    };
    await refused("Max. Waiting Time (s)", "60001", "Must be between 1 and 60000", "max-waiting-time");
    await admin.field("Max. Waiting Time (s)").fill("60000");
    await refused(
      "Duration (s) in Arranging State",
      "3601",
      "Must be between 0 and 3600",
      "duration-in-arranging-state",
    );
    await admin.field("Duration (s) in Arranging State").fill("3600");
    await refused("Max. Calls in Queue", "10001", "Must be between 0 and 10000", "max-calls-in-queue");
    expect(posts, "no create request while a value is out of range").toEqual([]);

    await p.getByRole("link", { name: "Cancel" }).click();
    await admin.heading("Skill queues").waitFor();
    await admin.settled();
    await p.getByText("No skill queues yet").waitFor();

    // The upper bounds themselves are accepted: the same form saves with them.
    await p.getByRole("link", { name: "New", exact: true }).first().click();
    await admin.heading("New skill queue").waitFor();
    await admin.field("Skill Queue Name").fill("Just patient enough");
    await admin.field("Type").selectOption({ label: "Multimedia" });
    await admin.field("Max. Waiting Time (s)").fill("60000");
    await admin.field("Duration (s) in Arranging State").fill("3600");
    await admin.field("Max. Calls in Queue").fill("10000");
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await admin.heading("Skill queues").waitFor();
    const row = p.getByRole("row").filter({ hasText: "Just patient enough" });
    await row.waitFor();
    expect(await row.textContent()).toContain("60000");
    expect(posts).toHaveLength(1);
    timings.validationMs = Date.now() - t;
  });

  it("security headers on the static pages (from the assets' _headers), the API and widget.js", async () => {
    const get = async (path: string) => {
      const res = await fetch(`${origin()}${path}`);
      await res.arrayBuffer();
      return res;
    };
    for (const path of ["/", "/workbench", "/skill-queues/new", "/api/docs"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      expectPageHeaders(res.headers);
      expect(res.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
    }
    for (const path of ["/api/v1/openapi.json", "/api/v1/auth/me"]) {
      const res = await get(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("content-security-policy"), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    // Integrators embed widget.js: nosniff, but nothing that restricts where it runs.
    const widget = await get("/widget.js");
    expect(widget.headers.get("content-type")).toMatch(/javascript/);
    expect(widget.headers.get("x-content-type-options")).toBe("nosniff");
    expect(widget.headers.get("x-frame-options")).toBeNull();
    expect(widget.headers.get("content-security-policy")).toBeNull();
    expect(widget.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    // The _headers file itself is configuration, not an asset.
    expect(await (await fetch(`${origin()}/_headers`)).text()).not.toContain("X-Frame-Options");
  });

  it("every page renders without console errors", async () => {
    const t = Date.now();
    const admin = await signedInAdmin("pages");
    const p = admin.page;
    const pages: [link: string, heading: string, newHeading?: string][] = [
      ["Conversation history", "Conversation history"],
      ["Organization units", "Organization units"],
      ["Employees", "Employees", "New employee"],
      ["Skill queues", "Skill queues", "New skill queue"],
      ["Skill queue groups", "Skill queue groups", "New skill queue group"],
      ["Agents", "Agents", "Configure agent"],
      ["Access codes", "Access codes", "New access code"],
      ["Called routes", "Called routes", "New called route"],
      ["Robots", "Robots", "New robot"],
      ["Channels", "Channels", "New channel"],
      ["Settings and calendar", "Settings and calendar"],
      ["Live dashboard", "Live dashboard"],
    ];
    for (const [link, heading, newHeading] of pages) {
      await admin.open(link, heading);
      await admin.snap(link);
      if (!newHeading) continue;
      await p.getByRole("link", { name: "New", exact: true }).first().click();
      await admin.heading(newHeading).waitFor();
      await admin.settled();
      await admin.snap(`${link} new`);
    }
    await admin.open("Agents");
    await p.getByRole("link", { name: "Batch configure" }).click();
    await admin.heading("Batch Agent Info Configuration").waitFor();
    await admin.settled();
    await admin.snap("agents-batch");

    // Deep links are served by the single-page fallback; unknown ones show the console's not-found page.
    await p.goto(`${origin()}/skill-queues/new`);
    await admin.heading("New skill queue").waitFor();
    await p.goto(`${origin()}/no-such-page`);
    await p.getByRole("heading", { name: "Page not found" }).waitFor();
    await admin.snap("not-found");

    await p.goto(`${origin()}/api/docs`);
    await p.getByRole("heading", { level: 2 }).first().waitFor();
    await shot(p, "pages-api-docs");

    const w = await person("agent");
    await w.goto(`${origin()}/workbench`);
    await w.getByRole("heading", { name: "Online Chat Workbench" }).waitFor();
    await shot(w, "pages-workbench-sign-in");
    timings.pagesMs = Date.now() - t;
  });
});
