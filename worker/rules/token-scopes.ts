/**
 * What an API token may call. A token carries scopes; each tenant route needs one scope, found in
 * the tables below by the route's first path segment (and, for a few sub-resources, its third),
 * reads (GET) and writes (POST, PUT, PATCH, DELETE) apart. A route in no table is closed to tokens
 * (sign in instead): API tokens themselves, agent tickets, and routes added later until they are
 * listed here. `config:write` includes `config:read`.
 */
export const SCOPES = [
  "history:read",
  "live:read",
  "config:read",
  "config:write",
  "webhooks:manage",
  "audit:read",
  "privacy:manage",
] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "history:read": "Read conversation history and transcripts",
  "live:read": "Read live skill queue statistics",
  "config:read": "Read the tenant's configuration (queues, agents, channels, robots, employees…)",
  "config:write": "Change the tenant's configuration (includes config:read)",
  "webhooks:manage": "Manage webhook endpoints and read their delivery logs",
  "audit:read": "Read the audit log",
  "privacy:manage": "Look up, export and erase one customer's data (data-protection requests)",
};

type Access = { read: Scope | null; write: Scope | null };
const CONFIG: Access = { read: "config:read", write: "config:write" };

/** By the first path segment under `/api/v1`. */
const RESOURCES: Record<string, Access> = {
  tenant: CONFIG,
  "org-units": CONFIG,
  employees: CONFIG,
  "access-codes": CONFIG,
  "skill-queues": CONFIG,
  "skill-queue-groups": CONFIG,
  "called-routes": CONFIG,
  robots: CONFIG,
  agents: CONFIG,
  channels: CONFIG,
  conversations: { read: "history:read", write: null },
  webhooks: { read: "webhooks:manage", write: "webhooks:manage" },
  "audit-log": { read: "audit:read", write: null },
  privacy: { read: "privacy:manage", write: "privacy:manage" },
};

// Sub-resources that differ from their resource, by first and third segment: `a/:id/b` is `a/*/b`.
const SUB_RESOURCES: Record<string, Access> = {
  "skill-queues/*/live": { read: "live:read", write: null },
};

const READS = new Set(["GET", "HEAD"]);

/** The scope a token needs for `method` on `path` (relative to `/api/v1`); null: closed to tokens. */
export function requiredScope(method: string, path: string): Scope | null {
  const segments = path.split("/").filter(Boolean);
  const [first = "", , third] = segments;
  const access =
    (third !== undefined ? SUB_RESOURCES[`${first}/*/${third}`] : undefined) ??
    (Object.hasOwn(RESOURCES, first) ? RESOURCES[first] : undefined);
  if (!access) return null;
  return READS.has(method.toUpperCase()) ? access.read : access.write;
}

/** Whether a token with `scopes` holds `needed`. */
export function grants(scopes: readonly string[], needed: Scope): boolean {
  return scopes.includes(needed) || (needed === "config:read" && scopes.includes("config:write"));
}
