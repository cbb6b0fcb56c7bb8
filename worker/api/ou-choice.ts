/**
 * The organization units the caller may choose for a skill queue or a called route, from the
 * caller's employee row, the tenant's data isolation switch and the tenant's OUs
 * (rules in `../rules/ou-visibility.ts`).
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { employees, orgUnits, tenants } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { ApiError, invalid } from "../http/problem";
import {
  allows,
  calledRouteOus,
  cannedResponseReadOus,
  type OuChoice,
  type OuChooser,
  skillQueueOus,
} from "../rules/ou-visibility";
import { caller } from "./context";

/** What the OUs are chosen for: a skill queue, a called route, or reading canned responses. */
export type OuResource = "skillQueue" | "calledRoute" | "cannedResponseRead";

const CHOOSERS = {
  skillQueue: skillQueueOus,
  calledRoute: calledRouteOus,
  cannedResponseRead: cannedResponseReadOus,
} as const;

/** What the caller may choose, and which OU ids exist at all. */
export type CallerOus = { choice: OuChoice; existing: ReadonlySet<string> };

export async function callerOus(c: Context<AppEnv>, db: TenantDb, resource: OuResource): Promise<CallerOus> {
  const [{ employee, isolation }, units] = await Promise.all([
    callerAndIsolation(c, db),
    db.db.select({ id: orgUnits.id }).from(orgUnits).where(db.where(orgUnits)),
  ]);
  const ids = units.map((u) => u.id);
  return { choice: CHOOSERS[resource](employee, ids, isolation), existing: new Set(ids) };
}

/** The caller's employee row (role, home and accessible OUs) and the tenant's data isolation switch. */
export async function callerAndIsolation(
  c: Context<AppEnv>,
  db: TenantDb,
): Promise<{ employee: OuChooser; isolation: boolean }> {
  const who = caller(c);
  const [employee, tenant] = await Promise.all([
    // an API token acts for the tenant with the administrator's role (no employee row)
    who.token
      ? { role: "tenantAdmin" as const, ouId: null, accessibleOus: [] }
      : db.find(employees, who.employeeRowId),
    db.db.select({ dataIsolation: tenants.dataIsolation }).from(tenants).where(eq(tenants.id, db.tenantId)),
  ]);
  if (!employee) throw new ApiError(401, "The session's employee no longer exists");
  return { employee, isolation: tenant[0]?.dataIsolation ?? false };
}

/** 422 on `ouId` when it names no OU of the tenant (null, Unorganized, always exists). */
export async function checkOuExists(db: TenantDb, ouId: string | null): Promise<void> {
  if (ouId !== null && !(await db.find(orgUnits, ouId))) throw invalid("ouId", "No such organization unit");
}

/** 422 on `ouId` when the OU does not exist in the tenant or the caller may not choose it. */
export function checkOuChoice(ous: CallerOus, ouId: string | null): void {
  if (ouId !== null && !ous.existing.has(ouId)) throw invalid("ouId", "No such organization unit");
  if (!allows(ous.choice, ouId)) {
    throw invalid(
      "ouId",
      ouId === null
        ? "You may not leave the organization unit empty (Unorganized)"
        : "You may not choose this organization unit",
    );
  }
}

/** 403 when the caller may not touch an existing resource of organization unit `ouId`. */
export function checkOuAccess(ous: CallerOus, ouId: string | null, what: string): void {
  if (!allows(ous.choice, ouId)) {
    throw new ApiError(403, `You may not change or delete a ${what} of this organization unit`);
  }
}
