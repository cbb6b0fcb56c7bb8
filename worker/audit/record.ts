/**
 * Records every configuration change in the audit log (`rules/audit-route.ts` says which writes
 * are): who (employee or API token), when, from which address, the route and what changed with
 * secrets redacted (`rules/audit-diff.ts`). The state before a change is read through the tenant
 * API's own GET of the resource, as the caller, so every resource is covered the same way,
 * including routes added later. Only successful writes are changes; an entry that cannot be
 * written is logged and the answer stands (the change is already made).
 */
import type { Context, ExecutionContext, MiddlewareHandler } from "hono";
import { newId } from "../db/ids";
import { auditLog } from "../db/schema";
import { database } from "../db/tenant-db";
import type { AppEnv, Caller } from "../env";
import { auditChanges } from "../rules/audit-diff";
import { auditTarget } from "../rules/audit-route";

/** Answers a request made to the tenant API (paths relative to `/api/v1`). */
export type TenantFetch = (
  request: Request,
  env: AppEnv["Bindings"],
  ctx?: ExecutionContext,
) => Promise<Response>;

const API_PREFIX = /^\/api\/v1(?=\/)/;

async function jsonOf(res: Response): Promise<unknown> {
  if (!res.ok || !res.headers.get("content-type")?.includes("json")) return null;
  try {
    return await res.clone().json();
  } catch {
    return null;
  }
}

function executionCtx(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/** The resource's state as the caller sees it through GET `path`, or null. */
async function state(c: Context<AppEnv>, fetchTenant: TenantFetch, path: string | null): Promise<unknown> {
  if (!path) return null;
  const headers = new Headers();
  for (const name of ["authorization", "cookie"]) {
    const value = c.req.header(name);
    if (value) headers.set(name, value);
  }
  const url = new URL(path, c.req.url);
  return jsonOf(await fetchTenant(new Request(url, { headers }), c.env, executionCtx(c)));
}

async function bodyOf(c: Context<AppEnv>): Promise<unknown> {
  if (!c.req.header("content-type")?.includes("json")) return null;
  try {
    return await c.req.raw.clone().json();
  } catch {
    return null;
  }
}

/** The audit log's actor fields of a caller. */
export const actor = (who: Caller) =>
  who.token
    ? { actorType: "apiToken" as const, actorId: who.token.id, actorName: who.token.name }
    : { actorType: "employee" as const, actorId: who.employeeRowId, actorName: who.name };

const idOf = (v: unknown): string | null =>
  typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "string"
    ? (v as { id: string }).id
    : null;

/** The middleware, given how to make a GET to the tenant API (for the state before and after). */
export function auditConfigChanges(fetchTenant: TenantFetch): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path.replace(API_PREFIX, "");
    const target = auditTarget(c.req.method, path);
    if (!target) return next();
    const [before, body] = await Promise.all([state(c, fetchTenant, target.statePath), bodyOf(c)]);
    await next();
    if (!c.res.ok) return;
    const answered = await jsonOf(c.res);
    // a deleted resource answers 404 (null); one that stays, such as a revoked token, its state
    const after =
      target.action === "delete"
        ? await state(c, fetchTenant, target.statePath)
        : target.statePath === null
          ? target.action === "create"
            ? answered
            : null
          : c.res.status === 204 || idOf(answered) !== idOf(before)
            ? await state(c, fetchTenant, target.statePath)
            : answered;
    const changes =
      target.statePath === null && target.action !== "create"
        ? auditChanges(null, body, null)
        : auditChanges(before, after, body);
    const who = c.get("caller");
    try {
      await database(c.env.DB)
        .insert(auditLog)
        .values({
          id: newId("au"),
          tenantId: who.tenantId,
          at: Date.now(),
          ...actor(who),
          address: c.req.header("cf-connecting-ip") ?? null,
          method: c.req.method.toUpperCase(),
          path,
          resource: target.resource,
          resourceId: target.resourceId ?? idOf(answered),
          action: target.action,
          status: c.res.status,
          changes,
        });
    } catch (error) {
      console.error("audit entry not written", error);
    }
  };
}
