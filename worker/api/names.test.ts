/**
 * Every human-entered name follows `rules/name-rules.ts`: a bidi override, a control character or
 * an invisible-only name answers 422 naming the field with a message an administrator can act on,
 * and names are compared for uniqueness in NFC.
 */
import { describe, expect, it } from "vitest";
import { NAME_MESSAGES } from "../rules/name-rules";
import { addQueue, addRoute, addSignedInEmployee } from "../test/config-fixtures";
import { fetchApp, newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
/** How to send `name` as each resource's name: method, path, body and the field the error names. */
type Target = (
  t: Tenant,
  name: string,
) => Promise<{ method: string; path: string; body: unknown; field: string }>;

const targets: [string, Target][] = [
  [
    "skill queue",
    async (_, name) => ({ method: "POST", path: "/skill-queues", body: { name }, field: "name" }),
  ],
  [
    "employee",
    async (_, name) => ({
      method: "POST",
      path: "/employees",
      body: {
        account: `n_${unique()}`,
        name,
        employeeId: "3131",
        role: "agent",
        password: "correct horse battery",
      },
      field: "name",
    }),
  ],
  ["org unit", async (_, name) => ({ method: "POST", path: "/org-units", body: { name }, field: "name" })],
  [
    "skill queue group",
    async (t, name) => ({
      method: "POST",
      path: "/skill-queue-groups",
      body: { name, skillQueueIds: [await addQueue(t.tenantId, "multimedia")] },
      field: "name",
    }),
  ],
  [
    "robot",
    async (_, name) => ({
      method: "POST",
      path: "/robots",
      body: { name, accessCode: `b_${unique()}`.slice(0, 32), kind: "chatbot" },
      field: "name",
    }),
  ],
  ["tenant", async (_, name) => ({ method: "PATCH", path: "/tenant", body: { name }, field: "name" })],
  [
    "web channel chatbot",
    async (t, name) => ({
      method: "POST",
      path: "/channels",
      body: {
        accessCode: `c_${unique()}`,
        routeId: await addRoute(t.tenantId, await addQueue(t.tenantId, "multimedia")),
        chatbot: { name },
      },
      field: "chatbot.name",
    }),
  ],
];

const send = async (t: Tenant, target: Target, name: string) => {
  const { method, path, body, field } = await target(t, name);
  const res = await t.request(method, path, body);
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    body: (await res.json()) as any,
    field,
  };
};

describe("names", () => {
  let t: Tenant;
  it.each(targets)("%s: a bidi override answers 422 naming the field", async (_, target) => {
    t ??= await newTenant();
    const res = await send(t, target, "Sales\u202Egnp.exe");
    expect(res.status).toBe(422);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.errors).toEqual({ [res.field]: [NAME_MESSAGES.bidi] });
  });

  it.each([
    ["a line break", "Sales\nEast", NAME_MESSAGES.control],
    ["a zero-width space alone", "\u200B", NAME_MESSAGES.invisible],
    ["an isolate", "\u2066Sales", NAME_MESSAGES.bidi],
  ])("refuses %s with its own message", async (_, name, message) => {
    const t = await newTenant();
    for (const [, target] of targets) {
      const res = await send(t, target, name);
      expect(res.status, res.field).toBe(422);
      expect(res.body.errors[res.field]).toEqual([message]);
    }
  });

  it("stores names in NFC, so a decomposed é is the same name as a composed one", async () => {
    const t = await newTenant();
    const queue = await t.post("/skill-queues", { name: "Caf\u00E9" });
    expect(queue.status).toBe(201);
    const again = await t.post("/skill-queues", { name: "Cafe\u0301" });
    expect(again.status).toBe(409);
    expect(again.body.errors.name).toBeDefined();

    const unit = await t.post("/org-units", { name: "Equipe\u0301" });
    expect(unit.body.name).toBe("Equip\u00E9");
    expect((await t.post("/org-units", { name: "Equip\u00E9" })).status).toBe(409);
  });

  it("counts the length after NFC: 100 decomposed letters are 100 characters", async () => {
    const t = await newTenant();
    expect((await t.post("/org-units", { name: "e\u0301".repeat(100) })).status).toBe(201);
    expect((await t.post("/org-units", { name: "e\u0301".repeat(101) })).status).toBe(422);
  });

  it("checks the tenant and its first administrator's names at creation too", async () => {
    const res = await fetchApp("/api/v1/platform/tenants", {
      method: "POST",
      headers: { authorization: "Bearer test-platform-token", "content-type": "application/json" },
      body: JSON.stringify({
        name: "Acme\u202E",
        admin: { account: `a_${unique()}`, password: "correct horse battery", name: "\u200B" },
      }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).errors).toEqual({
      name: [NAME_MESSAGES.bidi],
      "admin.name": [NAME_MESSAGES.invisible],
    });
  });

  it("keeps accepting ordinary names in any script", async () => {
    const t = await newTenant();
    const employee = await addSignedInEmployee(t.tenantId, "4444");
    for (const name of ["Sales", "销售部", "Équipe ☕", "שלום\u200F", "O'Brien-Smith"]) {
      expect((await t.patch(`/employees/${employee.id}`, { name })).status, name).toBe(200);
    }
  });

  it("documents the rule on every name in the OpenAPI document", async () => {
    const doc = (await (await fetchApp("/api/v1/openapi.json")).json()) as any;
    const nameOf = (path: string, method = "post") =>
      doc.paths[path][method].requestBody.content["application/json"].schema.properties.name;
    for (const path of ["/api/v1/skill-queues", "/api/v1/employees", "/api/v1/org-units", "/api/v1/robots"]) {
      expect(nameOf(path).description, path).toContain("NFC");
      expect(nameOf(path).description, path).toContain("U+202A–U+202E");
    }
  });
});
