import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { agents } from "../db/schema";
import { database } from "../db/tenant-db";
import { client, fetchApp, login, newTenant, unique } from "../test/helpers";

const db = () => database(env.DB);

async function commonAgent(t: Awaited<ReturnType<typeof newTenant>>) {
  const account = `agent_${unique()}`;
  const created = await t.post("/employees", {
    account,
    name: "Agent",
    employeeId: "2001",
    role: "agent",
    password: "agent password",
  });
  expect(created.status).toBe(201);
  return client(await login(account, "agent password"), t.tenantId);
}

describe("tenant settings", () => {
  it("reads the defaults and updates a partial body, calendar keys included", async () => {
    const t = await newTenant({ timezone: "Asia/Shanghai", quotas: { videoAgents: 3 } });
    const got = await t.get("/tenant");
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: t.tenantId,
      timezone: "Asia/Shanghai",
      dataIsolation: false,
      intelligentFormFilling: false,
      quotas: { multimediaAgents: 10, videoAgents: 3, versatileAgents: 10, intelligentAgents: 10 },
      calendar: { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] },
    });

    const patched = await t.patch("/tenant", {
      name: "  Renamed  ",
      timezone: "Europe/Berlin",
      dataIsolation: true,
      calendar: { holidays: ["2025-10-01", "2025-01-01"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Renamed",
      timezone: "Europe/Berlin",
      dataIsolation: true,
      intelligentFormFilling: false,
      calendar: { workdays: [1, 2, 3, 4, 5], holidays: ["2025-01-01", "2025-10-01"], extraWorkdays: [] },
    });
    const again = await t.patch("/tenant", {
      calendar: { workdays: [7, 6, 1], extraWorkdays: ["2025-09-28"] },
    });
    expect(again.body.calendar).toEqual({
      workdays: [1, 6, 7],
      holidays: ["2025-01-01", "2025-10-01"],
      extraWorkdays: ["2025-09-28"],
    });
    expect((await t.get("/tenant")).body).toEqual(again.body);
  });

  it.each([
    [{ quotas: { videoAgents: 99 } }, "quotas"],
    [{ name: "" }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ dataIsolation: "yes" }, "dataIsolation"],
    [{ intelligentFormFilling: 1 }, "intelligentFormFilling"],
    [{ calendar: { workdays: [0] } }, "calendar.workdays.0"],
    [{ calendar: { workdays: [8] } }, "calendar.workdays.0"],
    [{ calendar: { workdays: [1.5] } }, "calendar.workdays.0"],
    [{ calendar: { workdays: [1, 2, 1] } }, "calendar.workdays.2"],
    [{ calendar: { holidays: ["2025-02-29"] } }, "calendar.holidays.0"],
    [{ calendar: { holidays: ["2025-1-01"] } }, "calendar.holidays.0"],
    [{ calendar: { holidays: ["2025-05-01", "2025-05-01"] } }, "calendar.holidays.1"],
    [{ calendar: { extraWorkdays: "2025-05-01" } }, "calendar.extraWorkdays"],
    [{ calendar: { holidays: ["2025-05-01"], extraWorkdays: ["2025-05-01"] } }, "calendar.extraWorkdays"],
    [{ calendar: { weekend: [6] } }, "calendar.weekend"],
    [{ id: "tn_other" }, "id"],
  ])("refuses %j naming %s and changes nothing", async (patch, field) => {
    const t = await newTenant();
    const before = (await t.get("/tenant")).body;
    const res = await t.patch("/tenant", { name: "Changed", ...patch });
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
    expect((await t.get("/tenant")).body).toEqual(before);
  });

  it("accepts the boundaries: 100-character name, all seven weekdays, none, leap day", async () => {
    const t = await newTenant();
    const name = "n".repeat(100);
    const res = await t.patch("/tenant", {
      name,
      calendar: { workdays: [1, 2, 3, 4, 5, 6, 7], holidays: ["2024-02-29"] },
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name);
    expect((await t.patch("/tenant", { calendar: { workdays: [] } })).body.calendar.workdays).toEqual([]);
  });

  it("refuses a holiday that the stored extra workdays already hold (merged whole is re-validated)", async () => {
    const t = await newTenant();
    await t.patch("/tenant", { calendar: { extraWorkdays: ["2025-10-11"] } });
    const res = await t.patch("/tenant", { calendar: { holidays: ["2025-10-11"] } });
    expect(res.status).toBe(422);
    expect(res.body.errors["calendar.extraWorkdays"]).toBeDefined();
  });

  it("refuses turning intelligent form filling off while an agent has smart form filling on", async () => {
    const t = await newTenant();
    expect((await t.patch("/tenant", { intelligentFormFilling: true })).status).toBe(200);
    const agentId = newId("ag");
    await db().insert(agents).values({
      id: agentId,
      tenantId: t.tenantId,
      employeeId: "1",
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueue",
      intelligentRecognition: true,
      smartFormFilling: true,
    });
    const refused = await t.patch("/tenant", { intelligentFormFilling: false, name: "Should not stick" });
    expect(refused.status).toBe(409);
    expect(refused.body.errors.intelligentFormFilling).toBeDefined();
    expect((await t.get("/tenant")).body).toMatchObject({ intelligentFormFilling: true });
    expect((await t.get("/tenant")).body.name).not.toBe("Should not stick");

    // Another tenant's agents do not block this one.
    const other = await newTenant();
    await other.patch("/tenant", { intelligentFormFilling: true });
    expect((await other.patch("/tenant", { intelligentFormFilling: false })).status).toBe(200);
  });

  it("lets every employee read but only an administrator change the settings", async () => {
    const t = await newTenant();
    const agent = await commonAgent(t);
    expect((await agent.get("/tenant")).status).toBe(200);
    const res = await agent.patch("/tenant", { name: "Agent was here" });
    expect(res.status).toBe(403);
    expect((await t.get("/tenant")).body.name).not.toBe("Agent was here");
  });
});

describe("OpenAPI document", () => {
  it("describes every operation of the configuration resources", async () => {
    const res = await fetchApp("/api/v1/openapi.json");
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const expected: [string, string[]][] = [
      ["/api/v1/tenant", ["get", "patch"]],
      ...["org-units", "employees", "skill-queue-groups", "robots"].flatMap((r): [string, string[]][] => [
        [`/api/v1/${r}`, ["get", "post"]],
        [`/api/v1/${r}/{id}`, ["get", "patch", "delete"]],
      ]),
    ];
    for (const [path, methods] of expected) {
      expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
    const employeeBody = JSON.stringify(doc.paths["/api/v1/employees"]!.post);
    expect(employeeBody).toMatch(/"password"/);
    const employeeAnswer = JSON.stringify(
      (doc.paths["/api/v1/employees/{id}"]!.get as { responses: unknown }).responses,
    );
    expect(employeeAnswer).not.toMatch(/password/);
  });
});
