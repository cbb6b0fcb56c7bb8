/** `/api/v1/agents`: the agent configuration of employees (spec step 5), one by one or in batches. */

import { asc, eq, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { adminForWrites } from "../auth/session";
import { uniqueIndex } from "../db/constraint";
import { type BatchItem, d1Batch } from "../db/d1-batch";
import { newId } from "../db/ids";
import { inList } from "../db/in-list";
import { agentSkillQueues, agents, employees, skillQueueGroupMembers } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document, PAGE_QUERY } from "../http/openapi";
import { ApiError, conflict, invalid, problemBody } from "../http/problem";
import { body, parseOr422 } from "../http/validate";
import { addedQuotas, quotaOverruns } from "../rules/agent-rules";
import {
  type Agent,
  AgentBatchResultSchema,
  AgentBatchSchema,
  type AgentInput,
  AgentInputSchema,
  AgentPatchSchema,
  AgentSchema,
} from "../schemas/agents";
import { listQuerySchema, pageSchema } from "../schemas/common";
import { EmployeeIdSchema } from "../schemas/employees";
import { runBatch } from "./agent-batch";
import {
  type AgentRow,
  inputOf,
  loadFacts,
  mergeAgent,
  queuesOfAgents,
  type ResolvedAgent,
  resolveAgent,
  usageOf,
} from "./agent-checks";
import { guarded, writeGuard } from "./agent-write-guard";
import { notifyQueuesAfterWrite } from "./config-changed";
import { tenantDb } from "./context";
import { visibleAgents } from "./ou-read-scope";

const DUPLICATE = "This employee is already configured as an agent";
const CONFIGURED = [
  { constraint: uniqueIndex(agents, "agents_tenant_employee"), field: "employeeId", message: DUPLICATE },
];
/** D1 binds at most 100 parameters per statement; a queue link binds 4. */
const LINKS_PER_INSERT = 24;

const ListQuerySchema = v.object({
  ...listQuerySchema.entries,
  employeeId: v.optional(EmployeeIdSchema),
});

/** Rows as API objects, with employee names, own queue lists and the queues served now. */
async function present(db: TenantDb, rows: readonly AgentRow[]): Promise<Agent[]> {
  if (!rows.length) return [];
  const groupIds = [...new Set(rows.map((r) => r.skillQueueGroupId).filter((g) => g !== null))];
  const [own, people, members] = await Promise.all([
    queuesOfAgents(
      db,
      rows.map((r) => r.id),
    ),
    db.db
      .select({ employeeId: employees.employeeId, name: employees.name })
      .from(employees)
      .where(
        db.where(
          employees,
          inList(
            employees.employeeId,
            rows.map((r) => r.employeeId),
          ),
        ),
      ),
    groupIds.length
      ? db.db
          .select({
            groupId: skillQueueGroupMembers.groupId,
            skillQueueId: skillQueueGroupMembers.skillQueueId,
          })
          .from(skillQueueGroupMembers)
          .where(db.where(skillQueueGroupMembers, inList(skillQueueGroupMembers.groupId, groupIds)))
          .orderBy(asc(skillQueueGroupMembers.position))
      : Promise.resolve([]),
  ]);
  const names = new Map(people.map((p) => [p.employeeId, p.name]));
  return rows.map((row) => {
    const skillQueueIds = own.get(row.id) ?? [];
    return {
      id: row.id,
      ...inputOf(row, skillQueueIds),
      employeeName: names.get(row.employeeId) ?? null,
      servedSkillQueueIds:
        row.skillType === "skillQueue"
          ? skillQueueIds
          : members.filter((m) => m.groupId === row.skillQueueGroupId).map((m) => m.skillQueueId),
      createdAt: row.createdAt,
    };
  });
}

async function load(db: TenantDb, id: string, visible?: SQL): Promise<Agent> {
  const [agent] = await present(db, [await db.get(agents, id, "Agent", visible)]);
  return agent!;
}

