/** `/api/v1/employees`: CRUD of the tenant's employees; passwords are write-only. */
import { and, eq, ne, not, type SQL, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { hashPassword } from "../auth/password";
import { adminForWrites, readToken } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { newId, sha256Hex } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { agents, cannedResponses, employees, orgUnits, sessions } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints, answerOfChecks } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, type FieldErrors, notFound } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { deleteAgentTickets } from "../realtime/tickets";
import { listQuerySchema, pageSchema } from "../schemas/common";
import {
  type Employee,
  type EmployeeFields,
  EmployeeFieldsSchema,
  EmployeeInputSchema,
  EmployeePatchSchema,
  EmployeeSchema,
} from "../schemas/employees";
import { revokeEmployeeInQueues } from "./config-changed";
import { caller, referenced, tenantDb } from "./context";
import { visibleEmployees } from "./ou-read-scope";

type Row = typeof employees.$inferSelect;

const toApi = (row: Row): Employee => ({
  id: row.id,
  account: row.account,
  name: row.name,
  employeeId: row.employeeId,
  role: row.role,
  ouId: row.ouId,
  accessibleOus: row.accessibleOus,
  createdAt: row.createdAt,
});

const ACCOUNT_TAKEN = "This account is already taken";
const ID_TAKEN = "Another employee of the tenant has this employeeId";
const TAKEN = [
  { constraint: uniqueIndex(employees, "employees_account"), field: "account", message: ACCOUNT_TAKEN },
  {
    constraint: uniqueIndex(employees, "employees_tenant_employee_id"),
    field: "employeeId",
    message: ID_TAKEN,
  },
];

/** Account (global) and employeeId (tenant) uniqueness, and that every referenced OU exists. */
async function check(db: TenantDb, next: EmployeeFields, id?: string): Promise<void> {
  const notSelf = id === undefined ? undefined : ne(employees.id, id);
  const [accountOwner] = await db.db
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.account, next.account), notSelf))
    .limit(1);
  if (accountOwner) throw conflict("account", ACCOUNT_TAKEN);
  if (await db.count(employees, eq(employees.employeeId, next.employeeId), notSelf)) {
    throw conflict("employeeId", ID_TAKEN);
  }
  const ous = new Set(
    (await db.db.select({ id: orgUnits.id }).from(orgUnits).where(db.where(orgUnits))).map((u) => u.id),
  );
  const errors: FieldErrors = {};
  if (next.ouId !== null && !ous.has(next.ouId)) errors.ouId = ["No such organization unit"];
  next.accessibleOus.forEach((a, i) => {
    if (!ous.has(a.ouId)) errors[`accessibleOus.${i}.ouId`] = ["No such organization unit"];
  });
  if (Object.keys(errors).length) throw new ApiError(422, "The request has invalid fields", errors);
}

/**
 * An employee as the caller may see it: sign-in accounts are shown to administrators and to the
 * employee themselves only, so that a common agent cannot collect every account of the tenant.
 */
const forCaller =
  (c: Context<AppEnv>) =>
  (row: Row): Employee => {
    const { role, employeeRowId } = caller(c);
    const employee = toApi(row);
    return role === "tenantAdmin" || row.id === employeeRowId ? employee : { ...employee, account: null };
  };

/** True in SQL while the tenant has an administrator other than `id`: guards against removing the last one. */
const anotherAdmin = (tenantId: string, id: string): SQL =>
  sql`exists (select 1 from ${employees} as other where other.tenant_id = ${tenantId} and other.role = 'tenantAdmin' and other.id <> ${id})`;

const LAST_ADMIN = "The tenant must keep at least one administrator";
const AGENT_USES_ID = "An agent configuration uses this employeeId; delete it first";
/** Why a guarded write changed no row: the last-admin guard held, or the employee vanished meanwhile. */
const gone = (guarded: boolean) => (guarded ? conflict("role", LAST_ADMIN) : notFound("Employee"));

