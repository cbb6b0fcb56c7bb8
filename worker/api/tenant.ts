/** `/api/v1/tenant`: the caller's own tenant settings (quotas are read-only). */

import { and, eq, notExists } from "drizzle-orm";
import { Hono } from "hono";
import { adminForWrites } from "../auth/session";
import { agents, tenants } from "../db/schema";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { ApiError, notFound } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { housekeepingOf } from "../privacy/housekeeping";
import { type Tenant, TenantPatchSchema, TenantSchema, TenantSettingsSchema } from "../schemas/tenant";
import { notifyQueuesAfterWrite } from "./config-changed";
import { tenantDb } from "./context";

/** A tenant row as the API shows it (settings, read-only quotas, calendar). */
export const tenantToApi = (row: typeof tenants.$inferSelect): Tenant => ({
  id: row.id,
  name: row.name,
  timezone: row.timezone,
  dataIsolation: row.dataIsolation,
  intelligentFormFilling: row.intelligentFormFilling,
  transcriptRetentionDays: row.transcriptRetentionDays,
  quotas: row.quotas,
  calendar: row.calendar,
  createdAt: row.createdAt,
});

async function load(db: ReturnType<typeof tenantDb>): Promise<typeof tenants.$inferSelect> {
  const [row] = await db.db.select().from(tenants).where(eq(tenants.id, db.tenantId));
  if (!row) throw notFound("Tenant");
  return row;
}

export const tenantSettingsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .use(notifyQueuesAfterWrite)
  .get("/", async (c) => c.json(tenantToApi(await load(tenantDb(c))), 200))
  .patch("/", async (c) => {
    const db = tenantDb(c);
    const current = await load(db);
    const { calendar, ...patch } = await body(c, TenantPatchSchema);
    const next = parseOr422(TenantSettingsSchema, {
      name: patch.name ?? current.name,
      timezone: patch.timezone ?? current.timezone,
      dataIsolation: patch.dataIsolation ?? current.dataIsolation,
      intelligentFormFilling: patch.intelligentFormFilling ?? current.intelligentFormFilling,
      transcriptRetentionDays:
        patch.transcriptRetentionDays === undefined
          ? current.transcriptRetentionDays
          : patch.transcriptRetentionDays,
      calendar: { ...current.calendar, ...calendar },
    });
    // The guard sits in the UPDATE itself so an agent switched on concurrently still blocks it.
    const turningOff = current.intelligentFormFilling && !next.intelligentFormFilling;
    const smartAgents = db.db
      .select({ id: agents.id })
      .from(agents)
      .where(db.where(agents, eq(agents.smartFormFilling, true)));
    const result = await db.db
      .update(tenants)
      .set(next)
      .where(and(eq(tenants.id, db.tenantId), turningOff ? notExists(smartAgents) : undefined));
    if (turningOff && result.meta.changes === 0) {
      const message = "Turn Smart Form Filling off for every agent before disabling this feature";
      throw new ApiError(409, message, { intelligentFormFilling: [message] });
    }
    // a run now applies a new retention period at once, and keeps the alarm armed
    await housekeepingOf(c.env, db.tenantId).arm(db.tenantId);
    return c.json(tenantToApi(await load(db)), 200);
  });

const tag = "Tenant";
document(
  {
    method: "get",
    path: "/api/v1/tenant",
    summary: "Get the caller's tenant settings",
    tag,
    response: TenantSchema,
  },
  {
    method: "patch",
    path: "/api/v1/tenant",
    summary: "Update the tenant settings",
    description:
      "Partial update; `transcriptRetentionDays` (1–3650, or null to keep conversations forever) erases ended conversations older than that many days automatically, within the hour and then hourly. `calendar` may be partial too (given keys replace the current ones) and the merged settings are re-validated. `quotas` is read-only (422). Turning `intelligentFormFilling` off answers 409 while an agent has `smartFormFilling` on. Workdays and dates are returned sorted.",
    tag,
    body: TenantPatchSchema,
    response: TenantSchema,
    auth: "admin",
  },
);
