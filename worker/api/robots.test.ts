import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { type ChannelConfig, channels } from "../db/schema";
import { database } from "../db/tenant-db";
import { client, login, newTenant, unique } from "../test/helpers";

const db = () => database(env.DB);
const intent = { keywords: ["refund", "return"], reply: "Returns are free within 30 days." };
const robot = (over: Record<string, unknown> = {}) => ({
  name: "Helper",
  accessCode: `bot_${unique()}`.slice(0, 32),
  kind: "chatbot",
  intents: [intent],
  defaultReply: "Sorry?",
  ...over,
});

async function channelWith(
  tenantId: string,
  chatbot: Partial<ChannelConfig["chatbot"]>,
  assistant: Partial<ChannelConfig["assistant"]> = {},
): Promise<string> {
  const id = newId("ch");
  const config: ChannelConfig = {
    transferKeywords: [],
    allowedOrigins: [],
    clickToDial: null,
    dialogEnd: { enabled: false, noReplyMinutes: 20, conclusion: "" },
    workTime: { workday: [], nonWorkday: [], nonWorkingNotice: "" },
    queueReminder: { intervalSeconds: 10, content: "" },
    chatbot: {
      enabled: false,
      avatar: "",
      name: "",
      gender: "unspecified",
      robotAccessCode: "",
      defaultReply: "",
      timeoutReply: "",
      transferPrompt: "",
      ...chatbot,
    },
    assistant: { enabled: false, accessCode: "", silentAgentRouteId: null, ...assistant },
  };
  await db()
    .insert(channels)
    .values({ id, tenantId, accessCode: `ch_${unique()}`, type: "web", routeId: "cr_x", config });
  return id;
}

