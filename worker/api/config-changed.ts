/**
 * After a successful configuration write that running queues read (channels, robots, agents,
 * tenant calendar and time zone), tell every skill queue of the tenant to reload, so the change
 * reaches live conversations without a restart. Configuration writes are rare admin actions, so
 * a tenant-wide fan-out is simpler and safer than tracing which queues a change touches.
 */
import type { MiddlewareHandler } from "hono";
import { skillQueues } from "../db/schema";
import type { AppEnv } from "../env";
import { notifyConfigChanged } from "../realtime/notify";
import { tenantDb } from "./context";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const notifyQueuesAfterWrite: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!WRITES.has(c.req.method) || c.res.status >= 300) return;
  const queues = await tenantDb(c)
    .db.select({ id: skillQueues.id })
    .from(skillQueues)
    .where(tenantDb(c).where(skillQueues));
  await notifyConfigChanged(
    c.env,
    queues.map((q) => q.id),
  );
};
