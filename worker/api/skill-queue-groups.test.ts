import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { agents, skillQueueGroupMembers } from "../db/schema";
import { database } from "../db/tenant-db";
import { addQueue } from "../test/config-fixtures";
import { client, login, newTenant, unique } from "../test/helpers";

type QueueType = "voice" | "video" | "multimedia" | "voiceClickToDial" | "videoClickToDial";
const db = () => database(env.DB);

const queue = (tenantId: string, type: QueueType = "multimedia") => addQueue(tenantId, type);

async function agentUsing(tenantId: string, groupId: string, defaultSkillQueueId: string | null = null) {
  const id = newId("ag");
  await db()
    .insert(agents)
    .values({
      id,
      tenantId,
      employeeId: String(Math.floor(Math.random() * 1e9)),
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueueGroup",
      skillQueueGroupId: groupId,
      defaultSkillQueueId,
    });
  return id;
}

const members = (groupId: string) =>
  db().select().from(skillQueueGroupMembers).where(eq(skillQueueGroupMembers.groupId, groupId));

describe("skill queue groups", () => {
  it("creates, lists with a cursor and members in order, updates and deletes", async () => {
    const t = await newTenant();
    const [q1, q2, q3] = [await queue(t.tenantId), await queue(t.tenantId), await queue(t.tenantId)];
    const created = await t.post("/skill-queue-groups", { name: "Chat", skillQueueIds: [q3, q1] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: "Chat",
      skillQueueIds: [q3, q1],
      createdAt: expect.any(Number),
    });
    await t.post("/skill-queue-groups", { name: "Second", skillQueueIds: [q2] });
    await t.post("/skill-queue-groups", { name: "Third", skillQueueIds: [q1, q2, q3] });

    const first = await t.get("/skill-queue-groups?limit=2");
    expect(
      first.body.items.map((g: { name: string; skillQueueIds: string[] }) => [g.name, g.skillQueueIds]),
    ).toEqual([
      ["Chat", [q3, q1]],
      ["Second", [q2]],
    ]);
    const second = await t.get(`/skill-queue-groups?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((g: { skillQueueIds: string[] }) => g.skillQueueIds)).toEqual([
      [q1, q2, q3],
    ]);
    expect(second.body.nextCursor).toBeNull();

    const renamed = await t.patch(`/skill-queue-groups/${created.body.id}`, { name: "Web chat" });
    expect(renamed.body).toMatchObject({ name: "Web chat", skillQueueIds: [q3, q1] });
    const requeued = await t.patch(`/skill-queue-groups/${created.body.id}`, { skillQueueIds: [q2, q3] });
    expect(requeued.body).toMatchObject({ name: "Web chat", skillQueueIds: [q2, q3] });
    expect((await t.get(`/skill-queue-groups/${created.body.id}`)).body.skillQueueIds).toEqual([q2, q3]);

    expect((await t.del(`/skill-queue-groups/${created.body.id}`)).status).toBe(204);
    expect((await t.get(`/skill-queue-groups/${created.body.id}`)).status).toBe(404);
    expect(await members(created.body.id)).toEqual([]);
  });

  it.each([
    [{ name: "", skillQueueIds: ["Q"] }, "name"],
    [{ name: "n".repeat(101), skillQueueIds: ["Q"] }, "name"],
    [{ name: "G", skillQueueIds: [] }, "skillQueueIds"],
    [{ name: "G", skillQueueIds: "Q" }, "skillQueueIds"],
    [{ name: "G", skillQueueIds: [5] }, "skillQueueIds.0"],
    [{ name: "G", skillQueueIds: ["Q", "Q"] }, "skillQueueIds.1"],
    [{ name: "G", skillQueueIds: ["Q", "sq_missing"] }, "skillQueueIds.1"],
    [{ name: "G" }, "skillQueueIds"],
    [{ skillQueueIds: ["Q"] }, "name"],
    [{ name: "G", skillQueueIds: ["Q"], mediaType: "voice" }, "mediaType"],
  ])("refuses %j naming %s and writes nothing", async (raw, field) => {
    const t = await newTenant();
    const q = await queue(t.tenantId);
    const input = JSON.parse(JSON.stringify(raw).replaceAll('"Q"', JSON.stringify(q)));
    const res = await t.post("/skill-queue-groups", input);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
    expect((await t.get("/skill-queue-groups")).body.items).toEqual([]);
    expect(
      await db().select().from(skillQueueGroupMembers).where(eq(skillQueueGroupMembers.tenantId, t.tenantId)),
    ).toEqual([]);
  });

  it("accepts a 100-character name and 100 skill queues, refuses 101", async () => {
    const t = await newTenant();
    const ids: string[] = [];
    for (let i = 0; i < 101; i++) ids.push(await queue(t.tenantId));
    const big = await t.post("/skill-queue-groups", {
      name: "n".repeat(100),
      skillQueueIds: ids.slice(0, 100),
    });
    expect(big.status).toBe(201);
    expect(big.body.skillQueueIds).toEqual(ids.slice(0, 100));
    const tooMany = await t.post("/skill-queue-groups", { name: "Too many", skillQueueIds: ids });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.skillQueueIds).toBeDefined();
  });

  it.each([
    [["voice", "video", "voiceClickToDial", "videoClickToDial"], 201],
    [["voice"], 201],
    [["multimedia"], 201],
    [["voice", "multimedia"], 422],
    [["videoClickToDial", "multimedia"], 422],
  ] as [QueueType[], number][])(
    "a group of %j answers %i (voice/video family vs multimedia)",
    async (types, status) => {
      const t = await newTenant();
      const ids = [];
      for (const type of types) ids.push(await queue(t.tenantId, type));
      const res = await t.post("/skill-queue-groups", { name: "Mixed", skillQueueIds: ids });
      expect(res.status).toBe(status);
      if (status === 422) expect(res.body.errors.skillQueueIds).toBeDefined();
    },
  );

  it("refuses another tenant's skill queue", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreign = await queue(other.tenantId);
    const res = await t.post("/skill-queue-groups", { name: "G", skillQueueIds: [foreign] });
    expect(res.status).toBe(422);
    expect(res.body.errors["skillQueueIds.0"]).toBeDefined();
  });

  it("answers 409 for a duplicate name within the tenant only, and leaves members untouched", async () => {
    const t = await newTenant();
    const q1 = await queue(t.tenantId);
    const q2 = await queue(t.tenantId);
    await t.post("/skill-queue-groups", { name: "Same", skillQueueIds: [q1] });
    const dup = await t.post("/skill-queue-groups", { name: "Same", skillQueueIds: [q2] });
    expect(dup.status).toBe(409);
    expect(dup.body.errors.name).toBeDefined();
    const other = await t.post("/skill-queue-groups", { name: "Other", skillQueueIds: [q1] });
    const rename = await t.patch(`/skill-queue-groups/${other.body.id}`, {
      name: "Same",
      skillQueueIds: [q2],
    });
    expect(rename.status).toBe(409);
    expect((await t.get(`/skill-queue-groups/${other.body.id}`)).body).toMatchObject({
      name: "Other",
      skillQueueIds: [q1],
    });
    const elsewhere = await newTenant();
    expect(
      (
        await elsewhere.post("/skill-queue-groups", {
          name: "Same",
          skillQueueIds: [await queue(elsewhere.tenantId)],
        })
      ).status,
    ).toBe(201);
    expect((await t.get("/skill-queue-groups")).body.items).toHaveLength(2);
  });

  it("re-validates the merged group on PATCH", async () => {
    const t = await newTenant();
    const mm = await queue(t.tenantId);
    const voice = await queue(t.tenantId, "voice");
    const g = (await t.post("/skill-queue-groups", { name: "G", skillQueueIds: [mm] })).body;
    for (const [patch, field] of [
      [{ skillQueueIds: [] }, "skillQueueIds"],
      [{ skillQueueIds: [mm, voice] }, "skillQueueIds"],
      [{ name: "" }, "name"],
      [{ id: "x" }, "id"],
    ] as const) {
      const res = await t.patch(`/skill-queue-groups/${g.id}`, patch);
      expect(res.status).toBe(422);
      expect(res.body.errors[field]).toBeDefined();
    }
    expect((await t.get(`/skill-queue-groups/${g.id}`)).body).toMatchObject({
      name: "G",
      skillQueueIds: [mm],
    });
  });

  it("while agents use the group: refuses deletion, a media family change and dropping their default queue", async () => {
    const t = await newTenant();
    const [a, b] = [await queue(t.tenantId), await queue(t.tenantId)];
    const voice = await queue(t.tenantId, "voice");
    const g = (await t.post("/skill-queue-groups", { name: "Used", skillQueueIds: [a, b] })).body;
    const agentId = await agentUsing(t.tenantId, g.id, b);

    const del = await t.del(`/skill-queue-groups/${g.id}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toMatch(/agent/);
    const family = await t.patch(`/skill-queue-groups/${g.id}`, { skillQueueIds: [voice] });
    expect(family.status).toBe(409);
    expect(family.body.errors.skillQueueIds).toBeDefined();
    const dropDefault = await t.patch(`/skill-queue-groups/${g.id}`, { skillQueueIds: [a] });
    expect(dropDefault.status).toBe(409);
    expect(dropDefault.body.errors.skillQueueIds[0]).toMatch(b);
    expect((await t.get(`/skill-queue-groups/${g.id}`)).body.skillQueueIds).toEqual([a, b]);

    // Reordering and dropping a non-default queue are fine.
    expect((await t.patch(`/skill-queue-groups/${g.id}`, { skillQueueIds: [b] })).body.skillQueueIds).toEqual(
      [b],
    );

    await db().delete(agents).where(eq(agents.id, agentId));
    expect((await t.patch(`/skill-queue-groups/${g.id}`, { skillQueueIds: [voice] })).status).toBe(200);
    expect((await t.del(`/skill-queue-groups/${g.id}`)).status).toBe(204);
    expect(await members(g.id)).toEqual([]);
  });

  it("answers 404 for another tenant's group and 403 to a common agent's write", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const q = await queue(a.tenantId);
    const g = (await a.post("/skill-queue-groups", { name: "Mine", skillQueueIds: [q] })).body;
    expect((await b.get(`/skill-queue-groups/${g.id}`)).status).toBe(404);
    expect((await b.patch(`/skill-queue-groups/${g.id}`, { name: "Theirs" })).status).toBe(404);
    expect((await b.del(`/skill-queue-groups/${g.id}`)).status).toBe(404);
    expect((await b.get("/skill-queue-groups")).body.items).toEqual([]);

    const account = `agent_${unique()}`;
    await a.post("/employees", {
      account,
      name: "Ag",
      employeeId: "12",
      role: "agent",
      password: "agent password",
    });
    const agent = client(await login(account, "agent password"), a.tenantId);
    expect((await agent.get(`/skill-queue-groups/${g.id}`)).status).toBe(200);
    expect((await agent.post("/skill-queue-groups", { name: "X", skillQueueIds: [q] })).status).toBe(403);
    expect((await agent.patch(`/skill-queue-groups/${g.id}`, { name: "X" })).status).toBe(403);
    expect((await agent.del(`/skill-queue-groups/${g.id}`)).status).toBe(403);
    expect((await a.get(`/skill-queue-groups/${g.id}`)).body.name).toBe("Mine");
  });
});
