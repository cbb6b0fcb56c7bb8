/** valibot issues → `{ "dotted.path": [messages] }`, the shape of problem+json `errors` and protocol error frames. */
import type * as v from "valibot";

export type FieldErrors = Record<string, string[]>;

/** Longest path segment sent back; a longer client-chosen key is cut. */
const MAX_KEY = 64;

/**
 * The issue's message without the client's input: valibot's default messages end with
 * "but received <input>", which must not be echoed (a custom message never carries the input).
 */
function messageOf(issue: v.BaseIssue<unknown>): string {
  const suffix = ` but received ${issue.received}`;
  if (!issue.message.endsWith(suffix)) return issue.message;
  if (issue.message.startsWith("Invalid key"))
    return issue.expected === "never" ? "Unknown field" : "Required";
  return issue.message.slice(0, -suffix.length);
}

const segment = (key: unknown) => {
  const text = String(key);
  return text.length > MAX_KEY ? `${text.slice(0, MAX_KEY)}…` : text;
};

export function issuesToFieldErrors(issues: readonly v.BaseIssue<unknown>[], root = "body"): FieldErrors {
  // No prototype: a client-chosen key such as `constructor` or `__proto__` is just a field name.
  const errors: FieldErrors = Object.create(null);
  for (const issue of issues) {
    const path = issue.path?.map((p) => segment(p.key)).join(".") || root;
    const list = errors[path] ?? [];
    list.push(messageOf(issue));
    errors[path] = list;
  }
  return errors;
}
