/** The pre-chat form at `POST /api/v1/chat/tickets`: required values, the same checks as the widget, locked fields. */
import { describe, expect, it } from "vitest";
import { postJson, setupQueue, TestSocket } from "../../durable-objects/skill-queue/test/fixtures";
import type { ChannelConfig } from "../db/schema";
import { signIdentityToken } from "../realtime/identity-token";

let addresses = 0;
const ticket = (body: unknown) =>
  postJson("/api/v1/chat/tickets", body, { "cf-connecting-ip": `203.0.113.${addresses++ % 250}` });
const exp = () => Math.floor(Date.now() / 1000) + 300;

const form: NonNullable<ChannelConfig["preChatForm"]> = {
  enabled: true,
  fields: [
    { key: "name", kind: "name", label: "Your name", required: true, options: [] },
    { key: "email", kind: "email", label: "Email", required: false, options: [] },
    { key: "phone", kind: "phone", label: "Phone", required: false, options: [] },
    { key: "topic", kind: "select", label: "Topic", required: true, options: ["Sales", "Support"] },
  ],
};

async function welcome(url: string) {
  const socket = await TestSocket.open(url);
  const frame = await socket.next("session.welcome");
  socket.close();
  return frame.conversations[0]!;
}

describe("POST /api/v1/chat/tickets with a pre-chat form", () => {
  it("without the form a ticket needs no values and the conversation has none", async () => {
    const fx = await setupQueue({ channel: { preChatForm: { ...form, enabled: false } } });
    const res = await ticket({ channelId: fx.channelId, preChat: { name: "Ada" } });
    expect(res.status).toBe(201);
    expect((await welcome(res.body.url)).preChat).toEqual([]);
  });

  it("with the form on, a request without values gets no ticket, only the form to fill (200: not an error)", async () => {
    const fx = await setupQueue({ channel: { preChatForm: form } });
    const res = await ticket({ channelId: fx.channelId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ preChatForm: { fields: form.fields, locked: {} } });
  });

  it.each([
    [{ topic: "Sales" }, "preChat.name", "Your name is required"],
    [
      { name: "Ada", topic: "Sales", email: "ada@" },
      "preChat.email",
      "Email must be an email address such as ada@example.com",
    ],
    [
      { name: "Ada", topic: "Sales", phone: "1234" },
      "preChat.phone",
      "Phone must be a phone number: digits, with + spaces or dashes, 5–20 digits",
    ],
    [{ name: "Ada", topic: "Refunds" }, "preChat.topic", "Topic must be one of the choices offered"],
    [{ name: "x".repeat(101), topic: "Sales" }, "preChat.name", "Your name must be at most 100 characters"],
  ])("refuses %j naming %s", async (preChat, path, message) => {
    const fx = await setupQueue({ channel: { preChatForm: form } });
    const res = await ticket({ channelId: fx.channelId, preChat });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ [path]: [message] });
    expect(res.body.preChatForm.fields).toHaveLength(4);
  });

  it.each([
    [{ preChat: { name: 7 } }, "preChat.name"],
    [{ preChat: "Ada" }, "preChat"],
    [{ preChat: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) }, "preChat"],
  ])("refuses a malformed preChat %j", async (body, path) => {
    const fx = await setupQueue({ channel: { preChatForm: form } });
    const res = await ticket({ channelId: fx.channelId, ...body });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(path);
  });

  it("keeps valid values in the form's order (trimmed, empty ones left out) and names the customer, unverified", async () => {
    const fx = await setupQueue({ channel: { preChatForm: form } });
    const res = await ticket({
      channelId: fx.channelId,
      name: "Typed in setUser",
      preChat: { topic: "Support", email: "", phone: " +44 20-7946 0000 ", name: " Ada " },
    });
    expect(res.status).toBe(201);
    expect(await welcome(res.body.url)).toMatchObject({
      customerName: "Ada",
      customerNameVerified: false,
      preChat: [
        { key: "name", label: "Your name", value: "Ada", verified: false },
        { key: "phone", label: "Phone", value: "+44 20-7946 0000", verified: false },
        { key: "topic", label: "Topic", value: "Support", verified: false },
      ],
    });
  });

  describe("with third-party authentication", () => {
    const secretKey = "s3cret-key-of-the-integrator";
    const token = (channel: string, claims: Record<string, string>) =>
      signIdentityToken({ sub: "cust-9", channel, exp: exp(), ...claims }, secretKey);

    it("the token's claims fill and lock their fields: the 422 shows them, client values for them are ignored", async () => {
      const fx = await setupQueue({ channel: { preChatForm: form, thirdPartyAuth: { secretKey } } });
      const identityToken = await token(fx.channelId, { name: "Ada Verified", email: "ada@example.com" });
      const first = await ticket({ channelId: fx.channelId, identityToken });
      expect(first.status).toBe(200);
      expect(first.body.preChatForm.locked).toEqual({ name: "Ada Verified", email: "ada@example.com" });

      // a forged name and an invalid email for the locked fields change nothing and are not refused
      const res = await ticket({
        channelId: fx.channelId,
        identityToken,
        preChat: { name: "Mallory", email: "not an email", topic: "Sales" },
      });
      expect(res.status).toBe(201);
      expect(await welcome(res.body.url)).toMatchObject({
        customerName: "Ada Verified",
        customerNameVerified: true,
        preChat: [
          { key: "name", value: "Ada Verified", verified: true },
          { key: "email", value: "ada@example.com", verified: true },
          { key: "topic", value: "Sales", verified: false },
        ],
      });
    });

    it("without a name claim the name field stays open and the typed name is unverified", async () => {
      const fx = await setupQueue({ channel: { preChatForm: form, thirdPartyAuth: { secretKey } } });
      const identityToken = await token(fx.channelId, { phone: "+1 555 0100" });
      const missing = await ticket({ channelId: fx.channelId, identityToken, preChat: { topic: "Sales" } });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual({ "preChat.name": ["Your name is required"] });
      expect(missing.body.preChatForm.locked).toEqual({ phone: "+1 555 0100" });
      const res = await ticket({
        channelId: fx.channelId,
        identityToken,
        preChat: { name: "Eve", topic: "Sales", phone: "000" },
      });
      expect(res.status).toBe(201);
      expect(await welcome(res.body.url)).toMatchObject({
        customerName: "Eve",
        customerNameVerified: false,
        preChat: [
          { key: "name", value: "Eve", verified: false },
          { key: "phone", value: "+1 555 0100", verified: true },
          { key: "topic", value: "Sales", verified: false },
        ],
      });
    });
  });
});
