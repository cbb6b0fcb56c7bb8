import { describe, expect, it } from "vitest";
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

  it("rate-limits after 5 failures for one account", async () => {
    const t = await newTenant();
    for (let i = 0; i < 5; i++)
      expect((await loginReq(t.account, "wrong password", `198.51.100.${i}`)).status).toBe(401);
    const limited = await loginReq(t.account, t.password, "198.51.100.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
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