/**
 * True in SQL while the employee's home OU and accessible OUs exist: the write holds it in its
 * own statement, since an OU is deleted only while no employee refers to it.
 */
function ousHold(db: TenantDb, next: EmployeeFields): SQL | undefined {
  const ouIds = [...(next.ouId === null ? [] : [next.ouId]), ...next.accessibleOus.map((a) => a.ouId)];
  return ouIds.length ? not(db.anyMissing(orgUnits, orgUnits.id, ouIds)) : undefined;
}

/** Why `ousHold` failed: the check's 422 naming the OU, or a 409 when it is back meanwhile. */
const ousGone = (db: TenantDb, next: EmployeeFields, id?: string) =>
  answerOfChecks(() => check(db, next, id), "ouId", "An organization unit");

/** Why a guarded update changed no row: an agent now uses the old employeeId, an OU is gone, or as `gone`. */
async function whyUnchanged(
  db: TenantDb,
  current: { id: string; employeeId: string },
  next: EmployeeFields,
  renumbering: boolean,
  demoting: boolean,
): Promise<ApiError> {
  if (renumbering && (await db.count(agents, eq(agents.employeeId, current.employeeId)))) {
    return conflict("employeeId", AGENT_USES_ID);
  }
  if (ousHold(db, next) && (await db.find(employees, current.id))) {
    const why = await ousGone(db, next, current.id);
    if (why.status === 422) return why;
  }
  return gone(demoting);
}

