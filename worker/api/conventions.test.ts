/**
 * HTTP conventions every configuration resource keeps, checked over the routes of the served
 * OpenAPI document (a newly documented collection is covered at once): list paging parameters,
 * harmless unknown query parameters, body media type, size and shape, 404 before body validation,
 * and problem+json that never echoes the input or a stack.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../app";
import { openApiDocument } from "../http/openapi";
import { fetchApp, newTenant } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
type Paths = Record<string, Record<string, unknown>>;

void app; // importing the app registers every resource's documentation
const paths = (openApiDocument() as { paths: Paths }).paths;

/** Configuration routes: not the operator's, sign-in, realtime ticket or live-state routes. */
const isConfigRoute = (path: string) =>
  path.startsWith("/api/v1/") && !/^\/api\/v1\/(platform|auth|chat|agent)\/|\/live$/.test(path);
const local = (path: string) => path.replace(/^\/api\/v1/, "");

/** GETs that are not paged lists: the tenant's settings, reports and streamed exports. */
const notList = (path: string) => path === "/api/v1/tenant" || /^\/api\/v1\/reports\/|\/export$/.test(path);
const lists = Object.entries(paths)
  .filter(([path, item]) => isConfigRoute(path) && !path.includes("{") && "get" in item && !notList(path))
  .map(([path]) => local(path));
const creates = Object.entries(paths)
  .filter(([path, item]) => isConfigRoute(path) && !path.includes("{") && "post" in item)
  .map(([path]) => local(path));
const patches = Object.entries(paths)
  .filter(([path, item]) => isConfigRoute(path) && /\{id\}$/.test(path) && "patch" in item)
  .map(([path]) => local(path).replace("{id}", "xx_unknown"));
/** Every documented write that takes a JSON body, unknown ids included. */
const writes: [string, string][] = [
  ...creates.map((p): [string, string] => ["POST", p]),
  ["PATCH", "/tenant"],
];

const MARKER = "<script>raw-input-marker-7f3a</script>";
const WRONG_NUMBER = 987654321;
type RequestDoc = {
  requestBody?: {
    content: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }>;
  };
};

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const text = await res.text();
  expect(text).not.toContain("raw-input-marker");
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toContain("stack");
  return JSON.parse(text) as { status: number; errors?: Record<string, string[]> };
}

describe("HTTP conventions of the configuration API", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant();
  });

  it("finds the resources in the OpenAPI document", () => {
    expect(lists).toEqual(
      expect.arrayContaining(["/access-codes", "/skill-queues", "/agents", "/channels", "/employees"]),
    );
    expect(creates).toEqual(expect.arrayContaining(["/agents/batch", "/org-units", "/robots"]));
    expect(patches.length).toBeGreaterThanOrEqual(9);
  });

  describe.each(lists)("GET %s", (path) => {
    it.each(["0", "abc", "201", "-1", "1.5", ""])("limit=%s answers 422 naming limit", async (limit) => {
      const res = await t.request("GET", `${path}?limit=${limit}`);
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.limit).toBeDefined();
    });

    it("accepts limit 1 and 200, ignores unknown query parameters", async () => {
      for (const query of ["limit=1", "limit=200", "unknown=1&utm_source=x", "order=asc&limit=5"]) {
        const res = await t.request("GET", `${path}?${query}`);
        expect(res.status, query).toBe(200);
        expect(await res.json()).toMatchObject({ items: expect.any(Array) });
      }
    });

    it("refuses a cursor longer than any id, naming cursor", async () => {
      const res = await t.request("GET", `${path}?cursor=${"z".repeat(65)}`);
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.cursor).toBeDefined();
    });
  });

  describe.each(patches)("PATCH %s", (path) => {
    it("answers 404 for an unknown id before looking at the body", async () => {
      for (const [bodyText, type] of [
        ['{"unknownField": 1}', "application/json"],
        ["not json", "application/json"],
        ["[]", "application/json"],
        ["x", "text/plain"],
      ] as const) {
        const res = await t.request("PATCH", path, bodyText, { "content-type": type });
        expect(res.status, `${type} ${bodyText}`).toBe(404);
        await problemOf(res);
      }
    });
  });

  describe.each(writes)("%s %s", (method, path) => {
    it.each([["[]"], ["null"], ['"text"'], ["42"], ["true"]])(
      "refuses the JSON body %s with 422",
      async (bodyText) => {
        const res = await t.request(method, path, bodyText, { "content-type": "application/json" });
        expect(res.status).toBe(422);
        expect((await problemOf(res)).errors).toBeDefined();
      },
    );

    it("refuses malformed JSON with 422 naming the body, without echoing it", async () => {
      const res = await t.request(method, path, `{"a": "${MARKER}`, { "content-type": "application/json" });
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.body).toBeDefined();
    });

    it("refuses an unknown field with 422 naming it, without echoing its value", async () => {
      const res = await t.request(method, path, { unknownField: MARKER });
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.unknownField).toBeDefined();
    });

    it("names wrong-typed fields without echoing their values", async () => {
      const op = paths[`/api/v1${path}`]?.[method.toLowerCase()] as RequestDoc | undefined;
      const properties = op?.requestBody?.content["application/json"]?.schema?.properties ?? {};
      expect(Object.keys(properties).length).toBeGreaterThan(0);
      const wrong = Object.fromEntries(
        Object.entries(properties).map(([key, schema]) => [
          key,
          schema.type === "string" ? WRONG_NUMBER : MARKER,
        ]),
      );
      const res = await t.request(method, path, wrong);
      expect(res.status).toBe(422);
      const text = await res.clone().text();
      expect(text).not.toContain(String(WRONG_NUMBER));
      expect(Object.keys((await problemOf(res)).errors ?? {}).length).toBeGreaterThan(0);
    });

    it.each(["text/plain", "application/x-www-form-urlencoded", "application/jsonl"])(
      "answers 415 to content-type %j",
      async (type) => {
        const res = await t.request(method, path, "{}", { "content-type": type });
        expect(res.status).toBe(415);
        await problemOf(res);
      },
    );

    it("answers 413 to a 2 MB body", async () => {
      const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
      const res = await t.request(method, path, big, { "content-type": "application/json" });
      expect(res.status).toBe(413);
      await problemOf(res);
    });
  });

  it("answers 401 to an unknown API route without a session, 404 with one", async () => {
    const anonymous = await fetchApp("/api/v1/no-such-thing");
    expect(anonymous.status).toBe(401);
    await problemOf(anonymous);
    const res = await t.request("GET", "/no-such-thing");
    expect(res.status).toBe(404);
    await problemOf(res);
  });
});
