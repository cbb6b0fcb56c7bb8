/**
 * Concurrent creates of one unique value: the explicit checks before the write all pass at once,
 * so the database's own constraint decides. Exactly one request wins; every other one answers 409
 * problem+json naming the field (never 500), and one row is stored.
 */

import { env } from "cloudflare:workers";
import { and, count, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import * as schema from "../db/schema";
import { addEmployee, addQueue, addRobot, addRoute, db } from "../test/config-fixtures";
import { newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;
const RACERS = 16;

type Race = {
  /** The resource path and the body of racer `i`. */
  prepare(t: Tenant): Promise<{ path: string; body: (i: number) => Record<string, unknown> }>;
  field: string;
  /** Rows holding the contested value. */
  stored: (tenantId: string) => { table: SQLiteTable; where: SQL };
};

const rows = async ({ table, where }: { table: SQLiteTable; where: SQL }) =>
  (await db().select({ n: count() }).from(table).where(where))[0]!.n;

const person = (i: number, over: Record<string, unknown>) => ({
  account: `race_${unique()}_${i}`,
  name: `Racer ${i}`,
  employeeId: String(5000 + i),
  role: "agent",
  password: "correct horse battery",
  ...over,
});

async function orgUnit(t: Tenant, name: string): Promise<string> {
  const id = newId("ou");
  await db().insert(schema.orgUnits).values({ id, tenantId: t.tenantId, name, parentId: null });
  return id;
}

const races: [string, Race][] = [
  [
    "skill queue name",
    {
      prepare: async () => ({ path: "/skill-queues", body: () => ({ name: "Race" }) }),
      field: "name",
      stored: (tenantId) => ({
        table: schema.skillQueues,
        where: and(eq(schema.skillQueues.tenantId, tenantId), eq(schema.skillQueues.name, "Race"))!,
      }),
    },
  ],
  [
    "employee employeeId",
    {
      prepare: async () => ({ path: "/employees", body: (i) => person(i, { employeeId: "4242" }) }),
      field: "employeeId",
      stored: (tenantId) => ({
        table: schema.employees,
        where: and(eq(schema.employees.tenantId, tenantId), eq(schema.employees.employeeId, "4242"))!,
      }),
    },
  ],
  [
    "employee account",
    {
      prepare: async (t) => ({
        path: "/employees",
        body: (i) => person(i, { account: `acct_${t.tenantId}` }),
      }),
      field: "account",
      stored: (tenantId) => ({
        table: schema.employees,
        where: eq(schema.employees.account, `acct_${tenantId}`),
      }),
    },
  ],
  [
    "robot access code",
    {
      prepare: async () => ({
        path: "/robots",
        body: (i) => ({ name: `Bot ${i}`, accessCode: "race_bot", kind: "chatbot", defaultReply: "Hi" }),
      }),
      field: "accessCode",
      stored: (tenantId) => ({
        table: schema.robots,
        where: and(eq(schema.robots.tenantId, tenantId), eq(schema.robots.accessCode, "race_bot"))!,
      }),
    },
  ],
  [
    "channel access code",
    {
      prepare: async (t) => {
        const routeId = await addRoute(t.tenantId, await addQueue(t.tenantId, "multimedia"));
        return { path: "/channels", body: () => ({ accessCode: "race_channel", routeId }) };
      },
      field: "accessCode",
      stored: (tenantId) => ({
        table: schema.channels,
        where: and(eq(schema.channels.tenantId, tenantId), eq(schema.channels.accessCode, "race_channel"))!,
      }),
    },
  ],
  [
    "access code",
    {
      prepare: async () => ({ path: "/access-codes", body: () => ({ code: "4711", mediaType: "voice" }) }),
      field: "code",
      stored: (tenantId) => ({
        table: schema.accessCodes,
        where: and(eq(schema.accessCodes.tenantId, tenantId), eq(schema.accessCodes.code, "4711"))!,
      }),
    },
  ],
  [
    "skill queue group name",
    {
      prepare: async (t) => {
        const queue = await addQueue(t.tenantId, "multimedia");
        return { path: "/skill-queue-groups", body: () => ({ name: "Race", skillQueueIds: [queue] }) };
      },
      field: "name",
      stored: (tenantId) => ({
        table: schema.skillQueueGroups,
        where: and(eq(schema.skillQueueGroups.tenantId, tenantId), eq(schema.skillQueueGroups.name, "Race"))!,
      }),
    },
  ],
  [
    "org unit name at the top level",
    {
      prepare: async () => ({ path: "/org-units", body: () => ({ name: "Race" }) }),
      field: "name",
      stored: (tenantId) => ({
        table: schema.orgUnits,
        where: and(eq(schema.orgUnits.tenantId, tenantId), eq(schema.orgUnits.name, "Race"))!,
      }),
    },
  ],
  [
    "org unit name under one parent",
    {
      prepare: async (t) => {
        const parentId = await orgUnit(t, "Parent");
        return { path: "/org-units", body: () => ({ name: "Race", parentId }) };
      },
      field: "name",
      stored: (tenantId) => ({
        table: schema.orgUnits,
        where: and(eq(schema.orgUnits.tenantId, tenantId), eq(schema.orgUnits.name, "Race"))!,
      }),
    },
  ],
  [
    "called route access code and extension code",
    {
      prepare: async (t) => {
        const skillQueueId = await addQueue(t.tenantId, "multimedia");
        const accessCodeId = newId("ac");
        await db()
          .insert(schema.accessCodes)
          .values({ id: accessCodeId, tenantId: t.tenantId, code: "8080", mediaType: "multimedia" });
        return {
          path: "/called-routes",
          body: () => ({ accessCodeId, extensionCode: "1", deviceType: "skillQueue", skillQueueId }),
        };
      },
      field: "extensionCode",
      stored: (tenantId) => ({
        table: schema.calledRoutes,
        where: eq(schema.calledRoutes.tenantId, tenantId),
      }),
    },
  ],
  [
    "agent of one employee",
    {
      prepare: async (t) => {
        await addEmployee(t.tenantId, "7001");
        const queue = await addQueue(t.tenantId, "multimedia");
        return {
          path: "/agents",
          body: () => ({
            employeeId: "7001",
            platformRole: "common",
            agentType: "multimedia",
            skillType: "skillQueue",
            skillQueueIds: [queue],
          }),
        };
      },
      field: "employeeId",
      stored: (tenantId) => ({ table: schema.agents, where: eq(schema.agents.tenantId, tenantId) }),
    },
  ],
];

describe("concurrent creates of one unique value", () => {
  it.each(races)("%s: one 201, the rest 409 naming the field, one row", async (_, race) => {
    const t = await newTenant();
    const { path, body } = await race.prepare(t);
    const answers = await Promise.all(
      Array.from({ length: RACERS }, async (_, i) => {
        const res = await t.request("POST", path, body(i));
        return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
      }),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(RACERS - 1).fill(409)]);
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(lost.type).toBe("application/problem+json");
      expect(Object.keys(lost.body.errors)).toEqual([race.field]);
    }
    expect(await rows(race.stored(t.tenantId))).toBe(1);
  });
});

