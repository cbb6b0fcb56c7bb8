/**
 * `/api/v1/audit-log`: every configuration change of the tenant, newest first, filterable
 * (`audit/record.ts` writes it). Tenant administrators and API tokens with `audit:read`.
 */
import { desc, eq, gte, lt } from "drizzle-orm";
import { Hono } from "hono";
import { adminOnly } from "../auth/session";
import { auditLog } from "../db/schema";
import type { AppEnv } from "../env";
import { document, PAGE_QUERY } from "../http/openapi";
import { parseOr422 } from "../http/validate";
import { AUDIT_ACTIONS, type AuditEntry, AuditEntrySchema, AuditQuerySchema } from "../schemas/audit-log";
import { pageSchema } from "../schemas/common";
import { tenantDb } from "./context";

const toApi = (row: typeof auditLog.$inferSelect): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: { type: row.actorType, id: row.actorId, name: row.actorName },
  address: row.address,
  method: row.method,
  path: row.path,
  resource: row.resource,
  resourceId: row.resourceId,
  action: row.action,
  status: row.status,
  changes: row.changes,
});

export const auditLogApi = new Hono<AppEnv>().use(adminOnly).get("/", async (c) => {
  const q = parseOr422(AuditQuerySchema, c.req.query());
  const db = tenantDb(c);
  const rows = await db.db
    .select()
    .from(auditLog)
    .where(
      db.where(
        auditLog,
        q.cursor ? lt(auditLog.id, q.cursor) : undefined,
        q.resource ? eq(auditLog.resource, q.resource) : undefined,
        q.resourceId ? eq(auditLog.resourceId, q.resourceId) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.from !== undefined ? gte(auditLog.at, q.from) : undefined,
        q.to !== undefined ? lt(auditLog.at, q.to) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const nextCursor = rows.length > q.limit ? (items.at(-1)?.id ?? null) : null;
  return c.json({ items: items.map(toApi), nextCursor }, 200);
});

document({
  method: "get",
  path: "/api/v1/audit-log",
  summary: "The audit log of configuration changes, newest first",
  description:
    "One entry per successful configuration write (POST, PUT, PATCH, DELETE of the tenant API, except agent tickets and webhook test sends): who (an employee or an API token), when, from which address, the route, and the changed fields before and after. Secret fields (names containing password, secret or token) read `[redacted]`; an entry's changes are capped at 16 KiB (larger values become a size note).",
  tag: "Audit log",
  response: pageSchema(AuditEntrySchema),
  query: {
    ...PAGE_QUERY,
    resource: "only this resource, the route's first segment (`skill-queues`, `webhooks`, `tenant`…)",
    resourceId: "only changes of this resource id",
    actorId: "only changes by this employee row id or API token id",
    action: `only ${AUDIT_ACTIONS.join(", ")}`,
    from: "only changes at or after this time (ms since 1970)",
    to: "only changes before this time (ms since 1970)",
  },
  auth: "admin",
});
