import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { cannedResponses, employees, orgUnits } from "../db/schema";
import { MAX_PERSONAL_CANNED, MAX_TENANT_CANNED } from "../schemas/canned-responses";
import { addSignedInEmployee, db, setTenant } from "../test/config-fixtures";
import { type Client, client, newTenant } from "../test/helpers";

type Item = { id: string; shortcut: string; scope: string; ouId: string | null };
const shortcuts = async (who: Client, query = "") =>
  ((await who.get(`/canned-responses${query}`)).body.items as Item[]).map((c) => c.shortcut).sort();
const canned = (over: Record<string, unknown> = {}) => ({
  shortcut: "hello",
  title: "Greeting",
  text: "Hello {customer.name|there}, this is {agent.name}.",
  ...over,
});

async function agentWith(
  tenantId: string,
  employeeId: string,
  ous: Partial<typeof employees.$inferInsert> = {},
) {
  const e = await addSignedInEmployee(tenantId, employeeId);
  if (Object.keys(ous).length) await db().update(employees).set(ous).where(eq(employees.id, e.id));
  return { ...e, api: client(e.token, tenantId) };
}

async function addOus(tenantId: string, names: string[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of names) {
    ids[name] = newId("ou");
    await db().insert(orgUnits).values({ id: ids[name], tenantId, name, parentId: null });
  }
  return ids;
}

/** `count` responses written straight into D1 (to test the limits at their boundary). */
async function insertMany(
  tenantId: string,
  count: number,
  owner: { scope: "tenant" | "personal"; ownerId?: string },
) {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId("cnd"),
    tenantId,
    ...owner,
    shortcut: `s${i}`,
    title: "t",
    text: "x",
  }));
  for (let i = 0; i < rows.length; i += 10)
    await db()
      .insert(cannedResponses)
      .values(rows.slice(i, i + 10));
}