/** What one round of a reference race works on: fresh rows, so that every round can create. */
type Round = {
  employee: { id: string; employeeId: string };
  queue: string;
  accessCode: string;
  ou: string;
  /** A called route to a multimedia queue, and a chatbot robot: what a web channel refers to. */
  route: string;
  robot: { id: string; accessCode: string };
};
type Call = (t: Tenant, r: Round) => Promise<{ status: number }>;
/** A request creating a row that refers to others, one taking a referenced row away, and the pairs of answers allowed. */
type ReferenceRace = { create: Call; rival: Call; outcomes: string[] };

// Audio agents count against no quota, so every round can create one.
const agentOf: Call = (t, r) =>
  t.post("/agents", {
    employeeId: r.employee.employeeId,
    platformRole: "common",
    agentType: "audio",
    skillType: "skillQueue",
    skillQueueIds: [r.queue],
  });
const routeTo: Call = (t, r) =>
  t.post("/called-routes", { accessCodeId: r.accessCode, deviceType: "skillQueue", skillQueueId: r.queue });
const groupOf: Call = (t, r) =>
  t.post("/skill-queue-groups", { name: `g ${unique()}`, skillQueueIds: [r.queue] });
const deleteQueue: Call = (t, r) => t.del(`/skill-queues/${r.queue}`);
const deleteOu: Call = (t, r) => t.del(`/org-units/${r.ou}`);
const channelWithBot: Call = (t, r) =>
  t.post("/channels", {
    accessCode: `c_${unique()}`,
    routeId: r.route,
    chatbot: { enabled: true, robotAccessCode: r.robot.accessCode },
  });
