/**
 * `POST /agents/batch`: one configuration applied to many employees, all or nothing. Everything is
 * checked in memory against facts loaded once. The write is a few statements whatever the batch
 * size (rows travel as one JSON parameter, since D1 binds at most 100 parameters per statement),
 * ending with the guard of `agent-write-guard.ts`.
 */
import { type SQL, sql } from "drizzle-orm";
import * as v from "valibot";
import { uniqueIndex } from "../db/constraint";
import { d1Batch } from "../db/d1-batch";
import { newId } from "../db/ids";
import { inList } from "../db/in-list";
import { agentSkillQueues, agents } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { answerConstraints } from "../http/constraint-answer";
import type { FieldErrors } from "../http/problem";
import { ApiError } from "../http/problem";
import { addedQuotas, quotaOverruns } from "../rules/agent-rules";
import {
  type AgentBatch,
  type AgentBatchResult,
  AgentInputSchema,
  MAX_BATCH_AGENTS,
} from "../schemas/agents";
import { issuesToFieldErrors } from "../schemas/issues";
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

type Result = AgentBatchResult["results"][number];
export type BatchOutcome = { results: Result[]; failed: number; errors: FieldErrors };
type Ready = { id: string; created: boolean; agent: ResolvedAgent; relink: boolean };
/** Everything checked: what to write, or why not (`outcome.failed`). */
type Plan = { outcome: BatchOutcome; ready: Ready[]; guard: SQL };

const CONFIGURED = [
  {
    constraint: uniqueIndex(agents, "agents_tenant_employee"),
    field: "employeeIds",
    message: "An agent was configured for one of these employees meanwhile; try again",
  },
];

/** The selected employeeIds, in the order given (ids) or in numeric order (segment). */
function select(input: AgentBatch, known: Map<string, string>): string[] {
  if (input.employeeIds) return input.employeeIds;
  const { from, to } = input.range!;
  const [low, high] = [Number(from), Number(to)];
  const chosen = [...known.keys()]
    .filter((id) => Number(id) >= low && Number(id) <= high)
    .sort((a, b) => Number(a) - Number(b));
  if (!chosen.length)
    throw new ApiError(422, "No employee in this segment", {
      range: ["No employee has an employeeId in this segment"],
    });
  if (chosen.length > MAX_BATCH_AGENTS) {
    const message = `The segment selects ${chosen.length} employees; a batch configures at most ${MAX_BATCH_AGENTS}`;
    throw new ApiError(422, message, { range: [message] });
  }
  return chosen;
}

const stored = [
  "id",
  "employeeId",
  "platformRole",
  "agentType",
  "phone",
  "intelligentRecognition",
  "smartFormFilling",
  "phoneOnly",
  "anonymizationFlag",
  "skillType",
  "skillQueueGroupId",
  "defaultSkillQueueId",
  "maxConcurrentChats",
] as const satisfies readonly (keyof AgentRow)[];

/** One upsert of every agent row, bound as a single JSON array. */
function upsertAll(db: TenantDb, rows: Record<string, unknown>[]): SQL {
  const columns = sql.join(
    stored.map((key) => sql.identifier(agents[key].name)),
    sql`, `,
  );
  const values = sql.join(
    stored.map((key) => sql.raw(`json_extract(value, '$.${key}')`)),
    sql`, `,
  );
  const updates = sql.join(
    stored
      .filter((key) => key !== "id" && key !== "employeeId")
      .map((key) => sql.raw(`"${agents[key].name}" = excluded."${agents[key].name}"`)),
    sql`, `,
  );
  return sql`insert into ${agents} (${sql.identifier(agents.tenantId.name)}, ${columns})
    select ${db.tenantId}, ${values} from json_each(${JSON.stringify(rows)}) where true
    on conflict (${sql.identifier(agents.id.name)}) do update set ${updates}`;
}

/** Links every agent of `agentIds` to the queues of the JSON array `queueIds`, in order. */
function linkAll(db: TenantDb, agentIds: string[], queueIds: string): SQL {
  const column = (c: { name: string }) => sql.identifier(c.name);
  const t = agentSkillQueues;
  return sql`insert into ${t} (${column(t.tenantId)}, ${column(t.agentId)}, ${column(t.skillQueueId)}, ${column(t.position)})
    select ${db.tenantId}, a.value, q.value, q.key from json_each(${JSON.stringify(agentIds)}) a, json_each(${queueIds}) q`;
}

