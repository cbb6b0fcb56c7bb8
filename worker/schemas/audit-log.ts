/** The audit log (server and console). */
import * as v from "valibot";
import { limitSchema } from "./common";

export const AUDIT_ACTIONS = ["create", "update", "delete", "action"] as const;

const millis = (field: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,15}$/, `${field} must be a time in milliseconds since 1970 (digits only)`),
      v.transform(Number),
    ),
  );
const text = (field: string) =>
  v.optional(v.pipe(v.string(), v.maxLength(100, `${field} must be at most 100 characters`)));

/** `?resource=&resourceId=&actorId=&action=&from=&to=&limit=&cursor=`; `from` inclusive, `to` exclusive. */
export const AuditQuerySchema = v.object({
  limit: limitSchema,
  cursor: v.optional(v.pipe(v.string(), v.maxLength(64, "cursor must be a nextCursor value"))),
  resource: text("resource"),
  resourceId: text("resourceId"),
  actorId: text("actorId"),
  action: v.optional(v.picklist(AUDIT_ACTIONS, `action must be one of ${AUDIT_ACTIONS.join(", ")}`)),
  from: millis("from"),
  to: millis("to"),
});
export type AuditQuery = v.InferOutput<typeof AuditQuerySchema>;

export const AuditChangeSchema = v.object({
  /** The changed field, dotted for nested ones (`limits.maxWaiting`); `(whole)` for a whole value. */
  path: v.string(),
  before: v.unknown(),
  after: v.unknown(),
});

export const AuditEntrySchema = v.object({
  id: v.string(),
  at: v.number(),
  actor: v.object({
    /** `platform`: the platform operator (the tenant's creation). */
    type: v.picklist(["employee", "apiToken", "platform"]),
    /** The employee's row id, the API token's id, or `platform`. */
    id: v.string(),
    name: v.string(),
  }),
  /** The client's IP address, or null when unknown. */
  address: v.nullable(v.string()),
  method: v.string(),
  /** The route, relative to `/api/v1`. */
  path: v.string(),
  resource: v.string(),
  resourceId: v.nullable(v.string()),
  action: v.picklist(AUDIT_ACTIONS),
  status: v.number(),
  /** What changed; secrets read `[redacted]`. */
  changes: v.array(AuditChangeSchema),
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
