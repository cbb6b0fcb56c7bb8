import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { employees, tenants } from "../db/schema";
import { db } from "../test/config-fixtures";
import { fetchApp, login, newTenant, unique } from "../test/helpers";

const create = (body: unknown, token = "test-platform-token") =>
  fetchApp("/api/v1/platform/tenants", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const valid = () => ({
  name: "Acme",
  timezone: "Asia/Shanghai",
  admin: { account: `root_${unique()}`, password: "correct horse battery" },
  quotas: { multimediaAgents: 3, videoAgents: 2, versatileAgents: 1, intelligentAgents: 0 },
});

const adminsNamed = async (account: string) =>
  db().select().from(employees).where(eq(employees.account, account));

describe("platform tenant creation", () => {
  it("creates the tenant with its quotas and an administrator who can sign in", async () => {
    const input = valid();
    const res = await create(input);
    expect(res.status).toBe(201);
    const tenant = (await res.json()) as Record<string, unknown>;
    expect(tenant).toEqual({
      id: expect.stringMatching(/^tn_/),
      name: "Acme",
      timezone: "Asia/Shanghai",
      dataIsolation: false,
      intelligentFormFilling: false,
      transcriptRetentionDays: null,
      quotas: input.quotas,
      calendar: { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] },
      createdAt: expect.any(Number),
    });
    const token = await login(input.admin.account, input.admin.password);
    const me = await fetchApp("/api/v1/tenant", { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ id: tenant.id, quotas: input.quotas });
  });

  it("is the new tenant's first audit entry: by the platform operator, the password redacted", async () => {
    const input = {
      ...valid(),
      admin: { account: `root_${unique()}`, password: "correct horse battery", name: "Root" },
    };
    const res = await create(input, "test-platform-token");
    const tenant = (await res.json()) as { id: string };
    const token = await login(input.admin.account, input.admin.password);
    const log = await fetchApp("/api/v1/audit-log", { headers: { authorization: `Bearer ${token}` } });
    const { items } = (await log.json()) as { items: Record<string, any>[] };
    expect(items).toHaveLength(1);
    const [entry] = items;
    expect(entry).toMatchObject({
      actor: { type: "platform", id: "platform", name: "Platform operator" },
      method: "POST",
      path: "/platform/tenants",
      resource: "tenant",
      resourceId: tenant.id,
      action: "create",
      status: 201,
    });
    const after = Object.fromEntries(entry!.changes.map((c: any) => [c.path, c.after]));
    expect(after).toMatchObject({
      name: "Acme",
      timezone: "Asia/Shanghai",
      quotas: input.quotas,
      admin: { account: input.admin.account, name: "Root" },
      "admin.password": "[redacted]",
    });
    expect(entry!.changes.filter((c: any) => c.before !== null).map((c: any) => c.path)).toEqual([
      "admin.password",
    ]);
    expect(JSON.stringify(entry)).not.toContain("correct horse battery");
    expect(JSON.stringify(entry)).not.toContain("test-platform-token");
  });

  it("defaults missing quotas to 0 and the time zone to UTC", async () => {
    const { timezone: _tz, quotas: _q, ...input } = valid();
    const res = await create(input);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      timezone: "UTC",
      quotas: { multimediaAgents: 0, videoAgents: 0, versatileAgents: 0, intelligentAgents: 0 },
    });
  });

  it.each<[string, (b: ReturnType<typeof valid>) => unknown, string]>([
    ["a negative quota", (b) => ({ ...b, quotas: { ...b.quotas, videoAgents: -1 } }), "quotas.videoAgents"],
    [
      "a fractional quota",
      (b) => ({ ...b, quotas: { ...b.quotas, versatileAgents: 1.5 } }),
      "quotas.versatileAgents",
    ],
    ["an unknown quota", (b) => ({ ...b, quotas: { ...b.quotas, audioAgents: 1 } }), "quotas.audioAgents"],
    ["an unknown time zone", (b) => ({ ...b, timezone: "Mars/Base" }), "timezone"],
    ["a short password", (b) => ({ ...b, admin: { ...b.admin, password: "1234567" } }), "admin.password"],
    ["a 101-character name", (b) => ({ ...b, name: "n".repeat(101) }), "name"],
  ])("refuses %s with 422 naming the field and writes nothing", async (_name, change, field) => {
    const input = valid();
    const res = await create(change(input));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Record<string, string[]> }).errors[field]).toBeDefined();
    expect(await adminsNamed(input.admin.account)).toEqual([]);
  });

  it("refuses an administrator account that is already taken (409), creating no tenant", async () => {
    const existing = await newTenant();
    const input = {
      ...valid(),
      name: `Dup ${unique()}`,
      admin: { account: existing.account, password: "another password" },
    };
    const res = await create(input);
    expect(res.status).toBe(409);
    expect(await db().select().from(tenants).where(eq(tenants.name, input.name))).toEqual([]);
  });

  it("needs the platform token, not a tenant administrator's session", async () => {
    const t = await newTenant();
    expect((await create(valid(), "wrong")).status).toBe(401);
    expect((await create(valid(), t.token)).status).toBe(401);
  });
});
