/**
 * Click to dial in real Chromium with a fake camera and microphone: a customer chatting on the Try
 * page calls the agent they chat with, by voice and then by video; the agent answers in the
 * workbench; media flows peer to peer both ways (`getStats`: inbound bytes growing on both sides);
 * either side hangs up; the transcript and the conversation history show each call with its
 * duration. Screenshots of both sides mid-call go to `e2e/results/`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, newContext, Problems, RESULTS, shot } from "./support/browser";
import { type ClickToDialCentre, clickToDialCentre } from "./support/call-centre";
import { AdminConsole } from "./support/console";
import { buildUi, Server } from "./support/server";

let server: Server | undefined;
const contexts: BrowserContext[] = [];
const problems = new Problems();
const figures: Record<string, unknown> = {};

const origin = () => {
  if (!server) throw new Error("the server did not start");
  return server.origin;
};

beforeAll(async () => {
  await buildUi();
  server = await Server.create();
});

afterAll(async () => {
  // the Worker's log of this run, for a failure's post-mortem
  writeFileSync(join(RESULTS, "calls-server.log"), server?.output() ?? "");
  await server?.dispose();
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await closeBrowser();
  writeFileSync(join(RESULTS, "calls-getstats.json"), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`call media figures: ${JSON.stringify(figures)}`);
});

/**
 * A person's page with every `RTCPeerConnection` it creates kept in `window.__pcs` (the test reads
 * `getStats()` from the latest one; the product is not changed for it).
 */
async function person(name: string): Promise<Page> {
  const ctx = await newContext();
  contexts.push(ctx);
  await ctx.grantPermissions(["microphone", "camera"], { origin: origin() });
  await ctx.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const pcs: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        pcs.push(this);
      }
    };
  });
  problems.watchContext(ctx, name);
  return ctx.newPage();
}

/** Inbound media bytes of the page's latest peer connection, by kind, and its connection state. */
function received(p: Page): Promise<{ audio: number; video: number; state: string }> {
  return p.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const pc = pcs[pcs.length - 1];
    const out = { audio: 0, video: 0, state: pc?.connectionState ?? "none" };
    if (!pc) return out;
    (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
      if (r.type === "inbound-rtp" && (r.kind === "audio" || r.kind === "video"))
        out[r.kind] += r.bytesReceived ?? 0;
    });
    return out;
  });
}

/** Media flows both ways: inbound bytes of each wanted kind grow on both sides between two looks. */
async function mediaFlows(customer: Page, agent: Page, kinds: ("audio" | "video")[], label: string) {
  await expect.poll(async () => (await received(customer)).state, { timeout: 30_000 }).toBe("connected");
  await expect.poll(async () => (await received(agent)).state, { timeout: 30_000 }).toBe("connected");
  const before = { customer: await received(customer), agent: await received(agent) };
  for (const kind of kinds) {
    await expect
      .poll(async () => (await received(customer))[kind], { timeout: 20_000 })
      .toBeGreaterThan(before.customer[kind]);
    await expect
      .poll(async () => (await received(agent))[kind], { timeout: 20_000 })
      .toBeGreaterThan(before.agent[kind]);
  }
  const after = { customer: await received(customer), agent: await received(agent) };
  figures[label] = { before, after };
  for (const kind of kinds) {
    expect(after.customer[kind]).toBeGreaterThan(before.customer[kind]);
    expect(after.agent[kind]).toBeGreaterThan(before.agent[kind]);
  }
}

async function openWidget(cc: ClickToDialCentre, name: string): Promise<Page> {
  const p = await person("customer");
  await p.goto(`${origin()}/try/${cc.channelId}`);
  await p.getByLabel("Name").fill(name);
  await p.getByRole("button", { name: "Apply and open chat" }).click();
  await p.getByRole("dialog", { name: /Online Customer Service/ }).waitFor();
  return p;
}

