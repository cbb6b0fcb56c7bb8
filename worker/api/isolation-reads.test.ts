/**
 * Data isolation on reads: with the tenant's switch on, a common agent reads the skill queues
 * (and their live statistics) and employees of their accessible OUs only, plus the queues they
 * serve and themselves; sign-in accounts of others are never shown to a common agent.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { employees, orgUnits } from "../db/schema";
import { addEmployee, addGroup, addQueue, addSignedInEmployee, db, setTenant } from "../test/config-fixtures";
import { type Client, client, newTenant } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;

async function orgUnit(tenantId: string, name: string): Promise<string> {
  const id = newId("ou");
  await db().insert(orgUnits).values({ id, tenantId, name, parentId: null });
  return id;
}

async function employeeIn(tenantId: string, employeeId: string, ouId: string | null) {
  const row = await addEmployee(tenantId, employeeId);
  await db().update(employees).set({ ouId }).where(eq(employees.id, row.id));
  return row.id;
}

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).sort();

describe("data isolation on reads", () => {
  let t: Tenant;
  let agent: Client & { rowId: string };
  let grouped: Client;
  let q: Record<"a" | "b" | "unorganized" | "served" | "ofGroup", string>;
  let e: Record<"a" | "b" | "unorganized", string>;
  let ag: Record<"a" | "b" | "unorganized" | "me" | "grouped", string>;

  beforeAll(async () => {
    t = await newTenant();
    const [ouA, ouB] = [await orgUnit(t.tenantId, "A"), await orgUnit(t.tenantId, "B")];
    q = {
      a: await addQueue(t.tenantId, "multimedia", { ouId: ouA }),
      b: await addQueue(t.tenantId, "multimedia", { ouId: ouB }),
      unorganized: await addQueue(t.tenantId, "multimedia", { ouId: null }),
      served: await addQueue(t.tenantId, "multimedia", { ouId: ouB }),
      ofGroup: await addQueue(t.tenantId, "multimedia", { ouId: ouB }),
    };
    e = {
      a: await employeeIn(t.tenantId, "2001", ouA),
      b: await employeeIn(t.tenantId, "2002", ouB),
      unorganized: await employeeIn(t.tenantId, "2003", null),
    };
    // An agent of home OU B with read access to A, serving one queue of B.
    const me = await addSignedInEmployee(t.tenantId, "2100");
    await db()
      .update(employees)
      .set({ ouId: ouB, accessibleOus: [{ ouId: ouA, access: "read" }] })
      .where(eq(employees.id, me.id));
    agent = { ...client(me.token, t.tenantId), rowId: me.id };
    // An agent without accessible OUs, serving a group of B.
    const other = await addSignedInEmployee(t.tenantId, "2200");
    grouped = client(other.token, t.tenantId);
    const agentOf = (employeeId: string, skill: Record<string, unknown>) =>
      t.post("/agents", { employeeId, platformRole: "common", agentType: "multimedia", ...skill });
    expect((await agentOf("2100", { skillType: "skillQueue", skillQueueIds: [q.served] })).status).toBe(201);
    const group = await addGroup(t.tenantId, [q.ofGroup]);
    expect((await agentOf("2200", { skillType: "skillQueueGroup", skillQueueGroupId: group })).status).toBe(
      201,
    );
    const agentId = async (employeeId: string) =>
      (await agentOf(employeeId, { skillType: "skillQueue", skillQueueIds: [q.a] })).body.id as string;
    ag = {
      a: await agentId("2001"),
      b: await agentId("2002"),
      unorganized: await agentId("2003"),
      me: (await t.get("/agents?employeeId=2100")).body.items[0].id,
      grouped: (await t.get("/agents?employeeId=2200")).body.items[0].id,
    };
  });

  describe("switched on", () => {
    beforeAll(() => setTenant(t.tenantId, { dataIsolation: true }));

    it("a common agent lists the queues of their accessible OUs and the queues they serve", async () => {
      expect(ids((await agent.get("/skill-queues")).body)).toEqual([q.a, q.served].sort());
      expect(ids((await grouped.get("/skill-queues")).body)).toEqual([q.ofGroup]);
      const first = await agent.get("/skill-queues?limit=1");
      const second = await agent.get(`/skill-queues?limit=1&cursor=${first.body.nextCursor}`);
      expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([q.a, q.served].sort());
      expect(second.body.nextCursor).toBeNull();
      expect(ids((await agent.get("/skill-queues?type=voice")).body)).toEqual([]);
    });

    it("any other queue answers 404, its live statistics too", async () => {
      for (const hidden of [q.b, q.unorganized]) {
        expect((await agent.get(`/skill-queues/${hidden}`)).status).toBe(404);
        const live = await agent.get(`/skill-queues/${hidden}/live`);
        expect(live.status).toBe(404);
        expect(live.body.detail).toBe("Skill queue not found");
      }
      expect((await agent.get(`/skill-queues/${q.a}`)).status).toBe(200);
      expect((await agent.get(`/skill-queues/${q.served}/live`)).status).toBe(200);
      expect((await agent.get(`/skill-queues/${q.a}/live`)).status).toBe(200);
    });

    it("a common agent lists the employees of their accessible OUs and themselves, with no one else's account", async () => {
      const page = (await agent.get("/employees")).body;
      expect(ids(page)).toEqual([e.a, agent.rowId].sort());
      const accounts = Object.fromEntries(page.items.map((i: any) => [i.id, i.account]));
      expect(accounts[e.a]).toBeNull();
      expect(accounts[agent.rowId]).toMatch(/^emp_/);
      expect((await agent.get(`/employees/${e.b}`)).status).toBe(404);
      expect((await agent.get(`/employees/${e.unorganized}`)).status).toBe(404);
      expect((await agent.get(`/employees/${e.a}`)).body.account).toBeNull();
      expect(ids((await grouped.get("/employees")).body)).toHaveLength(1);
    });

    it("a common agent lists the agents of the employees they may read (themselves included); any other agent answers 404", async () => {
      expect(ids((await agent.get("/agents")).body)).toEqual([ag.a, ag.me].sort());
      expect(ids((await agent.get("/agents?employeeId=2002")).body)).toEqual([]);
      expect(ids((await agent.get("/agents?employeeId=2001")).body)).toEqual([ag.a]);
      const first = await agent.get("/agents?limit=1");
      const second = await agent.get(`/agents?limit=1&cursor=${first.body.nextCursor}`);
      expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([ag.a, ag.me].sort());
      expect(second.body.nextCursor).toBeNull();
      for (const hidden of [ag.b, ag.unorganized]) {
        const answer = await agent.get(`/agents/${hidden}`);
        expect(answer.status).toBe(404);
        expect(answer.body.detail).toBe("Agent not found");
      }
      expect((await agent.get(`/agents/${ag.a}`)).status).toBe(200);
      expect((await agent.get(`/agents/${ag.me}`)).status).toBe(200);
      expect(ids((await grouped.get("/agents")).body)).toHaveLength(1);
      expect(ids((await t.get("/agents")).body)).toEqual(Object.values(ag).sort());
    });

    it("an administrator still reads everything, accounts included", async () => {
      expect(ids((await t.get("/skill-queues")).body)).toEqual(Object.values(q).sort());
      const people = (await t.get("/employees")).body.items;
      expect(people.map((p: any) => p.id)).toEqual(expect.arrayContaining(Object.values(e)));
      expect(people.every((p: any) => typeof p.account === "string")).toBe(true);
      expect((await t.get(`/skill-queues/${q.b}/live`)).status).toBe(200);
    });
  });

  describe("switched off", () => {
    beforeAll(() => setTenant(t.tenantId, { dataIsolation: false }));

    it("a common agent reads every queue and employee, still without others' accounts", async () => {
      expect(ids((await agent.get("/skill-queues")).body)).toEqual(Object.values(q).sort());
      expect((await agent.get(`/skill-queues/${q.b}/live`)).status).toBe(200);
      const people = (await agent.get("/employees")).body.items;
      expect(people.map((p: any) => p.id)).toEqual(expect.arrayContaining(Object.values(e)));
      for (const p of people) expect(p.account === null).toBe(p.id !== agent.rowId);
      expect(ids((await agent.get("/agents")).body)).toEqual(Object.values(ag).sort());
      expect((await agent.get(`/agents/${ag.b}`)).status).toBe(200);
    });
  });
});
