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

/** `application/json` with optional parameters (`; charset=utf-8`), and nothing else. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/**
 * Reads a JSON object body: 415 for other media types, 413 when larger than `maxBytes` (a resource
 * whose valid maximum is bigger, such as a robot with 200 intents, passes its own), 422 for
 * malformed JSON and for JSON that is not an object (an array, `null`, a string or a number).
 */
export async function readJson(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  if (!isJson(c.req.header("content-type"))) throw new ApiError(415, "Send the body as application/json");
  const tooLarge = () => new ApiError(413, `The body exceeds ${maxBytes} bytes`);
  if (Number(c.req.header("content-length") ?? 0) > maxBytes) throw tooLarge();
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > maxBytes) throw tooLarge();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(422, "The body is not valid JSON", { body: ["Invalid JSON"] });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(422, "The body must be a JSON object", { body: ["Must be a JSON object"] });
  }
  return parsed as Record<string, unknown>;
}

/** Reads and validates a JSON body in one step. */
export async function body<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<v.InferOutput<S>> {
  return parseOr422(schema, await readJson(c, maxBytes));
}