async function workbench(cc: ClickToDialCentre): Promise<Page> {
  const p = await person("agent");
  await p.goto(`${origin()}/workbench`);
  await p.getByLabel("Account").fill(cc.agent.account);
  await p.getByLabel("Password").fill(cc.agent.password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.getByRole("status", { name: "Connection" }).filter({ hasText: "open" }).waitFor();
  return p;
}

const widgetLines = (p: Page): Locator => p.locator("#edgechat ol.log");
const callStatus = (p: Page): Locator => p.locator("#edgechat .call .call-status");

/** The customer presses a call button; the agent accepts; both sides show the running call. */
async function callAndAnswer(customer: Page, agent: Page, media: "Voice call" | "Video call") {
  await customer.getByRole("button", { name: media, exact: true }).click();
  await expect.poll(() => callStatus(customer).textContent()).toBe("Calling…");
  const banner = agent.getByRole("alertdialog", { name: `Incoming ${media.toLowerCase()}` });
  await banner.waitFor();
  await banner.getByRole("button", { name: "Accept" }).click();
  await agent.getByRole("timer", { name: "Call time" }).waitFor();
  await expect.poll(() => callStatus(customer).textContent(), { timeout: 30_000 }).toMatch(/^0:\d\d$/);
  // the call buttons hide while a call is on
  await expect
    .poll(() => customer.getByRole("button", { name: "Voice call", exact: true }).isVisible())
    .toBe(false);
}

describe("click to dial", () => {
  it("voice and video calls from the chat reach the agent, carry media both ways and are recorded", async () => {
    const cc = await clickToDialCentre(origin());
    const agent = await workbench(cc);
    const customer = await openWidget(cc, "Carla");
    await customer.locator("#ec-input").fill("Hello, can I call you?");
    await customer.locator("#ec-input").press("Enter");
    await agent
      .getByRole("list", { name: /Messages with Carla/ })
      .getByText("Hello, can I call you?")
      .waitFor();
    // the channel's video click-to-dial queue offers both kinds
    await customer.getByRole("button", { name: "Voice call", exact: true }).waitFor();
    await customer.getByRole("button", { name: "Video call", exact: true }).waitFor();

    // a voice call, hung up by the customer
    await callAndAnswer(customer, agent, "Voice call");
    await mediaFlows(customer, agent, ["audio"], "voice");
    await shot(customer, "calls-voice-customer");
    await shot(agent, "calls-voice-agent");
    await customer.locator("#edgechat .call").getByRole("button", { name: "Hang up" }).click();
    await expect
      .poll(() => customer.locator("#edgechat .call .message").textContent())
      .toMatch(/^Call ended \(\d+:\d\d\)$/);
    await agent
      .getByRole("status", { name: "Voice call" })
      .getByText(/^Voice call ended \((\d+ min )?\d+ s\)$/)
      .waitFor();
    await widgetLines(customer).getByText("Voice call started").waitFor();
    await widgetLines(customer)
      .getByText(/^Voice call ended \((\d+ min )?\d+ s\)$/)
      .waitFor();
    await customer.locator("#edgechat .call").getByRole("button", { name: "Close" }).click();

    // a video call, hung up by the agent
    await callAndAnswer(customer, agent, "Video call");
    await mediaFlows(customer, agent, ["audio", "video"], "video");
    // both previews and the remote video are playing frames
    await expect
      .poll(() => customer.locator("#edgechat video.remote").evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    await expect
      .poll(() => agent.locator("video.remote").evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    await shot(customer, "calls-video-customer");
    await shot(agent, "calls-video-agent");
    await agent.getByRole("button", { name: "Hang up" }).click();
    await expect
      .poll(() => customer.locator("#edgechat .call .message").textContent())
      .toMatch(/^Call ended \(\d+:\d\d\)$/);
    await widgetLines(customer)
      .getByText(/^Video call ended \((\d+ min )?\d+ s\)$/)
      .waitFor();
    const agentLog = agent.getByRole("list", { name: /Messages with Carla/ });
    await agentLog.getByText("Voice call started").waitFor();
    await agentLog.getByText(/^Video call ended \((\d+ min )?\d+ s\)$/).waitFor();
    await shot(customer, "calls-after-customer");

    // the chat ends; the history shows the transcript lines and both calls with their durations
    await agent.getByRole("button", { name: "End chat" }).click();
    await agent
      .getByRole("alertdialog", { name: "End this chat?" })
      .getByRole("button", { name: "End chat" })
      .click();
    const admin = new AdminConsole(await person("admin"), origin());
    await admin.signIn(cc.admin.account, cc.admin.password);
    await admin.open("Conversation history");
    const row = admin.page.getByRole("row").filter({ hasText: "Carla" });
    await expect
      .poll(
        async () => {
          await admin.page.reload();
          await admin.heading("Conversation history").waitFor();
          await admin.settled();
          return row.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await row.first().click();
    await admin.heading("Conversation with Carla (unverified)").waitFor();
    await admin.settled();
    const callList = admin.page.getByRole("list", { name: "Calls" });
    await expect
      .poll(() => callList.getByRole("listitem").count(), { timeout: 30_000, interval: 500 })
      .toBe(2);
    const items = await callList.getByRole("listitem").allTextContents();
    expect(items[0]).toMatch(/^Voice call with Vera, (\d+ min )?\d+ s \(Hangup\)/);
    expect(items[1]).toMatch(/^Video call with Vera, (\d+ min )?\d+ s \(Hangup\)/);
    await admin.page
      .locator(".transcript")
      .getByText(/Voice call ended \((\d+ min )?\d+ s\)/)
      .waitFor();
    await shot(admin.page, "calls-history");
    expect(problems.errors).toEqual([]);
  });
});
