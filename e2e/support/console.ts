/**
 * The administrator in the real console: sign in at `/`, move through the sidebar, fill the forms
 * by the spec's parameter names (the fields' `<label for>`), save, and see the result in the list.
 * Every page passed through is screenshotted when a `shots` prefix is given.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { shot } from "./browser";

/** What the administrator configures for one web chat call centre. */
export type CallCentrePlan = {
  tag: string;
  accessCode: string;
  queueName: string;
  robot: { name: string; accessCode: string; keyword: string; reply: string; defaultReply: string };
  agent: { account: string; password: string; name: string; employeeId: string };
  channelAccessCode: string;
  transferKeyword: string;
  /** Filled in the channel's Widget branding section when given (labels as in the console). */
  branding?: {
    "Primary colour": string;
    Logo: string;
    Greeting: string;
    "Welcome text": string;
    "Launcher label": string;
  };
};

let n = 0;

/** Unique names and codes for one call centre (tenants are fresh, but names stay readable in screenshots). */
export function plan(): CallCentrePlan {
  const tag = `${Date.now().toString(36)}${n++}`;
  return {
    tag,
    accessCode: `40${String(Date.now() % 1e8).padStart(8, "0")}${n}`,
    queueName: `Web ${tag}`,
    robot: {
      name: "Helper Bot",
      accessCode: `bot_${tag}`,
      keyword: "shipping",
      reply: "Orders ship within 24 hours.",
      defaultReply: "Sorry, I did not understand.",
    },
    agent: { account: `alice_${tag}`, password: "agent-pass-123", name: "Alice", employeeId: `7${n}01` },
    channelAccessCode: `web_${tag}`,
    transferKeyword: "human",
  };
}

export class AdminConsole {
  private step = 0;

  constructor(
    readonly page: Page,
    readonly origin: string,
    /** Screenshot name prefix; no screenshots without it. */
    private readonly shots?: string,
  ) {}

