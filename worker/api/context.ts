/** Per-request helpers for resource handlers. */
import type { Context } from "hono";
import { database, TenantDb } from "../db/tenant-db";
import type { AppEnv, Caller } from "../env";
import { ApiError } from "../http/problem";

/** The tenant-scoped database of the verified caller. */
export function tenantDb(c: Context<AppEnv>): TenantDb {
  return new TenantDb(database(c.env.DB), c.get("caller").tenantId);
}

export function caller(c: Context<AppEnv>): Caller {
  return c.get("caller");
}

/** 409 naming what still refers to the resource that is being deleted. */
export function referenced(what: string): ApiError {
  return new ApiError(409, `Still referenced by ${what}; remove that reference first`);
}
