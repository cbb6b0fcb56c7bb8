/** `/api/v1/channels`: web channel configuration (spec step 6) and its integration instructions. */

import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import type * as v from "valibot";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { insertIf } from "../db/insert-if";
import { calledRoutes, channels, refusedOrigins, robots, skillQueues } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints, answerOfChecks } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, type FieldErrors } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { refusedOriginsOf } from "../realtime/refused-origins";
import { effectiveNoReplyMinutes } from "../rules/channel-rules";
import { integrationOf } from "../rules/integration";
import { attachmentsOf } from "../schemas/attachments";
import {
  brandingOf,
  type Channel,
  type ChannelInput,
  ChannelInputSchema,
  ChannelPatchSchema,
  ChannelSchema,
  IntegrationSchema,
} from "../schemas/channels";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { leaveMessageOf } from "../schemas/leave-message";
import { MAX_LABEL_CHARS, MAX_OPTIONS, MAX_PRE_CHAT_FIELDS, preChatFormOf } from "../schemas/pre-chat";
import { notifyQueuesAfterWrite } from "./config-changed";
import { tenantDb } from "./context";

type Row = typeof channels.$inferSelect;
const DUPLICATE = "Another channel has this access code";
const CODE_TAKEN = [
  {
    constraint: uniqueIndex(channels, "channels_tenant_access_code"),
    field: "accessCode",
    message: DUPLICATE,
  },
];
const SECTIONS = [
  "dialogEnd",
  "thirdPartyAuth",
  "workTime",
  "queueReminder",
  "chatbot",
  "assistant",
  "branding",
  "leaveMessage",
  "preChatForm",
  "attachments",
] as const;

function toApi(row: Row): Channel {
  const { config } = row;
  return {
    id: row.id,
    accessCode: row.accessCode,
    type: row.type,
    routeId: row.routeId,
    transferKeywords: config.transferKeywords,
    allowedOrigins: config.allowedOrigins,
    clickToDial: config.clickToDial,
    dialogEnd: { ...config.dialogEnd, effectiveNoReplyMinutes: effectiveNoReplyMinutes(config.dialogEnd) },
    thirdPartyAuth: { enabled: row.thirdPartyAuthEnabled, secretKeySet: row.secretKey !== null },
    workTime: config.workTime,
    queueReminder: config.queueReminder,
    chatbot: config.chatbot,
    assistant: config.assistant,
    branding: brandingOf(config.branding),
    leaveMessage: leaveMessageOf(config.leaveMessage),
    preChatForm: preChatFormOf(config.preChatForm),
    attachments: attachmentsOf(config.attachments),
    createdAt: row.createdAt,
  };
}

/** The stored channel as a whole input (secret included), the base a PATCH merges over. */
function inputOf(row: Row): ChannelInput {
  const { config } = row;
  return {
    accessCode: row.accessCode,
    type: row.type,
    routeId: row.routeId,
    ...config,
    branding: brandingOf(config.branding),
    leaveMessage: leaveMessageOf(config.leaveMessage),
    preChatForm: preChatFormOf(config.preChatForm),
    attachments: attachmentsOf(config.attachments),
    thirdPartyAuth: { enabled: row.thirdPartyAuthEnabled, secretKey: row.secretKey },
  };
}

function merge(base: ChannelInput, patch: v.InferOutput<typeof ChannelPatchSchema>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...patch };
  for (const key of SECTIONS) merged[key] = { ...base[key], ...patch[key] };
  return merged;
}

function toRow(input: ChannelInput, previousSecret: string | null = null) {
  const { accessCode, type, routeId, thirdPartyAuth, ...config } = input;
  return {
    accessCode,
    type,
    routeId,
    config,
    thirdPartyAuthEnabled: thirdPartyAuth.enabled,
    secretKey: thirdPartyAuth.secretKey === undefined ? previousSecret : thirdPartyAuth.secretKey,
  };
}

/** The skill queue type behind a called route, or null when the route does not exist. */
async function routeQueueType(db: TenantDb, routeId: string) {
  const [row] = await db.db
    .select({ type: skillQueues.type })
    .from(calledRoutes)
    .innerJoin(
      skillQueues,
      and(eq(skillQueues.id, calledRoutes.skillQueueId), eq(skillQueues.tenantId, db.tenantId)),
    )
    .where(db.where(calledRoutes, eq(calledRoutes.id, routeId)));
  return row?.type ?? null;
}

async function robotKind(db: TenantDb, accessCode: string) {
  const [row] = await db.db
    .select({ kind: robots.kind })
    .from(robots)
    .where(db.where(robots, eq(robots.accessCode, accessCode)));
  return row?.kind ?? null;
}

/** True in SQL while called route `routeId` exists and leads to a multimedia skill queue. */
function multimediaRouteHolds(db: TenantDb, routeId: string): SQL {
  return db.some(
    calledRoutes,
    eq(calledRoutes.id, routeId),
    db.some(skillQueues, eq(skillQueues.id, calledRoutes.skillQueueId), eq(skillQueues.type, "multimedia")),
  );
}

