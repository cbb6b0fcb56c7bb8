/** Bindings and variables of the Worker (wrangler.toml, `.dev.vars`, secrets). */
import type { AgentPresence } from "../durable-objects/agent-presence";
import type { Housekeeping } from "../durable-objects/housekeeping";
import type { SkillQueue } from "../durable-objects/skill-queue";

export type Env = {
  DB: D1Database;
  SKILL_QUEUE: DurableObjectNamespace<SkillQueue>;
  AGENT_PRESENCE: DurableObjectNamespace<AgentPresence>;
  /** One per tenant (named after its id): retention runs on its alarm (`durable-objects/housekeeping`). */
  HOUSEKEEPING: DurableObjectNamespace<Housekeeping>;
  ASSETS: Fetcher;
  /** Queue of webhook deliveries (`worker/webhooks/`); this Worker produces and consumes it. */
  WEBHOOKS: Queue<import("./webhooks/events").DeliveryMessage>;
  /** Secret: 32 random bytes (base64) that encrypt webhook endpoint secrets at rest. */
  WEBHOOK_SECRETS_KEY?: string;
  /** "1": webhook endpoints may be loopback receivers over http (tests, local development only). */
  WEBHOOK_ALLOW_LOOPBACK?: string;
  /** R2 bucket of chat attachments, keyed `tenant/<tenantId>/conversation/<conversationId>/<attachmentId>`. */
  ATTACHMENTS: R2Bucket;
  /** R2 bucket of archived transcripts, keyed `t/<tenantId>/<yyyy-mm>/<conversationId>.json` (worker/archive/). */
  ARCHIVE: R2Bucket;
  /** Secret (≥ 32 characters): signs the customers' attachment tokens; without it attachments are off. */
  ATTACHMENT_SIGNING_KEY?: string;
  /** Customer attachment uploads per client address per minute (default 30; "0" turns the limit off). */
  CHAT_ATTACHMENTS_PER_ADDRESS?: string;
  /** Secret: bearer token of the platform operator (tenant creation). */
  PLATFORM_TOKEN?: string;
  SESSION_TTL_SECONDS?: string;
  /** Rate limit of chat tickets per client address (30 a minute, `[[ratelimits]]`). */
  CHAT_TICKETS_BY_ADDRESS?: RateLimit;
  /** Rate limit of chat tickets per channel (600 a minute, `[[ratelimits]]`). */
  CHAT_TICKETS_BY_CHANNEL?: RateLimit;
  /** "0" turns the per-address chat ticket limit off (load runs); the number is in wrangler.toml. */
  CHAT_TICKETS_PER_ADDRESS?: string;
  /** "0" turns the per-channel chat ticket limit off; the number is in wrangler.toml. */
  CHAT_TICKETS_PER_CHANNEL?: string;
  /** Secret: HMAC key of customer tickets (worker/realtime/customer-ticket.ts); else derived from PLATFORM_TOKEN. */
  TICKET_SECRET?: string;
  /** Seconds an agent stays signed in after their last socket closed (default 60; for reliability runs). */
  SIGN_OUT_GRACE_SECONDS?: string;
  /**
   * Click-to-dial calls through TURN (Cloudflare Realtime TURN): the TURN key's id and its API
   * token (a secret). The Worker mints short-lived credentials per call; unset, no ICE servers are
   * handed out (host candidates only: enough on one machine or LAN, not across the internet).
   */
  TURN_KEY_ID?: string;
  TURN_KEY_API_TOKEN?: string;
};

/** The verified caller of a tenant route, set by the auth middleware. */
export type Caller = {
  tenantId: string;
  employeeRowId: string;
  employeeId: string;
  account: string;
  name: string;
  role: "tenantAdmin" | "agent";
  /**
   * Set when the caller is an API token: it acts for the tenant with the administrator's role,
   * limited to its scopes (`rules/token-scopes.ts`); the employee fields are empty.
   */
  token?: { id: string; name: string; scopes: string[] };
};

export type AppEnv = { Bindings: Env; Variables: { caller: Caller } };
