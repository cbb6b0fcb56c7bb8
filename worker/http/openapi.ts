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
  response?: v.GenericSchema;
  /** Status of the success answer; 200 by default. */
  status?: number;
  query?: Record<string, string>;
  auth?: "employee" | "admin" | "platform" | "none";
  description?: string;
};

/** The documented query parameters of every list. */
export const PAGE_QUERY = { limit: "1–200 [50]", cursor: "nextCursor of the previous page" } as const;

const operations: Operation[] = [];

export function document(...ops: Operation[]): void {
  operations.push(...ops);
}

function schemaOf(schema: v.GenericSchema): unknown {
  return toJsonSchema(schema, { errorMode: "ignore", target: "openapi-3.0" });
}

const problem = {
  description: "Problem details (RFC 9457)",
  content: {
    "application/problem+json": {
      schema: {
        type: "object",
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
        },
      },
    },
  },
};

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
      responses: {
        [status]:
          status === "204"
            ? { description: "No content" }
            : {
                description: "Success",
                ...(op.response
                  ? { content: { "application/json": { schema: schemaOf(op.response) } } }
                  : {}),
              },
        default: problem,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Edge online customer service API",
      version: "1.0.0",
      description:
        "Configuration, history and realtime ticket API. Errors are application/problem+json; lists are cursor-paginated (`limit`, `cursor` → `nextCursor`). Cookie-authenticated writes need the X-CSRF-Token header returned by login.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "ecs_session" },
        platformToken: { type: "http", scheme: "bearer", description: "PLATFORM_TOKEN secret" },
      },
    },
    paths,
  };
}