describe("canned responses", () => {
  it("an administrator creates a tenant-wide one with defaults; an agent saves personal ones", async () => {
    const t = await newTenant();
    const shared = await t.post("/canned-responses", canned({ scope: "tenant", shortcut: " Hello-1 " }));
    expect(shared.status).toBe(201);
    expect(shared.body).toEqual({
      id: expect.any(String),
      scope: "tenant",
      ouId: null,
      shortcut: "hello-1",
      title: "Greeting",
      text: "Hello {customer.name|there}, this is {agent.name}.",
      createdAt: expect.any(Number),
    });
    const agent = await agentWith(t.tenantId, "2001");
    const mine = await agent.api.post("/canned-responses", canned({ shortcut: "hello-1" }));
    expect(mine.status).toBe(201);
    expect(mine.body.scope).toBe("personal");
    expect(await shortcuts(agent.api)).toEqual(["hello-1", "hello-1"]);
    expect(await shortcuts(agent.api, "?scope=personal")).toEqual(["hello-1"]);

    const patched = await agent.api.patch(`/canned-responses/${mine.body.id}`, { title: "Hi", text: "Hi!" });
    expect(patched.body).toMatchObject({ title: "Hi", text: "Hi!", shortcut: "hello-1", scope: "personal" });
    expect((await agent.api.del(`/canned-responses/${mine.body.id}`)).status).toBe(204);
    expect(await shortcuts(agent.api)).toEqual(["hello-1"]);
  });

  it("keeps tenant-wide ones for administrators to change", async () => {
    const t = await newTenant();
    const shared = await t.post("/canned-responses", canned({ scope: "tenant" }));
    const agent = await agentWith(t.tenantId, "2001");
    const refused = await agent.api.post("/canned-responses", canned({ scope: "tenant", shortcut: "x" }));
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain("Only a tenant administrator");
    expect((await agent.api.get(`/canned-responses/${shared.body.id}`)).status).toBe(200);
    expect((await agent.api.patch(`/canned-responses/${shared.body.id}`, { title: "Mine" })).status).toBe(
      403,
    );
    expect((await agent.api.del(`/canned-responses/${shared.body.id}`)).status).toBe(403);
    expect((await t.get(`/canned-responses/${shared.body.id}`)).body.title).toBe("Greeting");
  });

  it("shows personal ones to their owner only, administrators included", async () => {
    const t = await newTenant();
    const ann = await agentWith(t.tenantId, "2001");
    const bob = await agentWith(t.tenantId, "2002");
    const anns = await ann.api.post("/canned-responses", canned());
    await t.post("/canned-responses", canned({ shortcut: "admins-own" }));
    expect(await shortcuts(bob.api)).toEqual([]);
    expect(await shortcuts(t)).toEqual(["admins-own"]);
    for (const who of [bob.api, t]) {
      expect((await who.get(`/canned-responses/${anns.body.id}`)).status).toBe(404);
      expect((await who.patch(`/canned-responses/${anns.body.id}`, { title: "x" })).status).toBe(404);
      expect((await who.del(`/canned-responses/${anns.body.id}`)).status).toBe(404);
    }
    // a shortcut is unique per owner: Bob may reuse Ann's
    expect((await bob.api.post("/canned-responses", canned())).status).toBe(201);
    const again = await ann.api.post("/canned-responses", canned({ title: "Again" }));
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual({
      shortcut: ["You already have a personal canned response with this shortcut"],
    });
    await t.post("/canned-responses", canned({ scope: "tenant" }));
    expect((await t.post("/canned-responses", canned({ scope: "tenant" }))).status).toBe(409);
    expect((await (await newTenant()).get(`/canned-responses/${anns.body.id}`)).status).toBe(404);
  });

  it("shows tenant-wide ones by OU as the data-isolation rule says", async () => {
    const t = await newTenant();
    const ou = await addOus(t.tenantId, ["home", "rw", "ro", "other"]);
    for (const [name, id] of Object.entries(ou))
      expect(
        (await t.post("/canned-responses", canned({ scope: "tenant", shortcut: name, ouId: id }))).status,
      ).toBe(201);
    await t.post("/canned-responses", canned({ scope: "tenant", shortcut: "everyone", ouId: null }));
    const agent = await agentWith(t.tenantId, "2001", {
      ouId: ou.home,
      accessibleOus: [
        { ouId: ou.rw!, access: "readWrite" },
        { ouId: ou.ro!, access: "read" },
      ],
    });
    const all = ["everyone", "home", "other", "ro", "rw"];
    expect(await shortcuts(agent.api)).toEqual(all);
    await setTenant(t.tenantId, { dataIsolation: true });
    expect(await shortcuts(agent.api)).toEqual(["everyone", "home", "ro", "rw"]);
    const other = ((await t.get("/canned-responses")).body.items as Item[]).find(
      (c) => c.shortcut === "other",
    )!;
    expect((await agent.api.get(`/canned-responses/${other.id}`)).status).toBe(404);
    expect(await shortcuts(t)).toEqual(all);
    const stranger = await agentWith(t.tenantId, "2002");
    expect(await shortcuts(stranger.api)).toEqual(["everyone"]);
  });

  it.each([
    ["a shortcut with a space", canned({ shortcut: "two words" }), "shortcut"],
    ["a 33-character shortcut", canned({ shortcut: "x".repeat(33) }), "shortcut"],
    ["an empty title", canned({ title: "" }), "title"],
    ["a 101-character title", canned({ title: "x".repeat(101) }), "title"],
    ["an empty text", canned({ text: "" }), "text"],
    ["a 2001-character text", canned({ text: "x".repeat(2001) }), "text"],
    ["an unknown variable", canned({ text: "Hi {customer.nmae}" }), "text"],
    ["another scope", canned({ scope: "team" }), "scope"],
    ["a personal one with an OU", canned({ ouId: "ou_x" }), "ouId"],
    ["an OU that does not exist", canned({ scope: "tenant", ouId: "ou_x" }), "ouId"],
    ["an unknown field", { ...canned(), extra: 1 }, "extra"],
  ])("refuses %s", async (_name, input, field) => {
    const t = await newTenant();
    const res = await t.post("/canned-responses", input);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it("says which variable is unknown and which exist", async () => {
    const t = await newTenant();
    const res = await t.post("/canned-responses", canned({ text: "Order {order.id}" }));
    expect(res.body.errors.text).toEqual([
      "Unknown variable {order.id}: the variables are {customer.name} and {agent.name}",
    ]);
  });

  it("takes the longest shortcut, title and text", async () => {
    const t = await newTenant();
    const res = await t.post(
      "/canned-responses",
      canned({ shortcut: "x".repeat(32), title: "t".repeat(100), text: "y".repeat(2000) }),
    );
    expect(res.status).toBe(201);
  });

  it("keeps its scope", async () => {
    const t = await newTenant();
    const mine = await t.post("/canned-responses", canned());
    const res = await t.patch(`/canned-responses/${mine.body.id}`, { scope: "tenant" });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(["scope"]);
  });

  it(`holds at most ${MAX_PERSONAL_CANNED} personal ones per employee`, async () => {
    const t = await newTenant();
    const ann = await agentWith(t.tenantId, "2001");
    await insertMany(t.tenantId, MAX_PERSONAL_CANNED - 1, { scope: "personal", ownerId: ann.id });
    expect((await ann.api.post("/canned-responses", canned({ shortcut: "last" }))).status).toBe(201);
    const over = await ann.api.post("/canned-responses", canned({ shortcut: "over" }));
    expect(over.status).toBe(409);
    expect(over.body.errors.scope[0]).toContain(`${MAX_PERSONAL_CANNED} personal canned responses`);
    // the tenant-wide list and other employees are counted apart
    expect((await t.post("/canned-responses", canned({ shortcut: "over" }))).status).toBe(201);
    expect((await t.post("/canned-responses", canned({ scope: "tenant", shortcut: "over" }))).status).toBe(
      201,
    );
  });

  it(`holds at most ${MAX_TENANT_CANNED} tenant-wide ones per tenant`, async () => {
    const t = await newTenant();
    await insertMany(t.tenantId, MAX_TENANT_CANNED - 1, { scope: "tenant" });
    expect((await t.post("/canned-responses", canned({ scope: "tenant", shortcut: "last" }))).status).toBe(
      201,
    );
    const over = await t.post("/canned-responses", canned({ scope: "tenant", shortcut: "over" }));
    expect(over.status).toBe(409);
    expect((await t.post("/canned-responses", canned({ shortcut: "over" }))).status).toBe(201);
  });

  it("goes with its owner, and keeps its organization unit from being deleted", async () => {
    const t = await newTenant();
    const ann = await agentWith(t.tenantId, "2001");
    await ann.api.post("/canned-responses", canned());
    expect((await t.del(`/employees/${ann.id}`)).status).toBe(204);
    expect(await db().select().from(cannedResponses).where(eq(cannedResponses.ownerId, ann.id))).toEqual([]);

    const ou = await addOus(t.tenantId, ["sales"]);
    const shared = await t.post("/canned-responses", canned({ scope: "tenant", ouId: ou.sales }));
    const res = await t.del(`/org-units/${ou.sales}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain("a canned response");
    await t.del(`/canned-responses/${shared.body.id}`);
    expect((await t.del(`/org-units/${ou.sales}`)).status).toBe(204);
  });
});
