/**
 * Tenant isolation over every documented route that takes an id: with tenant B's session and
 * tenant A's ids, each answers 404 and leaves A's rows as they were. The table comes from the
 * OpenAPI document, so a newly documented `/:id` route is covered as soon as its collection has a
 * fixture below (a missing fixture fails the test and says so).
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../app";
import { newId } from "../db/ids";
import * as schema from "../db/schema";
import { openApiDocument } from "../http/openapi";
import {
  addConversation,
  addEmployee,
  addGroup,
  addQueue,
  addRobot,
  addRoute,
  db,
} from "../test/config-fixtures";
import { fetchApp, newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
type Paths = Record<string, Record<string, unknown>>;

/** Creates one row of a collection in tenant A and answers its id. One entry per collection. */
const fixtures: Record<string, (a: Tenant) => Promise<string>> = {
  "access-codes": async (a) => {
    const id = newId("ac");
    await db()
      .insert(schema.accessCodes)
      .values({ id, tenantId: a.tenantId, code: "9001", mediaType: "voice" });
    return id;
  },
  "org-units": async (a) => {
    const id = newId("ou");
    await db().insert(schema.orgUnits).values({ id, tenantId: a.tenantId, name: "Sales", parentId: null });
    return id;
  },
  employees: async (a) => (await addEmployee(a.tenantId, "3001")).id,
  "skill-queues": (a) => addQueue(a.tenantId, "multimedia"),
  "skill-queue-groups": async (a) => addGroup(a.tenantId, [await addQueue(a.tenantId, "multimedia")]),
  "called-routes": async (a) => addRoute(a.tenantId, await addQueue(a.tenantId, "multimedia")),
  robots: (a) => addRobot(a.tenantId, "chatbot", `bot_${unique()}`),
  agents: async (a) => {
    await addEmployee(a.tenantId, "3002");
    const queue = await addQueue(a.tenantId, "multimedia");
    const res = await a.post("/agents", {
      employeeId: "3002",
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueue",
      skillQueueIds: [queue],
    });
    if (res.status !== 201) throw new Error(`agent fixture: ${JSON.stringify(res.body)}`);
    return res.body.id;
  },
  channels: async (a) => {
    const routeId = await addRoute(a.tenantId, await addQueue(a.tenantId, "multimedia"));
    const res = await a.post("/channels", { accessCode: `iso_${unique()}`, routeId });
    if (res.status !== 201) throw new Error(`channel fixture: ${JSON.stringify(res.body)}`);
    return res.body.id;
  },
  conversations: async (a) => (await addConversation(a.tenantId, { agentEmployeeId: "1" })).id,
  tags: async (a) => {
    const id = newId("tag");
    await db()
      .insert(schema.tags)
      .values({ id, tenantId: a.tenantId, name: `t ${unique()}` });
    return id;
  },
  "canned-responses": async (a) => {
    const res = await a.post("/canned-responses", {
      scope: "tenant",
      shortcut: "hi",
      title: "Hi",
      text: "Hi!",
    });
    if (res.status !== 201) throw new Error(`canned response fixture: ${JSON.stringify(res.body)}`);
    return res.body.id;
  },
  cases: async (a) => {
    const chat = await addConversation(a.tenantId, { agentEmployeeId: "1" });
    return (await a.post("/cases", { title: "Late parcel", conversationId: chat.id })).body.id;
  },
  webhooks: async (a) => {
    const res = await a.post("/webhooks", {
      url: "https://hooks.example.com/in",
      events: ["message.created"],
    });
    if (res.status !== 201) throw new Error(`webhook fixture: ${JSON.stringify(res.body)}`);
    return res.body.id;
  },
  "api-tokens": async (a) => {
    const res = await a.post("/api-tokens", { name: "Isolation", scopes: ["audit:read"] });
    if (res.status !== 201) throw new Error(`API token fixture: ${JSON.stringify(res.body)}`);
    return res.body.id;
  },
};

