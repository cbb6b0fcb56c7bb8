/**
 * The JSON client of `/api/v1` used by the console and the workbench. Cookie auth
 * (`credentials: same-origin`); writes carry the session's CSRF token in `X-CSRF-Token`. Errors are
 * thrown as `HttpError`, with the problem+json `errors` kept per field.
 */
import type { FieldErrors } from "../../../worker/schemas/issues";

const BASE = "/api/v1";
const CSRF_KEY = "ecs.csrf";
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A failed call: HTTP status (0 for a network failure), the problem's title/detail and field errors. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldErrors = {},
    readonly retryAfterSeconds?: number,
    /** The whole parsed problem body (some endpoints add members, e.g. per-item results). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "HttpError";
  }
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

let csrfToken: string | null = storage()?.getItem(CSRF_KEY) ?? null;
const unauthorizedListeners = new Set<() => void>();

/** Keeps the CSRF token of the current session (in memory and this tab's sessionStorage). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) storage()?.setItem(CSRF_KEY, token);
  else storage()?.removeItem(CSRF_KEY);
}

/** Called whenever an authenticated call answers 401 (the session ended); returns an unsubscribe. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | undefined | null>;

/** `path` with the defined query parameters appended. */
export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toError(response: Response): Promise<HttpError> {
  let problem: Record<string, unknown> & { title?: unknown; detail?: unknown; errors?: unknown } = {};
  try {
    problem = (await response.json()) as typeof problem;
  } catch {
    // Not JSON (a proxy page, an empty body): keep the status text.
  }
  const retry = Number(response.headers.get("retry-after"));
  return new HttpError(
    response.status,
    typeof problem.title === "string" ? problem.title : response.statusText || `HTTP ${response.status}`,
    typeof problem.detail === "string" ? problem.detail : undefined,
    problem.errors && typeof problem.errors === "object" ? (problem.errors as FieldErrors) : {},
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
    problem,
  );
}

/** One call to `/api/v1${path}`; resolves to the parsed JSON body (undefined for 204). */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal; quietUnauthorized?: boolean; blob?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  // a file goes as its raw bytes (the server finds its type from them), anything else as JSON
  const file = typeof Blob !== "undefined" && body instanceof Blob;
  if (body !== undefined) headers["content-type"] = file ? "application/octet-stream" : "application/json";
  if (WRITES.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : file ? body : JSON.stringify(body),
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new HttpError(0, "Network error", "The server could not be reached. Check your connection.");
  }
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && !init.quietUnauthorized)
      for (const listener of unauthorizedListeners) listener();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (init.blob) return (await response.blob()) as T;
  return (await response.json()) as T;
}

/** Shorthands for the four verbs. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>("GET", withQuery(path, query), undefined, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  del: (path: string) => request<void>("DELETE", path),
  /** A POST whose answer is a file (an export), as a Blob. */
  postForFile: (path: string, body: unknown) => request<Blob>("POST", path, body, { blob: true }),
  /** Uploads a file as the raw request body. */
  upload: <T>(path: string, file: Blob, query?: Query) => request<T>("POST", withQuery(path, query), file),
};

/** A page of a list endpoint. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** Every item of a list endpoint, following `nextCursor` (for pickers; stops after `maxPages`). */
export async function fetchAll<T>(path: string, query: Query = {}, maxPages = 25): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 200, cursor });
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** A message for people from any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof HttpError) return error.detail ?? error.title;
  if (error instanceof Error) return error.message;
  return String(error);
}