/**
 * True in SQL while everything the channel refers to exists as `checkReferences` found it: the
 * write holds it in its own statement, since none of it can be deleted or change kind while a
 * channel refers to it.
 */
function referencesHold(db: TenantDb, input: ChannelInput): SQL {
  const robot = (accessCode: string, kind: "chatbot" | "assistant") =>
    db.some(robots, eq(robots.accessCode, accessCode), eq(robots.kind, kind));
  const ctd = input.clickToDial?.skillQueueId;
  return and(
    multimediaRouteHolds(db, input.routeId),
    ctd
      ? db.some(
          skillQueues,
          eq(skillQueues.id, ctd),
          inArray(skillQueues.type, ["voiceClickToDial", "videoClickToDial"]),
        )
      : undefined,
    input.chatbot.enabled ? robot(input.chatbot.robotAccessCode, "chatbot") : undefined,
    input.assistant.enabled ? robot(input.assistant.accessCode, "assistant") : undefined,
    input.assistant.enabled ? multimediaRouteHolds(db, input.assistant.silentAgentRouteId!) : undefined,
  ) as SQL;
}

/** Why `referencesHold` failed: the check's 422, or a 409 when everything is back meanwhile. */
const referencesGone = (db: TenantDb, input: ChannelInput, id?: string) =>
  answerOfChecks(() => checkReferences(db, input, id), "routeId", "Something this channel refers to");

/** The references of a channel must exist in the tenant and be of the right kind (422). */
async function checkReferences(db: TenantDb, input: ChannelInput, id?: string): Promise<void> {
  const notSelf = id === undefined ? undefined : ne(channels.id, id);
  if (await db.count(channels, eq(channels.accessCode, input.accessCode), notSelf)) {
    throw conflict("accessCode", DUPLICATE);
  }
  const errors: FieldErrors = {};
  const multimediaRoute = async (field: string, routeId: string) => {
    const type = await routeQueueType(db, routeId);
    if (type === null) errors[field] = ["No such called route"];
    else if (type !== "multimedia")
      errors[field] = ["The called route must lead to a multimedia skill queue"];
  };
  const robot = async (field: string, accessCode: string, kind: "chatbot" | "assistant") => {
    const found = await robotKind(db, accessCode);
    if (found === null) errors[field] = [`No robot has access code ${accessCode}`];
    else if (found !== kind) errors[field] = [`Robot ${accessCode} is not a ${kind}`];
  };

  await multimediaRoute("routeId", input.routeId);
  const ctd = input.clickToDial;
  if (ctd?.skillQueueId) {
    const queue = await db.find(skillQueues, ctd.skillQueueId);
    if (!queue) errors["clickToDial.skillQueueId"] = ["No such skill queue"];
    else if (queue.type !== "voiceClickToDial" && queue.type !== "videoClickToDial") {
      errors["clickToDial.skillQueueId"] = [
        "The skill queue must be of type voiceClickToDial or videoClickToDial",
      ];
    }
  }
  if (input.chatbot.enabled) await robot("chatbot.robotAccessCode", input.chatbot.robotAccessCode, "chatbot");
  if (input.assistant.enabled) {
    await robot("assistant.accessCode", input.assistant.accessCode, "assistant");
    await multimediaRoute("assistant.silentAgentRouteId", input.assistant.silentAgentRouteId!);
  }
  if (Object.keys(errors).length) throw new ApiError(422, "The request has invalid fields", errors);
}

