/** valibot issues → `{ "dotted.path": [messages] }`, the shape of problem+json `errors` and protocol error frames. */
import type * as v from "valibot";

export type FieldErrors = Record<string, string[]>;

export function issuesToFieldErrors(issues: readonly v.BaseIssue<unknown>[], root = "body"): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join(".") || root;
    const list = errors[path] ?? [];
    list.push(issue.message);
    errors[path] = list;
  }
  return errors;
}
