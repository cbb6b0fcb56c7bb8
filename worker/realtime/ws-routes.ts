/**
 * `GET /ws/chat` (customers), `GET /ws/agent` (agents, quality checkers) and `GET /ws/call` (a
 * customer's socket for one click-to-dial call, ticket from `call.placed`): check the ticket (a
 * customer's signed ticket here, its single use in the queue object; staff and call tickets are
 * consumed in D1),
 * re-check the customer's Origin, then forward the upgrade to the skill queue's Durable Object
 * with the verified identity in `IDENTITY_HEADER` (any client-sent copy is dropped).
 * Refusals are answered before upgrading, as problem+json: 426 without `Upgrade: websocket`,
 * 401 for a bad/expired/used ticket (the HTTP form of close code 4001), 403 for a foreign Origin.
 */
import { type Context, Hono } from "hono";
import { database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { problemResponse } from "../http/problem";
import { cachedChannel } from "./channel-cache";
import { TICKET_HEADER, ticketHeader, verifyCustomerTicket } from "./customer-ticket";
import { IDENTITY_HEADER, QUEUE_HEADER } from "./identity";
import { originAllowed } from "./origin";
import { recordRefusedOrigin, refusalDetail } from "./refused-origins";
import { consumeTicket } from "./tickets";

async function upgrade(c: Context<AppEnv>, kind: "customer" | "agent" | "caller"): Promise<Response> {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    return problemResponse(426, "Open this URL as a WebSocket", undefined, { upgrade: "websocket" });
  }
  const db = database(c.env.DB);
  const ticket = c.req.query("ticket") ?? "";
  // customers' tickets are signed (no D1 write); the queue object enforces their single use
  const signed = kind === "customer" ? await verifyCustomerTicket(c.env, ticket, Date.now()) : null;
  const admitted = kind === "customer" ? signed : await consumeTicket(db, ticket, kind, Date.now());
  if (!admitted) return problemResponse(401, "The ticket is invalid, expired or already used");
  const { identity, skillQueueId } = admitted;
  if (identity.kind !== "agent") {
    const channel = (await cachedChannel(db, identity.channelId, Date.now()))?.channel;
    if (!channel) return problemResponse(401, "The channel of this ticket no longer exists");
    const origin = c.req.header("origin");
    if (!originAllowed(origin, channel.config.allowedOrigins, c.req.url)) {
      await recordRefusedOrigin(c.env.DB, channel, origin ?? "", Date.now());
      return problemResponse(403, refusalDetail(origin ?? ""));
    }
  }
  const headers = new Headers(c.req.raw.headers);
  headers.delete(IDENTITY_HEADER);
  headers.delete(QUEUE_HEADER);
  headers.delete(TICKET_HEADER);
  if (signed) headers.set(TICKET_HEADER, ticketHeader(signed));
  headers.set(IDENTITY_HEADER, JSON.stringify(identity));
  headers.set(QUEUE_HEADER, skillQueueId);
  const url = new URL(c.req.url);
  url.pathname = `/connect/${kind}`;
  // `resumeOnly`: continue an existing conversation, never start one (see docs/protocol.md)
  url.search = kind === "customer" && c.req.query("resumeOnly") !== undefined ? "?resumeOnly" : "";
  const stub = c.env.SKILL_QUEUE.get(c.env.SKILL_QUEUE.idFromName(skillQueueId));
  return stub.fetch(new Request(url, { method: "GET", headers }));
}

export const wsRoutes = new Hono<AppEnv>()
  .get("/chat", (c) => upgrade(c, "customer"))
  .get("/agent", (c) => upgrade(c, "agent"))
  .get("/call", (c) => upgrade(c, "caller"));

const wsDescription =
  "Upgrade to a WebSocket with the single-use ticket from the ticket endpoint (within 60 s). Refusals happen before the upgrade as problem+json: 426 without `Upgrade: websocket`, 401 for an invalid, expired or used ticket (the HTTP form of close code 4001), 403 for an Origin the channel does not allow. Frames are described in docs/protocol.md; heartbeat: send the text `ping`, the server answers `pong`.";
document(
  {
    method: "get",
    path: "/ws/chat",
    operationId: "openCustomerSocket",
    errors: [401, 403],
    summary: "Customer chat WebSocket",
    description: wsDescription,
    tag: "Realtime",
    query: {
      ticket: "ticket from POST /api/v1/chat/tickets",
      resumeOnly:
        "present: only continue the customer's existing conversation (a left message with a reply); with none the socket closes with 4003",
    },
    status: 101,
    auth: "none",
  },
  {
    method: "get",
    path: "/ws/call",
    operationId: "openCallSocket",
    errors: [401, 403],
    summary: "Customer call WebSocket (click to dial)",
    description: `${wsDescription} The ticket comes in the \`call.placed\` frame that answers \`call.start\` on the chat socket; the socket carries the signalling of that one call and closing it ends the call.`,
    tag: "Realtime",
    query: { ticket: "ticket from the call.placed frame" },
    status: 101,
    auth: "none",
  },
  {
    method: "get",
    path: "/ws/agent",
    operationId: "openStaffSocket",
    errors: [401],
    summary: "Agent and quality checker WebSocket",
    description: wsDescription,
    tag: "Realtime",
    query: { ticket: "ticket from POST /api/v1/agent/tickets" },
    status: 101,
    auth: "none",
  },
);
