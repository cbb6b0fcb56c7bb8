/**
 * Employee sessions. The token (random, 256 bits) is the cookie value and the Bearer token; D1
 * stores only its SHA-256. Cookie-authenticated writes must echo the session's CSRF token in
 * `X-CSRF-Token`; Bearer requests are not exposed to CSRF and need no token. A Bearer token that
 * starts with `ecs_pat_` is a tenant API token (`api-token.ts`) instead, held to its scopes.
 */
import { and, eq, gt } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { newToken, sha256Hex } from "../db/ids";
import { employees, sessions } from "../db/schema";
import type { Db } from "../db/tenant-db";
import { database } from "../db/tenant-db";
import type { AppEnv, Caller } from "../env";
import { ApiError } from "../http/problem";
import { grants, requiredScope } from "../rules/token-scopes";
import { isApiToken, useApiToken } from "./api-token";

export const SESSION_COOKIE = "ecs_session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function createSession(
  db: Db,
  employee: { id: string; tenantId: string },
  ttlSeconds: number,
  now: number,
): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = now + ttlSeconds * 1000;
  await db.insert(sessions).values({
    tokenHash: await sha256Hex(token),
    tenantId: employee.tenantId,
    employeeRowId: employee.id,
    csrfToken,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
}

/** The session token of a request and whether it came from the cookie. */
export function readToken(c: Context): { token: string; viaCookie: boolean } | null {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) return { token: auth.slice(7).trim(), viaCookie: false };
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, viaCookie: true } : null;
}

export async function lookupSession(db: Db, token: string, now: number) {
  const [row] = await db
    .select({ session: sessions, employee: employees })
    .from(sessions)
    .innerJoin(employees, eq(employees.id, sessions.employeeRowId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, now)));
  return row ?? null;
}

/** Requires a valid employee session; sets `caller`. Optionally requires the tenant admin role. */
export function requireEmployee(role?: "tenantAdmin"): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const found = readToken(c);
    if (!found) throw new ApiError(401, "Sign in first");
    if (!found.viaCookie && isApiToken(found.token)) {
      c.set("caller", await tokenCaller(c, found.token));
      return next();
    }
    const row = await lookupSession(database(c.env.DB), found.token, Date.now());
    if (!row) throw new ApiError(401, "The session has expired or is unknown");
    if (
      found.viaCookie &&
      UNSAFE.has(c.req.method) &&
      c.req.header("x-csrf-token") !== row.session.csrfToken
    ) {
      throw new ApiError(403, "Missing or wrong X-CSRF-Token header");
    }
    const caller: Caller = {
      tenantId: row.employee.tenantId,
      employeeRowId: row.employee.id,
      employeeId: row.employee.employeeId,
      account: row.employee.account,
      name: row.employee.name,
      role: row.employee.role,
    };
    if (role && caller.role !== role) throw new ApiError(403, "Only a tenant administrator may do this");
    c.set("caller", caller);
    await next();
  };
}

/**
 * The caller behind an API token, after checking that the token is live and holds the scope the
 * route needs (403 naming it; routes without a scope are closed to tokens).
 */
async function tokenCaller(c: Context<AppEnv>, token: string): Promise<Caller> {
  const row = await useApiToken(database(c.env.DB), token, Date.now());
  if (!row) throw new ApiError(401, "The API token is unknown or was revoked");
  const path = c.req.path.replace(/^\/api\/v1(?=\/)/, "");
  const needed = requiredScope(c.req.method, path);
  if (!needed) throw new ApiError(403, "API tokens cannot use this route; sign in as an employee");
  if (!grants(row.scopes, needed))
    throw new ApiError(403, `This API token lacks the scope ${needed}`, { scope: [`Requires ${needed}`] });
  return {
    tenantId: row.tenantId,
    employeeRowId: "",
    employeeId: "",
    account: "",
    name: `API token "${row.name}"`,
    role: "tenantAdmin",
    token: { id: row.id, name: row.name, scopes: row.scopes },
  };
}

/** Reads are open to every employee of the tenant; writes need the tenant admin role. */
export const adminForWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (UNSAFE.has(c.req.method) && c.get("caller").role !== "tenantAdmin") {
    throw new ApiError(403, "Only a tenant administrator may change this");
  }
  await next();
};

/** Every method needs the tenant admin role (resources whose reads are administrative too). */
export const adminOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("caller").role !== "tenantAdmin")
    throw new ApiError(403, "Only a tenant administrator may do this");
  await next();
};