export const channelsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .use(notifyQueuesAfterWrite)
  .get("/", async (c) => {
    const page = await tenantDb(c).page(channels, parseOr422(listQuerySchema, c.req.query()));
    return c.json({ items: page.items.map(toApi), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => c.json(toApi(await tenantDb(c).get(channels, c.req.param("id"), "Channel")), 200))
  .get("/:id/integration", async (c) => {
    const db = tenantDb(c);
    const row = await db.get(channels, c.req.param("id"), "Channel");
    const ownOrigin = new URL(c.req.url).origin;
    const { allowedOrigins } = row.config;
    const refused = await refusedOriginsOf(db.db, row, Date.now());
    return c.json(
      {
        ...integrationOf(row.id, ownOrigin, row.thirdPartyAuthEnabled),
        ownOrigin,
        allowedOrigins,
        refusedOrigins: refused.filter((r) => !allowedOrigins.includes(r.origin) && r.origin !== ownOrigin),
      },
      200,
    );
  })
  .post("/", async (c) => {
    const input = await body(c, ChannelInputSchema);
    const db = tenantDb(c);
    await checkReferences(db, input);
    const id = newId("ch");
    const result = await answerConstraints(CODE_TAKEN, () =>
      db.db.run(insertIf(db, channels, { id, ...toRow(input) }, referencesHold(db, input))),
    );
    if (result.meta.changes === 0) throw await referencesGone(db, input);
    return c.json(toApi(await db.get(channels, id, "Channel")), 201);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const row = await db.get(channels, id, "Channel");
    const patch = await body(c, ChannelPatchSchema);
    const next = parseOr422(ChannelInputSchema, merge(inputOf(row), patch));
    await checkReferences(db, next, id);
    const result = await answerConstraints(CODE_TAKEN, () =>
      db.db
        .update(channels)
        .set(toRow(next, row.secretKey))
        .where(db.where(channels, eq(channels.id, id), referencesHold(db, next))),
    );
    if (result.meta.changes === 0) {
      await db.get(channels, id, "Channel");
      throw await referencesGone(db, next, id);
    }
    return c.json(toApi(await db.get(channels, id, "Channel")), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(channels, id, "Channel");
    await db.delete(channels, eq(channels.id, id));
    await db.delete(refusedOrigins, eq(refusedOrigins.channelId, id));
    return c.body(null, 204);
  });

const tag = "Web channels";
const Page = pageSchema(ChannelSchema);
const rules =
  "accessCode: letters, digits and _, starting with a letter or _, 1–64, unique in the tenant (409). routeId: a called route whose skill queue is multimedia. " +
  "transferKeywords: ≤50, each 1–50 characters. allowedOrigins: http(s) origins without path (stored lower case, default port dropped); [] admits only this deployment's own origin (the Try page). " +
  "clickToDial: null, {calledParty: agent, skillQueueId: a voiceClickToDial or videoClickToDial queue} or {calledParty: ivr, ivrAccessCode: digits}; the other field is cleared. " +
  "dialogEnd: noReplyMinutes 1–60 [20], conclusion ≤500; while disabled the timeout is 20 minutes (read-only effectiveNoReplyMinutes). " +
  "thirdPartyAuth: secretKey 16–256 printable ASCII, required when enabled, write-only (responses show secretKeySet); omit it to keep the stored key, null clears it while disabled. " +
  'workTime: workday and nonWorkday each ≤4 non-overlapping "HH:MM" segments within 00:00–24:00, start < end, end exclusive; default one 00:00–24:00 segment each (always open); [] means closed; nonWorkingNotice ≤500. Which days are workdays comes from the tenant calendar. ' +
  "queueReminder: intervalSeconds 1–3600 [10], content ≤500 with the placeholders {position} and {waitSeconds} only. " +
  "chatbot: when enabled robotAccessCode must name a robot of kind chatbot; avatar an http(s) URL or /path (≤512); name ≤100; replies ≤500. " +
  "assistant: when enabled accessCode must name a robot of kind assistant and silentAgentRouteId a multimedia called route. " +
  'branding (all public, read by the widget): primaryColor "#rrggbb" [#1a73e8] (the text on it is white when that reaches 4.5:1, else black); logoUrl an https:// image address or "" (≤512); greeting ≤60 ["" = "Online Customer Service" in the widget\'s language]; welcomeText ≤500, shown at the top of every chat; launcherLabel ≤30 ["" = icon-only launcher]; channels saved before branding existed read the defaults. ' +
  `preChatForm: {enabled [false], fields [≤${MAX_PRE_CHAT_FIELDS}]}; each field {key (letters, digits and _, starting with a letter, ≤32, unique), kind name|email|phone|text|select, label 1–${MAX_LABEL_CHARS}, required [false], options (select only: 1–${MAX_OPTIONS} distinct texts ≤60; dropped for other kinds)}; at most one name, one email and one phone field; enabled needs at least one field. When on, the widget asks for the fields before the first message and the chat ticket requires them (see POST /api/v1/chat/tickets).`;
document(
  {
    method: "get",
    path: "/api/v1/channels",
    summary: "List web channels",
    tag,
    response: Page,
    query: PAGE_QUERY,
  },
  { method: "get", path: "/api/v1/channels/:id", summary: "Get a web channel", tag, response: ChannelSchema },
  {
    method: "get",
    path: "/api/v1/channels/:id/integration",
    summary:
      "Integration instructions: embed snippet, Try page, identity-token recipe, allowed and refused origins",
    description:
      "The snippet and Try URL use the origin this request reached (ownOrigin, always allowed: the console and the Try page). identityToken describes the HS256 JWT an integrator's server signs with the channel's secretKey when third-party authentication is enabled (required says whether it is); the example is a dependency-free Node.js module. No secret is included. refusedOrigins are the page origins the channel refused in the last 7 days (ticket or socket, at most 20 per channel, most recently seen first, with first and last time seen and how often), leaving out those allowed since; allow one by PATCHing allowedOrigins.",
    tag,
    response: IntegrationSchema,
  },
  {
    method: "post",
    path: "/api/v1/channels",
    summary: "Create a web channel",
    description: rules,
    tag,
    body: ChannelInputSchema,
    response: ChannelSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/channels/:id",
    summary: "Update a web channel",
    description: `Partial: top-level fields replace, each section object (dialogEnd, thirdPartyAuth, workTime, queueReminder, chatbot, assistant, branding, leaveMessage, preChatForm) merges one level deep (preChatForm.fields replaces the whole list); the result is validated as a whole. ${rules}`,
    tag,
    body: ChannelPatchSchema,
    response: ChannelSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/channels/:id",
    summary: "Delete a web channel (its conversation history stays)",
    tag,
    status: 204,
    auth: "admin",
  },
);
