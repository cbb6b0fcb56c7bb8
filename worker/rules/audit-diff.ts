/**
 * What an audit entry says changed: the fields whose values differ between the resource's state
 * before and after the write (nested objects field by field, lists as whole values), with every
 * secret redacted. A secret is a field whose name contains `password`, `secret` or `token`
 * (case-insensitive): its value is never stored, only that it was set (`"[redacted]"`). The
 * changes of one entry are capped at `MAX_CHANGES_BYTES` of JSON: larger values are replaced by a
 * note with their size, so a robot with hundreds of intents cannot bloat the log.
 */
export type AuditChange = { path: string; before: unknown; after: unknown };

export const REDACTED = "[redacted]";
export const MAX_CHANGES_BYTES = 16 * 1024;
const SECRET_KEY = /password|secret|token/i;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy of `value` with the value of every secret field replaced by `"[redacted]"`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isPlain(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) && v !== null && v !== "" ? REDACTED : redact(v),
    ]),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The changed fields between `before` and `after`; either may be null (created, deleted: every
 * field of the other side). A missing field and null are the same.
 */
export function diff(before: unknown, after: unknown, path = ""): AuditChange[] {
  if (!path && before == null && isPlain(after)) return diff({}, after);
  if (!path && after == null && isPlain(before)) return diff(before, {});
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diff(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (same(before, after)) return [];
  return [{ path: path || "(whole)", before: before ?? null, after: after ?? null }];
}

/**
 * Secret fields the request set (anywhere in its body), as changes with both sides redacted, for
 * those not already in `changes` (a write-only field such as a password never shows in the state).
 */
export function secretsSet(body: unknown, changes: AuditChange[], path = ""): AuditChange[] {
  if (!isPlain(body)) return [];
  return Object.entries(body).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    if (SECRET_KEY.test(k) && v !== null && v !== "" && typeof v !== "object")
      return changes.some((c) => c.path === at) ? [] : [{ path: at, before: REDACTED, after: REDACTED }];
    return secretsSet(v, changes, at);
  });
}

/** `changes` within `MAX_CHANGES_BYTES` of JSON: the largest values become size notes until it fits. */
export function capChanges(changes: AuditChange[], maxBytes = MAX_CHANGES_BYTES): AuditChange[] {
  const out = changes.map((c) => ({ ...c }));
  const size = (v: unknown) => new TextEncoder().encode(JSON.stringify(v) ?? "").length;
  while (size(out) > maxBytes) {
    let biggest: { change: AuditChange; side: "before" | "after"; bytes: number } | null = null;
    for (const change of out)
      for (const side of ["before", "after"] as const) {
        const bytes = size(change[side]);
        if (!biggest || bytes > biggest.bytes) biggest = { change, side, bytes };
      }
    if (!biggest || biggest.bytes <= 64) break;
    biggest.change[biggest.side] = `[${biggest.bytes} bytes, too large to keep]`;
  }
  return out;
}

/** Fields that change on every write and say nothing about what changed. */
const NOISE = new Set(["updatedAt"]);
const isSecretPath = (path: string) => SECRET_KEY.test(path.split(".").at(-1) ?? "");
const hide = (v: unknown) => (v === null || v === undefined || v === "" ? (v ?? null) : REDACTED);

/**
 * An audit entry's changes: the diff of `before` and `after` (a secret field's values redacted,
 * secrets nested in other values too), the secrets `body` set that the states do not show, capped.
 */
export function auditChanges(before: unknown, after: unknown, body: unknown): AuditChange[] {
  const changes = diff(before, after)
    .filter((c) => !NOISE.has(c.path))
    .map((c) =>
      isSecretPath(c.path)
        ? { path: c.path, before: hide(c.before), after: hide(c.after) }
        : { path: c.path, before: redact(c.before), after: redact(c.after) },
    );
  return capChanges([...changes, ...secretsSet(body, changes)]);
}