  /** A labelled control of the current form (labels are the spec's parameter names, matched exactly). */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async snap(name: string): Promise<void> {
    if (!this.shots) return;
    this.step++;
    await shot(this.page, `${this.shots}-${String(this.step).padStart(2, "0")}-${slug(name)}`);
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  /** Waits until nothing on the page is loading any more. */
  async settled(): Promise<void> {
    await expect.poll(() => this.page.locator(".state-loading").count(), { timeout: 20_000 }).toBe(0);
  }

  async signIn(account: string, password: string): Promise<void> {
    await this.page.goto(`${this.origin}/`);
    await this.page.getByRole("heading", { name: "Sign in" }).waitFor();
    await this.snap("sign-in");
    await this.field("Account").fill(account);
    await this.field("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.heading("Live dashboard").waitFor();
    await this.settled();
    await this.snap("dashboard");
  }

  /** Follows a sidebar link and waits for the page's heading. */
  async open(link: string, heading: string | RegExp = link): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await this.heading(heading).waitFor();
    await this.settled();
  }

  /** Opens a list page from the sidebar, then its "New" form. */
  async startNew(link: string, formHeading: string | RegExp): Promise<void> {
    await this.open(link);
    await this.snap(link);
    await this.page.getByRole("link", { name: "New", exact: true }).first().click();
    await this.heading(formHeading).waitFor();
    await this.settled();
  }

  /** Saves the form and waits for the list (or page) it leads to and the saved row. */
  async save(then: { heading: string | RegExp; row?: string }, name: string): Promise<void> {
    await this.snap(`${name}-form`);
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
    await this.heading(then.heading).waitFor();
    await this.settled();
    if (then.row) await this.page.getByRole("row").filter({ hasText: then.row }).first().waitFor();
  }

  async addChip(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
    await this.field(label).press("Enter");
    await this.page.getByRole("button", { name: `Remove ${value}`, exact: true }).waitFor();
  }

  /**
   * Configures a whole web chat call centre through the console, in the spec's order: access
   * code, skill queue, called route, robot, employee, agent, web channel. Returns the channel's
   * Try page address from its Integration tab.
   */
  async callCentre(p: CallCentrePlan): Promise<{ tryUrl: string; channelId: string }> {
    const { page } = this;

    await this.startNew("Access codes", "New access code");
    await this.field("Access Code").fill(p.accessCode);
    await this.field("Media Type").selectOption({ label: "Multimedia" });
    await this.save({ heading: "Access codes", row: p.accessCode }, "access-code");

    await this.startNew("Skill queues", "New skill queue");
    await this.field("Skill Queue Name").fill(p.queueName);
    await this.field("Type").selectOption({ label: "Multimedia" });
    await page.getByRole("group", { name: "Subtype" }).getByLabel("Web", { exact: true }).check();
    await this.save({ heading: "Skill queues", row: p.queueName }, "skill-queue");

    await this.startNew("Called routes", "New called route");
    await this.field("Access Code").selectOption({ label: `${p.accessCode} (Multimedia)` });
    await this.field("Skill Queue").selectOption({ label: `${p.queueName} (Multimedia)` });
    await this.save({ heading: "Called routes", row: p.accessCode }, "called-route");

    await this.startNew("Robots", "New robot");
    await this.field("Name").fill(p.robot.name);
    await this.field("Robot Access Code").fill(p.robot.accessCode);
    await this.field("Robot Type").selectOption({ label: "Chatbot" });
    await this.field("Default reply").fill(p.robot.defaultReply);
    await page.getByRole("button", { name: "Add intent" }).click();
    await this.addChip("Keywords of intent 1", p.robot.keyword);
    await this.field("Reply of intent 1").fill(p.robot.reply);
    await this.save({ heading: "Robots", row: p.robot.accessCode }, "robot");

    await this.startNew("Employees", "New employee");
    await this.field("Account").fill(p.agent.account);
    await this.field("Name").fill(p.agent.name);
    await this.field("Employee ID").fill(p.agent.employeeId);
    await this.field("Role").selectOption({ label: "Agent" });
    await this.field("Password").fill(p.agent.password);
    await this.save({ heading: "Employees", row: p.agent.account }, "employee");

    await this.startNew("Agents", "Configure agent");
    await this.field("Account").selectOption({
      label: `${p.agent.account} — ${p.agent.name} (${p.agent.employeeId})`,
    });
    await this.field("Platform Role").selectOption({ label: "Common agent" });
    await this.field("Agent Type").selectOption({ label: "Multimedia agent" });
    await this.field("Max. Concurrent Chats").fill("3");
    await page
      .getByRole("group", { name: "Skill Queues" })
      .getByLabel(`${p.queueName} (Multimedia)`, { exact: true })
      .check();
    await this.field("Default Skill Queue").selectOption({ label: p.queueName });
    await this.save({ heading: "Agents", row: p.agent.employeeId }, "agent");

    await this.startNew("Channels", "New channel");
    await this.field("Channel Access Code").fill(p.channelAccessCode);
    await this.field("Skill Queue").selectOption({ label: `${p.accessCode} → ${p.queueName}` });
    await this.addChip("Keyword for Transfer to Agent", p.transferKeyword);
    await this.addChip("Allowed Origins", this.origin);
    await this.field("Connect to Chatbot").check();
    await this.field("Name").fill(p.robot.name);
    await this.field("Chatbot Access Code").selectOption({
      label: `${p.robot.accessCode} — ${p.robot.name}`,
    });
    await this.field("Default reply").fill(p.robot.defaultReply);
    await this.field("Timeout reply").fill("Are you still there?");
    await this.field("Prompt for transfer to agent").fill("Transferring you to an agent…");
    if (p.branding) {
      for (const [label, value] of Object.entries(p.branding)) await this.field(label).fill(value);
      const preview = page.getByRole("figure", { name: "Widget preview" });
      await preview.getByText(p.branding.Greeting).waitFor();
      await preview.scrollIntoViewIfNeeded();
      await this.snap("channel-branding-preview");
    }
    await this.save({ heading: `Channel ${p.channelAccessCode}` }, "channel");

    // A new channel opens on its Integration tab.
    await page.getByRole("tab", { name: "Integration instructions", selected: true }).waitFor();
    const tryLink = page.getByRole("link", { name: "Try", exact: true });
    await tryLink.waitFor();
    await this.snap("channel-integration");
    const channelId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const [tryPage] = await Promise.all([page.context().waitForEvent("page"), tryLink.click()]);
    await tryPage.getByRole("heading", { name: `Try channel ${p.channelAccessCode}` }).waitFor();
    const tryUrl = tryPage.url();
    await tryPage.close();
    return { tryUrl, channelId };
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
