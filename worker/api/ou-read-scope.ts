/**
 * What the caller may read of OU-owned rows, as SQL conditions (rule: `readableOus` in
 * `../rules/ou-visibility.ts`). Under data isolation a common agent reads the skill queues and
 * employees of their accessible OUs, plus the queues they serve as an agent (the workbench names
 * them and lists their transfer targets) and their own employee row; an agent configuration is read
 * with its employee.
 */
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import { inList } from "../db/in-list";
import { agentSkillQueues, agents, employees, skillQueueGroupMembers, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { readableOus } from "../rules/ou-visibility";
import { caller } from "./context";
import { callerAndIsolation } from "./ou-choice";

/** The OU ids the caller may read, or null for everything. */
export async function readableOuIds(c: Context<AppEnv>, db: TenantDb): Promise<string[] | null> {
  // An administrator reads everything whatever the switch: no query needed.
  if (caller(c).role === "tenantAdmin") return null;
  const { employee, isolation } = await callerAndIsolation(c, db);
  const readable = readableOus(employee, isolation);
  return readable && [...readable.ouIds];
}

const inOus = (column: typeof skillQueues.ouId | typeof employees.ouId, ouIds: string[]): SQL =>
  ouIds.length ? inList(column, ouIds) : sql`0`;

/** Skill queues the caller may read: undefined when all. */
export async function visibleQueues(c: Context<AppEnv>, db: TenantDb): Promise<SQL | undefined> {
  const ouIds = await readableOuIds(c, db);
  if (ouIds === null) return undefined;
  const mine = and(eq(agents.tenantId, db.tenantId), eq(agents.employeeId, caller(c).employeeId));
  const own = db.db
    .select({ id: agentSkillQueues.skillQueueId })
    .from(agentSkillQueues)
    .innerJoin(agents, eq(agents.id, agentSkillQueues.agentId))
    .where(mine);
  const ofGroup = db.db
    .select({ id: skillQueueGroupMembers.skillQueueId })
    .from(skillQueueGroupMembers)
    .innerJoin(agents, eq(agents.skillQueueGroupId, skillQueueGroupMembers.groupId))
    .where(mine);
  return or(inOus(skillQueues.ouId, ouIds), inArray(skillQueues.id, own), inArray(skillQueues.id, ofGroup));
}

/** Employees the caller may read: undefined when all. */
export async function visibleEmployees(c: Context<AppEnv>, db: TenantDb): Promise<SQL | undefined> {
  const ouIds = await readableOuIds(c, db);
  if (ouIds === null) return undefined;
  return or(inOus(employees.ouId, ouIds), eq(employees.id, caller(c).employeeRowId));
}

/** Agents the caller may read (those of the employees they may read): undefined when all. */
export async function visibleAgents(c: Context<AppEnv>, db: TenantDb): Promise<SQL | undefined> {
  const people = await visibleEmployees(c, db);
  if (people === undefined) return undefined;
  const readable = db.db
    .select({ employeeId: employees.employeeId })
    .from(employees)
    .where(db.where(employees, people));
  return inArray(agents.employeeId, readable);
}
