/**
 * Real-browser journeys: a customer on the Try page with the widget, an agent in the workbench,
 * the administrator's view of history, an XSS payload shown as text on both sides, a widget that
 * survives a server restart without losing a message, and console form validation.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newContext, Problems, shot } from "./support/browser";
import { buildUi, Server } from "./support/server";
import { type CallCentre, callCentre } from "./support/tenant";

let server: Server;
const contexts: BrowserContext[] = [];
let problems: Problems;

beforeAll(async () => {
  await buildUi();
  server = await Server.create();
});

afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await server?.stop();
});

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

async function page(name: string): Promise<Page> {
  const ctx = await newContext();
  contexts.push(ctx);
  const p = ctx.pages()[0] ?? (await ctx.newPage());
  problems.watch(p, name);
  return p;
}

/** The customer opens the Try page, sets a name and opens the widget. */
async function customer(cc: CallCentre, name: string): Promise<Page> {
  const p = await page("customer");
  await p.goto(`${server.origin}/try/${cc.channelId}`);
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
async function agent(cc: CallCentre): Promise<Page> {
  const p = await page("agent");
  await p.goto(`${server.origin}/workbench`);
  await p.getByLabel("Account").fill(cc.agent.account);
  await p.getByLabel("Password").fill(cc.agent.password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.getByRole("button", { name: "Connect" }).click();
  await p.getByRole("status", { name: "Connection" }).filter({ hasText: "open" }).waitFor();
  return p;
}

const widgetLog = (p: Page) => p.locator("#edgechat ol.log");
const texts = (p: Page, selector: string) => p.locator(selector).allTextContents();

describe("journeys", () => {
  beforeAll(() => {
    problems = new Problems();
  });
  afterEach(() => {
    const errors = problems.errors.splice(0);
    expect(errors, "console errors, uncaught exceptions or dialogs").toEqual([]);
  });

  it("customer chats with the robot, asks for an agent, the agent replies, the customer evaluates, history shows it", async () => {
    const cc = await callCentre(server.origin);
    // TODO(console): sign the administrator in at `/` and create the configuration through the
    // console pages; until they land `callCentre` uses the REST API the pages call.
    const a = await agent(cc);
    await shot(a, "workbench-idle");

    const c = await customer(cc, "Ann");
    await say(c, "When is shipping?");
    await widgetLog(c).getByText("Orders ship within 24 hours.").waitFor();
    await shot(c, "try-page-robot");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();

    await a.getByRole("button", { name: /Ann/ }).waitFor();
    await a
      .getByRole("list", { name: /Messages with Ann/ })
      .getByText("When is shipping?")
      .waitFor();
    await a.getByLabel("Reply").fill("Hello Ann, Alice here.");
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(c).getByText("Hello Ann, Alice here.").waitFor();
    await c.getByText("You are chatting with Alice").waitFor();
    await say(c, "Thanks!");
    await a
      .getByRole("list", { name: /Messages with Ann/ })
      .getByText("Thanks!")
      .waitFor();
    await expect
      .poll(() => c.locator("#edgechat li.mine", { hasText: "Thanks!" }).locator(".state").textContent())
      .toBe("Read");
    await shot(a, "workbench-chat");

    await c.getByRole("button", { name: "Evaluation" }).click();
    await c.getByRole("radio", { name: "4 stars" }).check();
    await c.getByLabel("Comment (optional)").fill("Quick and friendly");
    await c.getByRole("button", { name: "Confirm" }).click();
    await c.getByText("Your evaluation: 4/5. You may change it; the last one counts.").waitFor();
    await a.getByText(/Customer evaluation: .*\(4\/5\) — Quick and friendly/).waitFor();
    await shot(c, "widget-evaluated");

    await a.getByRole("button", { name: "End chat" }).click();
    await c.getByText("The agent ended the chat.").waitFor();
    await shot(c, "widget-ended");

    // The administrator's history (REST until the console's conversations page lands; TODO(console)).
    let archivedId = "";
    await expect
      .poll(
        async () => {
          const list = await cc.rest.call("GET", `/conversations?skillQueueId=${cc.skillQueueId}`);
          const found = list.body?.items?.find((x: any) => x.customerName === "Ann");
          archivedId = found?.id ?? "";
          return found ? { outcome: found.outcome, evaluation: found.evaluation } : null;
        },
        { timeout: 20_000 },
      )
      .toEqual({ outcome: "agentEnded", evaluation: { rating: 4, comment: "Quick and friendly" } });
    const archived = await cc.rest.must("GET", `/conversations/${archivedId}`);
    expect(archived.transcript.map((l: any) => l.text)).toEqual(
      expect.arrayContaining([
        "When is shipping?",
        "Orders ship within 24 hours.",
        "Hello Ann, Alice here.",
        "Thanks!",
      ]),
    );
  });

  it("an XSS payload in a message is shown as text on both sides", async () => {
    const cc = await callCentre(server.origin);
    const a = await agent(cc);
    const c = await customer(cc, "Mallory");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await a.getByRole("button", { name: /Mallory/ }).waitFor();
    const payload = "<img src=x onerror=alert(1)>";
    await say(c, payload);
    const agentLog = a.getByRole("list", { name: /Messages with Mallory/ });
    await agentLog.getByText(payload, { exact: true }).waitFor();
    await a.getByLabel("Reply").fill(`<script>alert(2)</script>${payload}`);
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(c).getByText(`<script>alert(2)</script>${payload}`, { exact: true }).waitFor();
    expect(await agentLog.locator("img, script").count()).toBe(0);
    expect(await widgetLog(c).locator("img, script").count()).toBe(0);
    await shot(c, "xss-customer");
    await shot(a, "xss-agent");
  });

  it("the widget reconnects after a server restart and loses no message, showing none twice", async () => {
    const cc = await callCentre(server.origin);
    const a = await agent(cc);
    const c = await customer(cc, "Rita");
    await c.getByRole("button", { name: "Transfer to Agent" }).click();
    await a.getByRole("button", { name: /Rita/ }).waitFor();
    await say(c, "before restart");
    await a.getByText("before restart").waitFor();

    await problems.tolerating(
      /ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|Failed to load resource/,
      async () => {
        await server.stop();
        await say(c, "while the server is down");
        await c
          .locator("#edgechat li.mine", { hasText: "while the server is down" })
          .locator(".state", { hasText: "Sending" })
          .waitFor();
        await c.getByText("Connection lost, reconnecting…").waitFor();
        await shot(c, "widget-offline");
        await server.start();
        await c
          .locator("#edgechat li.mine", { hasText: "while the server is down" })
          .locator(".state", { hasText: /Sent|Read/ })
          .waitFor({ timeout: 40_000 });
        await a
          .getByRole("list", { name: /Messages with Rita/ })
          .getByText("while the server is down")
          .waitFor({ timeout: 40_000 });
      },
    );
    await a.getByLabel("Reply").fill("after restart");
    await a.getByLabel("Reply").press("Enter");
    await widgetLog(c).getByText("after restart").waitFor();
    const customerSide = await texts(c, "#edgechat ol.log li .text");
    expect(customerSide.filter((t) => t === "before restart")).toHaveLength(1);
    expect(customerSide.filter((t) => t === "while the server is down")).toHaveLength(1);
    const agentSide = await texts(a, "ol.log li .text");
    expect(agentSide.filter((t) => t === "while the server is down")).toHaveLength(1);
    expect(agentSide.indexOf("before restart")).toBeLessThan(agentSide.indexOf("while the server is down"));

    await c.reload();
    await c.getByRole("dialog", { name: /Online Customer Service/ }).waitFor();
    await widgetLog(c).getByText("after restart").waitFor();
    const afterReload = await texts(c, "#edgechat ol.log li .text");
    expect(afterReload.filter((t) => t === "while the server is down")).toHaveLength(1);
    await shot(c, "widget-after-restart");
  });

  it("the console shows a validation error for Max. Waiting Time 60001", async () => {
    const cc = await callCentre(server.origin);
    const p = await page("admin");
    await p.goto(`${server.origin}/`);
    await p.getByLabel("Account").fill(cc.admin.account);
    await p.getByLabel("Password").fill(cc.admin.password);
    await p.getByRole("button", { name: /Sign in/i }).click();
    await p.goto(`${server.origin}/skill-queues/new`);
    await p.getByLabel(/Name/).first().fill("Too patient");
    const field = p.getByLabel(/Max\. Waiting Time/);
    await field.fill("60001");
    await p
      .getByRole("button", { name: /Save|Create/ })
      .first()
      .click();
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await p
      .getByText(/60000|60,000/)
      .first()
      .waitFor();
    await shot(p, "console-validation");
  });
});
