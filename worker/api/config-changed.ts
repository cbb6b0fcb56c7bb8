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
import { forgetCachedChannels } from "../realtime/channel-cache";
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

/** Routes whose writes change what the customer's way in reads (`realtime/channel-cache.ts`). */
const CHANNEL_PATHS = /\/api\/v1\/(channels|called-routes|skill-queues|platform)(\/|$)/;

/**
 * After a successful write to channels, called routes, skill queues or the platform's tenants:
 * this isolate's cached channels are dropped, so the next customer's ticket and upgrade read the
 * change (other isolates within `CHANNEL_CACHE_TTL_MS`).
 */
export const forgetChannelsAfterWrite: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (WRITES.has(c.req.method) && c.res.status < 300 && CHANNEL_PATHS.test(c.req.path))
    forgetCachedChannels();
};
