/**
 * Real-browser journeys on a locally started server: the administrator configures a web chat call
 * centre in the console, a customer chats on the channel's Try page, an agent answers in the
 * workbench, and the administrator reads the conversation and its evaluation in the history.
 * Plus: an XSS payload shown as text everywhere, a widget that survives a server restart without
 * losing a message, console form validation of out-of-range values, the security headers of
 * pages, API and widget.js, webhooks, API tokens and the audit log in the console (a signed test
 * delivery to a local receiver, a token revoked at once), and every page rendering without console
 * errors (a Content-Security-Policy violation is a console error). The widget on any host page:
 * the channel's branding from the console on the Try page, pixel-identical under a hostile host
 * stylesheet, an unread badge and a reply preview while closed, and a full-screen dialog on
 * phones. Files both ways: previews and links in the widget and the workbench. The robot
 * assistant: turned on in the console, its suggestion taken by the agent reaches the customer
 * word for word, an unknown question gets none. Screenshots of every page go to `e2e/results/`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import type { BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, newContext, Problems, RESULTS, shot } from "./support/browser";
import { AdminConsole, type CallCentrePlan, plan } from "./support/console";
import { SAMPLE_PDF, samplePng } from "./support/files";
import { HOSTILE_CSS } from "./support/hostile-css";
import { comparePngs } from "./support/pixels";
import { buildUi, freePort, Server } from "./support/server";
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
async function person(name: string, options?: BrowserContextOptions): Promise<Page> {
  const ctx = await newContext(options);
  contexts.push(ctx);
  problems.watchContext(ctx, name);
  return ctx.newPage();
}

/** A fresh tenant whose administrator has signed in to the console. */
async function signedInAdmin(shots?: string, intelligentAgents = 0): Promise<AdminConsole> {
  const admin = await newTenant(origin(), intelligentAgents);
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

/** The agent signs in to the workbench, which connects them to every skill queue they serve. */
async function agent(cc: CallCentrePlan, shots?: string): Promise<Page> {
  const p = await person("agent");
  await p.goto(`${origin()}/workbench`);
  await p.getByRole("heading", { name: "Online Chat Workbench" }).waitFor();
  if (shots) await shot(p, `${shots}-sign-in`);
  await p.getByLabel("Account").fill(cc.agent.account);
  await p.getByLabel("Password").fill(cc.agent.password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.getByRole("status", { name: "Connection" }).filter({ hasText: "open" }).waitFor();
  return p;
}

/** The agent ends the selected chat, confirming in the dialog that asks first. */
async function endChat(a: Page): Promise<void> {
  await a
    .getByRole("region", { name: /^Chat with/ })
    .getByRole("button", { name: "End chat" })
    .click();
  await a
    .getByRole("alertdialog", { name: "End this chat?" })
    .getByRole("button", { name: "End chat" })
    .click();
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

/** After each journey: everyone leaves, and nobody met a console error, an exception or a dialog. */
async function closeAllAndCheck() {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  const errors = problems.errors.splice(0);
  expect(errors, "console errors, uncaught exceptions or dialogs").toEqual([]);
}

/** A fresh call centre whose customer `name` has asked for an agent on the Try page and been taken. */
async function customerWithAgent(name: string) {
  const admin = await signedInAdmin();
  const cc = plan();
  const { tryUrl } = await admin.callCentre(cc);
  const a = await agent(cc);
  const c = await customer(tryUrl, name);
  await c.getByRole("button", { name: "Transfer to Agent" }).click();
  await a.getByRole("button", { name: new RegExp(name) }).waitFor();
  return { a, c };
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
  afterEach(closeAllAndCheck);

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

    // The transfer picker shows each target's availability; a queue nobody is signed in to cannot be picked.
    const billing = `Billing ${cc.tag}`;
    await admin.startNew("Skill queues", "New skill queue");
    await admin.field("Skill Queue Name").fill(billing);
    await admin.field("Type").selectOption({ label: "Multimedia" });
    await admin.page.getByRole("group", { name: "Subtype" }).getByLabel("Web", { exact: true }).check();
    await admin.save({ heading: "Skill queues", row: billing }, "second-skill-queue");
    const picker = a.getByLabel("Transfer to skill queue");
    const option = picker.locator("option", { hasText: billing });
    await expect
      .poll(
        async () => {
          await picker.dispatchEvent("focus");
          return option.count();
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe(1);
    expect(await option.textContent()).toBe(`${billing} — nobody signed in`);
    expect(await option.isDisabled()).toBe(true);
    expect(await a.getByRole("button", { name: "Transfer", exact: true }).isDisabled()).toBe(true);
    await shot(a, "journey-workbench-transfer-picker");
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

    await endChat(a);
    await c.getByText("The agent ended the chat.").waitFor();
    await shot(c, "journey-widget-ended");

    const row = await archivedRow(admin, cc.queueName, "Ann");
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      expect.any(String),
      "Ann (unverified)",
      "Alice",
      cc.queueName,
      "Agent ended",
      "—",
      expect.stringMatching(/^\d+$/),
      "—",
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

  it("an agent creates a case from a chat, pre-filled by Smart Form Filling; the admin edits it in the console and finds it from the conversation", async () => {
    const t = Date.now();
    const admin = await signedInAdmin(undefined, 1);
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    const p = admin.page;
    await admin.open("Settings and calendar");
    await admin.field("Enabling the Intelligent TT Filling Feature").check();
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await p.getByText("Saved tenant settings").waitFor();
    await admin.open("Agents");
    await p.getByRole("row").filter({ hasText: cc.agent.employeeId }).first().click();
    await admin.settled();
    await admin.field("Intelligent Recognition").check();
    await admin.field("Smart Form Filling").check();
    await admin.save({ heading: "Agents" }, "agent-smart-form-filling");

    const a = await agent(cc);
    const c = await customer(tryUrl, "Ann");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await say(c, "Hello, my name is Ann Lee and my parcel has not arrived");
    await say(c, "Order number A-20240501, call me on +86 138 0013 8000 or ann@example.com");
    const agentLog = a.getByRole("list", { name: /Messages with Ann/ });
    await agentLog.getByText(/Order number A-20240501/).waitFor();

    await a.getByRole("button", { name: "Create case" }).click();
    const form = a.getByRole("form", { name: "New case" });
    await form.getByText(/Smart Form Filling filled in/).waitFor();
    expect(await form.getByLabel("Customer name").inputValue()).toBe("Ann Lee");
    expect(await form.getByLabel("Phone").inputValue()).toBe("+86 138 0013 8000");
    expect(await form.getByLabel("E-mail").inputValue()).toBe("ann@example.com");
    expect(await form.getByLabel("Order number").inputValue()).toBe("A-20240501");
    expect(await form.getByLabel("Title").inputValue()).toBe(
      "Hello, my name is Ann Lee and my parcel has not arrived",
    );
    // the agent corrects what they need to, then saves
    await form.getByLabel("Title").fill("Parcel A-20240501 not arrived");
    await form.getByLabel("Priority").selectOption({ label: "High" });
    await shot(a, "cases-workbench-form");
    await form.getByRole("button", { name: "Create case" }).click();
    await a.getByText("Case created: Parcel A-20240501 not arrived").waitFor();
    await endChat(a);

    await admin.open("Cases");
    const row = p.getByRole("row").filter({ hasText: "Parcel A-20240501 not arrived" });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      expect.any(String),
      "Parcel A-20240501 not arrived",
      "Inquiry",
      "High",
      "Open",
      "Ann Lee",
      cc.agent.name,
    ]);
    await shot(p, "cases-console-list");
    await row.click();
    await admin.heading("Case: Parcel A-20240501 not arrived").waitFor();
    await admin.settled();
    await admin.field("Status").selectOption({ label: "Resolved" });
    await admin.field("Phone").fill("12");
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await p
      .getByText(/phone must be 5–15 digits/)
      .first()
      .waitFor();
    await admin.field("Phone").fill("+86 138 0013 8001");
    await shot(p, "cases-console-editor");
    await admin.save({ heading: "Cases", row: "Parcel A-20240501 not arrived" }, "case");
    await row.getByText("Resolved").waitFor();

    const archived = await archivedRow(admin, cc.queueName, "Ann");
    await openConversation(admin, archived, "Ann");
    const cases = p.locator(".section", { has: p.getByRole("heading", { name: "Cases" }) });
    await cases.getByRole("row").filter({ hasText: "Parcel A-20240501 not arrived" }).waitFor();
    await shot(p, "cases-conversation");
    timings.casesMs = Date.now() - t;
  });

  it("a callout agent is offered a waiting customer, rejects them, then accepts the next one", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    const p = admin.page;
    await admin.open("Agents");
    await p.getByRole("row").filter({ hasText: cc.agent.employeeId }).first().click();
    await admin.settled();
    await admin.field("Platform Role").selectOption({ label: "Callout agent" });
    await admin.save({ heading: "Agents" }, "agent-callout");

    const a = await agent(cc);
    const ann = await customer(tryUrl, "Ann");
    await say(ann, "Is anyone there?");
    await widgetLog(ann).getByText(cc.robot.defaultReply).waitFor();
    await ann.getByRole("button", { name: "Transfer to Agent" }).click();
    // the offer shows the customer's latest message
    const annOffer = a.getByRole("alertdialog", { name: /Chat offered: Ann/ });
    await annOffer.getByText("Is anyone there?").waitFor();
    await annOffer.getByText(/\d+ s to answer/).waitFor();
    await shot(a, "callout-offer");
    await annOffer.getByRole("button", { name: "Reject" }).click();
    await annOffer.waitFor({ state: "detached" });

    // the agent is not offered Ann again for a while, but the next customer reaches them at once
    const bob = await customer(tryUrl, "Bob");
    await bob.getByRole("button", { name: "Transfer to Agent" }).click();
    const bobOffer = a.getByRole("alertdialog", { name: /Chat offered: Bob/ });
    await bobOffer.getByRole("button", { name: "Accept" }).click();
    await a.getByRole("list", { name: /Messages with Bob/ }).waitFor();
    await bob.getByText("You are chatting with Alice").waitFor();
    expect(await a.getByRole("alertdialog").count()).toBe(0);
    await shot(a, "callout-accepted");
    timings.calloutMs = Date.now() - t;
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

    await endChat(a);
    await c.getByText("The agent ended the chat.").waitFor();
    // The agent ended it: the widget invites an evaluation by opening its form.
    await c.getByRole("form", { name: "Rate our service" }).waitFor();
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
    const { a, c } = await customerWithAgent("Rita");
    await say(c, "before restart");
    await a
      .getByRole("list", { name: /Messages with/ })
      .getByText("before restart")
      .waitFor();

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
    // Integrators embed widget.js and its parts: nosniff, but nothing that restricts where they run.
    for (const path of ["/widget.js", "/widget-parts/evaluation.js"]) {
      const widget = await get(path);
      expect(widget.status, path).toBe(200);
      expect(widget.headers.get("content-type"), path).toMatch(/javascript/);
      expect(widget.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(widget.headers.get("x-frame-options"), path).toBeNull();
      expect(widget.headers.get("content-security-policy"), path).toBeNull();
      expect(widget.headers.get("cross-origin-resource-policy"), path).toBe("cross-origin");
    }
    // The _headers file itself is configuration, not an asset.
    expect(await (await fetch(`${origin()}/_headers`)).text()).not.toContain("X-Frame-Options");
  });

  it("the agent answers with a canned response and its variables, keeps a private note and tags the chat; the history shows both, the customer neither", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    await admin.startNew("Tags", "New tag");
    await admin.field("Name").fill("Refund");
    await admin.save({ heading: "Tags", row: "Refund" }, "tag");
    await admin.startNew("Canned responses", "New canned response");
    await admin.field("Shortcut").fill("greet");
    await admin.field("Title").fill("Greeting");
    await admin.field("Text").fill("Hello {customer.name|there}, this is {agent.name}. How can I help?");
    await admin.save({ heading: "Canned responses", row: "/greet" }, "canned-response");
    await shot(admin.page, "tools-console-canned-responses");

    const a = await agent(cc);
    const c = await customer(tryUrl, "Ada");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await a.getByRole("button", { name: /Ada/ }).waitFor();

    // "/" and a few letters list the matching canned responses; Enter inserts one, variables filled in
    const reply = a.getByLabel("Reply");
    await reply.click();
    await reply.pressSequentially("/gre");
    const option = a.getByRole("listbox", { name: "Canned responses" }).getByRole("option");
    await option.filter({ hasText: "/greet" }).waitFor();
    expect(await option.count()).toBe(1);
    expect(await option.first().getAttribute("aria-selected")).toBe("true");
    expect(await reply.getAttribute("aria-activedescendant")).toBe(await option.first().getAttribute("id"));
    await shot(a, "tools-workbench-canned-picker");
    await reply.press("Enter");
    const greeting = "Hello Ada, this is Alice. How can I help?";
    expect(await reply.inputValue()).toBe(greeting);
    expect(await a.getByRole("listbox", { name: "Canned responses" }).count()).toBe(0);
    await reply.press("Enter");
    await widgetLog(c).getByText(greeting).waitFor();

    // Escape keeps a literal "/"; the picker's footer opens the agent's own canned responses
    await reply.pressSequentially("/");
    await option.first().waitFor();
    await reply.press("Escape");
    expect(await option.count()).toBe(0);
    await reply.fill("");
    await reply.pressSequentially("/");
    await a.getByRole("button", { name: "My canned responses…" }).click();
    const mine = a.getByRole("dialog", { name: "My canned responses" });
    await mine.getByLabel("Shortcut").fill("bye");
    await mine.getByLabel("Title").fill("Goodbye");
    await mine.getByLabel("Text").fill("Bye {customer.name}, have a nice day!");
    await mine.getByRole("button", { name: "Add" }).click();
    await mine.getByText("/bye").waitFor();
    await shot(a, "tools-workbench-my-canned-responses");
    await mine.getByRole("button", { name: "Close" }).click();
    await reply.fill("");
    await reply.pressSequentially("/by");
    await option.filter({ hasText: "mine" }).waitFor();
    await reply.press("Enter");
    expect(await reply.inputValue()).toBe("Bye Ada, have a nice day!");
    await reply.fill("");

    // a private note and a tag: staff only
    const note = "VIP customer: refund approved by Lin";
    await a.getByText(/^Private notes/).click();
    await a.getByLabel("Add a private note").fill(note);
    await a.getByRole("button", { name: "Add note" }).click();
    await a.getByRole("list", { name: "Private notes" }).getByText(note).waitFor();
    await a.getByLabel("Add a tag").selectOption({ label: "Refund" });
    await a.getByRole("button", { name: "Remove tag Refund" }).waitFor();
    await shot(a, "tools-workbench-note-and-tag");
    await say(c, "Thank you!");
    await a
      .getByRole("list", { name: /Messages with Ada/ })
      .getByText("Thank you!")
      .waitFor();
    const widgetText = () =>
      c.evaluate(() => document.getElementById("edgechat")?.shadowRoot?.textContent ?? "");
    expect(await widgetText()).toContain(greeting);
    expect(await widgetText()).not.toContain("refund approved");
    expect(await widgetText()).not.toContain("Refund");

    await endChat(a);
    await c.getByText("The agent ended the chat.").waitFor();
    expect(await widgetText()).not.toContain("refund approved");

    // the history filters by the tag and shows the note, marked as one, in the transcript
    const row = await archivedRow(admin, cc.queueName, "Ada");
    await admin.field("Tag").selectOption({ label: "Refund" });
    await admin.settled();
    await row.waitFor();
    expect(await row.getByRole("cell").nth(7).textContent()).toBe("Refund");
    await shot(admin.page, "tools-history-by-tag");
    await openConversation(admin, row, "Ada");
    const transcript = admin.page.locator(".transcript");
    await transcript.getByText(greeting).waitFor();
    const noteLine = transcript.locator(".msg-note", { hasText: note });
    await noteLine.waitFor();
    expect(await noteLine.locator(".msg-meta").textContent()).toMatch(
      /^Private note · Alice · .* · staff only$/,
    );
    const tags = admin.page.locator(".section", { has: admin.page.getByRole("heading", { name: "Tags" }) });
    await tags.getByRole("button", { name: "Remove tag Refund" }).waitFor();
    await shot(admin.page, "tools-history-conversation");
    timings.toolsMs = Date.now() - t;
  });

  it("admin adds a signed webhook and sends a test event, creates and revokes an API token, and reads both in the audit log", async () => {
    const t = Date.now();
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    const port = await freePort();
    await new Promise<void>((ok) => receiver.listen(port, "127.0.0.1", ok));
    try {
      const admin = await signedInAdmin("integration");
      const p = admin.page;
      await admin.startNew("Webhooks", "New webhook endpoint");
      await admin.field("URL").fill(`http://127.0.0.1:${port}/hooks`);
      await admin.field("Description").fill("CRM");
      await p.getByLabel("message.created", { exact: true }).check();
      await admin.snap("webhook-form");
      await p.getByRole("button", { name: "Save", exact: true }).click();
      await admin.heading("Webhook endpoint").waitFor();
      const secret = (await p.getByTestId("shown-once").textContent()) ?? "";
      expect(secret).toMatch(/^whsec_/);
      await p.getByRole("button", { name: "Send test event" }).click();
      await p.getByText(/Test event delivered \(HTTP 204\)/).waitFor();
      await p.getByRole("button", { name: "Refresh" }).click();
      await p.getByRole("row").filter({ hasText: "webhook.test" }).getByText("Delivered").waitFor();
      await admin.snap("webhook-tested");
      // The receiver checks the signature the way the README says.
      expect(received).toHaveLength(1);
      const { headers, body } = received[0]!;
      const { t: sentAt, v1 } = Object.fromEntries(
        String(headers["x-edgecs-signature"])
          .split(",")
          .map((part) => part.split("=", 2)),
      );
      const expected = createHmac("sha256", secret).update(`${sentAt}.${body}`).digest();
      expect(timingSafeEqual(Buffer.from(v1 ?? "", "hex"), expected)).toBe(true);
      expect(headers["x-edgecs-event-id"]).toBe(JSON.parse(body).id);

      await admin.open("API tokens");
      await p.getByRole("button", { name: "New", exact: true }).click();
      await admin.field("Name").fill("Reporting");
      await p.getByLabel(/^config:read:/).check();
      await p.getByRole("button", { name: "Create token" }).click();
      const token = (await p.getByTestId("shown-once").textContent()) ?? "";
      expect(token).toMatch(/^ecs_pat_/);
      await p.getByRole("row").filter({ hasText: "Reporting" }).getByText("Active").waitFor();
      await admin.snap("api-token-created");
      const call = () =>
        fetch(`${origin()}/api/v1/org-units`, { headers: { authorization: `Bearer ${token}` } });
      expect((await call()).status).toBe(200);
      await p
        .getByRole("row")
        .filter({ hasText: "Reporting" })
        .getByRole("button", { name: "Revoke" })
        .click();
      await p.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
      await p
        .getByRole("row")
        .filter({ hasText: "Reporting" })
        .getByText(/Revoked/)
        .waitFor();
      expect((await call()).status).toBe(401);

      await admin.open("Audit log");
      for (const change of ["POST /webhooks", "POST /api-tokens", "DELETE /api-tokens/:id"])
        await p.getByRole("row").filter({ hasText: change }).first().waitFor();
      await p.getByRole("row").filter({ hasText: "POST /api-tokens" }).locator("summary").click();
      await p.getByRole("cell", { name: "[redacted]", exact: true }).first().waitFor();
      expect(await p.content()).not.toContain(token);
      await admin.snap("audit-log");
    } finally {
      receiver.close();
    }
    timings.integrationMs = Date.now() - t;
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
      ["Canned responses", "Canned responses", "New canned response"],
      ["Tags", "Tags", "New tag"],
      ["Settings and calendar", "Settings and calendar"],
      ["Privacy requests", "Privacy requests"],
      ["Webhooks", "Webhooks", "New webhook endpoint"],
      ["API tokens", "API tokens"],
      ["Audit log", "Audit log"],
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

/** The channel's logo, served to the browser in place of its https address (there is no network). */
const LOGO_URL = "https://logo.e2e.example/acme.svg";
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#0b6e4f"/><path d="M9 22l7-13 7 13z" fill="#fff"/></svg>';
async function serveLogo(p: Page): Promise<void> {
  await p.context().route(LOGO_URL, (r) => r.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }));
}

const BRANDING = {
  "Primary colour": "#ffd400",
  Logo: LOGO_URL,
  Greeting: "Acme Help Desk",
  "Welcome text": "Hi! We answer within a minute.",
  "Launcher label": "Ask Acme",
};
/** #ffd400 and the text colour chosen for it (black: white would reach only 1.5:1). */
const YELLOW = "rgb(255, 212, 0)";
const BLACK = "rgb(0, 0, 0)";

const css = (l: Locator, property: string) =>
  l.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property);

/**
 * Screenshots `element` on the page as it is, then with the hostile stylesheet added, and compares
 * them; saves both, the diff image and the counts under `e2e/results/widget-hostile-<name>*`.
 */
async function hostileComparison(p: Page, element: Locator, name: string) {
  await p.mouse.move(0, 0);
  const options = { animations: "disabled", caret: "hide" } as const;
  const clean = await element.screenshot({
    ...options,
    path: join(RESULTS, `widget-hostile-${name}-clean.png`),
  });
  // A constructed stylesheet: host-page CSS like any other, which the Try page's CSP (no inline
  // styles) lets the page itself add.
  await p.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, HOSTILE_CSS);
  // The page itself is restyled (so the stylesheet did apply) while the widget is not.
  expect(await css(p.locator("body"), "direction")).toBe("rtl");
  const hostile = await element.screenshot({
    ...options,
    path: join(RESULTS, `widget-hostile-${name}-hostile.png`),
  });
  await shot(p, `widget-hostile-${name}-page`);
  await p.evaluate(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1);
  });
  const diff = await comparePngs(p.context(), clean, hostile);
  writeFileSync(join(RESULTS, `widget-hostile-${name}-diff.png`), diff.diffPng);
  const { diffPng: _png, ...counts } = diff;
  writeFileSync(join(RESULTS, `widget-hostile-${name}.json`), `${JSON.stringify(counts, null, 2)}\n`);
  return counts;
}

