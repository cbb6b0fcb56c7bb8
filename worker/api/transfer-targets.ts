/**
 * `GET /api/v1/skill-queues/:id/transfer-targets`: the queues a conversation of this queue can be
 * handed over to (the tenant's other queues of the same type), each with its availability and
 * whether it takes a hand-over now, asked from its Durable Object (rule: `rules/hand-over.ts`).
 * The workbench's transfer picker shows it.
 */
import { asc, eq, ne } from "drizzle-orm";
import { Hono } from "hono";
import { handOverRefusalMessage } from "../../durable-objects/skill-queue/rules/hand-over";
import { skillQueues } from "../db/schema";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { type TransferTarget, TransferTargetListSchema } from "../schemas/realtime";
import { tenantDb } from "./context";

/** Targets asked at once; the rest wait for a free turn. */
const CONCURRENCY = 10;

export const transferTargetsApi = new Hono<AppEnv>().get("/:id/transfer-targets", async (c) => {
  const db = tenantDb(c);
  const from = await db.get(skillQueues, c.req.param("id"), "Skill queue");
  const rows = await db.db
    .select({ id: skillQueues.id, name: skillQueues.name })
    .from(skillQueues)
    .where(db.where(skillQueues, eq(skillQueues.type, from.type), ne(skillQueues.id, from.id)))
    .orderBy(asc(skillQueues.name));
  const items: (TransferTarget | null)[] = new Array(rows.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i]!;
      const stub = c.env.SKILL_QUEUE.get(c.env.SKILL_QUEUE.idFromName(row.id));
      try {
        const s = await stub.handOverStatus(row.id, from.tenantId);
        items[i] = {
          id: row.id,
          name: row.name,
          signedIn: s.signedIn,
          idle: s.idle,
          waiting: s.waiting,
          accepts: s.refusal === null,
          refusal: s.refusal,
          message: s.refusal === null ? null : handOverRefusalMessage(s.refusal, row.name),
        };
      } catch (err) {
        // e.g. deleted since it was listed: it is no target any more
        console.error("transfer target status failed", row.id, err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, worker));
  return c.json({ items: items.filter((t) => t !== null) }, 200);
});

document({
  method: "get",
  path: "/api/v1/skill-queues/:id/transfer-targets",
  summary: "Where an agent can hand a conversation of this skill queue over to, and who is there",
  description:
    "The tenant's other skill queues of the same type, by name, each with signedIn (including agents within the 60 s reconnect grace), idle (idle with a free chat slot), waiting, and accepts: whether it takes an agent's hand-over now. It refuses (refusal, with the message the agent gets) when nobody is signed in (nobodySignedIn), or when nobody there is idle and its queue already holds min(Max. Calls in Queue, maximum number of queuing calls) customers (queueFull). A taken hand-over waits in that queue; its busy and no-agent handling do not apply. 404 for an unknown skill queue or another tenant's.",
  tag: "Realtime",
  response: TransferTargetListSchema,
  auth: "employee",
});
