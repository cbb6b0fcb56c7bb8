/** `GET /api/v1/skill-queues/:id/live`: the queue's live statistics, asked from its Durable Object. */
import { Hono } from "hono";
import { skillQueues } from "../db/schema";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { notFound } from "../http/problem";
import { LiveStatsSchema } from "../schemas/realtime";
import { tenantDb } from "./context";
import { visibleQueues } from "./ou-read-scope";

export const liveApi = new Hono<AppEnv>().get("/:id/live", async (c) => {
  const db = tenantDb(c);
  const queue = await db.get(skillQueues, c.req.param("id"), "Skill queue", await visibleQueues(c, db));
  const stub = c.env.SKILL_QUEUE.get(c.env.SKILL_QUEUE.idFromName(queue.id));
  const stats = await stub.liveStats(queue.id, queue.tenantId);
  if (!stats) throw notFound("Skill queue");
  return c.json(stats, 200);
});

document({
  method: "get",
  path: "/api/v1/skill-queues/:id/live",
  summary: "Live statistics of a skill queue",
  description:
    "signedIn: agents signed in (including those within the 60 s reconnect grace); idle: idle with a free chat slot; arranging: in wrap-up; busy: the rest (busy, rest, or at their chat limit); waiting and longestWaitSeconds: the waiting list; deviceUsage: non-idle/signed-in × 70 + waiting/max queuing × 30 (%). With data isolation on, a common agent gets 404 for a queue they may not read (see GET /api/v1/skill-queues).",
  tag: "Realtime",
  response: LiveStatsSchema,
  auth: "employee",
});
