import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { calledRoutes, skillQueues } from "../db/schema";
import { database } from "../db/tenant-db";
import { addQueue } from "../test/config-fixtures";
import { client, login, newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
const db = () => database(env.DB);

async function ou(t: Tenant, name: string, parentId?: string | null): Promise<string> {
  const res = await t.post("/org-units", parentId === undefined ? { name } : { name, parentId });
  expect(res.status).toBe(201);
  return res.body.id;
}

const insertQueue = (tenantId: string, ouId: string | null) => addQueue(tenantId, "multimedia", { ouId });

describe("org units", () => {
  it("creates, lists with a cursor, renames, moves and deletes", async () => {
    const t = await newTenant();
    const created = await t.post("/org-units", { name: "Sales" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Sales", parentId: null });
    expect(typeof created.body.createdAt).toBe("number");
    const east = await ou(t, "East", created.body.id);
    const support = await ou(t, "Support");

    const first = await t.get("/org-units?limit=2");
    expect(first.body.items.map((u: { name: string }) => u.name)).toEqual(["Sales", "East"]);
    const second = await t.get(`/org-units?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((u: { name: string }) => u.name)).toEqual(["Support"]);
    expect(second.body.nextCursor).toBeNull();

    const moved = await t.patch(`/org-units/${east}`, { parentId: support });
    expect(moved.body).toMatchObject({ id: east, name: "East", parentId: support });
    const renamed = await t.patch(`/org-units/${east}`, { name: "East coast" });
    expect(renamed.body).toMatchObject({ name: "East coast", parentId: support });
    const toRoot = await t.patch(`/org-units/${east}`, { parentId: null });
    expect(toRoot.body.parentId).toBeNull();

    expect((await t.del(`/org-units/${east}`)).status).toBe(204);
    expect((await t.get(`/org-units/${east}`)).status).toBe(404);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ name: 5 }, "name"],
    [{}, "name"],
    [{ name: "A", parentId: 7 }, "parentId"],
    [{ name: "A", colour: "red" }, "colour"],
  ])("refuses %j naming %s", async (input, field) => {
    const t = await newTenant();
    const res = await t.post("/org-units", input);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
    expect((await t.get("/org-units")).body.items).toEqual([]);
  });

  it("accepts a 100-character name", async () => {
    const t = await newTenant();
    const res = await t.post("/org-units", { name: "x".repeat(100) });
    expect(res.status).toBe(201);
    expect(res.body.name).toHaveLength(100);
  });

  it("keeps names unique among siblings only", async () => {
    const t = await newTenant();
    const a = await ou(t, "A");
    const b = await ou(t, "B");
    await ou(t, "Team", a);
    expect((await t.post("/org-units", { name: "Team", parentId: b })).status).toBe(201);
    expect((await t.post("/org-units", { name: "Team" })).status).toBe(201);

    const dupChild = await t.post("/org-units", { name: "Team", parentId: a });
    expect(dupChild.status).toBe(409);
    expect(dupChild.body.errors.name).toBeDefined();
    expect((await t.post("/org-units", { name: "A" })).status).toBe(409);
    expect((await t.patch(`/org-units/${b}`, { name: "A" })).status).toBe(409);
    // Moving B's "Team" under A would make two "Team"s there.
    const bTeam = (await t.get("/org-units")).body.items.find(
      (u: { name: string; parentId: string | null }) => u.name === "Team" && u.parentId === b,
    );
    expect((await t.patch(`/org-units/${bTeam.id}`, { parentId: a })).status).toBe(409);
    expect((await t.get(`/org-units/${bTeam.id}`)).body.parentId).toBe(b);
    // Renaming a unit to its own name is no clash.
    expect((await t.patch(`/org-units/${a}`, { name: "A" })).status).toBe(200);
    // Another tenant may use the same names.
    const other = await newTenant();
    expect((await other.post("/org-units", { name: "A" })).status).toBe(201);
    expect((await t.get("/org-units")).body.items).toHaveLength(5);
  });

  it("refuses an unknown parent, another tenant's parent and cycles", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreign = await ou(other, "Foreign");
    expect(
      (await t.post("/org-units", { name: "X", parentId: "ou_missing" })).body.errors.parentId,
    ).toBeDefined();
    const res = await t.post("/org-units", { name: "X", parentId: foreign });
    expect(res.status).toBe(422);
    expect(res.body.errors.parentId).toBeDefined();

    const root = await ou(t, "Root");
    const mid = await ou(t, "Mid", root);
    const leaf = await ou(t, "Leaf", mid);
    for (const parentId of [root, mid, leaf]) {
      const cyc = await t.patch(`/org-units/${root}`, { parentId });
      expect(cyc.status).toBe(422);
      expect(cyc.body.errors.parentId).toBeDefined();
    }
    expect((await t.get(`/org-units/${root}`)).body.parentId).toBeNull();
    expect((await t.patch(`/org-units/${leaf}`, { parentId: root })).status).toBe(200);
  });

  it("refuses deletion while a child, an employee, a skill queue or a called route refers to it", async () => {
    const t = await newTenant();
    const parent = await ou(t, "Parent");
    const child = await ou(t, "Child", parent);
    const refused = await t.del(`/org-units/${parent}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/child unit/);
    expect((await t.del(`/org-units/${child}`)).status).toBe(204);

    const home = await t.post("/employees", {
      account: `e_${unique()}`,
      name: "E",
      employeeId: "501",
      role: "agent",
      ouId: parent,
      password: "long enough",
    });
    expect(home.status).toBe(201);
    expect((await t.del(`/org-units/${parent}`)).body.detail).toMatch(/employee/);
    await t.patch(`/employees/${home.body.id}`, {
      ouId: null,
      accessibleOus: [{ ouId: parent, access: "read" }],
    });
    expect((await t.del(`/org-units/${parent}`)).status).toBe(409);
    await t.patch(`/employees/${home.body.id}`, { accessibleOus: [] });

    const queue = await insertQueue(t.tenantId, parent);
    const byQueue = await t.del(`/org-units/${parent}`);
    expect(byQueue.status).toBe(409);
    expect(byQueue.body.detail).toMatch(/skill queue/);
    await db().update(skillQueues).set({ ouId: null }).where(eq(skillQueues.id, queue));

    const routeId = newId("cr");
    await db().insert(calledRoutes).values({
      id: routeId,
      tenantId: t.tenantId,
      ouId: parent,
      accessCodeId: "ac_x",
      deviceType: "skillQueue",
      skillQueueId: queue,
    });
    const byRoute = await t.del(`/org-units/${parent}`);
    expect(byRoute.status).toBe(409);
    expect(byRoute.body.detail).toMatch(/called route/);
    expect((await t.get(`/org-units/${parent}`)).status).toBe(200);
    await db().delete(calledRoutes).where(eq(calledRoutes.id, routeId));

    expect((await t.del(`/org-units/${parent}`)).status).toBe(204);
  });

  it("answers 404 for another tenant's unit and 403 to a common agent's write", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const id = await ou(a, "Private");
    expect((await b.get(`/org-units/${id}`)).status).toBe(404);
    expect((await b.patch(`/org-units/${id}`, { name: "Mine" })).status).toBe(404);
    expect((await b.del(`/org-units/${id}`)).status).toBe(404);
    expect((await b.get("/org-units")).body.items).toEqual([]);

    const account = `agent_${unique()}`;
    await a.post("/employees", {
      account,
      name: "Ag",
      employeeId: "77",
      role: "agent",
      password: "agent password",
    });
    const agent = client(await login(account, "agent password"), a.tenantId);
    expect((await agent.get(`/org-units/${id}`)).status).toBe(200);
    expect((await agent.post("/org-units", { name: "Nope" })).status).toBe(403);
    expect((await agent.patch(`/org-units/${id}`, { name: "Nope" })).status).toBe(403);
    expect((await agent.del(`/org-units/${id}`)).status).toBe(403);
    expect((await a.get(`/org-units/${id}`)).body.name).toBe("Private");
  });
});
