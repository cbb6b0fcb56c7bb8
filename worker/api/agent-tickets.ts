/**
 * `POST /api/v1/agent/tickets`: an agent's or quality checker's admission to a skill queue's
 * realtime channel. The caller must be configured as an agent serving the queue (common or callout
 * agents sign in as agents; quality checkers watch and intervene).
 */
import { Hono } from "hono";
import { skillQueues } from "../db/schema";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { ApiError } from "../http/problem";
import { body } from "../http/validate";
import { agentsOfQueue } from "../realtime/queue-agents";
import { issueTicket, TICKET_TTL_MS, ticketUrl } from "../realtime/tickets";
import { AgentTicketInputSchema, AgentTicketSchema } from "../schemas/realtime";
import { caller, tenantDb } from "./context";

export const agentTicketsApi = new Hono<AppEnv>().post("/", async (c) => {
  const { skillQueueId } = await body(c, AgentTicketInputSchema);
  const db = tenantDb(c);
  const me = caller(c);
  await db.get(skillQueues, skillQueueId, "Skill queue");
  const agent = (await agentsOfQueue(db.db, me.tenantId, skillQueueId)).find(
    (a) => a.employeeId === me.employeeId,
  );
  if (!agent) throw new ApiError(403, "You are not configured as an agent of this skill queue");
  const role = agent.platformRole === "qualityChecker" ? "qualityChecker" : "agent";
  const ticket = await issueTicket(
    db.db,
    skillQueueId,
    { kind: "agent", tenantId: me.tenantId, employeeId: me.employeeId, name: me.name, role },
    Date.now(),
  );
  return c.json(
    { ticket, url: ticketUrl("agent", ticket), role, expiresInSeconds: TICKET_TTL_MS / 1000 },
    201,
  );
});

document({
  method: "post",
  path: "/api/v1/agent/tickets",
  summary: "Get a single-use WebSocket ticket to sign in to a skill queue as an agent or quality checker",
  description:
    "The caller must be configured (Agent Management) with this skill queue, directly or through a skill queue group; 403 otherwise, 404 for an unknown queue or another tenant's. Open the returned url as a WebSocket within 60 seconds.",
  tag: "Realtime",
  body: AgentTicketInputSchema,
  response: AgentTicketSchema,
  status: 201,
  auth: "employee",
});