/** Tables holding tenant rows, compared before and after every request. */
const tenantTables = [
  schema.orgUnits,
  schema.employees,
  schema.accessCodes,
  schema.skillQueues,
  schema.skillQueueGroups,
  schema.skillQueueGroupMembers,
  schema.calledRoutes,
  schema.robots,
  schema.agents,
  schema.agentSkillQueues,
  schema.channels,
  schema.conversations,
  schema.conversationMessages,
  schema.conversationTags,
  schema.conversationNotes,
  schema.tags,
  schema.cannedResponses,
  schema.cases,
  schema.webhookEndpoints,
  schema.webhookDeliveries,
  schema.apiTokens,
];

async function snapshot(tenantId: string) {
  const rows = await Promise.all(
    tenantTables.map((table) => db().select().from(table).where(eq(table.tenantId, tenantId))),
  );
  const [tenant] = await db().select().from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  return { tenant, rows };
}

/** Tenant routes are everything under /api/v1 but the operator's and the sign-in routes. */
const isTenantRoute = (path: string) => !/^\/api\/v1\/(platform|auth)\//.test(path);

/** Public operations (`security: []`, such as a channel's widget branding) have no tenant session to isolate. */
const isPublic = (op: unknown) =>
  Array.isArray((op as { security?: unknown }).security) &&
  (op as { security: unknown[] }).security.length === 0;

/**
 * A conversation's files take two ids and a live conversation in a skill queue; their isolation
 * (another tenant, conversation or queue: 404) is tested in `attachments.test.ts`.
 */
const hasOwnIsolationTest = (path: string) => /\/attachments(\/|$)/.test(path);

/** `[method, path, collection]` of every documented tenant operation whose path takes an id. */
function routesWithIds(paths: Paths): [string, string, string][] {
  return Object.entries(paths)
    .filter(([path]) => path.includes("{") && isTenantRoute(path) && !hasOwnIsolationTest(path))
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => !isPublic(op))
        .map(([method]): [string, string, string] => [
          method.toUpperCase(),
          path,
          path.replace(/^\/api\/v1\//, "").split("/")[0]!,
        ]),
    );
}

void app; // importing the app registers every resource's documentation
const table = routesWithIds((openApiDocument() as { paths: Paths }).paths);

describe("tenant isolation", () => {
  let a: Tenant;
  let b: Tenant;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    a = await newTenant();
    b = await newTenant();
    for (const collection of new Set(table.map(([, , c]) => c))) {
      const make = fixtures[collection];
      if (make) ids.set(collection, await make(a));
    }
  });

  it("derives its table from the served OpenAPI document, covering the known nested routes", async () => {
    const served = (await (await fetchApp("/api/v1/openapi.json")).json()) as { paths: Paths };
    expect(routesWithIds(served.paths)).toEqual(table);
    const covered = table.map(([method, path]) => `${method} ${path}`);
    for (const expected of [
      "GET /api/v1/agents/{id}",
      "PATCH /api/v1/agents/{id}",
      "DELETE /api/v1/agents/{id}",
      "GET /api/v1/channels/{id}/integration",
      "GET /api/v1/conversations/{id}",
      "GET /api/v1/access-codes/{id}",
    ]) {
      expect(covered).toContain(expected);
    }
  });

  it.each(table)(
    "%s %s answers 404 to another tenant and changes nothing",
    async (method, path, collection) => {
      const id = ids.get(collection);
      expect(
        id,
        `No fixture for "${collection}": add one entry to \`fixtures\` in isolation.test.ts`,
      ).toBeDefined();
      const url = path.replace(/\{\w+\}/g, id!).replace(/^\/api\/v1/, "");
      const before = await snapshot(a.tenantId);

      const res = await b.request(method, url, method === "GET" || method === "DELETE" ? undefined : {});
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await snapshot(a.tenantId)).toEqual(before);

      if (method === "GET")
        expect((await a.request(method, url)).status, "the owner can read it").toBeLessThan(300);
    },
  );
});
