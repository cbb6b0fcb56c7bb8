/** `/api/v1/called-routes`: CRUD of called routes (spec Table 2). */
import { and, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { accessCodes, calledRoutes, channels, orgUnits, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints, answerOfChecks } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, invalid } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { type AccessCodeMediaType, queueTypesFor, routeMatches } from "../rules/called-route-rules";
import {
  type CalledRoute,
  type CalledRouteFields,
  CalledRouteFieldsSchema,
  CalledRouteInputSchema,
  CalledRouteListQuerySchema,
  CalledRoutePatchSchema,
  CalledRouteSchema,
} from "../schemas/called-routes";
import { pageSchema } from "../schemas/common";
import { tenantDb } from "./context";
import { callerOus, checkOuAccess, checkOuChoice, checkOuExists } from "./ou-choice";

type Row = typeof calledRoutes.$inferSelect;
const WHAT = "Called route";
const DUPLICATE = "This access code already routes this extension code";
const ROUTE_TAKEN = [
  {
    constraint: uniqueIndex(calledRoutes, "called_routes_code_ext"),
    field: "extensionCode",
    message: DUPLICATE,
  },
];

const toApi = (row: Row): CalledRoute => ({
  id: row.id,
  ouId: row.ouId,
  accessCodeId: row.accessCodeId,
  extensionCode: row.extensionCode,
  deviceType: row.deviceType,
  skillQueueId: row.skillQueueId,
  createdAt: row.createdAt,
});

/** A web channel refers to a route as its route or as the assistant's silent-agent route. */
const channelUses = (id: string): SQL =>
  sql`(${channels.routeId} = ${id} or json_extract(${channels.config}, '$.assistant.silentAgentRouteId') = ${id})`;

const USED = "A web channel uses this called route";

/** Checks the access code and the skill queue exist and match; answers the access code's media type. */
async function checkTargets(db: TenantDb, route: CalledRouteFields) {
  const [code, queue] = await Promise.all([
    db.find(accessCodes, route.accessCodeId),
    db.find(skillQueues, route.skillQueueId),
  ]);
  if (!code) throw invalid("accessCodeId", "No such access code");
  if (!queue) throw invalid("skillQueueId", "No such skill queue");
  if (!routeMatches(code.mediaType, queue.type)) {
    throw invalid(
      "skillQueueId",
      `A ${code.mediaType} access code routes only to a skill queue of type ${queueTypesFor(code.mediaType).join(" or ")}`,
    );
  }
  return code.mediaType;
}

/**
 * True in SQL while the route's access code (of `mediaType`), its skill queue (of a type that
 * code routes to) and its OU exist: the insert or update holds it in its own statement, since each
 * of them can be deleted or changed only while no route refers to it.
 */
function targetsHold(db: TenantDb, route: CalledRouteFields, mediaType: AccessCodeMediaType): SQL {
  return and(
    db.some(accessCodes, eq(accessCodes.id, route.accessCodeId), eq(accessCodes.mediaType, mediaType)),
    db.some(
      skillQueues,
      eq(skillQueues.id, route.skillQueueId),
      inArray(skillQueues.type, queueTypesFor(mediaType)),
    ),
    route.ouId === null ? undefined : db.some(orgUnits, eq(orgUnits.id, route.ouId)),
  ) as SQL;
}

/** Why `targetsHold` failed: the check's 422, or a 409 when everything is back meanwhile. */
const targetsGone = (db: TenantDb, route: CalledRouteFields) =>
  answerOfChecks(
    async () => {
      await checkTargets(db, route);
      await checkOuExists(db, route.ouId);
    },
    "skillQueueId",
    "The access code or skill queue",
  );

async function checkUnique(db: TenantDb, route: CalledRouteFields, id?: string): Promise<void> {
  const clash = await db.count(
    calledRoutes,
    eq(calledRoutes.accessCodeId, route.accessCodeId),
    eq(calledRoutes.extensionCode, route.extensionCode),
    id === undefined ? undefined : ne(calledRoutes.id, id),
  );
  if (clash) throw conflict("extensionCode", DUPLICATE);
}

