import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { channels } from "../db/schema";
import { addQueue, addRobot, addRoute, addSignedInEmployee, db } from "../test/config-fixtures";
import { client, newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
type Refs = Awaited<ReturnType<typeof refs>>;

/** A tenant's references: routes to queues of each kind, a click-to-dial queue and robots. */
async function refs(t: Tenant) {
  const multimedia = await addQueue(t.tenantId, "multimedia");
  const voice = await addQueue(t.tenantId, "voice");
  await addRobot(t.tenantId, "chatbot", "bot1");
  await addRobot(t.tenantId, "assistant", "helper1");
  return {
    route: await addRoute(t.tenantId, multimedia),
    route2: await addRoute(t.tenantId, await addQueue(t.tenantId, "multimedia")),
    voiceRoute: await addRoute(t.tenantId, voice, "voice"),
    multimedia,
    voiceCtd: await addQueue(t.tenantId, "voiceClickToDial"),
    videoCtd: await addQueue(t.tenantId, "videoClickToDial"),
    chatbot: "bot1",
    assistant: "helper1",
  };
}

const code = () => `web_${unique()}`;
const SECRET = "s3cret-key-0123456789";

const stored = async (id: string) => (await db().select().from(channels).where(eq(channels.id, id)))[0]!;

describe("web channels", () => {
  let t: Tenant;
  let r: Refs;
  beforeAll(async () => {
    t = await newTenant();
    r = await refs(t);
  });

  it("creates a channel from an access code and a route, with every default filled in", async () => {
    const created = await t.post("/channels", { accessCode: "Shop_1", routeId: r.route });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      accessCode: "Shop_1",
      type: "web",
      routeId: r.route,
      transferKeywords: [],
      allowedOrigins: [],
      clickToDial: null,
      dialogEnd: { enabled: false, noReplyMinutes: 20, conclusion: "", effectiveNoReplyMinutes: 20 },
      thirdPartyAuth: { enabled: false, secretKeySet: false },
      workTime: {
        workday: [{ start: "00:00", end: "24:00" }],
        nonWorkday: [{ start: "00:00", end: "24:00" }],
        nonWorkingNotice: "",
      },
      queueReminder: {
        intervalSeconds: 10,
        content: "You are number {position} in the queue. Estimated wait: about {waitSeconds} seconds.",
      },
      chatbot: {
        enabled: false,
        avatar: "",
        name: "",
        gender: "unspecified",
        robotAccessCode: "",
        defaultReply: "",
        timeoutReply: "",
        transferPrompt: "",
      },
      assistant: { enabled: false, accessCode: "", silentAgentRouteId: null },
      branding: { primaryColor: "#1a73e8", logoUrl: "", greeting: "", welcomeText: "", launcherLabel: "" },
      leaveMessage: { enabled: true, contact: "optional", pendingDays: 7 },
      preChatForm: { enabled: false, fields: [] },
      attachments: {
        enabled: true,
        maxBytes: 10 * 1024 * 1024,
        allowedTypes: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"],
      },
      createdAt: expect.any(Number),
    });
    expect((await t.get(`/channels/${created.body.id}`)).body).toEqual(created.body);
    expect((await t.get("/channels")).body.items.map((c: any) => c.id)).toContain(created.body.id);
  });

  it.each<[string, (r: Refs) => Record<string, unknown>, string]>([
    ["an access code starting with a digit", () => ({ accessCode: "1shop" }), "accessCode"],
    ["an access code with a dash", () => ({ accessCode: "shop-1" }), "accessCode"],
    ["an empty access code", () => ({ accessCode: "" }), "accessCode"],
    ["a 65-character access code", () => ({ accessCode: `a${"b".repeat(64)}` }), "accessCode"],
    ["a type other than web", () => ({ type: "whatsapp" }), "type"],
    ["an unknown route", () => ({ routeId: "cr_nope" }), "routeId"],
    ["a route to a voice queue", (r) => ({ routeId: r.voiceRoute }), "routeId"],
    [
      "51 transfer keywords",
      () => ({ transferKeywords: Array.from({ length: 51 }, (_, i) => `k${i}`) }),
      "transferKeywords",
    ],
    ["a 51-character keyword", () => ({ transferKeywords: ["k".repeat(51)] }), "transferKeywords.0"],
    ["an empty keyword", () => ({ transferKeywords: ["agent", " "] }), "transferKeywords.1"],
    ["a repeated keyword", () => ({ transferKeywords: ["Agent", "agent"] }), "transferKeywords.1"],
    ["an origin with a path", () => ({ allowedOrigins: ["https://shop.example/cart"] }), "allowedOrigins.0"],
    ["a wildcard origin", () => ({ allowedOrigins: ["*"] }), "allowedOrigins.0"],
    [
      "a repeated origin",
      () => ({ allowedOrigins: ["https://a.example", "HTTPS://A.example:443"] }),
      "allowedOrigins.1",
    ],
    [
      "click to agent without a queue",
      () => ({ clickToDial: { calledParty: "agent" } }),
      "clickToDial.skillQueueId",
    ],
    [
      "click to agent through a multimedia queue",
      (r) => ({ clickToDial: { calledParty: "agent", skillQueueId: r.multimedia } }),
      "clickToDial.skillQueueId",
    ],
    [
      "click to IVR without an access code",
      () => ({ clickToDial: { calledParty: "ivr" } }),
      "clickToDial.ivrAccessCode",
    ],
    [
      "click to IVR with letters in the code",
      () => ({ clickToDial: { calledParty: "ivr", ivrAccessCode: "40a" } }),
      "clickToDial.ivrAccessCode",
    ],
    ["0 pending days", () => ({ leaveMessage: { pendingDays: 0 } }), "leaveMessage.pendingDays"],
    ["31 pending days", () => ({ leaveMessage: { pendingDays: 31 } }), "leaveMessage.pendingDays"],
    ["1.5 pending days", () => ({ leaveMessage: { pendingDays: 1.5 } }), "leaveMessage.pendingDays"],
    ["an unknown contact mode", () => ({ leaveMessage: { contact: "sometimes" } }), "leaveMessage.contact"],
    [
      "0 no-reply minutes",
      () => ({ dialogEnd: { enabled: true, noReplyMinutes: 0 } }),
      "dialogEnd.noReplyMinutes",
    ],
    [
      "61 no-reply minutes",
      () => ({ dialogEnd: { enabled: true, noReplyMinutes: 61 } }),
      "dialogEnd.noReplyMinutes",
    ],
    [
      "a 501-character conclusion",
      () => ({ dialogEnd: { conclusion: "x".repeat(501) } }),
      "dialogEnd.conclusion",
    ],
    [
      "third-party auth without a key",
      () => ({ thirdPartyAuth: { enabled: true } }),
      "thirdPartyAuth.secretKey",
    ],
    [
      "a 15-character key",
      () => ({ thirdPartyAuth: { enabled: true, secretKey: "k".repeat(15) } }),
      "thirdPartyAuth.secretKey",
    ],
    [
      "a 257-character key",
      () => ({ thirdPartyAuth: { enabled: true, secretKey: "k".repeat(257) } }),
      "thirdPartyAuth.secretKey",
    ],
    [
      "a key with spaces",
      () => ({ thirdPartyAuth: { enabled: true, secretKey: `${"k".repeat(10)} ${"k".repeat(10)}` } }),
      "thirdPartyAuth.secretKey",
    ],
    [
      "five workday segments",
      () => ({
        workTime: {
          workday: ["00", "01", "02", "03", "04"].map((h) => ({ start: `${h}:00`, end: `${h}:30` })),
        },
      }),
      "workTime.workday",
    ],
    [
      "overlapping segments",
      () => ({
        workTime: {
          nonWorkday: [
            { start: "09:00", end: "12:00" },
            { start: "11:59", end: "13:00" },
          ],
        },
      }),
      "workTime.nonWorkday",
    ],
    [
      "a segment ending before it starts",
      () => ({ workTime: { workday: [{ start: "12:00", end: "09:00" }] } }),
      "workTime.workday.0.end",
    ],
    [
      "an empty segment",
      () => ({ workTime: { workday: [{ start: "12:00", end: "12:00" }] } }),
      "workTime.workday.0.end",
    ],
    [
      "a segment past 24:00",
      () => ({ workTime: { workday: [{ start: "09:00", end: "24:30" }] } }),
      "workTime.workday.0.end",
    ],
    [
      "a clock without a leading zero",
      () => ({ workTime: { workday: [{ start: "9:00", end: "12:00" }] } }),
      "workTime.workday.0.start",
    ],
    [
      "a 501-character notice",
      () => ({ workTime: { nonWorkingNotice: "x".repeat(501) } }),
      "workTime.nonWorkingNotice",
    ],
    [
      "a 0-second reminder",
      () => ({ queueReminder: { intervalSeconds: 0 } }),
      "queueReminder.intervalSeconds",
    ],
    [
      "a 3601-second reminder",
      () => ({ queueReminder: { intervalSeconds: 3601 } }),
      "queueReminder.intervalSeconds",
    ],
    [
      "an unknown placeholder",
      () => ({ queueReminder: { content: "You are {rank}" } }),
      "queueReminder.content",
    ],
    ["a chatbot without a robot", () => ({ chatbot: { enabled: true } }), "chatbot.robotAccessCode"],
    [
      "a chatbot with an unknown robot",
      () => ({ chatbot: { enabled: true, robotAccessCode: "nobot" } }),
      "chatbot.robotAccessCode",
    ],
    [
      "a chatbot that is an assistant",
      (r) => ({ chatbot: { enabled: true, robotAccessCode: r.assistant } }),
      "chatbot.robotAccessCode",
    ],
    ["a script avatar", () => ({ chatbot: { avatar: "javascript:alert(1)" } }), "chatbot.avatar"],
    ["an unknown gender", () => ({ chatbot: { gender: "robot" } }), "chatbot.gender"],
    ["a 101-character robot name", () => ({ chatbot: { name: "n".repeat(101) } }), "chatbot.name"],
    [
      "a 501-character default reply",
      () => ({ chatbot: { defaultReply: "x".repeat(501) } }),
      "chatbot.defaultReply",
    ],
    [
      "an assistant without an access code",
      (r) => ({ assistant: { enabled: true, silentAgentRouteId: r.route } }),
      "assistant.accessCode",
    ],
    [
      "an assistant that is a chatbot",
      (r) => ({ assistant: { enabled: true, accessCode: r.chatbot, silentAgentRouteId: r.route } }),
      "assistant.accessCode",
    ],
    [
      "an assistant without a SilentAgent route",
      (r) => ({ assistant: { enabled: true, accessCode: r.assistant } }),
      "assistant.silentAgentRouteId",
    ],
    [
      "an assistant with a voice SilentAgent route",
      (r) => ({ assistant: { enabled: true, accessCode: r.assistant, silentAgentRouteId: r.voiceRoute } }),
      "assistant.silentAgentRouteId",
    ],
    ["a largest file of 1023 bytes", () => ({ attachments: { maxBytes: 1023 } }), "attachments.maxBytes"],
    [
      "a largest file of 25 MB and one byte",
      () => ({ attachments: { maxBytes: 25 * 1024 * 1024 + 1 } }),
      "attachments.maxBytes",
    ],
    ["a fractional largest file", () => ({ attachments: { maxBytes: 2048.5 } }), "attachments.maxBytes"],
    [
      "a file type the server cannot recognise",
      () => ({ attachments: { allowedTypes: ["image/svg+xml"] } }),
      "attachments.allowedTypes.0",
    ],
    [
      "a repeated file type",
      () => ({ attachments: { allowedTypes: ["image/png", "image/png"] } }),
      "attachments.allowedTypes.1",
    ],
    [
      "attachments on with no type allowed",
      () => ({ attachments: { enabled: true, allowedTypes: [] } }),
      "attachments.allowedTypes",
    ],
    ["an unknown field", () => ({ color: "blue" }), "color"],
    ["an unknown section field", () => ({ dialogEnd: { minutes: 3 } }), "dialogEnd.minutes"],
  ])("refuses %s with 422 naming the field", async (_name, make, field) => {
    const before = (await t.get("/channels?limit=200")).body.items.length;
    const res = await t.post("/channels", { accessCode: code(), routeId: r.route, ...make(r) });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
    expect((await t.get("/channels?limit=200")).body.items).toHaveLength(before);
  });

  it.each<[string, (r: Refs) => Record<string, unknown>, (c: any, r: Refs) => void]>([
    ["an access code starting with _", () => ({ accessCode: `_${unique()}` }), () => {}],
    [
      "a 64-character access code",
      () => ({ accessCode: `a${unique()}`.padEnd(64, "x") }),
      (c) => expect(c.accessCode).toHaveLength(64),
    ],
    [
      "50 transfer keywords of 50 characters",
      () => ({ transferKeywords: Array.from({ length: 50 }, (_, i) => String(i).padEnd(50, "k")) }),
      (c) => expect(c.transferKeywords).toHaveLength(50),
    ],
    [
      "origins, stored canonically",
      () => ({ allowedOrigins: ["HTTPS://Shop.Example:443", "http://localhost:8787"] }),
      (c) => expect(c.allowedOrigins).toEqual(["https://shop.example", "http://localhost:8787"]),
    ],
    [
      "click to agent (the IVR code is cleared)",
      (r) => ({ clickToDial: { calledParty: "agent", skillQueueId: r.voiceCtd, ivrAccessCode: "4001" } }),
      (c, r) =>
        expect(c.clickToDial).toEqual({
          calledParty: "agent",
          skillQueueId: r.voiceCtd,
          ivrAccessCode: null,
        }),
    ],
    [
      "click to agent through a video click-to-dial queue",
      (r) => ({ clickToDial: { calledParty: "agent", skillQueueId: r.videoCtd } }),
      (c, r) => expect(c.clickToDial.skillQueueId).toBe(r.videoCtd),
    ],
    [
      "a largest file of exactly 1 KB",
      () => ({ attachments: { maxBytes: 1024, allowedTypes: ["application/pdf"] } }),
      (c) =>
        expect(c.attachments).toEqual({ enabled: true, maxBytes: 1024, allowedTypes: ["application/pdf"] }),
    ],
    [
      "a largest file of exactly 25 MB",
      () => ({ attachments: { maxBytes: 25 * 1024 * 1024 } }),
      (c) => expect(c.attachments.maxBytes).toBe(25 * 1024 * 1024),
    ],
    [
      "attachments off with no type allowed",
      () => ({ attachments: { enabled: false, allowedTypes: [] } }),
      (c) => expect(c.attachments).toMatchObject({ enabled: false, allowedTypes: [] }),
    ],
    [
      "click to IVR",
      () => ({ clickToDial: { calledParty: "ivr", ivrAccessCode: "4001" } }),
      (c) => expect(c.clickToDial).toEqual({ calledParty: "ivr", skillQueueId: null, ivrAccessCode: "4001" }),
    ],
    [
      "1 no-reply minute when enabled",
      () => ({ dialogEnd: { enabled: true, noReplyMinutes: 1, conclusion: "Bye" } }),
      (c) =>
        expect(c.dialogEnd).toEqual({
          enabled: true,
          noReplyMinutes: 1,
          conclusion: "Bye",
          effectiveNoReplyMinutes: 1,
        }),
    ],
    [
      "60 no-reply minutes, disabled (20 in force)",
      () => ({ dialogEnd: { enabled: false, noReplyMinutes: 60 } }),
      (c) => expect(c.dialogEnd).toMatchObject({ noReplyMinutes: 60, effectiveNoReplyMinutes: 20 }),
    ],
    [
      "a 16-character key",
      () => ({ thirdPartyAuth: { enabled: true, secretKey: "k".repeat(16) } }),
      (c) => expect(c.thirdPartyAuth).toEqual({ enabled: true, secretKeySet: true }),
    ],
    [
      "a 256-character key",
      () => ({ thirdPartyAuth: { enabled: true, secretKey: "k".repeat(256) } }),
      () => {},
    ],
    [
      "four touching segments and a closed non-workday",
      () => ({
        workTime: {
          workday: [
            { start: "00:00", end: "06:00" },
            { start: "12:00", end: "18:00" },
            { start: "06:00", end: "12:00" },
            { start: "18:00", end: "24:00" },
          ],
          nonWorkday: [],
        },
      }),
      (c) => expect(c.workTime.nonWorkday).toEqual([]),
    ],
    [
      "a 1-second reminder",
      () => ({ queueReminder: { intervalSeconds: 1, content: "#{position}" } }),
      () => {},
    ],
    [
      "a 3600-second reminder",
      () => ({ queueReminder: { intervalSeconds: 3600 } }),
      (c) => expect(c.queueReminder.content).toContain("{waitSeconds}"),
    ],
    [
      "an enabled chatbot",
      (r) => ({
        chatbot: {
          enabled: true,
          robotAccessCode: r.chatbot,
          name: "Ava",
          gender: "female",
          avatar: "https://cdn.example/a.png",
        },
      }),
      (c) => expect(c.chatbot).toMatchObject({ enabled: true, name: "Ava", gender: "female" }),
    ],
    [
      "a disabled chatbot naming no existing robot",
      () => ({ chatbot: { robotAccessCode: "later" } }),
      () => {},
    ],
    [
      "an enabled assistant",
      (r) => ({ assistant: { enabled: true, accessCode: r.assistant, silentAgentRouteId: r.route2 } }),
      (c, r) =>
        expect(c.assistant).toEqual({ enabled: true, accessCode: r.assistant, silentAgentRouteId: r.route2 }),
    ],
  ])("accepts %s", async (_name, make, verify) => {
    const res = await t.post("/channels", { accessCode: code(), routeId: r.route, ...make(r) });
    expect(res.status).toBe(201);
    verify(res.body, r);
  });

  it.each([1, 30])("keeps a left message %d days (the boundaries of 1–30)", async (pendingDays) => {
    const created = await t.post("/channels", {
      accessCode: `Left_${pendingDays}`,
      routeId: r.route,
      leaveMessage: { enabled: false, contact: "required", pendingDays },
    });
    expect(created.status).toBe(201);
    expect(created.body.leaveMessage).toEqual({ enabled: false, contact: "required", pendingDays });
    const patched = await t.patch(`/channels/${created.body.id}`, { leaveMessage: { contact: "off" } });
    expect(patched.body.leaveMessage).toEqual({ enabled: false, contact: "off", pendingDays });
  });

  it("answers 409 for a duplicate access code, in the tenant only", async () => {
    const accessCode = code();
    const first = await t.post("/channels", { accessCode, routeId: r.route });
    const again = await t.post("/channels", { accessCode, routeId: r.route2 });
    expect(again.status).toBe(409);
    expect(again.body.errors.accessCode).toBeDefined();
    const other = await t.post("/channels", { accessCode: code(), routeId: r.route });
    expect((await t.patch(`/channels/${other.body.id}`, { accessCode })).status).toBe(409);
    expect((await t.patch(`/channels/${first.body.id}`, { accessCode })).status).toBe(200);

    const b = await newTenant();
    const bRoute = await addRoute(b.tenantId, await addQueue(b.tenantId, "multimedia"));
    expect((await b.post("/channels", { accessCode, routeId: bRoute })).status).toBe(201);
    expect((await b.post("/channels", { accessCode: code(), routeId: r.route })).status).toBe(422);
  });

  it("never returns the secret key; PATCH without it keeps it; null clears it only while disabled", async () => {
    const created = await t.post("/channels", {
      accessCode: code(),
      routeId: r.route,
      thirdPartyAuth: { enabled: true, secretKey: SECRET },
    });
    const id = created.body.id;
    const seen = [
      created,
      await t.get(`/channels/${id}`),
      await t.get("/channels?limit=200"),
      await t.get(`/channels/${id}/integration`),
      await t.patch(`/channels/${id}`, { transferKeywords: ["human"] }),
    ];
    for (const res of seen) {
      expect(res.status).toBeLessThan(300);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect((await stored(id)).secretKey).toBe(SECRET);

    const disabled = await t.patch(`/channels/${id}`, { thirdPartyAuth: { enabled: false } });
    expect(disabled.body.thirdPartyAuth).toEqual({ enabled: false, secretKeySet: true });
    const reenabled = await t.patch(`/channels/${id}`, { thirdPartyAuth: { enabled: true } });
    expect(reenabled.body.thirdPartyAuth).toEqual({ enabled: true, secretKeySet: true });
    expect((await stored(id)).secretKey).toBe(SECRET);

    const clearWhileOn = await t.patch(`/channels/${id}`, { thirdPartyAuth: { secretKey: null } });
    expect(clearWhileOn.status).toBe(422);
    expect(clearWhileOn.body.errors["thirdPartyAuth.secretKey"]).toBeDefined();
    const rotated = await t.patch(`/channels/${id}`, { thirdPartyAuth: { secretKey: `${SECRET}-2` } });
    expect(rotated.status).toBe(200);
    expect((await stored(id)).secretKey).toBe(`${SECRET}-2`);
    const cleared = await t.patch(`/channels/${id}`, { thirdPartyAuth: { enabled: false, secretKey: null } });
    expect(cleared.body.thirdPartyAuth).toEqual({ enabled: false, secretKeySet: false });
    expect((await stored(id)).secretKey).toBeNull();
  });

  it("PATCH merges sections one level deep and refuses an invalid result without writing", async () => {
    const created = await t.post("/channels", {
      accessCode: code(),
      routeId: r.route,
      dialogEnd: { conclusion: "Thanks for chatting" },
      chatbot: { name: "Ava" },
      clickToDial: { calledParty: "ivr", ivrAccessCode: "4001" },
    });
    const id = created.body.id;
    const patched = await t.patch(`/channels/${id}`, {
      dialogEnd: { enabled: true, noReplyMinutes: 7 },
      chatbot: { gender: "female" },
      clickToDial: null,
      routeId: r.route2,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      routeId: r.route2,
      clickToDial: null,
      dialogEnd: {
        enabled: true,
        noReplyMinutes: 7,
        conclusion: "Thanks for chatting",
        effectiveNoReplyMinutes: 7,
      },
      chatbot: { name: "Ava", gender: "female", enabled: false },
    });

    const before = await stored(id);
    for (const bad of [
      { routeId: r.voiceRoute },
      { chatbot: { enabled: true } },
      { workTime: { workday: [{ start: "10:00", end: "09:00" }] } },
      { type: "email" },
    ]) {
      expect((await t.patch(`/channels/${id}`, bad)).status).toBe(422);
    }
    expect(await stored(id)).toEqual(before);
  });

  it("gives integration instructions with the snippet, the Try page and the identity-token recipe", async () => {
    const open = await t.post("/channels", { accessCode: code(), routeId: r.route });
    const res = await t.get(`/channels/${open.body.id}/integration`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      channelId: open.body.id,
      snippet: `<script src="http://local.test/widget.js" data-channel="${open.body.id}" async></script>`,
      tryUrl: `http://local.test/try/${open.body.id}`,
      identityToken: { required: false, algorithm: "HS256", claims: { channel: open.body.id } },
    });
    expect(res.body.identityToken.example).toContain('from "node:crypto"');
    expect(res.body.identityToken.example).toContain(JSON.stringify(open.body.id));

    const secured = await t.post("/channels", {
      accessCode: code(),
      routeId: r.route,
      thirdPartyAuth: { enabled: true, secretKey: SECRET },
    });
    expect((await t.get(`/channels/${secured.body.id}/integration`)).body.identityToken.required).toBe(true);
    expect((await t.get("/channels/ch_nope/integration")).status).toBe(404);
  });

  it("deletes a channel", async () => {
    const created = await t.post("/channels", { accessCode: code(), routeId: r.route });
    expect((await t.del(`/channels/${created.body.id}`)).status).toBe(204);
    expect((await t.get(`/channels/${created.body.id}`)).status).toBe(404);
    expect((await t.del(`/channels/${created.body.id}`)).status).toBe(404);
  });

  it("lets every employee read channels and only administrators change them", async () => {
    const created = await t.post("/channels", { accessCode: code(), routeId: r.route });
    const agent = client(
      (await addSignedInEmployee(t.tenantId, `7${Date.now() % 100000}`)).token,
      t.tenantId,
    );
    expect((await agent.get(`/channels/${created.body.id}`)).status).toBe(200);
    expect((await agent.get(`/channels/${created.body.id}/integration`)).status).toBe(200);
    expect((await agent.post("/channels", { accessCode: code(), routeId: r.route })).status).toBe(403);
    expect((await agent.patch(`/channels/${created.body.id}`, { transferKeywords: [] })).status).toBe(403);
    expect((await agent.del(`/channels/${created.body.id}`)).status).toBe(403);
  });
});
