/**
 * `POST /api/v1/chat/tickets`: a customer's admission to a web channel's chat (no employee auth;
 * the channel gives the tenant). Checks the page's Origin, verifies the identity token when the
 * channel uses third-party authentication, and returns a single-use WebSocket ticket. Writes
 * nothing to D1 (docs/scaling.md): the ticket is signed, the rate limits are runtime counters.
 */
import { Hono } from "hono";
import { newToken, sha256Hex } from "../db/ids";
import { database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { ApiError, notFound } from "../http/problem";
import { body } from "../http/validate";
import { widgetCors } from "../http/widget-cors";
import { cachedChannel } from "../realtime/channel-cache";
import { limitChatTicket, TICKETS_PER_ADDRESS, TICKETS_PER_CHANNEL } from "../realtime/chat-ticket-limit";
import { CUSTOMER_TICKET_TTL_MS, issueCustomerTicket } from "../realtime/customer-ticket";
import { MAX_LIFETIME_SECONDS, REFUSAL_TEXT, verifyIdentityToken } from "../realtime/identity-token";
import { originAllowed } from "../realtime/origin";
import { admitPreChat } from "../realtime/pre-chat-admission";
import { recordRefusedOrigin, refusalDetail } from "../realtime/refused-origins";
import { ticketUrl } from "../realtime/tickets";
import { preChatFormOf, type VerifiedClaims } from "../schemas/pre-chat";
import { ChatTicketInputSchema, ChatTicketSchema, PreChatFormToFillSchema } from "../schemas/realtime";

/** Anonymous customer id derived from the widget's visitor id, scoped to the channel (≤ 32 chars). */
export async function anonymousCustomerId(channelId: string, visitorId: string): Promise<string> {
  return `anon_${(await sha256Hex(`${channelId}:${visitorId}`)).slice(0, 27)}`;
}

/**
 * The channel and the skill queue its called route leads to, from this isolate's short-lived cache
 * (`realtime/channel-cache.ts`); 404 when either is missing.
 */
export async function channelWithQueue(db: ReturnType<typeof database>, channelId: string, now: number) {
  const found = await cachedChannel(db, channelId, now);
  if (!found) throw notFound("Channel");
  if (found.skillQueueId === null) throw notFound("The channel's called route");
  return { channel: found.channel, skillQueueId: found.skillQueueId };
}

/**
 * The widget calls this from integrators' pages, so it answers CORS for any origin; whether an
 * origin may actually open a chat is the channel's `allowedOrigins` check below, whose 403 the
 * page can then read.
 */
export const chatTicketsApi = new Hono<AppEnv>().use(widgetCors("POST")).post("/", async (c) => {
  const input = await body(c, ChatTicketInputSchema);
  const address = c.req.header("cf-connecting-ip") ?? "local";
  await limitChatTicket(c.env, address, input.channelId, Date.now());
  const db = database(c.env.DB);
  const { channel, skillQueueId } = await channelWithQueue(db, input.channelId, Date.now());
  const origin = c.req.header("origin");
  if (!originAllowed(origin, channel.config.allowedOrigins, c.req.url)) {
    await recordRefusedOrigin(c.env.DB, channel, origin ?? "", Date.now());
    throw new ApiError(403, refusalDetail(origin ?? ""));
  }
  const now = Date.now();
  let customerId: string;
  let customerName = input.name || null;
  let customerNameVerified = false;
  let visitorId: string | undefined;
  let claims: VerifiedClaims = {};
  if (channel.thirdPartyAuthEnabled) {
    if (!input.identityToken) {
      throw new ApiError(401, "This channel requires an identity token", {
        identityToken: ["identityToken is required when third-party authentication is enabled"],
      });
    }
    const verified = await verifyIdentityToken(input.identityToken, channel.secretKey ?? "", channel.id, now);
    if (!verified.ok) {
      throw new ApiError(401, `The identity token was refused: ${REFUSAL_TEXT[verified.reason]}`, {
        identityToken: [`${verified.reason}: ${REFUSAL_TEXT[verified.reason]}`],
      });
    }
    customerId = verified.sub;
    customerName = verified.name ?? customerName;
    customerNameVerified = verified.name !== null;
    claims = verified;
  } else {
    if (!input.visitorId) visitorId = newToken().slice(0, 24);
    customerId = await anonymousCustomerId(channel.id, input.visitorId ?? visitorId ?? "");
  }
  const preChat = admitPreChat(preChatFormOf(channel.config.preChatForm), input.preChat, claims);
  if (!preChat.ok) return c.json({ preChatForm: preChat.preChatForm }, 200);
  // the form's name field names the customer, verified only when the token's name filled it
  if (preChat.name && !customerNameVerified) customerName = preChat.name.value;
  const ticket = await issueCustomerTicket(
    c.env,
    skillQueueId,
    {
      kind: "customer",
      tenantId: channel.tenantId,
      channelId: channel.id,
      customerId,
      customerName,
      customerNameVerified,
      conversationId: null,
      preChat: preChat.values,
    },
    now,
  );
  return c.json(
    {
      ticket,
      url: ticketUrl("customer", ticket),
      customerId,
      ...(visitorId ? { visitorId } : {}),
      skillQueueId,
      expiresInSeconds: CUSTOMER_TICKET_TTL_MS / 1000,
    },
    201,
  );
});

document({
  method: "post",
  path: "/api/v1/chat/tickets",
  errors: [401, 403, 404, 429],
  summary: "Get a single-use WebSocket ticket for a customer chat",
  description: `No employee auth: the channel gives the tenant. The Origin header must be one of the channel's allowedOrigins or this deployment's own origin (403, whose detail names the origin and the fix; the refusal is listed on the channel's integration endpoint as refusedOrigins). With third-party authentication enabled, identityToken (HS256 JWT signed with the channel's secretKey, claims sub, name?, channel, exp, iat?, nbf?; 30 s of clock skew; at most ${MAX_LIFETIME_SECONDS} s from iat, or from now without iat, to exp) is required (401 naming the refused claim). Otherwise the customer is anonymous: pass the widget's visitorId to continue as the same customer, or omit it and keep the returned visitorId. When the channel's pre-chat form is on, preChat must hold the customer's values by field key ({"name": "Ada", "topic": "Billing"}): each trimmed; required fields filled; email like a@b.example; phone digits with an optional leading +, spaces or dashes, 5–20 digits; a select value exactly one of its options; name ≤100, email ≤254, phone ≤32, text ≤200 characters. Without preChat the answer is 200 with no ticket, only preChatForm {fields, locked}: the form to show (asking is not an error); invalid values are answered 422 with errors keyed preChat.<key> and the same preChatForm member. locked are the values of the name, email and phone fields that the identity token's name, email and phone claims fill, which the server uses whatever the client sends. The form's name field gives the conversation's customer name (verified only when it comes from the token). Open the returned url as a WebSocket within 60 seconds. The ticket is a signed token (opaque to clients) naming the skill queue; it admits one socket, once. Rate limited per minute: ${TICKETS_PER_ADDRESS} per client address and ${TICKETS_PER_CHANNEL} per channel, where a request refused for its address does not count against the channel (429 with Retry-After: the seconds until the minute's window ends).`,
  tag: "Realtime",
  body: ChatTicketInputSchema,
  response: ChatTicketSchema,
  status: 201,
  also: [
    {
      status: 200,
      description: "The channel's pre-chat form must be filled first: send preChat with the values",
      response: PreChatFormToFillSchema,
    },
  ],
  auth: "none",
});
