/**
 * `/api/v1/reports`: figures over archived conversations, per period of the tenant's time zone and
 * per skill queue or agent (definitions in `../rules/report-figures.ts`, SQL in `./report-query.ts`).
 * Tenant administrators only.
 */
import { eq, max } from "drizzle-orm";
import { Hono } from "hono";
import { inList } from "../db/in-list";
import { conversations, employees, skillQueues, tenants } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { ApiError } from "../http/problem";
import { parseOr422 } from "../http/validate";
import { reportPeriods } from "../rules/report-periods";
import { type Report, ReportQuerySchema, ReportSchema } from "../schemas/reports";
import { caller, tenantDb } from "./context";
import { reportData } from "./report-query";

/**
 * Names of the groups: skill queue names, or employee names, falling back to the name archived
 * with the conversations for an agent whose employee row is gone.
 */
async function groupNames(db: TenantDb, by: "queue" | "agent", ids: (string | null)[]) {
  if (by === "queue") return new Map((await db.select(skillQueues)).map((s) => [s.id, s.name]));
  const names = new Map(
    (
      await db.db
        .select({ id: employees.employeeId, name: employees.name })
        .from(employees)
        .where(eq(employees.tenantId, db.tenantId))
    ).map((e) => [e.id, e.name]),
  );
  const missing = ids.filter((id): id is string => id !== null && !names.has(id));
  if (missing.length) {
    const archived = await db.db
      .select({ id: conversations.agentEmployeeId, name: max(conversations.agentName) })
      .from(conversations)
      .where(db.where(conversations, inList(conversations.agentEmployeeId, missing)))
      .groupBy(conversations.agentEmployeeId);
    for (const a of archived) if (a.id && a.name) names.set(a.id, a.name);
  }
  return names;
}

export const reportsApi = new Hono<AppEnv>().get("/conversations", async (c) => {
  if (caller(c).role !== "tenantAdmin")
    throw new ApiError(403, "Only a tenant administrator may read reports");
  const q = parseOr422(ReportQuerySchema, c.req.query());
  const db = tenantDb(c);
  const [tenant] = await db.db
    .select({ timezone: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.id, db.tenantId));
  const timezone = tenant?.timezone ?? "UTC";
  const periods = reportPeriods(q.from, q.to, timezone, q.granularity);
  const data = await reportData(c.env.DB, db.tenantId, periods, q.by);
  const names = await groupNames(db, q.by, data.groups);
  const none = q.by === "queue" ? "No skill queue" : "No agent";
  const report: Report = {
    timezone,
    from: q.from,
    to: q.to,
    granularity: q.granularity,
    by: q.by,
    periods,
    groups: data.groups.map((id) => ({ id, name: id === null ? none : (names.get(id) ?? id) })),
    overall: data.overall,
    byPeriod: data.byPeriod,
    byGroup: data.byGroup,
    cells: data.cells,
  };
  return c.json(report, 200);
});

document({
  method: "get",
  path: "/api/v1/reports/conversations",
  summary: "Conversation report per day or week, by skill queue or agent",
  description:
    "Conversations that started between the local dates from and to (both included, at most 366 days) of the tenant's time zone, per local day or ISO week (Monday first, clipped to the range). Counts: offered (asked for a person), answered, released by reason (timeout, busy, noAgent, nonWorkingTime = off-hours), transferred (moved to another queue; counted where it ended), contained (the chatbot alone). Times in milliseconds, p50/p90 by nearest rank: waiting (from the first queue joined to the first agent, not restarted by a transfer), first response (from the first queue joined to the first agent message; robot turns and system notices are not responses), handle (first agent to the end). CSAT: average rating, counts per rating 1–5, response rate = rated ÷ answered. Tenant administrators only.",
  tag: "Reports",
  response: ReportSchema,
  auth: "admin",
  query: {
    from: "first local date, YYYY-MM-DD (required)",
    to: "last local date, YYYY-MM-DD, on or after from (required)",
    granularity: "day | week [day]",
    by: "queue | agent [queue]",
  },
});
