/**
 * Request body and query validation with valibot. Failures answer 422 problem+json naming
 * each field by its dotted path and the rule it broke; the raw input is never echoed.
 */
import type { Context } from "hono";
import * as v from "valibot";
import { issuesToFieldErrors } from "../schemas/issues";
import { ApiError } from "./problem";

/** Parses `value` with `schema` or throws a 422 ApiError. */
export function parseOr422<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success)
    throw new ApiError(422, "The request has invalid fields", issuesToFieldErrors(result.issues));
  return result.output;
}

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a JSON object body: 415 for other media types, 413 when larger than `maxBytes` (a resource
 * whose valid maximum is bigger, such as a robot with 200 intents, passes its own), 422 for malformed JSON.
 */
export async function readJson(c: Context, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new ApiError(415, "Send the body as application/json");
  }
  const text = await c.req.text();
  if (text.length > maxBytes) throw new ApiError(413, `The body exceeds ${maxBytes} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(422, "The body is not valid JSON", { body: ["Invalid JSON"] });
  }
}

/** Reads and validates a JSON body in one step. */
export async function body<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<v.InferOutput<S>> {
  return parseOr422(schema, await readJson(c, maxBytes));
}