export const calledRoutesApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { accessCodeId, skillQueueId, ...paging } = parseOr422(CalledRouteListQuerySchema, c.req.query());
    const page = await tenantDb(c).page(
      calledRoutes,
      paging,
      accessCodeId ? eq(calledRoutes.accessCodeId, accessCodeId) : undefined,
      skillQueueId ? eq(calledRoutes.skillQueueId, skillQueueId) : undefined,
    );
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(toApi(await tenantDb(c).get(calledRoutes, c.req.param("id"), WHAT)), 200))
  .post("/", async (c) => {
    const db = tenantDb(c);
    const input = await body(c, CalledRouteInputSchema);
    checkOuChoice(await callerOus(c, db, "calledRoute"), input.ouId);
    const mediaType = await checkTargets(db, input);
    await checkUnique(db, input);
    const id = newId("cr");
    const result = await answerConstraints(ROUTE_TAKEN, () =>
      db.db.run(insertIf(db, calledRoutes, { id, ...input }, targetsHold(db, input, mediaType))),
    );
    if (result.meta.changes === 0) throw await targetsGone(db, input);
    return c.json(toApi(await db.get(calledRoutes, id, WHAT)), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const row = await db.get(calledRoutes, id, WHAT);
    const ous = await callerOus(c, db, "calledRoute");
    checkOuAccess(ous, row.ouId, "called route");
    const patch = await body(c, CalledRoutePatchSchema);
    const current = toApi(row);
    const next = parseOr422(CalledRouteFieldsSchema, {
      ouId: current.ouId,
      accessCodeId: current.accessCodeId,
      extensionCode: current.extensionCode,
      deviceType: current.deviceType,
      skillQueueId: current.skillQueueId,
      ...patch,
    });
    if (next.ouId !== current.ouId) checkOuChoice(ous, next.ouId);
    const mediaType = await checkTargets(db, next);
    await checkUnique(db, next, id);
    // A channel needs a multimedia route: the route's media type is frozen while a channel uses it.
    let guard: SQL | undefined;
    if (next.accessCodeId !== current.accessCodeId) {
      const before = await db.find(accessCodes, current.accessCodeId);
      if (before?.mediaType !== mediaType) {
        if (await db.count(channels, channelUses(id))) {
          throw conflict("accessCodeId", `${USED}; its media type cannot change`);
        }
        guard = db.none(channels, channelUses(id));
      }
    }
    const result = await answerConstraints(ROUTE_TAKEN, () =>
      db.db
        .update(calledRoutes)
        .set(next)
        .where(db.where(calledRoutes, eq(calledRoutes.id, id), guard, targetsHold(db, next, mediaType))),
    );
    if (result.meta.changes === 0) {
      if (guard && (await db.count(channels, channelUses(id)))) {
        throw conflict("accessCodeId", `${USED}; its media type cannot change`);
      }
      throw await targetsGone(db, next);
    }
    return c.json(toApi(await db.get(calledRoutes, id, WHAT)), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const row = await db.get(calledRoutes, id, WHAT);
    checkOuAccess(await callerOus(c, db, "calledRoute"), row.ouId, "called route");
    const refused = new ApiError(409, `Still referenced: ${USED} (as its route or silent-agent route)`);
    if (await db.count(channels, channelUses(id))) throw refused;
    const result = await db.delete(
      calledRoutes,
      and(eq(calledRoutes.id, id), db.none(channels, channelUses(id))) as SQL,
    );
    if (result.meta.changes === 0) throw refused;
    return c.body(null, 204);
  });

const tag = "Called routes";
const Page = pageSchema(CalledRouteSchema);
const rules =
  "ouId [null = unorganized]: a common agent may choose, with data isolation, only accessible OUs; without it the home OU, accessible OUs and the unorganized OU (422). accessCodeId and skillQueueId must exist (422), checked again by the writing statement itself, so a route racing with the deletion or type change of its access code, queue or OU is refused with the same 422. The queue's type must match the access code's media type: voice → voice or voiceClickToDial, video → video or videoClickToDial, multimedia → multimedia (422 on skillQueueId). extensionCode: up to 8 digits [\"\"]; accessCodeId + extensionCode is unique (409). deviceType: skillQueue [skillQueue].";
document(
  {
    method: "get",
    path: "/api/v1/called-routes",
    summary: "List called routes",
    tag,
    response: Page,
    query: {
      ...PAGE_QUERY,
      accessCodeId: "only routes of this access code",
      skillQueueId: "only routes to this skill queue",
    },
  },
  {
    method: "get",
    path: "/api/v1/called-routes/:id",
    summary: "Get a called route",
    tag,
    response: CalledRouteSchema,
  },
  {
    method: "post",
    path: "/api/v1/called-routes",
    summary: "Create a called route",
    description: rules,
    tag,
    body: CalledRouteInputSchema,
    response: CalledRouteSchema,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/v1/called-routes/:id",
    summary: "Update a called route",
    description: `Partial; the merged route is re-validated. While a web channel uses the route, its access code cannot change to one of another media type (409). ${rules}`,
    tag,
    body: CalledRoutePatchSchema,
    response: CalledRouteSchema,
  },
  {
    method: "delete",
    path: "/api/v1/called-routes/:id",
    summary: "Delete a called route",
    description: "409 while a web channel uses it as routeId or as config.assistant.silentAgentRouteId.",
    tag,
    status: 204,
  },
);
