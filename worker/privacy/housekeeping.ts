/** The tenant's housekeeping object (`durable-objects/housekeeping/`), named after the tenant id. */
import type { Env } from "../env";

export function housekeepingOf(env: Pick<Env, "HOUSEKEEPING">, tenantId: string) {
  return env.HOUSEKEEPING.get(env.HOUSEKEEPING.idFromName(tenantId));
}