describe("the widget on any host page", () => {
  afterEach(closeAllAndCheck);

  it("wears the branding set in the console, looks the same under a hostile host stylesheet and fills a phone screen", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    await serveLogo(admin.page);
    const cc = { ...plan(), branding: BRANDING };
    const { tryUrl } = await admin.callCentre(cc);
    // The saved branding comes back into the editor and its preview.
    await admin.page.getByRole("tab", { name: "Configuration" }).click();
    const preview = admin.page.getByRole("figure", { name: "Widget preview" });
    await preview.getByText("Acme Help Desk").waitFor();
    expect(await css(preview.getByTestId("brand-header"), "background-color")).toBe(YELLOW);
    expect(await css(preview.getByTestId("brand-launcher"), "color")).toBe(BLACK);
    await preview.scrollIntoViewIfNeeded();
    await shot(admin.page, "branding-console-preview");

    // The Try page: launcher, dialog header, logo and welcome text in the channel's branding.
    const c = await person("customer");
    await serveLogo(c);
    await c.goto(tryUrl);
    const launcher = c.locator("#edgechat .launcher");
    await launcher.getByText("Ask Acme").waitFor();
    expect(await css(launcher, "background-color")).toBe(YELLOW);
    expect(await css(launcher, "color")).toBe(BLACK);
    expect(await css(c.getByRole("button", { name: "Apply and open chat" }), "background-color")).toBe(
      YELLOW,
    );
    await shot(c, "branding-try-page-launcher");
    await c.getByLabel("Name").fill("Bea");
    await c.getByRole("button", { name: "Apply and open chat" }).click();
    const dialog = c.getByRole("dialog", { name: /Acme Help Desk/ });
    await dialog.waitFor();
    expect(await css(c.locator("#edgechat header"), "background-color")).toBe(YELLOW);
    expect(await css(c.locator("#edgechat header h2"), "color")).toBe(BLACK);
    const logo = c.locator("#edgechat header img");
    expect(await logo.getAttribute("src")).toBe(LOGO_URL);
    expect(await logo.getAttribute("referrerpolicy")).toBe("no-referrer");
    await expect.poll(() => logo.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    expect(await texts(c, "#edgechat ol.log li .text")).toEqual(["Hi! We answer within a minute."]);
    await say(c, "When is shipping?");
    await widgetLog(c).getByText(cc.robot.reply).waitFor();
    expect(await css(c.locator("#edgechat li.mine .text"), "background-color")).toBe(YELLOW);
    await shot(c, "branding-try-page-dialog");

    // Hostile host CSS: the open dialog, then the closed launcher, identical with and without it.
    const open = await hostileComparison(c, c.locator("#edgechat .dialog"), "dialog");
    expect(open.sameSize).toBe(true);
    expect(open.ratio, `${open.differing} of ${open.width}×${open.height} pixels differ`).toBeLessThan(0.005);
    await c.getByRole("button", { name: "Close chat" }).click();
    await launcher.waitFor();
    const closed = await hostileComparison(c, launcher, "launcher");
    expect(closed.sameSize).toBe(true);
    expect(
      closed.ratio,
      `${closed.differing} of ${closed.width}×${closed.height} pixels differ`,
    ).toBeLessThan(0.005);

    // A phone: launcher where data-position/data-offset put it, the dialog on the whole screen.
    const phone = await person("phone customer", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await serveLogo(phone);
    await phone.goto(`${tryUrl}?position=bottom-left&offset=16,90`);
    const phoneLauncher = phone.locator("#edgechat .launcher");
    await phoneLauncher.getByText("Ask Acme").waitFor();
    const at = await phoneLauncher.boundingBox();
    expect(at && [Math.round(at.x), Math.round(844 - at.y - at.height)]).toEqual([16, 90]);
    await shot(phone, "phone-390x844-launcher");
    await phone.getByLabel("Name").fill("Pia");
    await phone.getByRole("button", { name: "Apply and open chat" }).click();
    await phone.getByRole("dialog", { name: /Acme Help Desk/ }).waitFor();
    const box = async () => {
      const b = await phone.locator("#edgechat .dialog").boundingBox();
      return b && [b.x, b.y, b.width, b.height].map(Math.round);
    };
    await expect.poll(box).toEqual([0, 0, 390, 844]);
    expect(Number.parseFloat(await css(phone.locator("#ec-input"), "font-size"))).toBeGreaterThanOrEqual(16);
    const closeButton = phone.getByRole("button", { name: "Close chat" });
    const closeBox = await closeButton.boundingBox();
    expect(closeBox && closeBox.y >= 0 && closeBox.x + closeBox.width <= 390 && closeBox.height >= 44).toBe(
      true,
    );
    await say(phone, "When is shipping?");
    await widgetLog(phone).getByText(cc.robot.reply).waitFor();
    await shot(phone, "phone-390x844-dialog");
    await phone.setViewportSize({ width: 375, height: 667 });
    await expect.poll(box).toEqual([0, 0, 375, 667]);
    await shot(phone, "phone-375x667-dialog");
    await closeButton.click();
    await phoneLauncher.waitFor();
    timings.brandingMs = Date.now() - t;
  });

  it("a reply while the dialog is closed shows an unread badge and a preview; opening clears them", async () => {
    const t = Date.now();
    const { a, c } = await customerWithAgent("Uma");
    await c.getByText("You are chatting with Alice").waitFor();
    await c.getByRole("button", { name: "Close chat" }).click();
    const launcher = c.locator("#edgechat .launcher");
    await launcher.waitFor();
    const badge = c.locator("#edgechat .badge");
    expect(await badge.isVisible()).toBe(false);

    const long =
      "Your parcel left our warehouse this morning and should arrive on Thursday; the tracking number follows by email.";
    await a.getByLabel("Reply").fill(long);
    await a.getByLabel("Reply").press("Enter");
    await expect.poll(() => badge.textContent()).toBe("1");
    const previewText = c.locator("#edgechat .preview .open");
    // The first 79 characters ("…the ") without the space they end with, then "…": 80 in all.
    expect(await previewText.textContent()).toBe(`New message: ${long.slice(0, 78)}…`);
    expect(long[78]).toBe(" ");
    expect(await launcher.getAttribute("aria-label")).toBe("Chat with us (1 unread)");
    await shot(c, "unread-badge-preview");

    await a.getByLabel("Reply").fill("<b>Anything else?</b>");
    await a.getByLabel("Reply").press("Enter");
    await expect.poll(() => badge.textContent()).toBe("2");
    await expect.poll(() => previewText.textContent()).toBe("New message: <b>Anything else?</b>");
    expect(await c.locator("#edgechat .preview b").count()).toBe(0);
    // Dismissing the preview keeps the count.
    await c.getByRole("button", { name: "Dismiss" }).click();
    expect(await c.locator("#edgechat .preview").isVisible()).toBe(false);
    expect(await badge.textContent()).toBe("2");
    await shot(c, "unread-badge-dismissed");

    await launcher.click();
    await widgetLog(c).getByText("<b>Anything else?</b>", { exact: true }).waitFor();
    await widgetLog(c).getByText(long).waitFor();
    await c.getByRole("button", { name: "Close chat" }).click();
    await launcher.waitFor();
    expect(await badge.isVisible()).toBe(false);
    expect(await c.locator("#edgechat .preview").isVisible()).toBe(false);
    expect(await launcher.getAttribute("aria-label")).toBe("Chat with us");
    timings.unreadMs = Date.now() - t;
  });

  it("off hours: the customer leaves a message with an email; an agent answers it from the Messages inbox; the customer comes back to the reply and an unread badge", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl, channelId } = await admin.callCentre(cc);
    // No agent work time today (closed all day), contact details required with a left message.
    const p = admin.page;
    await p.goto(`${origin()}/channels/${channelId}`);
    await admin.heading(`Channel ${cc.channelAccessCode}`).waitFor();
    await admin.settled();
    const workTime = p.locator(".section", { has: p.getByRole("heading", { name: "Agent Work Time" }) });
    for (let n = await workTime.getByRole("button", { name: "Remove" }).count(); n > 0; n--)
      await workTime.getByRole("button", { name: "Remove" }).first().click();
    await expect.poll(() => workTime.getByText("No segments: closed all day.").count()).toBe(2);
    await admin.field("Contact details").selectOption({ label: "Required: email or phone" });
    await admin.field("Days a message waits for an agent").fill("3");
    await p
      .locator(".section", { has: p.getByRole("heading", { name: "Leave a message" }) })
      .scrollIntoViewIfNeeded();
    await shot(p, "left-message-channel-settings");
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await p.getByText(`Saved channel ${cc.channelAccessCode}`).waitFor();

    // The customer types, then asks for an agent: only the off-hours notice, then the form with their draft.
    const c = await customer(tryUrl, "Olga");
    await c.locator("#ec-input").fill("My order 42 has not arrived");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await widgetLog(c).getByText("Our agents are outside working hours.").waitFor();
    expect(await widgetLog(c).getByText("Transferring you to an agent…").count()).toBe(0);
    const form = c.getByRole("form", { name: "Leave a message" });
    await form.waitFor();
    expect(await c.locator("#ec-leave-text").inputValue()).toBe("My order 42 has not arrived");
    expect(await c.locator("#ec-input").inputValue()).toBe("");
    await form.getByLabel("Email or phone").fill("olga@example.com");
    await shot(c, "left-message-form");
    await form.getByRole("button", { name: "Leave message" }).click();
    await c.getByText("Thank you, your message was left.", { exact: false }).waitFor();
    await widgetLog(c).getByText("My order 42 has not arrived").waitFor();
    await shot(c, "left-message-confirmed");
    await c.getByRole("button", { name: "Close chat" }).click();
    const customerContext = c.context();
    await c.close();

    // The history lists it as a left message waiting for an agent, with the email.
    await admin.open("Conversation history");
    await admin.field("Left messages").selectOption({ label: "Waiting for an agent" });
    const waitingRow = p.getByRole("row").filter({ hasText: "olga@example.com" });
    await expect
      .poll(
        async () => {
          await admin.settled();
          if ((await waitingRow.count()) > 0) return true;
          await p.reload();
          await admin.heading("Conversation history").waitFor();
          await admin.field("Left messages").selectOption({ label: "Waiting for an agent" });
          return false;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    expect(await waitingRow.first().textContent()).toContain("Left message (waiting)");
    await shot(p, "left-message-history");

    // Next day: the agent picks it up from the Messages inbox and answers.
    const a = await agent(cc);
    const inbox = a.getByRole("region", { name: /Messages/ });
    await inbox.getByText("My order 42 has not arrived").waitFor();
    await inbox.getByText("olga@example.com", { exact: false }).waitFor();
    await shot(a, "left-message-inbox");
    await inbox.getByRole("button", { name: /Pick up the message from Olga/ }).click();
    const agentLog = a.getByRole("list", { name: /Messages with Olga/ });
    await agentLog.getByText("My order 42 has not arrived").waitFor();
    await inbox.getByText("No left messages.").waitFor();
    await a.getByLabel("Reply").fill("Hello Olga, your parcel ships tomorrow.");
    await a.getByLabel("Reply").press("Enter");
    await agentLog.getByText("Hello Olga, your parcel ships tomorrow.").waitFor();
    await shot(a, "left-message-answered");
    await endChat(a);

    // The customer comes back to the site: the launcher shows the reply and an unread badge.
    const back = await customerContext.newPage();
    await back.goto(tryUrl);
    const badge = back.locator("#edgechat .badge");
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toBe("2");
    await expect
      .poll(() => back.locator("#edgechat .preview .open").textContent())
      .toBe("New message: Hello Olga, your parcel ships tomorrow.");
    await shot(back, "left-message-return-badge");
    await back.locator("#edgechat .launcher").click();
    await widgetLog(back).getByText("Hello Olga, your parcel ships tomorrow.").waitFor();
    await widgetLog(back).getByText("My order 42 has not arrived").waitFor();
    await back.getByRole("button", { name: "Evaluation" }).waitFor();
    await shot(back, "left-message-return-reply");
    timings.leftMessageMs = Date.now() - t;
  });
});

describe("integrators get it right first time", () => {
  afterEach(closeAllAndCheck);

  it("a refused page tells the customer only that chat is unavailable and the integrator how to fix it; the admin allows it, sets a pre-chat form; the customer fills it first and the agent and the history see the values", async () => {
    const t = Date.now();
    const admin = await signedInAdmin("prechat-admin");
    const cc = plan();
    const { channelId } = await admin.callCentre(cc);
    const p = admin.page;

    // The channel asks for a name, an email and a topic; a bad key is explained next to its field.
    await p.getByRole("tab", { name: "Configuration" }).click();
    await admin.field("Ask customers for details before the chat").check();
    await p.getByRole("button", { name: "Add name field" }).click();
    await p.getByRole("button", { name: "Add email field" }).click();
    await p.getByRole("button", { name: "Add choice list field" }).click();
    await admin.field("Field 3 required").check();
    await admin.field("Field 2 key").fill("e-mail");
    await p.getByRole("button", { name: "Save", exact: true }).click();
    const keyError = p.getByRole("group", { name: "Field 2: Email" }).getByRole("alert");
    await keyError.getByText("key may contain only letters, digits and _, starting with a letter").waitFor();
    await p.getByRole("group", { name: "Field 1: Your name" }).scrollIntoViewIfNeeded();
    await admin.snap("pre-chat-form-invalid-key");
    await admin.field("Field 2 key").fill("email");
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await p.getByText(`Saved channel ${cc.channelAccessCode}`).waitFor();

    // A shop page on another origin embeds the widget: the customer reads a neutral notice, the
    // browser console names the origin and the fix, and the refusal shows on the Integration tab.
    const shop = `http://localhost:${new URL(origin()).port}`;
    // widget.js has no CSP of its own, so the page written over it runs our inline script
    const shopPage = `${shop}/widget.js`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1><script>addEventListener("edgechat:ready", () => EdgeChat.setUser({ name: "Grace Hopper" }));</script><script src="${origin()}/widget.js" data-channel="${channelId}" async></script></body></html>`;
    const c = await person("customer");
    // A page of the other origin (localhost) that Chromium counts as loopback like the API, so its
    // local-network checks let it call the API: a real response of that origin, then our HTML.
    const openShop = async () => {
      await c.goto(shopPage);
      await c.setContent(html);
    };
    const consoleErrors: string[] = [];
    c.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    const launcher = c.locator("#edgechat .launcher");
    await problems.tolerating(/EdgeChat: This page's origin|status of 403/, async () => {
      await openShop();
      await launcher.click();
      await c.locator("#edgechat").getByText("Chat is unavailable on this page.", { exact: true }).waitFor();
      await expect
        .poll(() => consoleErrors.find((e) => e.startsWith("EdgeChat:")))
        .toBe(
          `EdgeChat: This page's origin ${shop} is not allowed to open this channel: add ${shop} to the channel's Allowed Origins in the console (Channels → the channel → Integration instructions)`,
        );
    });
    await shot(c, "prechat-refused-origin-widget");

    await p.getByRole("tab", { name: "Integration instructions" }).click();
    const refused = p.getByRole("table", { name: "Origins refused in the last 7 days" });
    await refused.getByRole("row").filter({ hasText: shop }).waitFor();
    await p.getByText("This console's own origin").waitFor();
    await refused.scrollIntoViewIfNeeded();
    await admin.snap("integration-refused-origin");
    await refused.getByRole("button", { name: `Allow ${shop}` }).click();
    await p.getByText("No page was refused in the last 7 days.").waitFor();
    await p.getByRole("button", { name: `Remove ${shop}`, exact: true }).waitFor();
    await admin.snap("integration-origin-allowed");

    // Now the shop page works: the form comes first, before the chatbot; the setUser name fills it.
    const a = await agent(cc, "prechat-workbench");
    await openShop();
    await c.locator("#edgechat").getByRole("heading", { name: "Before we start" }).waitFor();
    const widget = c.locator("#edgechat");
    expect(await widget.getByLabel("Your name").inputValue()).toBe("Grace Hopper");
    expect(await widget.locator("#ec-input").isVisible()).toBe(false);
    await widget.getByLabel("Email").fill("grace@");
    await widget.getByRole("button", { name: "Start chat" }).click();
    await widget.getByText("Email: enter an email address such as name@example.com.").waitFor();
    await widget.getByText("Please fill in Topic.").waitFor();
    await shot(c, "prechat-widget-form-errors");
    await widget.getByLabel("Email").fill("grace@example.com");
    await widget.getByLabel("Topic").selectOption("Support");
    await widget.getByRole("button", { name: "Start chat" }).click();
    await widget.locator("#ec-input").waitFor();
    await c.getByRole("button", { name: "Transfer to Agent" }).click();

    await a.getByRole("button", { name: /Grace Hopper \(unverified\)/ }).waitFor();
    const details = a.getByRole("region", { name: "Customer details" });
    const shown: [string, string][] = [
      ["Your name", "Grace Hopper"],
      ["Email", "grace@example.com"],
      ["Topic", "Support"],
    ];
    for (const [label, value] of shown)
      await details
        .locator("div", { has: a.getByText(label, { exact: true }) })
        .getByText(value)
        .waitFor();
    await shot(a, "prechat-workbench-customer-details");

    // A reload mid-chat does not ask again: the conversation already has the values.
    await say(c, "Hello from the shop");
    await a
      .getByRole("list", { name: /Messages with Grace/ })
      .getByText("Hello from the shop")
      .waitFor();
    await openShop();
    await widget.locator("#ec-input").waitFor();
    await widgetLog(c).getByText("Hello from the shop").waitFor();
    expect(await widget.getByRole("heading", { name: "Before we start" }).count()).toBe(0);
    await shot(c, "prechat-widget-after-reload");

    await endChat(a);
    await c.getByText("The agent ended the chat.").waitFor();
    const row = await archivedRow(admin, cc.queueName, "Grace Hopper");
    await openConversation(admin, row, "Grace Hopper");
    const history = p.locator(".section", { has: p.getByRole("heading", { name: "Customer details" }) });
    for (const value of ["Grace Hopper", "grace@example.com", "Support"])
      await history.getByText(value, { exact: true }).waitFor();
    await admin.snap("conversation-customer-details");
    timings.preChatMs = Date.now() - t;
  });
});

describe("the agent desk", () => {
  afterEach(closeAllAndCheck);

  it("tells two customers apart by name, message and page, and continues after a reload with chats and drafts", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    const a = await agent(cc);
    const chats = a.getByRole("list", { name: "Chats" });

    // Chen typed her name on the site (setUser): shown as unverified; she asks in Chinese with a link.
    const chen = await customer(tryUrl, "Chen Wei");
    await chen.getByRole("button", { name: "Transfer to Agent" }).click();
    await say(chen, "我的订单在哪里？ https://shop.example/order/42");
    // The second visitor gives no name and reads the pricing page of a single-page site.
    const anon = await person("customer");
    await anon.goto(tryUrl);
    await anon.evaluate(() => {
      document.title = "Pricing plans";
      history.pushState(null, "", "#pricing");
    });
    await anon.getByRole("button", { name: "Apply and open chat" }).click();
    await anon.getByRole("dialog", { name: /Online Customer Service/ }).waitFor();
    await anon.getByRole("button", { name: "Transfer to Agent" }).click();
    await say(anon, "Is the Pro plan billed monthly?");

    const chenRow = chats.getByRole("button", { name: /Chen Wei \(unverified\)/ });
    await chenRow.getByText("我的订单在哪里？ https://shop.example/order/42").waitFor();
    const anonRow = chats.getByRole("button", { name: /^Visitor \d{4}/ });
    await anonRow.getByText("Is the Pro plan billed monthly?").waitFor();
    await anonRow.getByText("Pricing plans").waitFor();
    await chenRow.getByText(/^Try channel /).waitFor();
    const alias = ((await anonRow.locator(".name").textContent()) ?? "").trim();
    expect(alias).toMatch(/^Visitor \d{4}$/);
    for (const row of [chenRow, anonRow]) {
      expect(await row.textContent()).toContain(cc.queueName);
      await row.getByText(/^waiting \d+ (s|min)$/).waitFor();
    }
    // Both wait for an answer: the one waiting longest (Chen) comes first.
    expect(await chats.locator(".name").allTextContents()).toEqual(["Chen Wei (unverified)", alias]);

    // Chen's chat with the customer beside it: language, page, browser; her link opens safely.
    await chenRow.click();
    const chenPane = a.getByRole("region", { name: "Chat with Chen Wei (unverified)" });
    const link = chenPane.getByRole("link", { name: "https://shop.example/order/42" });
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await link.getAttribute("target")).toBe("_blank");
    const panel = a.getByRole("complementary", { name: "Customer" });
    await panel.getByText("Typed by the customer (unverified)").waitFor();
    await panel.getByText(/^Chrome \d+ on Linux$/).waitFor();
    await panel.getByText("en-US").waitFor();
    await panel.getByText("None before this one.").waitFor();
    await a.getByLabel("Reply").fill("Let me check order 42 for you.");
    await shot(a, "desk-two-customers-chen");

    // The draft stays with Chen; the visitor's reply box starts empty and takes an emoji.
    await anonRow.click();
    const anonPane = a.getByRole("region", { name: `Chat with ${alias}` });
    await panel.getByText("Not given (anonymous visitor)").waitFor();
    await panel.getByText("Pricing plans").waitFor();
    expect(await a.getByLabel("Reply").inputValue()).toBe("");
    await a.getByLabel("Reply").fill("Yes, every month ");
    await a.getByRole("button", { name: "Insert emoji" }).click();
    await a.getByRole("button", { name: "Insert 👍" }).click();
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(anon).getByText("Yes, every month 👍").waitFor();
    await a.getByLabel("Reply").fill("Anything else I can help with?");
    await a.getByLabel("Sound").uncheck();
    await shot(a, "desk-two-customers-visitor");

    // A reload: no sign-in, no Connect; the queue, both chats, the open chat and both drafts are back.
    await a.reload();
    await a.getByRole("status", { name: "Connection" }).filter({ hasText: "open" }).waitFor();
    expect(await a.getByRole("checkbox", { name: new RegExp(cc.queueName) }).isChecked()).toBe(true);
    await anonPane.waitFor();
    expect(await a.getByLabel("Reply").inputValue()).toBe("Anything else I can help with?");
    await anonPane.getByText("Yes, every month 👍").waitFor();
    expect(await chats.locator(".name").allTextContents()).toEqual(["Chen Wei (unverified)", alias]);
    expect(await a.getByLabel("Sound").isChecked()).toBe(false);
    await shot(a, "desk-after-reload");
    await chenRow.click();
    await chenPane.waitFor();
    expect(await a.getByLabel("Reply").inputValue()).toBe("Let me check order 42 for you.");
    await a.getByLabel("Reply").fill("It ships today: https://shop.example/track/42.");
    await a.getByLabel("Reply").press("Enter");
    const track = widgetLog(chen).getByRole("link", { name: "https://shop.example/track/42" });
    await track.waitFor();
    expect(await track.getAttribute("rel")).toBe("noopener noreferrer");
    await shot(chen, "desk-widget-link");

    // Ending asks first; cancelling keeps the chat.
    await chenPane.getByRole("button", { name: "End chat" }).click();
    const ask = a.getByRole("alertdialog", { name: "End this chat?" });
    await ask.getByText("The chat with Chen Wei (unverified) ends for both of you.").waitFor();
    await shot(a, "desk-end-confirmation");
    await ask.getByRole("button", { name: "Cancel" }).click();
    expect(await chenPane.getByRole("button", { name: "End chat" }).isEnabled()).toBe(true);
    await endChat(a);
    await chen.getByText("The agent ended the chat.").waitFor();
    timings.deskMs = Date.now() - t;
  });

  it("the robot assistant, turned on for the channel in the console, suggests a reply the agent takes; a question it does not know gets none", async () => {
    const t = Date.now();
    const admin = await signedInAdmin();
    const cc = plan();
    const { tryUrl } = await admin.callCentre(cc);
    const p = admin.page;

    // A robot of kind assistant (no default reply: an unknown question gets no suggestion)...
    const helper = { name: "Desk Helper", accessCode: `aid_${cc.tag}` };
    const answer = "Refunds reach your card within 3 working days of the parcel coming back to us.";
    await admin.startNew("Robots", "New robot");
    await admin.field("Name").fill(helper.name);
    await admin.field("Robot Access Code").fill(helper.accessCode);
    await admin.field("Robot Type").selectOption({ label: "Robot assistant" });
    await p.getByRole("button", { name: "Add intent" }).click();
    await admin.addChip("Keywords of intent 1", "refund");
    await admin.field("Reply of intent 1").fill(answer);
    await shot(p, "assistant-console-robot");
    await admin.save({ heading: "Robots", row: helper.accessCode }, "assistant-robot");
    await p.getByRole("row").filter({ hasText: helper.accessCode }).getByText("Robot assistant").waitFor();

    // ...turned on for the channel, listening in the channel's own skill queue.
    await admin.open("Channels");
    await p.getByRole("link", { name: cc.channelAccessCode, exact: true }).click();
    await admin.heading(`Channel ${cc.channelAccessCode}`).waitFor();
    await admin.settled();
    await admin.field("Enable robot assistant").check();
    await admin
      .field("Assistant Access Code")
      .selectOption({ label: `${helper.accessCode} — ${helper.name}` });
    await admin
      .field("SilentAgent Skill Queue")
      .selectOption({ label: `${cc.accessCode} → ${cc.queueName}` });
    const section = p.locator(".section", {
      has: p.getByRole("heading", { name: "Robot Assistant Configuration" }),
    });
    await section.scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(RESULTS, "assistant-console-channel.png") });
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await p.getByText(`Saved channel ${cc.channelAccessCode}`).waitFor();

    const a = await agent(cc);
    const c = await customer(tryUrl, "Gina");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await a.getByRole("button", { name: /Gina/ }).waitFor();
    await c.getByText("You are chatting with Alice").waitFor();
    const pane = a.getByRole("region", { name: "Chat with Gina (unverified)" });
    const suggestions = pane.getByRole("list", { name: "Robot assistant suggestions" });

    // A question the robot knows: the agent sees its reply beside the chat, never the customer.
    await say(c, "How long does a REFUND take?");
    await pane.getByText("How long does a REFUND take?").waitFor();
    const item = suggestions.getByRole("listitem");
    await expect.poll(() => item.allTextContents()).toEqual([`${answer}64% matchUseSend`]);
    await pane.getByText("Robot assistant suggestions", { exact: true }).waitFor();
    await shot(a, "assistant-workbench-suggestion");
    await item.getByRole("button", { name: "Use" }).click();
    expect(await a.getByLabel("Reply").inputValue()).toBe(answer);
    await shot(a, "assistant-workbench-used");
    await a.getByLabel("Reply").press("Enter");
    await pane
      .getByRole("list", { name: /Messages with Gina/ })
      .getByText(answer, { exact: true })
      .waitFor();
    await widgetLog(c).getByText(answer, { exact: true }).waitFor();
    expect(await widgetLog(c).getByText(answer).count()).toBe(1);
    await shot(c, "assistant-widget-answer");

    // A question it does not know: the earlier suggestion goes and no new one comes.
    await say(c, "Do you sell gift cards?");
    await pane.getByText("Do you sell gift cards?").waitFor();
    await expect.poll(() => suggestions.count()).toBe(0);
    expect(await a.getByLabel("Reply").inputValue()).toBe("");
    await shot(a, "assistant-workbench-no-suggestion");
    timings.assistantMs = Date.now() - t;
  });

  it("files both ways: an image previews in the widget and the workbench; a PDF is a link with safe headers", async () => {
    const t = Date.now();
    const { a, c } = await customerWithAgent("Fay");
    await c.getByText("You are chatting with Alice").waitFor();
    const photo = "receipt 🧾.png";
    const chooser = c.waitForEvent("filechooser");
    await c.getByRole("button", { name: "Send a file" }).click();
    await (await chooser).setFiles({ name: photo, mimeType: "image/png", buffer: samplePng(320, 200) });
    const loaded = (img: Locator) =>
      expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(320);
    const agentLog = a.getByRole("list", { name: /Messages with Fay/ });
    await loaded(agentLog.getByRole("img", { name: photo }));
    await loaded(widgetLog(c).getByRole("img", { name: photo }));

    await a.locator(".attach input[type=file]").setInputFiles({
      name: "terms.pdf",
      mimeType: "application/pdf",
      buffer: SAMPLE_PDF,
    });
    const link = widgetLog(c).getByRole("link", { name: /terms\.pdf/ });
    await link.waitFor();
    const res = await c.request.get((await link.getAttribute("href")) ?? "");
    expect(res.headers()).toMatchObject({
      "content-type": "application/pdf",
      "x-content-type-options": "nosniff",
    });
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; /);
    await agentLog.getByRole("link", { name: /terms\.pdf/ }).waitFor();
    await shot(c, "attachments-customer");
    await shot(a, "attachments-agent");
    timings.attachmentsMs = Date.now() - t;
  });
});