/** Statements that store the queue links of one agent. */
export function linkInserts(db: TenantDb, agentId: string, skillQueueIds: readonly string[]) {
  const rows = skillQueueIds.map((skillQueueId, position) => ({
    tenantId: db.tenantId,
    agentId,
    skillQueueId,
    position,
  }));
  const inserts = [];
  for (let i = 0; i < rows.length; i += LINKS_PER_INSERT) {
    inserts.push(db.db.insert(agentSkillQueues).values(rows.slice(i, i + LINKS_PER_INSERT)));
  }
  return inserts;
}

/**
 * Checks one agent against the tenant (422) and its quotas (409). Answers what to store and the
 * guard statement that must end the writing batch.
 */
async function check(db: TenantDb, input: AgentInput): Promise<ResolvedAgent & { guard: SQL }> {
  const facts = await loadFacts(db);
  const { errors, agent } = resolveAgent(input, facts);
  if (!agent) throw new ApiError(422, "The request has invalid fields", errors);
  const existing = [...facts.agents.values()].map(usageOf);
  const [overrun] = quotaOverruns(facts.quotas, existing, [usageOf(agent.values)]);
  if (overrun) throw conflict(overrun.field, overrun.message);
  const kinds = addedQuotas(existing, [usageOf(agent.values)]);
  return { ...agent, guard: writeGuard(db, facts.quotas, kinds, [agent]) };
}

/**
 * Writes `items` and the guard of `agent` as one transaction; when the guard trips, the checks of
 * `input` run again and answer why.
 */
function write(
  c: { env: { DB: D1Database } },
  db: TenantDb,
  input: AgentInput,
  agent: { guard: SQL },
  items: BatchItem[],
) {
  return guarded(
    () => d1Batch(c.env.DB, db.db, [...items, agent.guard]),
    async () => {
      await check(db, input);
      return undefined;
    },
  );
}

export const agentsApi = new Hono<AppEnv>()
  .use(adminForWrites)
  .use(notifyQueuesAfterWrite)
  .get("/", async (c) => {
    const { employeeId, ...query } = parseOr422(ListQuerySchema, c.req.query());
    const db = tenantDb(c);
    const page = await db.page(
      agents,
      query,
      employeeId ? eq(agents.employeeId, employeeId) : undefined,
      await visibleAgents(c, db),
    );
    return c.json({ items: await present(db, page.items), nextCursor: page.nextCursor }, 200);
  })
  .get("/:id", async (c) => {
    const db = tenantDb(c);
    return c.json(await load(db, c.req.param("id"), await visibleAgents(c, db)), 200);
  })
  .post("/", async (c) => {
    const input = await body(c, AgentInputSchema);
    const db = tenantDb(c);
    if (await db.count(agents, eq(agents.employeeId, input.employeeId)))
      throw conflict("employeeId", DUPLICATE);
    const agent = await check(db, input);
    const id = newId("ag");
    await answerConstraints(CONFIGURED, () =>
      write(c, db, input, agent, [
        db.insert(agents, { id, ...agent.values }),
        ...linkInserts(db, id, agent.skillQueueIds),
      ]),
    );
    return c.json(await load(db, id), 201);
  })
  .post("/batch", async (c) => {
    const input = await body(c, AgentBatchSchema);
    const outcome = await runBatch(c.env.DB, tenantDb(c), input);
    if (outcome.failed) {
      const detail = `${outcome.failed} of ${outcome.results.length} agents cannot be configured; nothing was written`;
      return c.body(
        JSON.stringify({ ...problemBody(422, detail, outcome.errors), results: outcome.results }),
        422,
        {
          "content-type": "application/problem+json",
        },
      );
    }
    return c.json({ results: outcome.results }, 200);
  })
  .patch("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    const row = await db.get(agents, id, "Agent");
    const patch = await body(c, AgentPatchSchema);
    if (patch.employeeId !== undefined && patch.employeeId !== row.employeeId) {
      throw invalid(
        "employeeId",
        "An agent's employee cannot change; delete the agent and configure the other employee",
      );
    }
    const own = (await queuesOfAgents(db, [id])).get(id) ?? [];
    const next = parseOr422(AgentInputSchema, mergeAgent(inputOf(row, own), patch));
    const agent = await check(db, next);
    await write(c, db, next, agent, [
      db.update(agents, id, agent.values),
      db.delete(agentSkillQueues, eq(agentSkillQueues.agentId, id)),
      ...linkInserts(db, id, agent.skillQueueIds),
    ]);
    return c.json(await load(db, id), 200);
  })
  .delete("/:id", async (c) => {
    const db = tenantDb(c);
    const id = c.req.param("id");
    await db.get(agents, id, "Agent");
    await db.db.batch([
      db.delete(agentSkillQueues, eq(agentSkillQueues.agentId, id)),
      db.delete(agents, eq(agents.id, id)),
    ]);
    return c.body(null, 204);
  });

