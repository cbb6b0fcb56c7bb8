/**
 * What depends on a skill queue: while any of these refers to it, the queue can be neither deleted
 * nor change its type. The same conditions serve a readable check (which reference) and a guard
 * inside the writing statement itself, so a reference added concurrently still blocks the write.
 */
import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import {
  agentSkillQueues,
  agents,
  calledRoutes,
  channels,
  skillQueueGroupMembers,
  skillQueues,
} from "../db/schema";
import type { TenantDb } from "../db/tenant-db";

type Reference = { what: string; table: Parameters<TenantDb["count"]>[0]; cond: SQL };

function references(id: string): Reference[] {
  // Release actions store a null target and IVR targets are digits, so only a queue transfer can match an id.
  const targets = sql`${id} in (
    json_extract(${skillQueues.queuing}, '$.timeout.targetId'),
    json_extract(${skillQueues.queuing}, '$.busy.targetId'),
    json_extract(${skillQueues.queuing}, '$.noAgent.targetId'))`;
  return [
    { what: "a called route", table: calledRoutes, cond: eq(calledRoutes.skillQueueId, id) },
    { what: "an agent", table: agentSkillQueues, cond: eq(agentSkillQueues.skillQueueId, id) },
    { what: "an agent (as default skill queue)", table: agents, cond: eq(agents.defaultSkillQueueId, id) },
    {
      what: "a skill queue group",
      table: skillQueueGroupMembers,
      cond: eq(skillQueueGroupMembers.skillQueueId, id),
    },
    {
      what: "another skill queue (as transfer target)",
      table: skillQueues,
      cond: and(ne(skillQueues.id, id), targets) as SQL,
    },
    {
      what: "a web channel (as click-to-dial skill queue)",
      table: channels,
      cond: sql`json_extract(${channels.config}, '$.clickToDial.skillQueueId') = ${id}`,
    },
  ];
}

/** The first thing that still refers to queue `id`, or null. */
export async function firstQueueReference(db: TenantDb, id: string): Promise<string | null> {
  for (const ref of references(id)) if (await db.count(ref.table, ref.cond)) return ref.what;
  return null;
}

/** A condition that holds only while nothing refers to queue `id`; put it in the writing statement. */
export function queueUnreferenced(db: TenantDb, id: string): SQL {
  return and(...references(id).map((ref) => db.none(ref.table, ref.cond))) as SQL;
}
