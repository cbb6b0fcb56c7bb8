/**
 * The audit entry of a customer's erasure: who asked, when, from where, which kind of identifier
 * and what was removed, never the identifier itself or any other personal data (the entry would
 * otherwise keep what was erased). Written by the privacy route itself, since the general
 * middleware (`record.ts`) would record the request body; `rules/audit-route.ts` skips the route.
 */
import { newId } from "../db/ids";
import { auditLog } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Caller, Env } from "../env";
import type { IdentifierKind, PrivacyCounts } from "../schemas/privacy";
import { actor } from "./record";

export async function recordErasure(
  env: Pick<Env, "DB">,
  who: Caller,
  address: string | null,
  kind: IdentifierKind,
  counts: PrivacyCounts,
  at: number,
): Promise<void> {
  await database(env.DB)
    .insert(auditLog)
    .values({
      id: newId("au", at),
      tenantId: who.tenantId,
      at,
      ...actor(who),
      address,
      method: "POST",
      path: "/privacy/erase",
      resource: "privacy",
      resourceId: null,
      action: "delete",
      status: 200,
      changes: [
        { path: "identifierKind", before: null, after: kind },
        ...Object.entries(counts).map(([what, n]) => ({ path: `erased.${what}`, before: null, after: n })),
      ],
    });
}
