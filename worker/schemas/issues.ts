/** valibot issues → `{ "dotted.path": [messages] }`, the shape of problem+json `errors` and protocol error frames. */
import type * as v from "valibot";

export type FieldErrors = Record<string, string[]>;

export function issuesToFieldErrors(issues: readonly v.BaseIssue<unknown>[], root = "body"): FieldErrors {
  // No prototype: a client-chosen key such as `constructor` or `__proto__` is just a field name.
  const errors: FieldErrors = Object.create(null);
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join(".") || root;
    const list = errors[path] ?? [];
    list.push(issue.message);
    errors[path] = list;
  }
  return errors;
}