export const employeesApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .get("/", async (c) => {
    const db = tenantDb(c);
    const query = parseOr422(listQuerySchema, c.req.query());
    const page = await db.page(employees, query, await visibleEmployees(c, db));
    return c.json({ items: page.items.map(forCaller(c)), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => {
    const db = tenantDb(c);
    const row = await db.get(employees, c.req.param("id"), "Employee", await visibleEmployees(c, db));
    return c.json(forCaller(c)(row), 200);
  })
  .post("/", async (c) => {
    const { password, ...input } = await body(c, EmployeeInputSchema);
    const db = tenantDb(c);
    await check(db, input);
    const id = newId("em");
    const passwordHash = await hashPassword(password);
    const result = await answerConstraints(TAKEN, () =>
      db.db.run(insertIf(db, employees, { id, ...input, passwordHash }, ousHold(db, input))),
    );
    if (result.meta.changes === 0) throw await ousGone(db, input);
    return c.json(toApi(await db.get(employees, id, "Employee")), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(employees, id, "Employee");
    const { password, ...patch } = await body(c, EmployeePatchSchema);
    const { id: _id, createdAt: _createdAt, ...fields } = toApi(current);
    const next = parseOr422(EmployeeFieldsSchema, { ...fields, ...patch });
    await check(db, next, id);
    const renumbering = next.employeeId !== current.employeeId;
    if (renumbering && (await db.count(agents, eq(agents.employeeId, current.employeeId)))) {
      throw conflict("employeeId", AGENT_USES_ID);
    }
    const demoting = current.role === "tenantAdmin" && next.role !== "tenantAdmin";
    if (demoting && id === caller(c).employeeRowId) {
      throw conflict("role", "You cannot remove your own administrator role");
    }
    // In the statement itself, so that an admin demoted or an agent configured meanwhile still blocks it.
    const guard = and(
      demoting ? anotherAdmin(db.tenantId, id) : undefined,
      renumbering ? db.none(agents, eq(agents.employeeId, current.employeeId)) : undefined,
      ousHold(db, next),
    );
    const update = db.db
      .update(employees)
      .set({ ...next, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) })
      .where(db.where(employees, eq(employees.id, id), guard));
    // A new password ends every session of the employee except the one making this request.
    const token = password === undefined ? undefined : readToken(c)?.token;
    const keep = token === undefined ? undefined : ne(sessions.tokenHash, await sha256Hex(token));
    const endSessions =
      password === undefined
        ? []
        : [db.db.delete(sessions).where(db.where(sessions, eq(sessions.employeeRowId, id), keep, guard))];
    // A new password (or another employeeId) voids the employee's unused agent tickets with the change
    const revoking = password !== undefined || renumbering;
    const voidTickets = revoking ? [deleteAgentTickets(db.db, db.tenantId, current.employeeId, guard)] : [];
    const [result] = await answerConstraints(TAKEN, () =>
      db.db.batch([update, ...endSessions, ...voidTickets]),
    );
    if (result.meta.changes === 0) throw await whyUnchanged(db, current, next, renumbering, demoting);
    // and ends the sockets the employee has open in any queue of the tenant
    if (revoking) await revokeEmployeeInQueues(c, current.employeeId);
    return c.json(toApi(await db.get(employees, id, "Employee")), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const current = await db.get(employees, id, "Employee");
    if (id === caller(c).employeeRowId) throw new ApiError(409, "You cannot delete yourself");
    if (await db.count(agents, eq(agents.employeeId, current.employeeId))) {
      throw referenced("an agent configuration");
    }
    const guard = current.role === "tenantAdmin" ? anotherAdmin(db.tenantId, id) : undefined;
    const noAgent = db.none(agents, eq(agents.employeeId, current.employeeId));
    const [result] = await db.db.batch([
      db.delete(employees, eq(employees.id, id), noAgent, ...(guard ? [guard] : [])),
      db.delete(sessions, eq(sessions.employeeRowId, id), noAgent, ...(guard ? [guard] : [])),
      db.delete(cannedResponses, eq(cannedResponses.ownerId, id), noAgent, ...(guard ? [guard] : [])),
      deleteAgentTickets(db.db, db.tenantId, current.employeeId, noAgent, guard),
    ]);
    if (result.meta.changes === 0) {
      if (await db.count(agents, eq(agents.employeeId, current.employeeId)))
        throw referenced("an agent configuration");
      throw gone(guard !== undefined);
    }
    await revokeEmployeeInQueues(c, current.employeeId);
    return c.body(null, 204);
  });

const tag = "Employees";
const READING =
  "Administrators read every employee. A common agent reads every employee while data isolation is off, and with data isolation on only the employees whose home OU is one of their accessible OUs (read or readWrite; not Unorganized) and themselves. `account` is null for a common agent's reads of anyone but themselves.";
const Page = pageSchema(EmployeeSchema);
document(
  {
    method: "get",
    path: "/api/v1/employees",
    summary: "List employees",
    description: READING,
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  {
    method: "get",
    path: "/api/v1/employees/:id",
    summary: "Get an employee",
    description: `${READING} An employee the caller may not read answers 404.`,
    tag,
    response: EmployeeSchema,
  },
  {
    method: "post",
    path: "/api/v1/employees",
    summary: "Create an employee",
    description:
      "`account` is unique across all tenants and `employeeId` within the tenant (409). `ouId` and every `accessibleOus[].ouId` must be units of the tenant (422). `password` is write-only.",
    tag,
    body: EmployeeInputSchema,
    response: EmployeeSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/employees/:id",
    summary: "Update an employee",
    description:
      "A new `password` ends the employee's sessions (except the caller's own), voids their unused agent tickets and closes their open agent and quality checker sockets (close code 4005), signing them out of every skill queue. 409 when demoting yourself or the last administrator, or changing the `employeeId` an agent configuration uses.",
    tag,
    body: EmployeePatchSchema,
    response: EmployeeSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/employees/:id",
    summary: "Delete an employee and end their sessions",
    description:
      "Also voids the employee's unused agent tickets and closes any socket they still have open (close code 4005). 409 for yourself, the last administrator, or while an agent configuration uses the employeeId.",
    tag,
    status: 204,
    auth: "admin",
  },
);
