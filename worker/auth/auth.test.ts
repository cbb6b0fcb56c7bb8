import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { employees } from "../db/schema";
import { db } from "../test/config-fixtures";
import { fetchApp, newTenant } from "../test/helpers";

const loginReq = (account: string, password: string, ip = "192.0.2.1") =>
  fetchApp("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ account, password }),
  });

describe("auth", () => {
  it("sets an HttpOnly SameSite cookie and needs the CSRF token for cookie writes", async () => {
    const t = await newTenant();
    const res = await loginReq(t.account, t.password, "192.0.2.10");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const session = cookie.split(";")[0]!;
    const write = (headers: Record<string, string>) =>
      fetchApp("/api/v1/access-codes", {
        method: "POST",
        headers: { cookie: session, "content-type": "application/json", ...headers },
        body: JSON.stringify({ code: "1", mediaType: "voice" }),
      });
    expect((await write({})).status).toBe(403);
    expect((await write({ "x-csrf-token": "wrong" })).status).toBe(403);
    expect((await write({ "x-csrf-token": csrfToken })).status).toBe(201);
    expect((await fetchApp("/api/v1/access-codes", { headers: { cookie: session } })).status).toBe(200);
  });

  it("refuses unauthenticated calls and ends the session on logout", async () => {
    const t = await newTenant();
    expect((await fetchApp("/api/v1/access-codes")).status).toBe(401);
    expect((await t.get("/access-codes")).status).toBe(200);
    expect((await t.post("/auth/logout")).status).toBe(204);
    expect((await t.get("/access-codes")).status).toBe(401);
  });

  it("stores a slow salted hash, never the password", async () => {
    const t = await newTenant();
    const res = await t.post("/employees", {
      account: `twin_${t.account}`,
      name: "Twin",
      employeeId: "77",
      role: "agent",
      password: t.password,
    });
    expect(res.status).toBe(201);
    const rows = await db()
      .select({ hash: employees.passwordHash })
      .from(employees)
      .where(eq(employees.tenantId, t.tenantId));
    expect(rows).toHaveLength(2);
    for (const { hash } of rows) {
      expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(hash).not.toContain(t.password);
    }
    expect(rows[0]!.hash).not.toBe(rows[1]!.hash);
  });

  it("refuses tenant creation without the platform token", async () => {
    const res = await fetchApp("/api/v1/platform/tenants", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer nope" },
      body: JSON.stringify({ name: "x", admin: { account: "x", password: "12345678" } }),
    });
    expect(res.status).toBe(401);
  });
});
