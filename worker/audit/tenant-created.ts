/**
 * The audit entry of a tenant's creation by the platform operator (`POST /api/v1/platform/tenants`):
 * the new tenant's first entry, written in the same batch as the tenant, so no tenant exists
 * without it. The actor is the platform operator (type `platform`), never the platform token;
 * the changes are the settings it was created with and its first administrator's account and
 * name, the password redacted (`rules/audit-diff.ts`).
 */
import { newId } from "../db/ids";
import { auditLog } from "../db/schema";
import type { Db } from "../db/tenant-db";
import { auditChanges } from "../rules/audit-diff";

export const PLATFORM_ACTOR = {
  actorType: "platform" as const,
  actorId: "platform",
  actorName: "Platform operator",
};

/** The insert of the entry; `created` is the tenant as stored, `body` the request that created it. */
export function tenantCreatedEntry(
  db: Db,
  e: {
    tenantId: string;
    created: Record<string, unknown>;
    body: unknown;
    address: string | null;
    at: number;
  },
) {
  return db.insert(auditLog).values({
    id: newId("au", e.at),
    tenantId: e.tenantId,
    at: e.at,
    ...PLATFORM_ACTOR,
    address: e.address,
    method: "POST",
    path: "/platform/tenants",
    resource: "tenant",
    resourceId: e.tenantId,
    action: "create",
    status: 201,
    changes: auditChanges(null, e.created, e.body),
  });
}
