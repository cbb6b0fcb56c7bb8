/**
 * RFC 9457 problem+json responses. Every error the API sends goes through `problem`,
 * so no stack trace or raw input ever leaves the server.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

import type { FieldErrors } from "../schemas/issues";

export type { FieldErrors };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldErrors;
};

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  411: "Length required",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed",
  429: "Too many requests",
  500: "Internal error",
  503: "Service unavailable",
};

const slugs: Record<number, string> = {
  400: "bad-request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  411: "length-required",
  413: "payload-too-large",
  415: "unsupported-media-type",
  422: "validation",
  429: "rate-limited",
  500: "internal",
  503: "unavailable",
};

/** Extension members (RFC 9457 §3.2) an endpoint adds for its clients, such as the pre-chat form to fill. */
export type ProblemExtensions = Record<string, unknown>;

export function problemBody(
  status: number,
  detail?: string,
  errors?: FieldErrors,
  extensions?: ProblemExtensions,
): Problem {
  return {
    ...extensions,
    type: `/problems/${slugs[status] ?? "error"}`,
    title: titles[status] ?? "Error",
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function problemResponse(
  status: number,
  detail?: string,
  errors?: FieldErrors,
  headers?: Record<string, string>,
  extensions?: ProblemExtensions,
): Response {
  return new Response(JSON.stringify(problemBody(status, detail, errors, extensions)), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** Thrown anywhere in a handler; `onError` turns it into problem+json. */
export class ApiError extends HTTPException {
  constructor(
    status: 400 | 401 | 403 | 404 | 409 | 411 | 413 | 415 | 422 | 429 | 503,
    detail: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
    readonly extensions?: ProblemExtensions,
  ) {
    super(status, { message: detail });
  }
}

export const notFound = (what = "Resource") => new ApiError(404, `${what} not found`);
export const invalid = (field: string, message: string) => new ApiError(422, message, { [field]: [message] });
export const conflict = (field: string, message: string) =>
  new ApiError(409, message, { [field]: [message] });

export function onError(err: Error, _c: Context): Response {
  if (err instanceof ApiError)
    return problemResponse(err.status, err.message, err.errors, err.headers, err.extensions);
  if (err instanceof HTTPException) return problemResponse(err.status, err.message || undefined);
  console.error("unhandled", err);
  return problemResponse(500, "An unexpected error occurred");
}
