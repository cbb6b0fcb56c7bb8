/**
 * Which tenant API writes are configuration changes for the audit log, and how each is read. Every
 * POST, PUT, PATCH and DELETE under `/api/v1` that succeeds is one, except the writes listed in
 * `NOT_CONFIGURATION` (they change no configuration). By the path relative to `/api/v1`:
 * - `POST /a`: `create`; the answer is the new state.
 * - `PATCH|PUT /a/:id` or `/a` (a singleton such as `/tenant`): `update` of `/a/:id` (or `/a`),
 *   read before and after.
 * - `DELETE /a/:id`: `delete`; read before and after (a resource that stays, such as a revoked
 *   token, shows what changed; one that is gone, every field before).
 * - `POST /a/:id/verb`: `action` on `/a/:id`, read before and after; `POST /a/verb` (a batch):
 *   `action` on no single resource, the request says what changed.
 */
export type AuditAction = "create" | "update" | "delete" | "action";
export type AuditTarget = {
  resource: string;
  resourceId: string | null;
  action: AuditAction;
  /** The path (relative to `/api/v1`) whose GET answers the resource's state, or null. */
  statePath: string | null;
};

/**
 * Writes that change no configuration, as `METHOD first/*\/third` patterns (`*` is one segment).
 * Privacy requests carry personal data in their bodies: the erasure writes its own entry
 * (`audit/erasure.ts`), lookups and exports change nothing.
 */
const NOT_CONFIGURATION = [
  "POST agent/tickets",
  "POST webhooks/*/test",
  "POST privacy/lookup",
  "POST privacy/export",
  "POST privacy/erase",
];

const matches = (pattern: string, method: string, segments: string[]) => {
  const [m, path = ""] = pattern.split(" ");
  const parts = path.split("/");
  return (
    m === method && parts.length === segments.length && parts.every((p, i) => p === "*" || p === segments[i])
  );
};

/** The audit target of `method` on `path` (relative to `/api/v1`), or null when it is not audited. */
export function auditTarget(method: string, path: string): AuditTarget | null {
  const verb = method.toUpperCase();
  if (!["POST", "PUT", "PATCH", "DELETE"].includes(verb)) return null;
  const segments = path.split("/").filter(Boolean);
  const [resource, second, third] = segments;
  if (!resource || segments.length > 3) return null;
  if (NOT_CONFIGURATION.some((pattern) => matches(pattern, verb, segments))) return null;
  const own = second ? `/${resource}/${second}` : `/${resource}`;
  if (verb === "POST" && segments.length === 1)
    return { resource, resourceId: null, action: "create", statePath: null };
  if (verb === "POST" && segments.length === 2)
    return { resource, resourceId: null, action: "action", statePath: null };
  if (verb === "POST") return { resource, resourceId: second ?? null, action: "action", statePath: own };
  if (third !== undefined) return { resource, resourceId: second ?? null, action: "update", statePath: null };
  return {
    resource,
    resourceId: second ?? null,
    action: verb === "DELETE" ? "delete" : "update",
    statePath: own,
  };
}
