/** `/api/v1/auth`: employee login, logout and the current user. */
import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { employees, signInAddresses } from "../db/schema";
import { type Db, database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { ApiError } from "../http/problem";
import { body } from "../http/validate";
import { housekeepingOf } from "../privacy/housekeeping";
import { addressKey } from "../rules/sign-in-limits";
import { LoginResultSchema, LoginSchema, UserSchema } from "../schemas/auth";
import { DUMMY_HASH, verifyPassword } from "./password";
import {
  createSession,
  deleteSession,
  lookupSession,
  readToken,
  requireEmployee,
  SESSION_COOKIE,
} from "./session";
import { isKnown, POLICY, refusalDetail, reserve, settleSuccess, signInKeys } from "./sign-in-guard";

const toUser = (e: typeof employees.$inferSelect) => ({
  id: e.id,
  account: e.account,
  name: e.name,
  employeeId: e.employeeId,
  role: e.role,
  tenantId: e.tenantId,
});

/** The token hash of the request's own valid session when it belongs to `employeeRowId`. */
async function ownSession(c: Context<AppEnv>, db: Db, employeeRowId: string, now: number) {
  const found = readToken(c);
  const row = found ? await lookupSession(db, found.token, now) : null;
  return row && row.employee.id === employeeRowId ? row.session.tokenHash : null;
}

export const authApi = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const { account, password } = await body(c, LoginSchema);
    const db = database(c.env.DB);
    const now = Date.now();
    const ip = c.req.header("cf-connecting-ip") ?? "local";
    const [found] = await db
      .select({ employee: employees, knownAt: signInAddresses.lastSuccessAt })
      .from(employees)
      .leftJoin(
        signInAddresses,
        and(eq(signInAddresses.employeeRowId, employees.id), eq(signInAddresses.address, addressKey(ip))),
      )
      .where(eq(employees.account, account));
    const employee = found?.employee;
    const keys = signInKeys(account, ip, {
      sessionHash: employee ? await ownSession(c, db, employee.id, now) : null,
      knownAddress: isKnown(found?.knownAt, now),
    });
    // Counted before the password is checked: a refused attempt is never verified.
    const reservation = await reserve(c.env.DB, keys, now);
    if (!reservation.ok) {
      throw new ApiError(429, refusalDetail(reservation), undefined, {
        "retry-after": String(reservation.retryAfterSeconds),
      });
    }
    const ok = await verifyPassword(password, employee?.passwordHash ?? DUMMY_HASH);
    if (!employee || !ok) throw new ApiError(401, "Wrong account or password");
    await settleSuccess(c.env.DB, keys, employee.id, ip, now);
    const ttl = Number(c.env.SESSION_TTL_SECONDS ?? 43200);
    const session = await createSession(db, employee, ttl, now);
    // tenants created before their housekeeping object existed start keeping house here
    await housekeepingOf(c.env, employee.tenantId).keep(employee.tenantId);
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
    description: POLICY,
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
