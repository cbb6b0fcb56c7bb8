import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { d1Batch } from "../db/d1-batch";
import { agentSkillQueues, agents } from "../db/schema";
import { TenantDb } from "../db/tenant-db";
import { MIXED_MEDIA, type QuotaName } from "../rules/agent-rules";
import {
  addEmployee,
  addEmployees,
  addGroup,
  addQueue,
  addSignedInEmployee,
  db,
  setTenant,
} from "../test/config-fixtures";
import { client, newTenant } from "../test/helpers";
import type { ResolvedAgent } from "./agent-checks";
import { guarded, writeGuard } from "./agent-write-guard";

type Tenant = Awaited<ReturnType<typeof newTenant>>;

/** A tenant with employees 1001–1003 and one queue of each type. */
async function setup(quotas?: Parameters<typeof newTenant>[0]) {
  const t = await newTenant(quotas);
  for (const id of ["1001", "1002", "1003"]) await addEmployee(t.tenantId, id);
  const q = {
    voice: await addQueue(t.tenantId, "voice"),
    voice2: await addQueue(t.tenantId, "voice"),
    video: await addQueue(t.tenantId, "video"),
    multimedia: await addQueue(t.tenantId, "multimedia"),
    multimedia2: await addQueue(t.tenantId, "multimedia"),
    voiceCtd: await addQueue(t.tenantId, "voiceClickToDial"),
    videoCtd: await addQueue(t.tenantId, "videoClickToDial"),
  };
  return { t, q };
}

const base = (skillQueueIds: string[], extra: Record<string, unknown> = {}) => ({
  employeeId: "1001",
  platformRole: "common",
  agentType: "multimedia",
  skillType: "skillQueue",
  skillQueueIds,
  ...extra,
});

const rowsOf = async (tenantId: string) => ({
  agents: await db().select().from(agents).where(eq(agents.tenantId, tenantId)),
  links: await db().select().from(agentSkillQueues).where(eq(agentSkillQueues.tenantId, tenantId)),
});