const employeeIn: Call = (t, r) =>
  t.post("/employees", {
    account: `e_${unique()}`,
    name: "E",
    employeeId: String(100000 + Math.floor(Math.random() * 800000)),
    role: "agent",
    password: "correct horse battery",
    ouId: r.ou,
  });
const queueIn: Call = (t, r) => t.post("/skill-queues", { name: `q ${unique()}`, ouId: r.ou });
const transferringTo: Call = (t, r) =>
  t.post("/skill-queues", {
    name: `q ${unique()}`,
    type: "voice",
    queuing: { timeout: { action: "transfer", transferType: "skillQueue", targetId: r.queue } },
  });

const referenceRaces: [string, ReferenceRace][] = [
  [
    "an agent, while its employee is deleted",
    {
      create: agentOf,
      rival: (t, r) => t.del(`/employees/${r.employee.id}`),
      outcomes: ["201/409", "422/204"],
    },
  ],
  [
    "an agent, while its employee gets another employeeId",
    {
      create: agentOf,
      rival: (t, r) => t.patch(`/employees/${r.employee.id}`, { employeeId: `9${Date.now() % 1e8}` }),
      outcomes: ["201/409", "422/200"],
    },
  ],
  [
    "an agent, while its skill queue is deleted",
    { create: agentOf, rival: deleteQueue, outcomes: ["201/409", "422/204"] },
  ],
  [
    "a called route, while its skill queue is deleted",
    { create: routeTo, rival: deleteQueue, outcomes: ["201/409", "422/204"] },
  ],
  [
    "a called route, while its access code is deleted",
    {
      create: routeTo,
      rival: (t, r) => t.del(`/access-codes/${r.accessCode}`),
      outcomes: ["201/409", "422/204"],
    },
  ],
  [
    "a skill queue group, while its skill queue is deleted",
    { create: groupOf, rival: deleteQueue, outcomes: ["201/409", "422/204"] },
  ],
  [
    "an employee, while their OU is deleted",
    { create: employeeIn, rival: deleteOu, outcomes: ["201/409", "422/204"] },
  ],
  [
    "a skill queue, while its OU is deleted",
    { create: queueIn, rival: deleteOu, outcomes: ["201/409", "422/204"] },
  ],
  [
    "a skill queue, while its transfer target is deleted",
    { create: transferringTo, rival: deleteQueue, outcomes: ["201/409", "422/204"] },
  ],
  [
    "a web channel, while its called route is deleted",
    {
      create: channelWithBot,
      rival: (t, r) => t.del(`/called-routes/${r.route}`),
      outcomes: ["201/409", "422/204"],
    },
  ],
  [
    "a web channel, while its chatbot robot is deleted",
    {
      create: channelWithBot,
      rival: (t, r) => t.del(`/robots/${r.robot.id}`),
      outcomes: ["201/409", "422/204"],
    },
  ],
  [
    "an org unit, while its parent is deleted",
    {
      create: (t, r) => t.post("/org-units", { name: "Child", parentId: r.ou }),
      rival: deleteOu,
      outcomes: ["201/409", "422/204"],
    },
  ],
];

