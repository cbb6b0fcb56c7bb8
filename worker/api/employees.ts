/** `/api/v1/employees`: CRUD of the tenant's employees; passwords are write-only. */
import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import { hashPassword } from "../auth/password";
import { adminForWrites, readToken } from "../auth/session";
import { newId, sha256Hex } from "../db/ids";
import { agents, cannedResponses, employees, orgUnits, sessions } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
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

const toApi = (row: typeof employees.$inferSelect): Employee => ({
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

/** 409 for the unique index a concurrent write hit after the explicit checks passed. */
async function uniqueOr409<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const message = String((err as Error)?.message ?? err);
    if (message.includes("employees.account")) throw conflict("account", ACCOUNT_TAKEN);
    if (message.includes("employees.employee_id")) throw conflict("employeeId", ID_TAKEN);
    throw err;
  }
}

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

/** True in SQL while the tenant has an administrator other than `id`: guards against removing the last one. */
const anotherAdmin = (tenantId: string, id: string): SQL =>
  sql`exists (select 1 from ${employees} as other where other.tenant_id = ${tenantId} and other.role = 'tenantAdmin' and other.id <> ${id})`;

const LAST_ADMIN = "The tenant must keep at least one administrator";
/** Why a guarded write changed no row: the last-admin guard held, or the employee vanished meanwhile. */
const gone = (guarded: boolean) => (guarded ? conflict("role", LAST_ADMIN) : notFound("Employee"));

export const employeesApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(employees, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) =>
    c.json(toApi(await tenantDb(c).get(employees, c.req.param("id"), "Employee")), 200),
  )
  .post("/", async (c) => {
    const { password, ...input } = await body(c, EmployeeInputSchema);
    const db = tenantDb(c);
    await check(db, input);
    const id = newId("em");
    const passwordHash = await hashPassword(password);
    await uniqueOr409(() => db.insert(employees, { id, ...input, passwordHash }));
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
    if (
      next.employeeId !== current.employeeId &&
      (await db.count(agents, eq(agents.employeeId, current.employeeId)))
    ) {
      throw conflict("employeeId", "An agent configuration uses this employeeId; delete it first");
    }
    const demoting = current.role === "tenantAdmin" && next.role !== "tenantAdmin";
    if (demoting && id === caller(c).employeeRowId) {
      throw conflict("role", "You cannot remove your own administrator role");
    }
    const guard = demoting ? anotherAdmin(db.tenantId, id) : undefined;
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
    const revoking = password !== undefined || next.employeeId !== current.employeeId;
    const voidTickets = revoking ? [deleteAgentTickets(db.db, db.tenantId, current.employeeId, guard)] : [];
    const [result] = await uniqueOr409(() => db.db.batch([update, ...endSessions, ...voidTickets]));
    if (result.meta.changes === 0) throw gone(demoting);
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
const Page = pageSchema(EmployeeSchema);
document(
  {
    method: "get",
    path: "/api/v1/employees",
    summary: "List employees",
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  { method: "get", path: "/api/v1/employees/:id", summary: "Get an employee", tag, response: EmployeeSchema },
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