describe("agents", () => {
  it("creates with defaults filled in, reads, lists by employee, updates and deletes", async () => {
    const { t, q } = await setup();
    const created = await t.post("/agents", base([q.multimedia, q.multimedia2]));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      employeeId: "1001",
      employeeName: "Employee 1001",
      platformRole: "common",
      agentType: "multimedia",
      phone: null,
      intelligentRecognition: false,
      smartFormFilling: false,
      phoneOnly: false,
      anonymizationFlag: false,
      skillType: "skillQueue",
      skillQueueIds: [q.multimedia, q.multimedia2],
      skillQueueGroupId: null,
      defaultSkillQueueId: q.multimedia,
      servedSkillQueueIds: [q.multimedia, q.multimedia2],
      maxConcurrentChats: 5,
      createdAt: expect.any(Number),
    });
    const id = created.body.id;
    expect((await t.get(`/agents/${id}`)).body).toEqual(created.body);
    await t.post("/agents", base([q.voice], { employeeId: "1002", agentType: "audio" }));
    expect((await t.get("/agents")).body.items).toHaveLength(2);
    expect((await t.get("/agents?employeeId=1002")).body.items.map((a: any) => a.employeeId)).toEqual([
      "1002",
    ]);

    const patched = await t.patch(`/agents/${id}`, {
      skillQueueIds: [q.multimedia2],
      phone: "+86 755-1234",
      maxConcurrentChats: 60,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      skillQueueIds: [q.multimedia2],
      defaultSkillQueueId: q.multimedia2,
      phone: "+86 755-1234",
      maxConcurrentChats: 60,
      platformRole: "common",
    });

    expect((await t.del(`/agents/${id}`)).status).toBe(204);
    expect((await t.get(`/agents/${id}`)).status).toBe(404);
    const left = await rowsOf(t.tenantId);
    expect(left.agents.map((a) => a.employeeId)).toEqual(["1002"]);
    expect(left.links.map((l) => l.skillQueueId)).toEqual([q.voice]);
  });

  it("refuses a second agent for the same employee with 409", async () => {
    const { t, q } = await setup();
    expect((await t.post("/agents", base([q.multimedia]))).status).toBe(201);
    const again = await t.post("/agents", base([q.multimedia2]));
    expect(again.status).toBe(409);
    expect(again.body.errors.employeeId).toBeDefined();
  });

  it.each<[string, (q: Record<string, string>) => Record<string, unknown>, string]>([
    ["an unknown employee", (q) => base([q.multimedia!], { employeeId: "999" }), "employeeId"],
    ["a non-digit employee id", (q) => base([q.multimedia!], { employeeId: "10a" }), "employeeId"],
    ["an unknown platform role", (q) => base([q.multimedia!], { platformRole: "boss" }), "platformRole"],
    ["an unknown agent type", (q) => base([q.multimedia!], { agentType: "robot" }), "agentType"],
    ["0 concurrent chats", (q) => base([q.multimedia!], { maxConcurrentChats: 0 }), "maxConcurrentChats"],
    ["61 concurrent chats", (q) => base([q.multimedia!], { maxConcurrentChats: 61 }), "maxConcurrentChats"],
    ["2.5 concurrent chats", (q) => base([q.multimedia!], { maxConcurrentChats: 2.5 }), "maxConcurrentChats"],
    ["a phone with letters", (q) => base([q.multimedia!], { phone: "12ab" }), "phone"],
    ["a phone of 33 characters", (q) => base([q.multimedia!], { phone: "1".repeat(33) }), "phone"],
    ["a phone without digits", (q) => base([q.multimedia!], { phone: "+-" }), "phone"],
    ["no skill queue", () => base([]), "skillQueueIds"],
    ["a repeated skill queue", (q) => base([q.multimedia!, q.multimedia!]), "skillQueueIds.1"],
    ["an unknown skill queue", (q) => base([q.multimedia!, "sq_nope"]), "skillQueueIds.1"],
    ["a group type without a group", () => base([], { skillType: "skillQueueGroup" }), "skillQueueGroupId"],
    [
      "a group type with own queues",
      (q) => base([q.multimedia!], { skillType: "skillQueueGroup", skillQueueGroupId: "sg_x" }),
      "skillQueueIds",
    ],
    [
      "a group id for skillType skillQueue",
      (q) => base([q.multimedia!], { skillQueueGroupId: "sg_x" }),
      "skillQueueGroupId",
    ],
    [
      "an unknown group",
      () => base([], { skillType: "skillQueueGroup", skillQueueGroupId: "sg_x" }),
      "skillQueueGroupId",
    ],
    [
      "a default queue outside the list",
      (q) => base([q.multimedia!], { defaultSkillQueueId: q.multimedia2 }),
      "defaultSkillQueueId",
    ],
    [
      "smart form filling without intelligent recognition",
      (q) => base([q.multimedia!], { smartFormFilling: true }),
      "smartFormFilling",
    ],
    [
      "smart form filling while the tenant has not enabled it",
      (q) => base([q.multimedia!], { smartFormFilling: true, intelligentRecognition: true }),
      "smartFormFilling",
    ],
    ["an unknown field", (q) => base([q.multimedia!], { color: "red" }), "color"],
  ])("refuses %s (422 naming the field) and writes nothing", async (_name, make, field) => {
    const { t, q } = await setup();
    const res = await t.post("/agents", make(q));
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
    expect(await rowsOf(t.tenantId)).toEqual({ agents: [], links: [] });
  });

  it.each([
    ["1 concurrent chat", { maxConcurrentChats: 1 }],
    ["60 concurrent chats", { maxConcurrentChats: 60 }],
    ["a 32-character phone", { phone: `+86 ${"1".repeat(28)}` }],
    ["an empty phone (stored as none)", { phone: "" }],
  ])("accepts %s", async (_name, extra) => {
    const { t, q } = await setup();
    const res = await t.post("/agents", base([q.multimedia], extra));
    expect(res.status).toBe(201);
    if ("phone" in extra) expect(res.body.phone).toBe(extra.phone || null);
  });

  it("refuses smart form filling without intelligent recognition even when the tenant enables the feature", async () => {
    const { t, q } = await setup();
    await setTenant(t.tenantId, { intelligentFormFilling: true });
    const res = await t.post("/agents", base([q.multimedia], { smartFormFilling: true }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      smartFormFilling: ["Enable intelligentRecognition before smartFormFilling"],
    });
    expect(await rowsOf(t.tenantId)).toEqual({ agents: [], links: [] });
  });

  it("allows smart form filling with intelligent recognition once the tenant enables the feature", async () => {
    const { t, q } = await setup();
    await setTenant(t.tenantId, { intelligentFormFilling: true });
    const res = await t.post(
      "/agents",
      base([q.multimedia], { smartFormFilling: true, intelligentRecognition: true }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ smartFormFilling: true, intelligentRecognition: true });
  });

  it.each<[string, string, (q: Record<string, string>) => string[], number, string | null]>([
    ["audio", "voice + voice click-to-dial", (q) => [q.voice!, q.voiceCtd!], 201, null],
    ["audio", "a video queue", (q) => [q.video!], 422, "audio agent cannot serve video"],
    [
      "video",
      "voice + video + both click-to-dial",
      (q) => [q.voice!, q.video!, q.voiceCtd!, q.videoCtd!],
      201,
      null,
    ],
    ["video", "video + multimedia", (q) => [q.video!, q.multimedia!], 422, MIXED_MEDIA],
    ["multimedia", "two multimedia queues", (q) => [q.multimedia!, q.multimedia2!], 201, null],
    ["multimedia", "multimedia + voice click-to-dial", (q) => [q.multimedia!, q.voiceCtd!], 422, MIXED_MEDIA],
    ["multimedia", "a voice queue", (q) => [q.voice!], 422, "multimedia agent cannot serve voice"],
    [
      "versatile",
      "multimedia + voice + video click-to-dial",
      (q) => [q.multimedia!, q.voice!, q.videoCtd!],
      201,
      null,
    ],
  ])("a %s agent with %s answers %i", async (agentType, _name, pick, status, message) => {
    const { t, q } = await setup();
    const res = await t.post("/agents", base(pick(q), { agentType }));
    expect(res.status).toBe(status);
    if (message) expect(res.body.errors.skillQueueIds.join(" ")).toContain(message);
  });

  it("serves a skill queue group: the group's queues, the first by default, media rules on the group", async () => {
    const { t, q } = await setup();
    const group = await addGroup(t.tenantId, [q.voice, q.video]);
    const empty = await addGroup(t.tenantId, []);
    const asGroup = (extra: Record<string, unknown>) =>
      base([], { agentType: "video", skillType: "skillQueueGroup", skillQueueGroupId: group, ...extra });

    const outside = await t.post("/agents", asGroup({ defaultSkillQueueId: q.multimedia }));
    expect(outside.status).toBe(422);
    expect(outside.body.errors.defaultSkillQueueId).toBeDefined();
    const audio = await t.post("/agents", asGroup({ agentType: "audio" }));
    expect(audio.status).toBe(422);
    expect(audio.body.errors.skillQueueGroupId.join(" ")).toContain("cannot serve video");
    const none = await t.post("/agents", asGroup({ skillQueueGroupId: empty }));
    expect(none.body.errors.skillQueueGroupId).toEqual(["The skill queue group has no skill queues"]);

    const created = await t.post("/agents", asGroup({ defaultSkillQueueId: q.video }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      skillQueueIds: [],
      skillQueueGroupId: group,
      defaultSkillQueueId: q.video,
      servedSkillQueueIds: [q.voice, q.video],
    });
    const byDefault = await t.post("/agents", asGroup({ employeeId: "1002" }));
    expect(byDefault.body.defaultSkillQueueId).toBe(q.voice);
    expect((await rowsOf(t.tenantId)).links).toEqual([]);
  });

  it("PATCH re-validates the merged agent, switches skill type cleanly and keeps the employee", async () => {
    const { t, q } = await setup();
    const group = await addGroup(t.tenantId, [q.multimedia2]);
    const { body: agent } = await t.post("/agents", base([q.multimedia]));

    const wrongType = await t.patch(`/agents/${agent.id}`, { agentType: "audio" });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors.skillQueueIds).toBeDefined();
    expect((await t.get(`/agents/${agent.id}`)).body).toEqual(agent);

    const moved = await t.patch(`/agents/${agent.id}`, { employeeId: "1002" });
    expect(moved.status).toBe(422);
    expect(moved.body.errors.employeeId).toBeDefined();
    expect((await t.patch(`/agents/${agent.id}`, { employeeId: "1001", phoneOnly: true })).status).toBe(200);

    const switched = await t.patch(`/agents/${agent.id}`, {
      skillType: "skillQueueGroup",
      skillQueueGroupId: group,
    });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({
      skillQueueIds: [],
      skillQueueGroupId: group,
      defaultSkillQueueId: q.multimedia2,
      servedSkillQueueIds: [q.multimedia2],
      phoneOnly: true,
    });
    expect((await rowsOf(t.tenantId)).links).toEqual([]);
    const back = await t.patch(`/agents/${agent.id}`, { skillType: "skillQueue" });
    expect(back.status).toBe(422);
    expect(back.body.errors.skillQueueIds).toEqual(["Choose at least one skill queue"]);
  });

  it("counts video, multimedia, versatile and intelligent agents against the tenant's quotas", async () => {
    const { t, q } = await setup({
      quotas: { videoAgents: 1, multimediaAgents: 1, versatileAgents: 0, intelligentAgents: 1 },
    });
    const video = await t.post(
      "/agents",
      base([q.video], { agentType: "video", intelligentRecognition: true }),
    );
    expect(video.status).toBe(201);

    const secondVideo = await t.post("/agents", base([q.video], { employeeId: "1002", agentType: "video" }));
    expect(secondVideo.status).toBe(409);
    expect(secondVideo.body.errors.agentType[0]).toContain("1 video agents");
    const versatile = await t.post(
      "/agents",
      base([q.video], { employeeId: "1002", agentType: "versatile" }),
    );
    expect(versatile.status).toBe(409);
    expect(versatile.body.errors.agentType[0]).toContain("versatile");
    const intelligent = await t.post(
      "/agents",
      base([q.multimedia], { employeeId: "1002", intelligentRecognition: true }),
    );
    expect(intelligent.status).toBe(409);
    expect(intelligent.body.errors.intelligentRecognition).toBeDefined();
    expect((await t.post("/agents", base([q.multimedia], { employeeId: "1002" }))).status).toBe(201);
    expect((await t.post("/agents", base([q.multimedia], { employeeId: "1003" }))).status).toBe(409);

    expect((await t.patch(`/agents/${video.body.id}`, { maxConcurrentChats: 3 })).status).toBe(200);
    expect(
      (
        await t.patch(`/agents/${video.body.id}`, {
          agentType: "audio",
          skillQueueIds: [q.voice],
          intelligentRecognition: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.post("/agents", base([q.video], { employeeId: "1003", agentType: "video" }))).status,
    ).toBe(201);
  });

  it("two administrators racing for the last quota slot: one wins, the other gets 409", async () => {
    const { t, q } = await setup({ quotas: { multimediaAgents: 1 } });
    const [one, two] = await Promise.all([
      t.post("/agents", base([q.multimedia])),
      t.post("/agents", base([q.multimedia], { employeeId: "1002" })),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect((await rowsOf(t.tenantId)).agents).toHaveLength(1);
  });

  it.each<[string, Partial<ResolvedAgent["values"]>, string[]]>([
    ["a quota is exceeded after the writes", {}, []],
    ["the employee no longer exists", { employeeId: "9999" }, []],
    ["a skill queue no longer exists", {}, ["sq_gone"]],
    ["the default skill queue no longer exists", { defaultSkillQueueId: "sq_gone" }, []],
    ["the skill queue group no longer exists", { skillQueueGroupId: "sg_gone" }, []],
  ])("the write guard rolls the batch back when %s", async (what, values, skillQueueIds) => {
    const { t, q } = await setup({ quotas: { multimediaAgents: 1 } });
    await t.post("/agents", base([q.multimedia]));
    const tdb = new TenantDb(db(), t.tenantId);
    const written: ResolvedAgent = {
      values: {
        employeeId: "1002",
        platformRole: "common",
        agentType: what.startsWith("a quota") ? "multimedia" : "audio",
        phone: null,
        intelligentRecognition: false,
        smartFormFilling: false,
        phoneOnly: false,
        anonymizationFlag: false,
        skillType: "skillQueue",
        skillQueueGroupId: null,
        defaultSkillQueueId: q.voice!,
        maxConcurrentChats: 5,
        ...values,
      },
      skillQueueIds: [q.voice!, ...skillQueueIds],
    };
    const quotas = { videoAgents: 0, versatileAgents: 0, intelligentAgents: 0, multimediaAgents: 1 };
    const batch = (kinds: QuotaName[]) => () =>
      d1Batch(env.DB, db(), [
        tdb.insert(agents, { id: "ag_intruder", ...written.values }),
        writeGuard(tdb, quotas, kinds, [written]),
      ]);
    await expect(guarded(batch(["multimediaAgents"]), async () => undefined)).rejects.toMatchObject({
      status: 409,
    });
    expect((await rowsOf(t.tenantId)).agents.map((a) => a.employeeId)).toEqual(["1001"]);
  });

  it("the write guard lets a consistent batch through", async () => {
    const { t, q } = await setup({ quotas: { multimediaAgents: 2 } });
    const res = await t.post("/agents", base([q.multimedia]));
    const tdb = new TenantDb(db(), t.tenantId);
    const [row] = (await rowsOf(t.tenantId)).agents;
    const { id: _id, tenantId: _tenant, createdAt: _created, ...values } = row!;
    const quotas = { videoAgents: 0, versatileAgents: 0, intelligentAgents: 0, multimediaAgents: 1 };
    await d1Batch(env.DB, db(), [
      writeGuard(tdb, quotas, ["multimediaAgents"], [{ values, skillQueueIds: [q.multimedia!] }]),
    ]);
    expect((await rowsOf(t.tenantId)).agents.map((a) => a.id)).toEqual([res.body.id]);
  });

  it("lets every employee read agents and only administrators change them", async () => {
    const { t, q } = await setup();
    const { body: agent } = await t.post("/agents", base([q.multimedia]));
    const employee = await addSignedInEmployee(t.tenantId, "2001");
    const reader = client(employee.token, t.tenantId);
    expect((await reader.get(`/agents/${agent.id}`)).status).toBe(200);
    expect((await reader.post("/agents", base([q.multimedia], { employeeId: "1002" }))).status).toBe(403);
    expect((await reader.patch(`/agents/${agent.id}`, { maxConcurrentChats: 2 })).status).toBe(403);
    expect((await reader.del(`/agents/${agent.id}`)).status).toBe(403);
  });
});

describe("agent batch", () => {
  const set = (q: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    platformRole: "common",
    agentType: "multimedia",
    skillType: "skillQueue",
    skillQueueIds: [q.multimedia, q.multimedia2],
    ...extra,
  });

  it("creates and updates the selected agents and reports each", async () => {
    const { t, q } = await setup();
    const { body: existing } = await t.post(
      "/agents",
      base([q.multimedia], { phone: "123", maxConcurrentChats: 9 }),
    );
    const res = await t.post("/agents/batch", {
      employeeIds: ["1001", "1002"],
      set: set(q, { maxConcurrentChats: 7 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { employeeId: "1001", status: "updated" },
      { employeeId: "1002", status: "created" },
    ]);
    const updated = (await t.get(`/agents/${existing.id}`)).body;
    expect(updated).toMatchObject({
      phone: "123",
      maxConcurrentChats: 7,
      skillQueueIds: [q.multimedia, q.multimedia2],
    });
    expect(updated.defaultSkillQueueId).toBe(q.multimedia);
    const [created] = (await t.get("/agents?employeeId=1002")).body.items;
    expect(created).toMatchObject({
      skillQueueIds: [q.multimedia, q.multimedia2],
      defaultSkillQueueId: q.multimedia,
      maxConcurrentChats: 7,
      intelligentRecognition: false,
    });
  });

  it("a partial set changes only the given fields of existing agents", async () => {
    const { t, q } = await setup();
    await t.post("/agents", base([q.multimedia2]));
    await t.post("/agents", base([q.voice], { employeeId: "1002", agentType: "audio" }));
    const res = await t.post("/agents/batch", {
      employeeIds: ["1001", "1002"],
      set: { anonymizationFlag: true },
    });
    expect(res.status).toBe(200);
    const items = (await t.get("/agents")).body.items;
    expect(items.map((a: any) => [a.employeeId, a.anonymizationFlag, a.skillQueueIds])).toEqual([
      ["1001", true, [q.multimedia2]],
      ["1002", true, [q.voice]],
    ]);
  });

  it("selects an employee ID segment numerically, both ends included", async () => {
    const { t, q } = await setup();
    await addEmployees(t.tenantId, ["9", "10", "11", "100"]);
    const res = await t.post("/agents/batch", { range: { from: "9", to: "11" }, set: set(q) });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.employeeId)).toEqual(["9", "10", "11"]);
    const empty = await t.post("/agents/batch", { range: { from: "5000", to: "6000" }, set: set(q) });
    expect(empty.status).toBe(422);
    expect(empty.body.errors.range).toBeDefined();
  });

  it("writes nothing when one agent fails, and reports every agent", async () => {
    const { t, q } = await setup();
    await t.post("/agents", base([q.voice], { employeeId: "1002", agentType: "audio" }));
    const before = await rowsOf(t.tenantId);
    const res = await t.post("/agents/batch", {
      employeeIds: ["1001", "1002", "4242"],
      set: {
        platformRole: "callout",
        agentType: "multimedia",
        skillType: "skillQueue",
        skillQueueIds: [q.multimedia],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe("/problems/validation");
    expect(res.body.results).toEqual([
      { employeeId: "1001", status: "valid" },
      { employeeId: "1002", status: "valid" },
      { employeeId: "4242", status: "error", errors: { employeeId: ["No employee has this employeeId"] } },
    ]);
    expect(res.body.errors["4242.employeeId"]).toBeDefined();
    expect(await rowsOf(t.tenantId)).toEqual(before);
  });

  it("reports field errors of each agent (a new agent needs the required fields)", async () => {
    const { t, q } = await setup();
    await t.post("/agents", base([q.multimedia]));
    const res = await t.post("/agents/batch", {
      employeeIds: ["1001", "1002"],
      set: { maxConcurrentChats: 4 },
    });
    expect(res.status).toBe(422);
    expect(res.body.results[0]).toEqual({ employeeId: "1001", status: "valid" });
    expect(Object.keys(res.body.results[1].errors).sort()).toEqual([
      "agentType",
      "platformRole",
      "skillType",
    ]);
    expect((await t.get("/agents?employeeId=1001")).body.items[0].maxConcurrentChats).toBe(5);
  });

  it("checks quotas for the batch as a whole", async () => {
    const { t, q } = await setup({ quotas: { multimediaAgents: 2 } });
    await t.post("/agents", base([q.multimedia]));
    const res = await t.post("/agents/batch", { employeeIds: ["1001", "1002", "1003"], set: set(q) });
    expect(res.status).toBe(422);
    expect(res.body.results.map((r: any) => r.status)).toEqual(["valid", "error", "error"]);
    expect(res.body.results[1].errors.agentType[0]).toContain("2 multimedia agents");
    expect((await rowsOf(t.tenantId)).agents).toHaveLength(1);
    expect((await t.post("/agents/batch", { employeeIds: ["1001", "1002"], set: set(q) })).status).toBe(200);
  });

  it.each([
    ["neither employeeIds nor range", (q: any) => ({ set: set(q) }), "body"],
    [
      "both employeeIds and range",
      (q: any) => ({ employeeIds: ["1001"], range: { from: "1", to: "2" }, set: set(q) }),
      "body",
    ],
    ["an empty set", () => ({ employeeIds: ["1001"], set: {} }), "set"],
    [
      "employeeId inside set",
      (q: any) => ({ employeeIds: ["1001"], set: { ...set(q), employeeId: "1001" } }),
      "set.employeeId",
    ],
    ["a repeated employee", (q: any) => ({ employeeIds: ["1001", "1001"], set: set(q) }), "employeeIds.1"],
    [
      "a segment that ends before it starts",
      (q: any) => ({ range: { from: "20", to: "10" }, set: set(q) }),
      "range.to",
    ],
    [
      "1001 employee ids",
      (q: any) => ({ employeeIds: Array.from({ length: 1001 }, (_, i) => String(i + 1)), set: set(q) }),
      "employeeIds",
    ],
  ])("refuses %s", async (_name, make, field) => {
    const { t, q } = await setup();
    const res = await t.post("/agents/batch", make(q));
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it("configures 1000 agents at once and refuses a segment of 1001", async () => {
    const t: Tenant = await newTenant({ quotas: { multimediaAgents: 1000 } });
    const q1 = await addQueue(t.tenantId, "multimedia");
    const q2 = await addQueue(t.tenantId, "multimedia");
    await addEmployees(
      t.tenantId,
      Array.from({ length: 1001 }, (_, i) => String(5000 + i)),
    );
    const tooMany = await t.post("/agents/batch", {
      range: { from: "5000", to: "6000" },
      set: set({ multimedia: q1, multimedia2: q2 }),
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.range[0]).toContain("1001");

    const res = await t.post("/agents/batch", {
      range: { from: "5000", to: "5999" },
      set: set({ multimedia: q1, multimedia2: q2 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1000);
    const rows = await rowsOf(t.tenantId);
    expect(rows.agents).toHaveLength(1000);
    expect(rows.links).toHaveLength(2000);
    expect(rows.agents.every((a) => a.defaultSkillQueueId === q1 && a.maxConcurrentChats === 5)).toBe(true);

    const again = await t.post("/agents/batch", {
      range: { from: "5000", to: "5999" },
      set: { skillQueueIds: [q2] },
    });
    expect(again.status).toBe(200);
    const after = await rowsOf(t.tenantId);
    expect(after.links).toHaveLength(1000);
    expect(after.agents.every((a) => a.defaultSkillQueueId === q2)).toBe(true);
    const quota = await t.post("/agents/batch", {
      employeeIds: ["6000"],
      set: set({ multimedia: q1, multimedia2: q2 }),
    });
    expect(quota.status).toBe(422);
  }, 60_000);
});
