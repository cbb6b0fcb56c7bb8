import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LAST_USE_EVERY_MS } from "../auth/api-token";
import { sha256Hex } from "../db/ids";
import { MAX_API_TOKENS } from "../schemas/api-tokens";
import { addConversation, addSignedInEmployee } from "../test/config-fixtures";
import { client, fetchApp, newTenant } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;

async function token(t: Tenant, scopes: string[], name = "CRM sync") {
  const res = await t.post("/api-tokens", { name, scopes });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, as: client(res.body.token, t.tenantId) };
}

const row = (id: string) =>
  env.DB.prepare("SELECT token_hash, last_used_at, revoked_at FROM api_tokens WHERE id = ?")
    .bind(id)
    .first<{ token_hash: string; last_used_at: number | null; revoked_at: number | null }>();

describe("API tokens", () => {
  it("shows the token once at creation, stores only its hash and lists it with its prefix", async () => {
    const t = await newTenant();
    const created = await t.post("/api-tokens", { name: "  CRM sync ", scopes: ["history:read"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^tk_/),
      name: "CRM sync",
      scopes: ["history:read"],
      prefix: created.body.token.slice(0, 12),
      lastUsedAt: null,
      revokedAt: null,
      token: expect.stringMatching(/^ecs_pat_[A-Za-z0-9_-]{40,}$/),
    });
    expect(created.body.createdBy.name).not.toBe("");
    const id = created.body.id;
    expect((await row(id))?.token_hash).toBe(await sha256Hex(created.body.token));

    const got = await t.get(`/api-tokens/${id}`);
    expect(got.body.token).toBeUndefined();
    const listed = await t.get("/api-tokens");
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].token).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
  });

  it.each([
    [{ name: "x", scopes: [] }, "scopes", "Choose at least one scope"],
    [{ name: "x", scopes: ["everything"] }, "scopes.0", expect.stringContaining("Each scope must be one of")],
    [{ name: "x", scopes: ["audit:read", "audit:read"] }, "scopes.1", "Each scope may be listed once"],
    [{ name: "", scopes: ["audit:read"] }, "name", expect.any(String)],
    [{ name: "x".repeat(101), scopes: ["audit:read"] }, "name", expect.any(String)],
    [{ name: "x", scopes: ["audit:read"], token: "mine" }, "token", expect.any(String)],
  ])("refuses %j with 422 on %s", async (input, field, message) => {
    const t = await newTenant();
    const res = await t.post("/api-tokens", input);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toEqual([message]);
  });

  it("accepts a name of exactly 100 characters", async () => {
    const t = await newTenant();
    expect((await t.post("/api-tokens", { name: "x".repeat(100), scopes: ["audit:read"] })).status).toBe(201);
  });

  it("authenticates Bearer calls within its scopes only, naming the missing scope", async () => {
    const t = await newTenant();
    await addConversation(t.tenantId);
    const reader = (await token(t, ["history:read"])).as;
    const history = await reader.get("/conversations");
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);

    const config = await reader.get("/org-units");
    expect(config.status).toBe(403);
    expect(config.body.detail).toBe("This API token lacks the scope config:read");
    expect(config.body.errors.scope).toEqual(["Requires config:read"]);

    const configReader = (await token(t, ["config:read"])).as;
    expect((await configReader.get("/org-units")).status).toBe(200);
    const write = await configReader.post("/org-units", { name: "Sales" });
    expect(write.status).toBe(403);
    expect(write.body.detail).toBe("This API token lacks the scope config:write");

    // config:write includes config:read; a write needs no CSRF header over Bearer
    const admin = (await token(t, ["config:write"])).as;
    const made = await admin.post("/org-units", { name: "Sales" });
    expect(made.status).toBe(201);
    expect((await admin.get(`/org-units/${made.body.id}`)).status).toBe(200);
    expect((await admin.get("/conversations")).status).toBe(403);
  });

  it("is closed to routes without a scope: tokens, agent tickets", async () => {
    const t = await newTenant();
    const all = (
      await token(t, [
        "history:read",
        "live:read",
        "config:read",
        "config:write",
        "webhooks:manage",
        "audit:read",
      ])
    ).as;
    for (const [method, path] of [
      ["GET", "/api-tokens"],
      ["POST", "/api-tokens"],
      ["POST", "/agent/tickets"],
    ] as const) {
      const res = await all.request(
        method,
        path,
        method === "POST" ? { name: "x", scopes: ["audit:read"] } : undefined,
      );
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        "API tokens cannot use this route; sign in as an employee",
      );
    }
  });

  it("acts within its own tenant only", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const made = await b.post("/org-units", { name: "B only" });
    const tokenA = (await token(a, ["config:read"])).as;
    expect((await tokenA.get("/org-units")).body.items).toEqual([]);
    expect((await tokenA.get(`/org-units/${made.body.id}`)).status).toBe(404);
    const theirs = await token(b, ["config:read"]);
    expect((await a.del(`/api-tokens/${theirs.id}`)).status).toBe(404);
    expect((await theirs.as.get("/org-units")).status).toBe(200);
  });

  it("stops working at the next request once revoked and stays listed as revoked", async () => {
    const t = await newTenant();
    const { id, as } = await token(t, ["config:read"]);
    expect((await as.get("/org-units")).status).toBe(200);
    expect((await t.del(`/api-tokens/${id}`)).status).toBe(204);
    const after = await as.get("/org-units");
    expect(after.status).toBe(401);
    expect(after.body.detail).toBe("The API token is unknown or was revoked");
    const listed = await t.get(`/api-tokens/${id}`);
    expect(listed.body.revokedAt).toEqual(expect.any(Number));
    // revoking again changes nothing
    expect((await t.del(`/api-tokens/${id}`)).status).toBe(204);
    expect((await t.get(`/api-tokens/${id}`)).body.revokedAt).toBe(listed.body.revokedAt);
  });

  it("answers 401 for an unknown token and never reads a token from the session cookie", async () => {
    const t = await newTenant();
    const { as } = await token(t, ["config:read"]);
    expect((await client("ecs_pat_unknown", t.tenantId).get("/org-units")).status).toBe(401);
    const viaCookie = await fetchApp("/api/v1/org-units", { headers: { cookie: `ecs_session=${as.token}` } });
    expect(viaCookie.status).toBe(401);
  });

  it("notes its last use at most once a minute", async () => {
    const t = await newTenant();
    const { id, as } = await token(t, ["config:read"]);
    await as.get("/org-units");
    const first = (await row(id))?.last_used_at;
    expect(first).toEqual(expect.any(Number));
    await as.get("/org-units");
    expect((await row(id))?.last_used_at).toBe(first);
    // a use just inside the minute keeps it; one a minute later moves it
    const old = Date.now() - LAST_USE_EVERY_MS + 5_000;
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(old, id).run();
    await as.get("/org-units");
    expect((await row(id))?.last_used_at).toBe(old);
    const stale = Date.now() - LAST_USE_EVERY_MS - 1;
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(stale, id).run();
    await as.get("/org-units");
    expect((await row(id))?.last_used_at).toBeGreaterThan(stale);
    expect((await t.get(`/api-tokens/${id}`)).body.lastUsedAt).toBeGreaterThan(stale);
  });

  it(`allows ${MAX_API_TOKENS} tokens that are not revoked, then 409 until one is revoked`, async () => {
    const t = await newTenant();
    const ids: string[] = [];
    for (let i = 0; i < MAX_API_TOKENS; i++) ids.push((await token(t, ["audit:read"], `t${i}`)).id);
    const over = await t.post("/api-tokens", { name: "one more", scopes: ["audit:read"] });
    expect(over.status).toBe(409);
    expect(over.body.detail).toBe(
      `A tenant has at most ${MAX_API_TOKENS} API tokens that are not revoked; revoke one first`,
    );
    expect((await t.del(`/api-tokens/${ids[0]}`)).status).toBe(204);
    expect((await t.post("/api-tokens", { name: "one more", scopes: ["audit:read"] })).status).toBe(201);
  }, 60_000);

  it("is managed by tenant administrators only", async () => {
    const t = await newTenant();
    const agent = await addSignedInEmployee(t.tenantId, "4711");
    const as = client(agent.token, t.tenantId);
    expect((await as.get("/api-tokens")).status).toBe(403);
    expect((await as.post("/api-tokens", { name: "x", scopes: ["audit:read"] })).status).toBe(403);
  });
});