describe("robots", () => {
  it("creates with defaults, lists with a cursor, updates and deletes", async () => {
    const t = await newTenant();
    const created = await t.post("/robots", {
      name: "  Shop bot ",
      accessCode: "shop_bot_1",
      kind: "chatbot",
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: "Shop bot",
      accessCode: "shop_bot_1",
      kind: "chatbot",
      intents: [],
      defaultReply: null,
      createdAt: expect.any(Number),
    });
    await t.post("/robots", robot({ accessCode: "b2" }));
    await t.post("/robots", robot({ accessCode: "b3", kind: "assistant" }));

    const first = await t.get("/robots?limit=2");
    expect(first.body.items.map((r: { accessCode: string }) => r.accessCode)).toEqual(["shop_bot_1", "b2"]);
    const second = await t.get(`/robots?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: { accessCode: string }) => r.accessCode)).toEqual(["b3"]);
    expect(second.body.nextCursor).toBeNull();

    const patched = await t.patch(`/robots/${created.body.id}`, {
      intents: [{ keywords: [" shipping "], reply: " 2 days " }],
      defaultReply: "Ask me about shipping",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Shop bot",
      accessCode: "shop_bot_1",
      intents: [{ keywords: ["shipping"], reply: "2 days" }],
      defaultReply: "Ask me about shipping",
    });
    expect((await t.patch(`/robots/${created.body.id}`, { defaultReply: "" })).body.defaultReply).toBeNull();
    expect(
      (await t.patch(`/robots/${created.body.id}`, { kind: "assistant", accessCode: "renamed" })).body,
    ).toMatchObject({ kind: "assistant", accessCode: "renamed" });
    expect((await t.del(`/robots/${created.body.id}`)).status).toBe(204);
    expect((await t.get(`/robots/${created.body.id}`)).status).toBe(404);
  });

  const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

  it.each(
    (
      [
        [{ name: "" }, "name"],
        [{ name: "n".repeat(101) }, "name"],
        [{ accessCode: "" }, "accessCode"],
        [{ accessCode: "has-dash" }, "accessCode"],
        [{ accessCode: "a".repeat(33) }, "accessCode"],
        [{ accessCode: 12 }, "accessCode"],
        [{ kind: "voicebot" }, "kind"],
        [{ intents: "none" }, "intents"],
        [{ intents: many(201, (i) => ({ keywords: [`k${i}`], reply: "r" })) }, "intents"],
        [{ intents: [{ keywords: [], reply: "r" }] }, "intents.0.keywords"],
        [{ intents: [{ keywords: many(21, (i) => `k${i}`), reply: "r" }] }, "intents.0.keywords"],
        [{ intents: [{ keywords: ["  "], reply: "r" }] }, "intents.0.keywords.0"],
        [{ intents: [{ keywords: ["k".repeat(51)], reply: "r" }] }, "intents.0.keywords.0"],
        [{ intents: [{ keywords: ["Refund", "refund"], reply: "r" }] }, "intents.0.keywords.1"],
        [{ intents: [{ keywords: [3], reply: "r" }] }, "intents.0.keywords.0"],
        [{ intents: [{ keywords: ["k"], reply: "" }] }, "intents.0.reply"],
        [{ intents: [{ keywords: ["k"], reply: "r".repeat(1001) }] }, "intents.0.reply"],
        [{ intents: [{ keywords: ["k"] }] }, "intents.0.reply"],
        [{ intents: [{ keywords: ["k"], reply: "r", weight: 2 }] }, "intents.0.weight"],
        [{ defaultReply: "d".repeat(1001) }, "defaultReply"],
        [{ defaultReply: 0 }, "defaultReply"],
        [{ avatar: "x.png" }, "avatar"],
      ] as [Record<string, unknown>, string][]
    ).map(([over, field]) => [JSON.stringify(over).slice(0, 70), over, field] as const),
  )("refuses %s naming %s and writes nothing", async (_label, over, field) => {
    const t = await newTenant();
    const res = await t.post("/robots", robot(over));
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
    expect((await t.get("/robots")).body.items).toEqual([]);
  });

  it("accepts every upper boundary at once: 100-char name, 32-char code, 200 intents of 20 × 50-char keywords", async () => {
    const t = await newTenant();
    const input = robot({
      name: "n".repeat(100),
      accessCode: "A_1".padEnd(32, "z"),
      intents: many(200, (i) => ({
        keywords: many(20, (k) => `${i}-${k}-`.padEnd(50, "k")),
        reply: "r".repeat(1000),
      })),
      defaultReply: "d".repeat(1000),
    });
    const res = await t.post("/robots", input);
    expect(res.status).toBe(201);
    expect(res.body.intents).toHaveLength(200);
    expect(res.body.intents[199].keywords).toHaveLength(20);
    expect(res.body.defaultReply).toHaveLength(1000);
  });

  it("keeps access codes unique within the tenant (409)", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const first = (await a.post("/robots", robot({ accessCode: "dup" }))).body;
    const dup = await a.post("/robots", robot({ accessCode: "dup", kind: "assistant" }));
    expect(dup.status).toBe(409);
    expect(dup.body.errors.accessCode).toBeDefined();
    expect((await b.post("/robots", robot({ accessCode: "dup" }))).status).toBe(201);
    const second = (await a.post("/robots", robot({ accessCode: "other" }))).body;
    expect((await a.patch(`/robots/${second.id}`, { accessCode: "dup" })).status).toBe(409);
    expect((await a.patch(`/robots/${first.id}`, { accessCode: "dup", name: "Same code" })).status).toBe(200);
    expect((await a.get("/robots")).body.items.map((r: { accessCode: string }) => r.accessCode)).toEqual([
      "dup",
      "other",
    ]);
  });

  it("re-validates the merged robot on PATCH", async () => {
    const t = await newTenant();
    const r = (await t.post("/robots", robot())).body;
    for (const [patch, field] of [
      [{ intents: [{ keywords: [], reply: "x" }] }, "intents.0.keywords"],
      [{ kind: null }, "kind"],
      [{ accessCode: "a b" }, "accessCode"],
      [{ createdAt: 1 }, "createdAt"],
    ] as const) {
      const res = await t.patch(`/robots/${r.id}`, { name: "Changed", ...patch });
      expect(res.status).toBe(422);
      expect(res.body.errors[field]).toBeDefined();
    }
    expect((await t.get(`/robots/${r.id}`)).body).toEqual(r);
  });

  it("refuses deletion, an access code change and a kind change while a channel's enabled chatbot uses it", async () => {
    const t = await newTenant();
    const r = (await t.post("/robots", robot({ accessCode: "front_bot" }))).body;
    const channel = await channelWith(t.tenantId, { enabled: true, robotAccessCode: "front_bot" });

    const del = await t.del(`/robots/${r.id}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toMatch(/channel/);
    const code = await t.patch(`/robots/${r.id}`, { accessCode: "moved" });
    expect(code.status).toBe(409);
    expect(code.body.errors.accessCode).toBeDefined();
    const kind = await t.patch(`/robots/${r.id}`, { kind: "assistant" });
    expect(kind.status).toBe(409);
    expect(kind.body.errors.kind).toBeDefined();
    // Other edits stay possible.
    expect((await t.patch(`/robots/${r.id}`, { name: "Front desk" })).status).toBe(200);
    expect((await t.get(`/robots/${r.id}`)).body).toMatchObject({ accessCode: "front_bot", kind: "chatbot" });

    // A disabled chatbot pointing at the code does not hold the robot.
    const config = (await db().select().from(channels).where(eq(channels.id, channel)))[0]!.config;
    await db()
      .update(channels)
      .set({ config: { ...config, chatbot: { ...config.chatbot, enabled: false } } })
      .where(eq(channels.id, channel));
    expect((await t.patch(`/robots/${r.id}`, { accessCode: "moved" })).status).toBe(200);
    expect((await t.del(`/robots/${r.id}`)).status).toBe(204);
  });

  it("refuses deletion while a channel's robot assistant uses it; other tenants' channels do not count", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const r = (await t.post("/robots", robot({ accessCode: "helper", kind: "assistant" }))).body;
    await channelWith(other.tenantId, { enabled: true, robotAccessCode: "helper" }, { accessCode: "helper" });
    const channel = await channelWith(t.tenantId, {}, { enabled: true, accessCode: "helper" });
    expect((await t.del(`/robots/${r.id}`)).status).toBe(409);
    expect((await t.patch(`/robots/${r.id}`, { accessCode: "helper2" })).status).toBe(409);
    await db().delete(channels).where(eq(channels.id, channel));
    expect((await t.del(`/robots/${r.id}`)).status).toBe(204);
  });

  it("answers 404 for another tenant's robot and 403 to a common agent's write", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const r = (await a.post("/robots", robot())).body;
    expect((await b.get(`/robots/${r.id}`)).status).toBe(404);
    expect((await b.patch(`/robots/${r.id}`, { name: "Theirs" })).status).toBe(404);
    expect((await b.del(`/robots/${r.id}`)).status).toBe(404);

    const account = `agent_${unique()}`;
    await a.post("/employees", {
      account,
      name: "Ag",
      employeeId: "31",
      role: "agent",
      password: "agent password",
    });
    const agent = client(await login(account, "agent password"), a.tenantId);
    expect((await agent.get(`/robots/${r.id}`)).status).toBe(200);
    expect((await agent.post("/robots", robot())).status).toBe(403);
    expect((await agent.patch(`/robots/${r.id}`, { name: "X" })).status).toBe(403);
    expect((await agent.del(`/robots/${r.id}`)).status).toBe(403);
    expect((await a.get("/robots")).body.items).toEqual([r]);
  });
});