/** Rows that refer to a row that does not exist. */
async function dangling(tenantId: string) {
  const { agents, employees, agentSkillQueues: links, skillQueues, calledRoutes, accessCodes } = schema;
  const { skillQueueGroups: groups, skillQueueGroupMembers: members, orgUnits, channels, robots } = schema;
  const noOu = (column: typeof employees.ouId | typeof skillQueues.ouId | typeof orgUnits.parentId) =>
    sql`${column} is not null and not exists (select 1 from ${orgUnits} as unit where unit.id = ${column})`;
  const target = sql`json_extract(${skillQueues.queuing}, '$.timeout.targetId')`;
  const bot = sql`json_extract(${channels.config}, '$.chatbot.robotAccessCode')`;
  return [
    ...(await db()
      .select({ channel: channels.id })
      .from(channels)
      .where(
        and(
          eq(channels.tenantId, tenantId),
          or(
            sql`not exists (select 1 from ${calledRoutes} as route where route.id = ${channels.routeId})`,
            sql`not exists (select 1 from ${robots} as bot where bot.tenant_id = ${tenantId} and bot.access_code = ${bot})`,
          ),
        ),
      )),
    ...(await db()
      .select({ employee: employees.id })
      .from(employees)
      .where(and(eq(employees.tenantId, tenantId), noOu(employees.ouId)))),
    ...(await db()
      .select({ queue: skillQueues.id })
      .from(skillQueues)
      .where(
        and(
          eq(skillQueues.tenantId, tenantId),
          or(
            noOu(skillQueues.ouId),
            sql`${target} is not null and not exists (select 1 from ${skillQueues} as t where t.id = ${target})`,
          ),
        ),
      )),
    ...(await db()
      .select({ unit: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, tenantId), noOu(orgUnits.parentId)))),
    ...(await db()
      .select({ agent: agents.id })
      .from(agents)
      .leftJoin(
        employees,
        and(eq(employees.tenantId, agents.tenantId), eq(employees.employeeId, agents.employeeId)),
      )
      .where(and(eq(agents.tenantId, tenantId), isNull(employees.id)))),
    ...(await db()
      .select({ link: links.agentId })
      .from(links)
      .leftJoin(agents, eq(agents.id, links.agentId))
      .leftJoin(skillQueues, eq(skillQueues.id, links.skillQueueId))
      .where(and(eq(links.tenantId, tenantId), or(isNull(agents.id), isNull(skillQueues.id))))),
    ...(await db()
      .select({ route: calledRoutes.id })
      .from(calledRoutes)
      .leftJoin(skillQueues, eq(skillQueues.id, calledRoutes.skillQueueId))
      .leftJoin(accessCodes, eq(accessCodes.id, calledRoutes.accessCodeId))
      .where(and(eq(calledRoutes.tenantId, tenantId), or(isNull(skillQueues.id), isNull(accessCodes.id))))),
    ...(await db()
      .select({ member: members.groupId })
      .from(members)
      .leftJoin(groups, eq(groups.id, members.groupId))
      .leftJoin(skillQueues, eq(skillQueues.id, members.skillQueueId))
      .where(and(eq(members.tenantId, tenantId), or(isNull(groups.id), isNull(skillQueues.id))))),
  ];
}

describe("creating a reference while what it refers to goes away", () => {
  const ROUNDS = 20;
  /** How many D1 round trips later the create starts than its rival (negative: the rival starts later). */
  const offset = (round: number) => (round % 20) - 6;
  // One side starts a few D1 round trips after the other (a round trip is the unit of the
  // handlers' own steps), so that over the rounds each side's write lands before, inside and
  // after the window between the other's checks and its write.
  const later = async <T>(trips: number, start: () => Promise<T>) => {
    for (let i = 0; i < trips; i++) await env.DB.prepare("select 1").first();
    return start();
  };

  it.each(referenceRaces)(
    "%s: one side wins, nothing dangles, never a 500",
    async (_, race) => {
      const t = await newTenant();
      for (let round = 0; round < ROUNDS; round++) {
        const accessCode = newId("ac");
        await db()
          .insert(schema.accessCodes)
          .values({ id: accessCode, tenantId: t.tenantId, code: String(60000 + round), mediaType: "voice" });
        const r: Round = {
          employee: await addEmployee(t.tenantId, String(8000 + round)),
          queue: await addQueue(t.tenantId, "voice"),
          accessCode,
          ou: await orgUnit(t, `OU ${round}`),
          route: await addRoute(t.tenantId, await addQueue(t.tenantId, "multimedia")),
          robot: { id: await addRobot(t.tenantId, "chatbot", `bot_${round}`), accessCode: `bot_${round}` },
        };
        const [created, other] = await Promise.all([
          later(offset(round), () => race.create(t, r)),
          later(-offset(round), () => race.rival(t, r)),
        ]);
        expect(race.outcomes, `offset ${offset(round)}`).toContain(`${created.status}/${other.status}`);
      }
      expect(await dangling(t.tenantId)).toEqual([]);
    },
    60_000,
  );
});