/** Validates the whole batch; writes it only when every agent is valid. */
export async function runBatch(d1: D1Database, db: TenantDb, input: AgentBatch): Promise<BatchOutcome> {
  const plan = await validate(db, input);
  if (plan.outcome.failed) return plan.outcome;
  return answerConstraints(CONFIGURED, () =>
    guarded(
      async () => {
        await write(d1, db, plan);
        return plan.outcome;
      },
      async () => {
        // Answered like a batch that failed the checks in the first place.
        const again = await validate(db, input);
        return again.outcome.failed ? again.outcome : undefined;
      },
    ),
  );
}

async function validate(db: TenantDb, input: AgentBatch): Promise<Plan> {
  const facts = await loadFacts(db);
  const chosen = select(input, facts.employees);
  const configured = chosen.map((id) => facts.agents.get(id)).filter((a) => a !== undefined);
  const own = await queuesOfAgents(
    db,
    configured.map((a) => a.id),
  );

  const results: Result[] = [];
  const errors: FieldErrors = {};
  const ready: Ready[] = [];
  for (const employeeId of chosen) {
    const row = facts.agents.get(employeeId);
    const base = row ? inputOf(row, own.get(row.id) ?? []) : {};
    const parsed = v.safeParse(AgentInputSchema, mergeAgent(base, { ...input.set, employeeId }));
    const outcome = parsed.success
      ? resolveAgent(parsed.output, facts)
      : { errors: issuesToFieldErrors(parsed.issues), agent: undefined };
    if (!outcome.agent) {
      results.push({ employeeId, status: "error", errors: outcome.errors });
      continue;
    }
    const before = row ? (own.get(row.id) ?? []) : [];
    const after = outcome.agent.skillQueueIds;
    ready.push({
      id: row?.id ?? newId("ag"),
      created: !row,
      agent: outcome.agent,
      relink: !row || before.length !== after.length || before.some((q, i) => q !== after[i]),
    });
    results.push({ employeeId, status: row ? "updated" : "created" });
  }

  const existing = [...facts.agents.values()].map(usageOf);
  const changes = ready.map((r) => usageOf(r.agent.values));
  const overruns = quotaOverruns(facts.quotas, existing, changes);
  for (const overrun of overruns) {
    for (const result of results) {
      if (!overrun.employeeIds.includes(result.employeeId)) continue;
      result.status = "error";
      result.errors = {
        ...result.errors,
        [overrun.field]: [...(result.errors?.[overrun.field] ?? []), overrun.message],
      };
    }
  }

  const failedResults = results.filter((r) => r.status === "error");
  if (failedResults.length) {
    for (const r of results) if (r.status !== "error") r.status = "valid";
    for (const r of failedResults) {
      for (const [field, messages] of Object.entries(r.errors ?? {}))
        errors[`${r.employeeId}.${field}`] = messages;
    }
  }
  const guard = writeGuard(
    db,
    facts.quotas,
    addedQuotas(existing, changes),
    ready.map((r) => r.agent),
  );
  return { outcome: { results, failed: failedResults.length, errors }, ready, guard };
}

/** The rows, the relinked queue lists and the guard, as one transaction. */
function write(d1: D1Database, db: TenantDb, { ready, guard }: Plan) {
  const relinked = ready.filter((r) => r.relink);
  const byList = new Map<string, string[]>();
  for (const r of relinked) {
    if (!r.agent.skillQueueIds.length) continue;
    const key = JSON.stringify(r.agent.skillQueueIds);
    byList.set(key, [...(byList.get(key) ?? []), r.id]);
  }
  const relinkedIds = relinked.map((r) => r.id);
  return d1Batch(d1, db.db, [
    upsertAll(
      db,
      ready.map((r) => ({ id: r.id, ...r.agent.values })),
    ),
    sql`delete from ${agentSkillQueues} where ${db.where(agentSkillQueues, inList(agentSkillQueues.agentId, relinkedIds))}`,
    ...[...byList].map(([queueIds, agentIds]) => linkAll(db, agentIds, queueIds)),
    guard,
  ]);
}
