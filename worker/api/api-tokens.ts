/**
 * `/api/v1/api-tokens`: tenant API tokens for integrators, managed by tenant administrators signed
 * in as themselves (a token cannot reach these routes). The token is shown once, at creation;
 * revoking keeps the row (listed as revoked) and stops the token at once.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { newApiToken } from "../auth/api-token";
import { adminOnly } from "../auth/session";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { apiTokens } from "../db/schema";
import type { AppEnv } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { SCOPE_DESCRIPTIONS } from "../rules/token-scopes";
import {
  type ApiToken,
  ApiTokenCreatedSchema,
  ApiTokenInputSchema,
  ApiTokenSchema,
  MAX_API_TOKENS,
} from "../schemas/api-tokens";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { caller, tenantDb } from "./context";

const toApi = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as ApiToken["scopes"],
  createdBy: { id: row.createdBy, name: row.createdByName },
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});

const WHAT = "API token";
const TOO_MANY = `A tenant has at most ${MAX_API_TOKENS} API tokens that are not revoked; revoke one first`;

export const apiTokensApi = new Hono<AppEnv>()
  .use(adminOnly)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(apiTokens, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(toApi(await tenantDb(c).get(apiTokens, c.req.param("id"), WHAT)), 200))
  .post("/", async (c) => {
    const input = await body(c, ApiTokenInputSchema);
    const db = tenantDb(c);
    const who = caller(c);
    const id = newId("tk");
    const { token, hash, prefix } = await newApiToken();
    const live = sql`(select count(*) from ${apiTokens} where ${db.where(apiTokens, isNull(apiTokens.revokedAt))}) < ${MAX_API_TOKENS}`;
    const values = {
      id,
      name: input.name,
      scopes: input.scopes,
      tokenHash: hash,
      prefix,
      createdBy: who.employeeRowId,
      createdByName: who.name,
    };
    const result = await db.db.run(insertIf(db, apiTokens, values, live));
    if (result.meta.changes === 0) throw new ApiError(409, TOO_MANY);
    return c.json({ ...toApi(await db.get(apiTokens, id, WHAT)), token }, 201);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(apiTokens, id, WHAT);
    await db.db
      .update(apiTokens)
      .set({ revokedAt: Date.now() })
      .where(db.where(apiTokens, and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))));
    return c.body(null, 204);
  });

const tag = "API tokens";
const scopes = Object.entries(SCOPE_DESCRIPTIONS)
  .map(([scope, what]) => `\`${scope}\`: ${what}`)
  .join("; ");
document(
  {
    method: "get",
    path: "/api/v1/api-tokens",
    summary: "List API tokens (revoked ones too)",
    tag,
    response: pageSchema(ApiTokenSchema),
    query: PAGE_QUERY,
    auth: "admin",
  },
  {
    method: "get",
    path: "/api/v1/api-tokens/:id",
    summary: "Get an API token",
    tag,
    response: ApiTokenSchema,
    auth: "admin",
  },
  {
    method: "post",
    path: "/api/v1/api-tokens",
    summary: "Create an API token",
    description: `Answers the token, shown only here; D1 keeps its SHA-256. Scopes: ${scopes}. A token acts for the tenant with the administrator's role within its scopes; a route outside them answers 403 naming the missing scope, and API tokens, agent tickets and sign-in are closed to tokens. At most ${MAX_API_TOKENS} tokens that are not revoked (409). Tokens are managed only by an administrator signed in as themselves.`,
    tag,
    body: ApiTokenInputSchema,
    response: ApiTokenCreatedSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/api-tokens/:id",
    summary: "Revoke an API token",
    description:
      "The token stops working at once (its next request answers 401); it stays listed with `revokedAt`. Revoking again changes nothing.",
    tag,
    status: 204,
    auth: "admin",
  },
);
