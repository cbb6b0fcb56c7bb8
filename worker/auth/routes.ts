/** `/api/v1/auth`: employee login, logout and the current user. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { employees } from "../db/schema";
import { database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { ApiError } from "../http/problem";
import { body } from "../http/validate";
import { LoginResultSchema, LoginSchema, UserSchema } from "../schemas/auth";
import { DUMMY_HASH, verifyPassword } from "./password";
import { clearFailures, recordFailure, retryAfter } from "./rate-limit";
import {
  createSession,
  deleteSession,
  lookupSession,
  readToken,
  requireEmployee,
  SESSION_COOKIE,
} from "./session";

const toUser = (e: typeof employees.$inferSelect) => ({
  id: e.id,
  account: e.account,
  name: e.name,
  employeeId: e.employeeId,
  role: e.role,
  tenantId: e.tenantId,
});

export const authApi = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const { account, password } = await body(c, LoginSchema);
    const db = database(c.env.DB);
    const now = Date.now();
    const ip = c.req.header("cf-connecting-ip") ?? "local";
    const keys = [`account:${account.toLowerCase()}`, `ip:${ip}`];
    for (const key of keys) {
      const wait = await retryAfter(db, key, now);
      if (wait > 0) {
        throw new ApiError(429, `Too many failed sign-ins; try again in ${wait} s`, undefined, {
          "retry-after": String(wait),
        });
      }
    }
    const [employee] = await db.select().from(employees).where(eq(employees.account, account));
    const ok = await verifyPassword(password, employee?.passwordHash ?? DUMMY_HASH);
    if (!employee || !ok) {
      for (const key of keys) await recordFailure(db, key, now);
      throw new ApiError(401, "Wrong account or password");
    }
    await clearFailures(db, keys[0]!);
    const ttl = Number(c.env.SESSION_TTL_SECONDS ?? 43200);
    const session = await createSession(db, employee, ttl, now);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      maxAge: ttl,
    });
    return c.json({ token: session.token, csrfToken: session.csrfToken, user: toUser(employee) }, 200);
  })
  .post("/logout", async (c) => {
    const found = readToken(c);
    if (found) await deleteSession(database(c.env.DB), found.token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  })
  .get("/me", requireEmployee(), async (c) => {
    const found = readToken(c)!;
    const row = await lookupSession(database(c.env.DB), found.token, Date.now());
    if (!row) throw new ApiError(401, "The session has expired or is unknown");
    return c.json({ user: toUser(row.employee), csrfToken: row.session.csrfToken }, 200);
  });

const tag = "Auth";
document(
  {
    method: "post",
    path: "/api/v1/auth/login",
    operationId: "login",
    errors: [429],
    summary: "Sign in with account and password; sets the HttpOnly session cookie",
    description: "Rate limited: 5 failures per account or client address in 15 minutes answer 429.",
    tag,
    body: LoginSchema,
    response: LoginResultSchema,
    auth: "none",
  },
  {
    method: "post",
    path: "/api/v1/auth/logout",
    operationId: "logout",
    summary: "End the session",
    tag,
    status: 204,
  },
  {
    method: "get",
    path: "/api/v1/auth/me",
    operationId: "getCurrentUser",
    summary: "The signed-in user and the CSRF token",
    tag,
    response: UserSchema,
  },
);