const tag = "Agents";
const READING =
  "Administrators read every agent. A common agent reads every agent while data isolation is off, and with data isolation on only the agents of the employees they may read: those whose home OU is one of their accessible OUs (read or readWrite; not Unorganized), and themselves.";
const Page = pageSchema(AgentSchema);
const rules =
  "Rules: the employee must exist and have no agent yet (409); skillType skillQueue needs skillQueueIds (existing, unique), skillQueueGroup needs skillQueueGroupId; defaultSkillQueueId must be one of the agent's queues (of the group for skillQueueGroup) and defaults to the first. " +
  "Media families: voice and video (voice, video, voiceClickToDial, videoClickToDial) and multimedia; a non-versatile agent's queues share one family. Agent types serve: audio → voice, voiceClickToDial; video → voice, video and both click-to-dial types; multimedia → multimedia; versatile → all. " +
  "smartFormFilling needs intelligentRecognition and the tenant's intelligentFormFilling (422). " +
  "Quotas: video, multimedia and versatile agents count against the tenant's quota of their type, agents with intelligentRecognition against intelligentAgents; a change that newly counts an agent against a full quota answers 409 naming agentType or intelligentRecognition. " +
  "The employee, queues, group and quotas are checked again inside the writing transaction: a change racing with the deletion of what it refers to, or with another change filling the quota, is refused as a whole with the answer it would get a moment later (422 naming the field, 409 for a quota); an employee, skill queue or group is never deleted while an agent refers to it.";
document(
  {
    method: "get",
    path: "/api/v1/agents",
    summary: "List agents",
    description: READING,
    tag,
    response: Page,
    query: {
      ...PAGE_QUERY,
      employeeId: "only the agent of this employee",
    },
  },
  {
    method: "get",
    path: "/api/v1/agents/:id",
    summary: "Get an agent",
    description: `${READING} An agent the caller may not read answers 404.`,
    tag,
    response: AgentSchema,
  },
  {
    method: "post",
    path: "/api/v1/agents",
    summary: "Configure an employee as an agent",
    description: rules,
    tag,
    body: AgentInputSchema,
    response: AgentSchema,
    status: 201,
    auth: "admin",
  },
  {
    method: "post",
    path: "/api/v1/agents/batch",
    summary: "Configure many agents at once, all or nothing",
    description:
      "Select employees by `employeeIds` or by an employee ID segment `range: {from, to}` (both ends included, compared as numbers, employees that exist; at most 1000). " +
      "`set` (any agent fields but employeeId) is applied over each selected employee's current agent configuration, or over the defaults for an employee without one (then platformRole, agentType and skillType are required). " +
      "Everything is validated first, quotas for the batch as a whole. 200: every agent was written, each result is created or updated. " +
      `422 (problem+json with \`results\`): nothing was written; failing agents have status error with their field errors, the others status valid, and errors repeats each failing field as <employeeId>.<field>. A segment that selects no employee or more than 1000 answers 422 naming range. ${rules}`,
    tag,
    body: AgentBatchSchema,
    response: AgentBatchResultSchema,
    auth: "admin",
  },
  {
    method: "patch",
    path: "/api/v1/agents/:id",
    summary: "Update an agent",
    description: `Partial; the merged configuration is validated as a whole. employeeId cannot change. ${rules}`,
    tag,
    body: AgentPatchSchema,
    response: AgentSchema,
    auth: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/agents/:id",
    summary: "Remove an agent configuration",
    tag,
    status: 204,
    auth: "admin",
  },
);
