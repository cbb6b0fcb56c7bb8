/**
 * Runs the server's own valibot schemas in the browser, and merges their issues with the API's
 * problem+json `errors`, all keyed by dotted field path.
 */
import * as v from "valibot";
import { type FieldErrors, issuesToFieldErrors } from "../../../../worker/schemas/issues";

export type { FieldErrors };

/** The schema's verdict on `value`: the parsed output, or the issues per field path. */
export function validate<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
  const result = v.safeParse(schema, value);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, errors: issuesToFieldErrors(result.issues) };
}

/** Errors whose path is `prefix` or lies under it, re-keyed relative to it. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    if (path === prefix) out[""] = messages;
    else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = messages;
  }
  return out;
}

/** Errors re-keyed under `prefix` (for a nested form validated on its own). */
export function prefixErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors))
    out[path === "body" ? prefix : `${prefix}.${path}`] = messages;
  return out;
}

/** The errors of paths that no visible field shows (so they are listed at the top of the form). */
export function unplacedErrors(errors: FieldErrors, shown: ReadonlySet<string>): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown.has(path))
    .flatMap(([path, messages]) => messages.map((m) => (path === "body" ? m : `${path}: ${m}`)));
}

/** An editor's `check`: the schema's errors for `toBody(draft)` (the draft itself by default), or null. */
export function schemaCheck<D>(
  schema: v.GenericSchema,
  toBody: (draft: D) => unknown = (draft) => draft,
): (draft: D) => FieldErrors | null {
  return (draft) => {
    const result = validate(schema, toBody(draft));
    return result.ok ? null : result.errors;
  };
}
