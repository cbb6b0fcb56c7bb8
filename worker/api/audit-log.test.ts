import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_CHANGES_BYTES, REDACTED } from "../rules/audit-diff";
import { addSignedInEmployee } from "../test/config-fixtures";
import { client, newTenant, unique } from "../test/helpers";
import { bucket } from "../test/receiver";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
type Entry = {
  id: string;
  at: number;
  actor: { type: string; id: string; name: string };
  address: string | null;
  method: string;
  path: string;
  resource: string;
  resourceId: string | null;
  action: string;
  status: number;
  changes: { path: string; before: unknown; after: unknown }[];
};

async function entries(t: { get: Tenant["get"] }, query = ""): Promise<Entry[]> {
  const res = await t.get(`/audit-log${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Every audit row of the tenant as stored, to check that no secret reached D1. */
const stored = async (tenantId: string) =>
  JSON.stringify(
    (await env.DB.prepare("SELECT * FROM audit_log WHERE tenant_id = ?").bind(tenantId).all()).results,
  );

const from = (address: string) => ({ "cf-connecting-ip": address });

describe("audit log", () => {
  it("records create, update and delete with who, when, the address and what changed", async () => {
    const t = await newTenant();
    const me = (await t.get("/auth/me")).body.user;
    const before = Date.now();
    const created = await t.request("POST", "/org-units", { name: "Sales" }, from("198.51.100.7"));
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    await t.request("PATCH", `/org-units/${id}`, { name: "Sales EU" }, from("198.51.100.8"));
    await t.request("DELETE", `/org-units/${id}`, undefined, from("198.51.100.9"));

    const [deleted, updated, made] = await entries(t);
    expect(made).toMatchObject({
      actor: { type: "employee", id: me.id, name: me.name },
      address: "198.51.100.7",
      method: "POST",
      path: "/org-units",
      resource: "org-units",
      resourceId: id,
      action: "create",
      status: 201,
    });
    expect(made?.at).toBeGreaterThanOrEqual(before);
    expect(made?.changes).toContainEqual({ path: "name", before: null, after: "Sales" });
    expect(updated).toMatchObject({ action: "update", resourceId: id, address: "198.51.100.8" });
    expect(updated?.changes).toEqual([{ path: "name", before: "Sales", after: "Sales EU" }]);
    expect(deleted).toMatchObject({ action: "delete", resourceId: id, status: 204 });
    expect(deleted?.changes).toContainEqual({ path: "name", before: "Sales EU", after: null });
  });

  it("records the singleton tenant settings and nothing for reads or refused writes", async () => {
    const t = await newTenant();
    await t.get("/org-units");
    expect((await t.post("/org-units", { name: "" })).status).toBe(422);
    expect((await t.patch("/org-units/ou_missing", { name: "x" })).status).toBe(404);
    // only the tenant's creation (by the platform operator) is there
    expect((await entries(t)).map((e) => `${e.resource} ${e.action}`)).toEqual(["tenant create"]);
    const renamed = `Renamed ${unique()}`;
    expect((await t.patch("/tenant", { name: renamed })).status).toBe(200);
    const [entry] = await entries(t);
    expect(entry).toMatchObject({ resource: "tenant", resourceId: t.tenantId, action: "update" });
    expect(entry?.changes).toEqual([{ path: "name", before: expect.any(String), after: renamed }]);
  });

  it("redacts secrets: passwords, webhook secrets and API tokens never reach the log", async () => {
    const t = await newTenant();
    const password = `pw-${unique()}-long enough`;
    const employee = await t.post("/employees", {
      account: `emp_${unique()}`,
      name: "Agent",
      employeeId: "4242",
      role: "agent",
      password,
    });
    expect(employee.status).toBe(201);
    const hook = await t.post("/webhooks", {
      url: "https://hooks.example.com/in",
      events: ["conversation.started"],
    });
    const rotated = await t.post(`/webhooks/${hook.body.id}/rotate-secret`);
    const token = await t.post("/api-tokens", { name: "CRM", scopes: ["audit:read"] });

    const all = await entries(t);
    const by = (resource: string, action: string) =>
      all.find((e) => e.resource === resource && e.action === action)?.changes ?? [];
    expect(by("employees", "create")).toContainEqual({ path: "password", before: REDACTED, after: REDACTED });
    expect(by("webhooks", "create")).toContainEqual({ path: "secret", before: null, after: REDACTED });
    expect(by("webhooks", "action")).toContainEqual({ path: "secret", before: null, after: REDACTED });
    expect(by("api-tokens", "create")).toContainEqual({ path: "token", before: null, after: REDACTED });
    expect(by("api-tokens", "create")).toContainEqual({ path: "name", before: null, after: "CRM" });

    const raw = await stored(t.tenantId);
    for (const secret of [password, hook.body.secret, rotated.body.secret, token.body.token])
      expect(raw).not.toContain(secret);
  });

  it("names the API token that made a change and records revocation; test sends are no change", async () => {
    const t = await newTenant();
    const made = await t.post("/api-tokens", {
      name: "Provisioning",
      scopes: ["config:write", "webhooks:manage"],
    });
    const bot = client(made.body.token, t.tenantId);
    expect((await bot.post("/org-units", { name: "By token" })).status).toBe(201);
    const hook = await bot.post("/webhooks", { url: bucket().url, events: ["message.created"] });
    expect((await bot.post(`/webhooks/${hook.body.id}/test`)).status).toBe(200);
    expect((await t.del(`/api-tokens/${made.body.id}`)).status).toBe(204);

    const [revoked, hookEntry, ou] = await entries(t);
    expect(ou).toMatchObject({ actor: { type: "apiToken", id: made.body.id, name: "Provisioning" } });
    expect(hookEntry).toMatchObject({ resource: "webhooks", action: "create" });
    expect(revoked).toMatchObject({ resource: "api-tokens", resourceId: made.body.id, action: "delete" });
    expect(revoked?.changes).toEqual([{ path: "revokedAt", before: null, after: expect.any(Number) }]);
  });

  it("filters by resource, action, actor and time, newest first with a cursor", async () => {
    const t = await newTenant();
    const ids: string[] = [];
    for (const name of ["A", "B", "C"]) ids.push((await t.post("/org-units", { name })).body.id);
    await t.patch(`/org-units/${ids[0]}`, { name: "A2" });
    const hook = await t.post("/webhooks", {
      url: "https://hooks.example.com/in",
      events: ["message.created"],
    });
    expect(hook.status).toBe(201);

    const all = await entries(t);
    expect(all.map((e) => `${e.resource} ${e.action}`)).toEqual([
      "webhooks create",
      "org-units update",
      "org-units create",
      "org-units create",
      "org-units create",
      "tenant create",
    ]);
    expect((await entries(t, "?resource=org-units&action=create")).map((e) => e.resourceId)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect((await entries(t, `?resourceId=${ids[0]}`)).map((e) => e.action)).toEqual(["update", "create"]);
    expect(await entries(t, "?actorId=tk_nobody")).toEqual([]);
    expect(await entries(t, `?actorId=${all[0]?.actor.id}`)).toHaveLength(5);

    // from is inclusive, to exclusive
    const at = all[1]?.at as number;
    expect((await entries(t, `?from=${at}`)).map((e) => e.id)).toContain(all[1]?.id);
    expect((await entries(t, `?to=${at}`)).map((e) => e.id)).not.toContain(all[1]?.id);
    expect((await entries(t, `?to=${at + 1}`)).map((e) => e.id)).toContain(all[1]?.id);

    const first = await t.get("/audit-log?limit=2");
    expect(first.body.items.map((e: Entry) => e.id)).toEqual([all[0]?.id, all[1]?.id]);
    const rest = await t.get(`/audit-log?limit=4&cursor=${first.body.nextCursor}`);
    expect(rest.body.items.map((e: Entry) => e.id)).toEqual(all.slice(2).map((e) => e.id));
    expect(rest.body.nextCursor).toBeNull();
  });

  it.each([
    ["?action=rename", "action"],
    ["?from=yesterday", "from"],
    ["?to=-1", "to"],
    [`?resource=${"x".repeat(101)}`, "resource"],
  ])("refuses %s with 422 naming %s", async (query, field) => {
    const t = await newTenant();
    const res = await t.get(`/audit-log${query}`);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
  });

  it("is read by administrators and by tokens with audit:read, within the tenant", async () => {
    const t = await newTenant();
    const other = await newTenant();
    await other.post("/org-units", { name: "Elsewhere" });
    await t.post("/org-units", { name: "Here" });
    const agent = await addSignedInEmployee(t.tenantId, "5150");
    expect((await client(agent.token, t.tenantId).get("/audit-log")).status).toBe(403);
    const noScope = await t.post("/api-tokens", { name: "no", scopes: ["config:read"] });
    const denied = await client(noScope.body.token, t.tenantId).get("/audit-log");
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toBe("This API token lacks the scope audit:read");
    const reader = await t.post("/api-tokens", { name: "auditor", scopes: ["audit:read"] });
    const seen = await entries(client(reader.body.token, t.tenantId));
    expect(seen.map((e) => e.resource)).toEqual(["api-tokens", "api-tokens", "org-units", "tenant"]);
  });

  it(`caps one entry's changes at ${MAX_CHANGES_BYTES} bytes`, async () => {
    const t = await newTenant();
    const days = (start: number) =>
      Array.from({ length: 1000 }, (_, i) =>
        new Date(Date.UTC(start, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      );
    const res = await t.patch("/tenant", { calendar: { holidays: days(2030), extraWorkdays: days(2040) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [entry] = await entries(t);
    expect(JSON.stringify(entry?.changes).length).toBeLessThanOrEqual(MAX_CHANGES_BYTES);
    expect(JSON.stringify(entry?.changes)).toContain("too large to keep");
  });
});
