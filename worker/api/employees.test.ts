import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { agents, chatTickets, employees, sessions } from "../db/schema";
import { database } from "../db/tenant-db";
import { issueTicket } from "../realtime/tickets";
import { client, fetchApp, login, newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
const db = () => database(env.DB);
const PASSWORD = "agent password";

const input = (over: Record<string, unknown> = {}) => ({
  account: `emp_${unique()}`,
  name: "Employee",
  employeeId: String(1000 + Math.floor(Math.random() * 8000)),
  role: "agent",
  password: PASSWORD,
  ...over,
});

async function create(t: Tenant, over: Record<string, unknown> = {}) {
  const body = input(over);
  const res = await t.post("/employees", body);
  expect(res.status).toBe(201);
  return { ...res.body, account: body.account as string };
}

const canLogin = async (account: string, password: string) =>
  (
    await fetchApp("/api/v1/auth/login", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "cf-connecting-ip": `203.0.113.${Math.floor(Math.random() * 250)}`,
      },
      body: JSON.stringify({ account, password }),
    })
  ).status === 200;

async function me(t: Tenant) {
  return (await t.get("/auth/me")).body.user as { id: string };
}

describe("employees", () => {
  it("creates, lists with a cursor, updates and deletes, never returning the password", async () => {
    const t = await newTenant();
    const ou = (await t.post("/org-units", { name: "Support" })).body.id;
    const res = await t.post(
      "/employees",
      input({ account: "Alice.Smith@shop", name: "Alice", employeeId: "1001", ouId: ou }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      account: "Alice.Smith@shop",
      name: "Alice",
      employeeId: "1001",
      role: "agent",
      ouId: ou,
      accessibleOus: [],
      createdAt: expect.any(Number),
    });
    const stored = await db().select().from(employees).where(eq(employees.id, res.body.id));
    expect(stored[0]!.passwordHash).toMatch(/^scrypt\$/);
    expect(await canLogin("Alice.Smith@shop", PASSWORD)).toBe(true);

    await create(t, { employeeId: "1002" });
    const first = await t.get("/employees?limit=2");
    expect(first.body.items.map((e: { employeeId: string }) => e.employeeId)).toEqual(["1", "1001"]);
    expect(JSON.stringify(first.body)).not.toMatch(/password/i);
    const second = await t.get(`/employees?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { employeeId: string }) => e.employeeId)).toEqual(["1002"]);
    expect(second.body.nextCursor).toBeNull();

    const patched = await t.patch(`/employees/${res.body.id}`, {
      name: "Alice S.",
      role: "tenantAdmin",
      accessibleOus: [{ ouId: ou, access: "readWrite" }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Alice S.",
      role: "tenantAdmin",
      employeeId: "1001",
      ouId: ou,
      accessibleOus: [{ ouId: ou, access: "readWrite" }],
    });
    expect(patched.body.password).toBeUndefined();
    expect((await t.del(`/employees/${res.body.id}`)).status).toBe(204);
    expect((await t.get(`/employees/${res.body.id}`)).status).toBe(404);
    expect(await canLogin("Alice.Smith@shop", PASSWORD)).toBe(false);
  });

  it.each([
    [{ account: "" }, "account"],
    [{ account: "has space" }, "account"],
    [{ account: "a".repeat(65) }, "account"],
    [{ name: "" }, "name"],
    [{ name: "n".repeat(101) }, "name"],
    [{ employeeId: "" }, "employeeId"],
    [{ employeeId: "12a" }, "employeeId"],
    [{ employeeId: "0123" }, "employeeId"],
    [{ employeeId: "12345678901" }, "employeeId"],
    [{ employeeId: 1001 }, "employeeId"],
    [{ role: "owner" }, "role"],
    [{ role: undefined }, "role"],
    [{ password: undefined }, "password"],
    [{ password: "short77" }, "password"],
    [{ password: "p".repeat(129) }, "password"],
    [{ ouId: 3 }, "ouId"],
    [{ ouId: "ou_missing" }, "ouId"],
    [{ accessibleOus: "all" }, "accessibleOus"],
    [{ accessibleOus: [{ ouId: "x", access: "write" }] }, "accessibleOus.0.access"],
    [{ accessibleOus: [{ ouId: "ou_missing", access: "read" }] }, "accessibleOus.0.ouId"],
    [{ accessibleOus: [{ ouId: "x", access: "read", extra: 1 }] }, "accessibleOus.0.extra"],
    [{ passwordHash: "scrypt$..." }, "passwordHash"],
  ])("refuses %j naming %s and writes nothing", async (over, field) => {
    const t = await newTenant();
    const body = input(over);
    const res = await t.post("/employees", body);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
    expect((await t.get("/employees")).body.items).toHaveLength(1);
  });

  it("accepts the boundaries: 64-char account, 100-char name, 10 digits, 0, 8- and 128-char passwords", async () => {
    const t = await newTenant();
    const long = await t.post(
      "/employees",
      input({
        account: `${unique()}${"a".repeat(64)}`.slice(0, 64),
        name: "n".repeat(100),
        employeeId: "9999999999",
      }),
    );
    expect(long.status).toBe(201);
    expect((await t.post("/employees", input({ employeeId: "0", password: "8chars!!" }))).status).toBe(201);
    expect((await t.post("/employees", input({ password: "p".repeat(128) }))).status).toBe(201);
  });

  it("refuses duplicate OUs in accessibleOus", async () => {
    const t = await newTenant();
    const ou = (await t.post("/org-units", { name: "Ou" })).body.id;
    const res = await t.post(
      "/employees",
      input({
        accessibleOus: [
          { ouId: ou, access: "read" },
          { ouId: ou, access: "readWrite" },
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors["accessibleOus.1"]).toBeDefined();
  });

  it("keeps accounts unique across tenants and employee ids unique within a tenant (409)", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const first = await create(a, { employeeId: "300" });
    const sameAccount = await b.post("/employees", input({ account: first.account }));
    expect(sameAccount.status).toBe(409);
    expect(sameAccount.body.errors.account).toBeDefined();
    expect((await a.post("/employees", input({ account: a.account }))).status).toBe(409);

    const sameId = await a.post("/employees", input({ employeeId: "300" }));
    expect(sameId.status).toBe(409);
    expect(sameId.body.errors.employeeId).toBeDefined();
    expect((await b.post("/employees", input({ employeeId: "300" }))).status).toBe(201);

    const second = await create(a, { employeeId: "301" });
    expect((await a.patch(`/employees/${second.id}`, { employeeId: "300" })).status).toBe(409);
    expect((await a.patch(`/employees/${second.id}`, { account: first.account })).status).toBe(409);
    expect(
      (await a.patch(`/employees/${second.id}`, { account: second.account, employeeId: "301" })).status,
    ).toBe(200);
    expect((await a.get("/employees")).body.items).toHaveLength(3);
  });

  it("re-validates the merged employee on PATCH and refuses unknown OUs", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreignOu = (await other.post("/org-units", { name: "Theirs" })).body.id;
    const e = await create(t, { employeeId: "42" });
    for (const [patch, field] of [
      [{ ouId: foreignOu }, "ouId"],
      [{ accessibleOus: [{ ouId: foreignOu, access: "read" }] }, "accessibleOus.0.ouId"],
      [{ employeeId: "4x" }, "employeeId"],
      [{ role: null }, "role"],
      [{ id: "em_other" }, "id"],
    ] as const) {
      const res = await t.patch(`/employees/${e.id}`, { name: "Changed", ...patch });
      expect(res.status).toBe(422);
      expect(res.body.errors[field]).toBeDefined();
    }
    expect((await t.get(`/employees/${e.id}`)).body).toMatchObject({ name: "Employee", ouId: null });
  });

  it("ends the employee's sessions when the password changes or the employee is deleted", async () => {
    const t = await newTenant();
    const e = await create(t, { employeeId: "55" });
    const agent = client(await login(e.account, PASSWORD), t.tenantId);
    expect((await agent.get("/org-units")).status).toBe(200);

    // A PATCH without a new password keeps the sessions.
    expect((await t.patch(`/employees/${e.id}`, { name: "Renamed" })).status).toBe(200);
    expect((await agent.get("/org-units")).status).toBe(200);

    expect((await t.patch(`/employees/${e.id}`, { password: "a new password" })).status).toBe(200);
    expect((await agent.get("/org-units")).status).toBe(401);
    expect(await canLogin(e.account, PASSWORD)).toBe(false);
    const again = client(await login(e.account, "a new password"), t.tenantId);
    expect((await again.get("/org-units")).status).toBe(200);

    expect((await t.del(`/employees/${e.id}`)).status).toBe(204);
    expect((await again.get("/org-units")).status).toBe(401);
    expect(await db().select().from(sessions).where(eq(sessions.employeeRowId, e.id))).toEqual([]);
  });

  it("keeps the caller's own session when they change their own password", async () => {
    const t = await newTenant();
    const other = client(await login(t.account, t.password), t.tenantId);
    const self = await me(t);
    expect((await t.patch(`/employees/${self.id}`, { password: "fresh password" })).status).toBe(200);
    expect((await t.get("/employees")).status).toBe(200);
    expect((await other.get("/employees")).status).toBe(401);
  });

  it("refuses deleting an employee an agent configuration uses, then allows it", async () => {
    const t = await newTenant();
    const e = await create(t, { employeeId: "700" });
    const agentId = newId("ag");
    await db().insert(agents).values({
      id: agentId,
      tenantId: t.tenantId,
      employeeId: "700",
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueue",
    });
    const res = await t.del(`/employees/${e.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/agent/);
    const renumber = await t.patch(`/employees/${e.id}`, { employeeId: "701" });
    expect(renumber.status).toBe(409);
    expect(renumber.body.errors.employeeId).toBeDefined();
    expect((await t.get(`/employees/${e.id}`)).body.employeeId).toBe("700");

    // An agent row of another tenant with the same employeeId does not count.
    await db().delete(agents).where(eq(agents.id, agentId));
    const elsewhere = await newTenant();
    await db()
      .insert(agents)
      .values({
        id: newId("ag"),
        tenantId: elsewhere.tenantId,
        employeeId: "700",
        platformRole: "common",
        agentType: "multimedia",
        skillType: "skillQueue",
      });
    expect((await t.del(`/employees/${e.id}`)).status).toBe(204);
  });

  it("never lets the tenant lose its last administrator", async () => {
    const t = await newTenant();
    const self = await me(t);
    const selfDelete = await t.del(`/employees/${self.id}`);
    expect(selfDelete.status).toBe(409);
    const selfDemote = await t.patch(`/employees/${self.id}`, { role: "agent" });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.errors.role).toBeDefined();

    const second = await create(t, { role: "tenantAdmin", employeeId: "2" });
    const secondClient = client(await login(second.account, PASSWORD), t.tenantId);
    // With two administrators, either may demote or delete the other, never themself.
    expect((await secondClient.patch(`/employees/${self.id}`, { role: "agent" })).status).toBe(200);
    expect((await secondClient.del(`/employees/${second.id}`)).status).toBe(409);
    expect((await secondClient.patch(`/employees/${second.id}`, { role: "agent" })).status).toBe(409);
    expect((await secondClient.get(`/employees/${second.id}`)).body.role).toBe("tenantAdmin");
    // The demoted first admin is now a common agent and may not write.
    expect((await t.patch(`/employees/${second.id}`, { role: "agent" })).status).toBe(403);
    expect((await secondClient.del(`/employees/${self.id}`)).status).toBe(204);
  });

  it.each(["demote", "delete"] as const)(
    "keeps an administrator when two %s each other at once",
    async (how) => {
      const t = await newTenant();
      const self = await me(t);
      const second = await create(t, { role: "tenantAdmin", employeeId: "2" });
      const secondClient = client(await login(second.account, PASSWORD), t.tenantId);
      const act = (c: typeof t | typeof secondClient, id: string) =>
        how === "demote" ? c.patch(`/employees/${id}`, { role: "agent" }) : c.del(`/employees/${id}`);
      const results = await Promise.all([act(t, second.id), act(secondClient, self.id)]);
      const admins = await db().select().from(employees).where(eq(employees.tenantId, t.tenantId));
      expect(admins.filter((e) => e.role === "tenantAdmin")).toHaveLength(1);
      const ok = how === "demote" ? 200 : 204;
      expect(results.filter((r) => r.status === ok)).toHaveLength(1);
      // The loser is refused by the guard, or finds its own session or role already gone.
      expect([401, 403, 409]).toContain(results.find((r) => r.status !== ok)?.status);
    },
  );

  it("refuses demoting the last administrator even with a password change, writing nothing", async () => {
    const t = await newTenant();
    const self = await me(t);
    const res = await t.patch(`/employees/${self.id}`, { role: "agent", password: "another password" });
    expect(res.status).toBe(409);
    expect(await canLogin(t.account, t.password)).toBe(true);
    expect((await t.get(`/employees/${self.id}`)).body.role).toBe("tenantAdmin");
  });

  it("answers 404 for another tenant's employee and 403 to a common agent's write", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const e = await create(a, { employeeId: "88" });
    expect((await b.get(`/employees/${e.id}`)).status).toBe(404);
    expect((await b.patch(`/employees/${e.id}`, { name: "Mine" })).status).toBe(404);
    expect((await b.del(`/employees/${e.id}`)).status).toBe(404);

    const agent = client(await login(e.account, PASSWORD), a.tenantId);
    expect((await agent.get("/employees")).status).toBe(200);
    expect((await agent.post("/employees", input())).status).toBe(403);
    expect((await agent.patch(`/employees/${e.id}`, { role: "tenantAdmin" })).status).toBe(403);
    expect((await agent.del(`/employees/${e.id}`)).status).toBe(403);
    expect((await a.get(`/employees/${e.id}`)).body.role).toBe("agent");
    expect((await a.get("/employees")).body.items).toHaveLength(2);
  });

  it("a password change or deletion voids the employee's unused agent tickets, and nobody else's", async () => {
    const t = await newTenant();
    const a = await create(t);
    const b = await create(t);
    const agentTicket = (e: { employeeId: string; name: string }) =>
      issueTicket(
        db(),
        "sq_any",
        { kind: "agent", tenantId: t.tenantId, employeeId: e.employeeId, name: e.name, role: "agent" },
        Date.now(),
      );
    const customer = () =>
      issueTicket(
        db(),
        "sq_any",
        {
          kind: "customer",
          tenantId: t.tenantId,
          channelId: "ch_any",
          customerId: `cu_${unique()}`,
          customerName: null,
          customerNameVerified: false,
          conversationId: null,
        },
        Date.now(),
      );
    const ticketsOf = async (employeeId: string) =>
      (await db().select().from(chatTickets).where(eq(chatTickets.tenantId, t.tenantId))).filter(
        (r) => (r.subject as { employeeId?: string }).employeeId === employeeId,
      ).length;
    await agentTicket(a);
    await agentTicket(a);
    await agentTicket(b);
    await customer();

    expect((await t.patch(`/employees/${a.id}`, { name: "Renamed" })).status).toBe(200);
    expect(await ticketsOf(a.employeeId)).toBe(2);
    expect((await t.patch(`/employees/${a.id}`, { password: "a different password" })).status).toBe(200);
    expect(await ticketsOf(a.employeeId)).toBe(0);
    expect(await ticketsOf(b.employeeId)).toBe(1);

    await agentTicket(b);
    expect((await t.del(`/employees/${b.id}`)).status).toBe(204);
    expect(await ticketsOf(b.employeeId)).toBe(0);
    const left = await db().select().from(chatTickets).where(eq(chatTickets.tenantId, t.tenantId));
    expect(left.map((r) => r.kind)).toEqual(["customer"]);
  });
});
