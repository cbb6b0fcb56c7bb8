/**
 * After a successful configuration write that running queues read (channels, robots, agents,
 * tenant calendar and time zone), tell every skill queue of the tenant to reload, so the change
 * reaches live conversations without a restart. Configuration writes are rare admin actions, so
 * a tenant-wide fan-out is simpler and safer than tracing which queues a change touches. The same
 * fan-out tells the queues about an employee whose credentials changed (`revokeEmployeeInQueues`).
 */
import type { Context, MiddlewareHandler } from "hono";
import { skillQueues } from "../db/schema";
import type { AppEnv } from "../env";
import { notifyConfigChanged, notifyEmployeeRevoked } from "../realtime/notify";
import { tenantDb } from "./context";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function tenantQueueIds(c: Context<AppEnv>): Promise<string[]> {
  const db = tenantDb(c);
  const queues = await db.db.select({ id: skillQueues.id }).from(skillQueues).where(db.where(skillQueues));
  return queues.map((q) => q.id);
}

export const notifyQueuesAfterWrite: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!WRITES.has(c.req.method) || c.res.status >= 300) return;
  await notifyConfigChanged(c.env, await tenantQueueIds(c));
};

/**
 * After an employee's password changed or the employee was removed: every queue of the tenant
 * closes that employee's sockets and signs them out (they may be connected to any of them).
 */
export async function revokeEmployeeInQueues(c: Context<AppEnv>, employeeId: string): Promise<void> {
  await notifyEmployeeRevoked(c.env, await tenantQueueIds(c), employeeId);
}
