/**
 * The OpenAPI document: a well-formed OpenAPI 3.1 description that matches the mounted routes in
 * both directions, and the `/api/docs` page that renders it.
 */
import { describe, expect, it } from "vitest";
import { app } from "../app";
import { fetchApp } from "../test/helpers";

type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
};
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

const METHODS = ["get", "post", "put", "patch", "delete"];
/** The REST API and the WebSocket upgrades (101) are documented; pages and assets are not. */
const isApiPath = (path: string) => path.startsWith("/api/v1/") || path.startsWith("/ws/");
/** The document does not describe itself. */
const UNDOCUMENTED = new Set(["GET /api/v1/openapi.json"]);
/** Writes that take no request body. */
const NO_BODY = new Set([
  "POST /api/v1/auth/logout",
  "POST /api/v1/webhooks/{id}/rotate-secret",
  "POST /api/v1/webhooks/{id}/test",
  "POST /api/v1/platform/archive/backfill",
]);

async function served(): Promise<Doc> {
  const res = await fetchApp("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return (await res.json()) as Doc;
}

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op })),
  );

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with complete operations", async () => {
    const doc = await served();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(20);

    const problems: string[] = [];
    for (const { method, path, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) problems.push(`${where}: unknown method`);
      if (!isApiPath(path)) problems.push(`${where}: outside /api/v1 and /ws`);
      if (path.includes(":")) problems.push(`${where}: path parameters must be written {name}`);
      if (!op.summary) problems.push(`${where}: no summary`);
      if (!op.tags?.length) problems.push(`${where}: no tag`);
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const name of names) {
        const param = op.parameters?.find((p) => p.name === name && p.in === "path");
        if (!param?.required) problems.push(`${where}: path parameter ${name} not declared as required`);
      }
      const statuses = Object.keys(op.responses ?? {});
      if (!statuses.some((s) => /^(2\d\d|101)$/.test(s))) problems.push(`${where}: no success response`);
      if (!statuses.includes("default")) problems.push(`${where}: no error response`);
      if ((method === "post" || method === "patch") && !NO_BODY.has(where)) {
        // JSON, or a file upload's raw bytes
        const content = op.requestBody?.content;
        const schema = content?.["application/json"]?.schema ?? content?.["application/octet-stream"]?.schema;
        if (typeof schema !== "object" || schema === null)
          problems.push(`${where}: no JSON schema of the request body`);
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2\d\d$/.test(status) || status === "204") continue;
        // JSON, or a file download (any type, described in words)
        const schema = response.content?.["application/json"]?.schema ?? response.content?.["*/*"]?.schema;
        if (typeof schema !== "object" || schema === null)
          problems.push(`${where}: no JSON schema of the ${status} response`);
      }
      for (const requirement of op.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          if (!(scheme in doc.components.securitySchemes))
            problems.push(`${where}: unknown security ${scheme}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("describes exactly the mounted /api/v1 and /ws routes", async () => {
    const doc = await served();
    const documented = new Set(operations(doc).map(({ method, path }) => `${method.toUpperCase()} ${path}`));
    const mounted = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && isApiPath(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "")}`)
        .filter((route) => !UNDOCUMENTED.has(route)),
    );
    expect([...mounted].filter((r) => !documented.has(r)).sort(), "mounted but not documented").toEqual([]);
    expect([...documented].filter((r) => !mounted.has(r)).sort(), "documented but not mounted").toEqual([]);
  });

  it("documents the resources of this API contract", async () => {
    const doc = await served();
    for (const path of [
      "/api/v1/agents",
      "/api/v1/agents/{id}",
      "/api/v1/agents/batch",
      "/api/v1/channels",
      "/api/v1/channels/{id}",
      "/api/v1/channels/{id}/integration",
      "/api/v1/conversations",
      "/api/v1/conversations/{id}",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const secretKey = JSON.stringify(doc.paths["/api/v1/channels/{id}"]?.get?.responses?.["200"]);
    expect(secretKey).toContain("secretKeySet");
    expect(secretKey).not.toContain('"secretKey"');
  });

  it("renders at /api/docs as HTML that loads the document", async () => {
    const res = await fetchApp("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html.toLowerCase()).toContain("<!doctype html>");
    expect(html).toContain("/api/v1/openapi.json");
  });
});
