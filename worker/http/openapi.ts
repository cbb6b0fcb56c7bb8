/**
 * OpenAPI 3.1 document built from the same valibot schemas that validate requests.
 * Each resource module calls `document(...)` for its operations at import time.
 */
import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";

export type Operation = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  body?: v.GenericSchema;
  /** A body that is not JSON but the raw bytes of a file (described in words). */
  rawBody?: string;
  response?: v.GenericSchema;
  /** A success answer that is a file, not JSON (described in words). */
  rawResponse?: string;
  /** Status of the success answer; 200 by default. */
  status?: number;
  query?: Record<string, string>;
  auth?: "employee" | "admin" | "platform" | "none";
  description?: string;
  /** Stable name for generated clients; derived from the method and path when omitted (`operationIdOf`). */
  operationId?: string;
  /** Media types of the success answer; `application/json` by default (others are documented as text). */
  contentTypes?: string[];
  /** Documented 4XX answers besides those implied by auth, path parameters and the body (`errorStatuses`). */
  errors?: number[];
  /** Other success answers (another status with another body). */
  also?: { status: number; description: string; response: v.GenericSchema }[];
};

/** The documented query parameters of every list. */
export const PAGE_QUERY = { limit: "1–200 [50]", cursor: "nextCursor of the previous page" } as const;

const operations: Operation[] = [];

export function document(...ops: Operation[]): void {
  operations.push(...ops);
}

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1 (nullable values are `anyOf` with `type: "null"`). */
function schemaOf(schema: v.GenericSchema): unknown {
  const { $schema: _dialect, ...json } = toJsonSchema(schema, {
    errorMode: "ignore",
    target: "draft-2020-12",
  });
  return json;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (problem+json)",
  401: "Not signed in, or the session or token is unknown or expired (problem+json)",
  403: "Signed in but not allowed (role, CSRF token or origin) (problem+json)",
  404: "Unknown id, or another tenant's (problem+json)",
  409: "Conflicts with the current state: a duplicate unique value or a reference that forbids it (problem+json)",
  411: "Content-Length is missing (problem+json)",
  413: "The body is larger than allowed (problem+json)",
  415: "The content is of a type not accepted here (problem+json)",
  422: "Invalid fields: `errors` maps each field to its messages (problem+json)",
  429: "Rate limited: see the Retry-After header (problem+json)",
};

const WRITE_METHODS = new Set(["post", "patch", "put", "delete"]);

/**
 * The 4XX answers an operation documents: 401 (and 403) when it needs a session, 404 when the path
 * names a resource, 422 when it takes input, 409 for writes to tenant resources, plus `op.errors`.
 */
export function errorStatuses(op: Operation): number[] {
  const out = new Set<number>(op.errors ?? []);
  const signedIn = op.auth !== "none";
  if (signedIn) out.add(401);
  if (op.auth === "admin" || op.auth === "platform" || (signedIn && WRITE_METHODS.has(op.method)))
    out.add(403);
  if (/:\w+/.test(op.path)) out.add(404);
  if (op.body || op.query) out.add(422);
  if (signedIn && WRITE_METHODS.has(op.method) && op.path.startsWith("/api/v1/")) out.add(409);
  return [...out].sort((a, b) => a - b);
}

const pascal = (segment: string) =>
  segment
    .split(/[-_]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
const singular = (word: string) =>
  word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("s") ? word.slice(0, -1) : word;

/**
 * `list<Things>` (GET of a plural collection), `get<Thing>`, `create<Thing>`, `update<Thing>`,
 * `delete<Thing>` from the method and the path after `/api/v1/`: a segment followed by an id, and
 * the last segment of a create, are singular (`getChannelIntegration`, `createChatTicket`).
 */
export function operationIdOf(op: Pick<Operation, "method" | "path" | "operationId">): string {
  if (op.operationId) return op.operationId;
  const segments = op.path.replace(/^\/(api\/v1|ws)\//, "").split("/");
  const words = segments.flatMap((s, i) => {
    if (s.startsWith(":")) return [];
    const one = segments[i + 1]?.startsWith(":") || (op.method === "post" && i === segments.length - 1);
    return [pascal(one ? singular(s) : s)];
  });
  const last = segments.at(-1) ?? "";
  const list = op.method === "get" && !op.path.includes(":") && last.endsWith("s");
  return `${op.method === "get" ? (list ? "list" : "get") : VERBS[op.method]}${words.join("")}`;
}

const VERBS = { post: "create", patch: "update", put: "replace", delete: "delete" } as const;

const PROBLEM_SCHEMA = {
  type: "object",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function contentOf(response: v.GenericSchema, types = ["application/json"]) {
  return Object.fromEntries(
    types.map((t) => [t, { schema: t === "application/json" ? schemaOf(response) : { type: "string" } }]),
  );
}

export function openApiDocument(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, "{$1}");
    const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const query = Object.entries(op.query ?? {}).map(([name, description]) => ({
      name,
      in: "query",
      required: false,
      description,
      schema: { type: "string" },
    }));
    const status = String(op.status ?? 200);
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: operationIdOf(op),
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      parameters: [...params, ...query],
      security:
        op.auth === "none"
          ? []
          : op.auth === "platform"
            ? [{ platformToken: [] }]
            : [{ bearer: [] }, { cookie: [] }],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body) } } } }
        : {}),
      ...(op.rawBody
        ? {
            requestBody: {
              required: true,
              description: op.rawBody,
              content: {
                "application/octet-stream": {
                  schema: { type: "string", contentMediaType: "application/octet-stream" },
                },
              },
            },
          }
        : {}),
      responses: {
        [status]:
          status === "204"
            ? { description: "No content" }
            : {
                description: "Success",
                ...(op.response ? { content: contentOf(op.response, op.contentTypes) } : {}),
                ...(op.rawResponse
                  ? { description: `Success: ${op.rawResponse}`, content: { "*/*": { schema: {} } } }
                  : {}),
              },
        ...Object.fromEntries(
          (op.also ?? []).map((a) => [
            String(a.status),
            { description: a.description, content: { "application/json": { schema: schemaOf(a.response) } } },
          ]),
        ),
        ...Object.fromEntries(
          errorStatuses(op).map((code) => [
            String(code),
            problemResponse(PROBLEM_DESCRIPTIONS[code] ?? "Problem details (RFC 9457)"),
          ]),
        ),
        default: problemResponse("Problem details (RFC 9457)"),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Edge online customer service API",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      version: "1.0.0",
      description:
        "Configuration, history and realtime ticket API. Errors are application/problem+json; lists are cursor-paginated (`limit`, `cursor` → `nextCursor`). Cookie-authenticated writes need the X-CSRF-Token header returned by login.",
    },
    servers: [{ url: "/" }],
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "ecs_session" },
        platformToken: { type: "http", scheme: "bearer", description: "PLATFORM_TOKEN secret" },
      },
    },
    paths,
  };
}
