/**
 * D1 schema: the system of record for configuration and conversation history.
 * Every tenant-owned row carries `tenant_id`; queries go through `TenantDb` (./tenant-db.ts).
 * JSON columns hold nested objects that are always read and written whole.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { AttachmentMeta } from "../schemas/attachment-meta";

const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();
const bool = (name: string) => integer(name, { mode: "boolean" });
const createdAt = () =>
  integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  dataIsolation: bool("data_isolation").notNull().default(false),
  intelligentFormFilling: bool("intelligent_form_filling").notNull().default(false),
  quotas: json<{
    multimediaAgents: number;
    videoAgents: number;
    versatileAgents: number;
    intelligentAgents: number;
  }>("quotas").notNull(),
  calendar: json<{ workdays: number[]; holidays: string[]; extraWorkdays: string[] }>("calendar").notNull(),
  /** Days an ended conversation is kept before retention erases it (`worker/privacy/`); null: forever. */
  transcriptRetentionDays: integer("transcript_retention_days"),
  createdAt: createdAt(),
});

export const orgUnits = sqliteTable(
  "org_units",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    parentId: text("parent_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("org_units_tenant").on(t.tenantId, t.id),
    /**
     * Sibling names are unique: one index for units with a parent and a partial one for the
     * top-level units, since a unique index treats every NULL parent_id as distinct.
     */
    uniqueIndex("org_units_sibling_name").on(t.tenantId, t.parentId, t.name),
    uniqueIndex("org_units_top_level_name").on(t.tenantId, t.name).where(sql`${t.parentId} is null`),
  ],
);

export const employees = sqliteTable(
  "employees",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    account: text("account").notNull(),
    name: text("name").notNull(),
    employeeId: text("employee_id").notNull(),
    role: text("role", { enum: ["tenantAdmin", "agent"] }).notNull(),
    ouId: text("ou_id"),
    accessibleOus: json<{ ouId: string; access: "read" | "readWrite" }[]>("accessible_ous").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("employees_account").on(t.account),
    uniqueIndex("employees_tenant_employee_id").on(t.tenantId, t.employeeId),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    employeeRowId: text("employee_row_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_employee").on(t.employeeRowId)],
);

/**
 * Attempt counters in windows (sign-in limits, chat ticket limits), one row per key; `failures`
 * counts attempts, `window_start` is when the window began (for an account's sign-in delay: the
 * last attempt).
 */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/** Addresses an employee signed in from (IPv6 as /64), with the last success: "known" addresses. */
export const signInAddresses = sqliteTable(
  "sign_in_addresses",
  {
    employeeRowId: text("employee_row_id").notNull(),
    address: text("address").notNull(),
    lastSuccessAt: integer("last_success_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeRowId, t.address] })],
);

export const accessCodes = sqliteTable(
  "access_codes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    mediaType: text("media_type", { enum: ["voice", "video", "multimedia"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("access_codes_tenant_code").on(t.tenantId, t.code)],
);

export type QueueAction = {
  action: "release" | "transfer";
  transferType: "skillQueue" | "ivr";
  targetId: string | null;
};
export type BusyAction = QueueAction & {
  queueUsage: number;
  forwardingCondition: "deviceUsage" | "waitingDuration";
  threshold: number;
  maxQueuingMethod: "fixed" | "percentOfSignedIn";
  maxQueuing: number;
};
export type Queuing = { timeout: QueueAction; busy: BusyAction; noAgent: QueueAction };
export type Prompts = {
  queuingMethod: "defaultTone" | "customTone" | "ivr";
  queuingToneOrIvr: string | null;
  holdMethod: "defaultTone" | "customTone";
  holdTone: string | null;
  answerType: "employeeId" | "noVoice" | "employeeIdAndCustom";
  answerVoice: string | null;
};

export const skillQueues = sqliteTable(
  "skill_queues",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    type: text("type", {
      enum: ["voice", "multimedia", "video", "voiceClickToDial", "videoClickToDial"],
    }).notNull(),
    channels: json<string[]>("channels").notNull(),
    ouId: text("ou_id"),
    maxWaitingTime: integer("max_waiting_time").notNull(),
    maxCallDuration: integer("max_call_duration").notNull(),
    wrapUpDuration: integer("wrap_up_duration").notNull(),
    maxCallsInQueue: integer("max_calls_in_queue").notNull(),
    queuing: json<Queuing>("queuing").notNull(),
    prompts: json<Prompts | null>("prompts"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("skill_queues_tenant_name").on(t.tenantId, t.name)],
);

export const skillQueueGroups = sqliteTable(
  "skill_queue_groups",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("skill_queue_groups_tenant_name").on(t.tenantId, t.name)],
);

export const skillQueueGroupMembers = sqliteTable(
  "skill_queue_group_members",
  {
    tenantId: text("tenant_id").notNull(),
    groupId: text("group_id").notNull(),
    skillQueueId: text("skill_queue_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.skillQueueId] }), index("sqgm_queue").on(t.skillQueueId)],
);

export const calledRoutes = sqliteTable(
  "called_routes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    ouId: text("ou_id"),
    accessCodeId: text("access_code_id").notNull(),
    extensionCode: text("extension_code").notNull().default(""),
    deviceType: text("device_type", { enum: ["skillQueue"] }).notNull(),
    skillQueueId: text("skill_queue_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("called_routes_code_ext").on(t.tenantId, t.accessCodeId, t.extensionCode),
    index("called_routes_queue").on(t.skillQueueId),
  ],
);

export type Intent = { keywords: string[]; reply: string };

export const robots = sqliteTable(
  "robots",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    accessCode: text("access_code").notNull(),
    kind: text("kind", { enum: ["chatbot", "assistant"] }).notNull(),
    intents: json<Intent[]>("intents").notNull(),
    defaultReply: text("default_reply"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("robots_tenant_access_code").on(t.tenantId, t.accessCode)],
);

export const agents = sqliteTable(
  "agents",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** The employee's `employeeId` (digits), not the employee row id. */
    employeeId: text("employee_id").notNull(),
    platformRole: text("platform_role", { enum: ["common", "qualityChecker", "callout"] }).notNull(),
    agentType: text("agent_type", { enum: ["audio", "video", "multimedia", "versatile"] }).notNull(),
    phone: text("phone"),
    intelligentRecognition: bool("intelligent_recognition").notNull().default(false),
    smartFormFilling: bool("smart_form_filling").notNull().default(false),
    phoneOnly: bool("phone_only").notNull().default(false),
    anonymizationFlag: bool("anonymization_flag").notNull().default(false),
    skillType: text("skill_type", { enum: ["skillQueue", "skillQueueGroup"] }).notNull(),
    skillQueueGroupId: text("skill_queue_group_id"),
    defaultSkillQueueId: text("default_skill_queue_id"),
    maxConcurrentChats: integer("max_concurrent_chats").notNull().default(5),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agents_tenant_employee").on(t.tenantId, t.employeeId)],
);

export const agentSkillQueues = sqliteTable(
  "agent_skill_queues",
  {
    tenantId: text("tenant_id").notNull(),
    agentId: text("agent_id").notNull(),
    skillQueueId: text("skill_queue_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.skillQueueId] }), index("asq_queue").on(t.skillQueueId)],
);

export type WorkSegment = { start: string; end: string };
export type ChannelConfig = {
  transferKeywords: string[];
  allowedOrigins: string[];
  clickToDial: {
    calledParty: "agent" | "ivr";
    skillQueueId: string | null;
    ivrAccessCode: string | null;
  } | null;
  dialogEnd: { enabled: boolean; noReplyMinutes: number; conclusion: string };
  workTime: { workday: WorkSegment[]; nonWorkday: WorkSegment[]; nonWorkingNotice: string };
  queueReminder: { intervalSeconds: number; content: string };
  chatbot: {
    enabled: boolean;
    avatar: string;
    name: string;
    gender: "female" | "male" | "unspecified";
    robotAccessCode: string;
    defaultReply: string;
    timeoutReply: string;
    transferPrompt: string;
  };
  assistant: { enabled: boolean; accessCode: string; silentAgentRouteId: string | null };
  /** Absent in channels saved before branding existed: read it through `brandingOf`. */
  branding?: {
    primaryColor: string;
    logoUrl: string;
    greeting: string;
    welcomeText: string;
    launcherLabel: string;
  };
  /** Absent in channels saved before left messages existed: read it through `leaveMessageOf`. */
  leaveMessage?: { enabled: boolean; contact: "off" | "optional" | "required"; pendingDays: number };
  /** Absent in channels saved before the pre-chat form existed: read it through `preChatFormOf`. */
  preChatForm?: {
    enabled: boolean;
    fields: {
      key: string;
      kind: "name" | "email" | "phone" | "text" | "select";
      label: string;
      required: boolean;
      options: string[];
    }[];
  };
  /** Absent in channels saved before attachments existed: read it through `attachmentsOf`. */
  attachments?: { enabled: boolean; maxBytes: number; allowedTypes: string[] };
};

export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    accessCode: text("access_code").notNull(),
    type: text("type", { enum: ["web"] }).notNull(),
    routeId: text("route_id").notNull(),
    config: json<ChannelConfig>("config").notNull(),
    thirdPartyAuthEnabled: bool("third_party_auth_enabled").notNull().default(false),
    /** Write-only: never serialised to a client. */
    secretKey: text("secret_key"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("channels_tenant_access_code").on(t.tenantId, t.accessCode),
    index("channels_route").on(t.routeId),
  ],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channelId: text("channel_id").notNull(),
    skillQueueId: text("skill_queue_id"),
    customerId: text("customer_id").notNull(),
    customerName: text("customer_name"),
    /** True when the name comes from a verified identity token, false when the customer typed it. */
    customerNameVerified: bool("customer_name_verified").notNull().default(false),
    agentEmployeeId: text("agent_employee_id"),
    agentName: text("agent_name"),
    /**
     * How it ended (an end reason of the protocol: agentEnded, customerLeft, timeout, busy, noAgent,
     * nonWorkingTime, noReply, maxDuration, robotTimeout, expired, …), or `leftMessage` while it is
     * a left message waiting for an agent (then `endedAt` is when it was left).
     */
    outcome: text("outcome").notNull(),
    /** When the customer left a message (issue 15); null for a conversation that never was one. */
    leftAt: integer("left_at"),
    /** The contact details the customer left with a message. */
    contact: text("contact"),
    startedAt: integer("started_at").notNull(),
    queuedAt: integer("queued_at"),
    connectedAt: integer("connected_at"),
    endedAt: integer("ended_at").notNull(),
    rating: integer("rating"),
    comment: text("comment"),
    messageCount: integer("message_count").notNull(),
    /** What the customer filled in the pre-chat form: [{key, label, value, verified}], in the form's order. */
    preChat: json<{ key: string; label: string; value: string; verified: boolean }[]>("pre_chat")
      .notNull()
      .default(sql`'[]'`),
    /**
     * Report figures, computed when archived (`durable-objects/skill-queue/rules/conversation-metrics.ts`);
     * null in rows archived before they existed, or when the conversation never reached that point.
     */
    waitMs: integer("wait_ms"),
    answeredAt: integer("answered_at"),
    firstResponseMs: integer("first_response_ms"),
    handleMs: integer("handle_ms"),
    transfers: integer("transfers").notNull().default(0),
    robotTurns: integer("robot_turns").notNull().default(0),
  },
  (t) => [
    index("conversations_tenant_ended").on(t.tenantId, t.endedAt),
    index("conversations_queue").on(t.skillQueueId),
    index("conversations_customer").on(t.tenantId, t.customerId, t.endedAt),
    /**
     * Reports scan a tenant's conversations by start time, one index range per period, and read
     * only the columns they count: the index covers them, so a report never touches the table.
     */
    index("conversations_report").on(
      t.tenantId,
      t.startedAt,
      t.skillQueueId,
      t.agentEmployeeId,
      t.outcome,
      t.queuedAt,
      t.connectedAt,
      t.waitMs,
      t.answeredAt,
      t.firstResponseMs,
      t.handleMs,
      t.transfers,
      t.robotTurns,
      t.rating,
    ),
  ],
);

export const conversationMessages = sqliteTable(
  "conversation_messages",
  {
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    sender: text("sender", { enum: ["customer", "agent", "robot", "system", "checker"] }).notNull(),
    senderName: text("sender_name"),
    text: text("text").notNull(),
    clientMsgId: text("client_msg_id"),
    createdAt: integer("created_at").notNull(),
    /** A system message's stable code and parameters (`{code, params}`), as in the protocol. */
    notice: json<{ code: string; params: Record<string, string> }>("notice"),
    /** The message's file: its metadata (the bytes are in R2 under the tenant and conversation). */
    attachment: json<AttachmentMeta>("attachment"),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq] })],
);

/** Click-to-dial calls of archived conversations, written by the click-to-dial queue that owned each. */
export const conversationCalls = sqliteTable(
  "conversation_calls",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    /** The click-to-dial skill queue that owned the call. */
    skillQueueId: text("skill_queue_id").notNull(),
    media: text("media", { enum: ["voice", "video"] }).notNull(),
    agentEmployeeId: text("agent_employee_id"),
    agentName: text("agent_name"),
    /** Why it ended: hangup | declined | cancelled | timeout | busy | noAgent | maxDuration | connectionLost | chatEnded. */
    outcome: text("outcome").notNull(),
    endedBy: text("ended_by", { enum: ["customer", "agent", "system"] }),
    placedAt: integer("placed_at").notNull(),
    connectedAt: integer("connected_at"),
    endedAt: integer("ended_at").notNull(),
    /** Talk time in whole seconds (0 when it was never answered). */
    durationSeconds: integer("duration_seconds").notNull(),
  },
  (t) => [index("conversation_calls_conversation").on(t.tenantId, t.conversationId)],
);

export const chatTickets = sqliteTable("chat_tickets", {
  ticketHash: text("ticket_hash").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  /** customer: a chat; agent: staff; caller: a customer's socket for one click-to-dial call. */
  kind: text("kind", { enum: ["customer", "agent", "caller"] }).notNull(),
  skillQueueId: text("skill_queue_id").notNull(),
  /** Who the ticket admits: customer identity or agent identity, as JSON. */
  subject: text("subject", { mode: "json" }).notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/**
 * Page origins a channel refused recently (shown on its Integration tab so the integrator can
 * allow them): at most `REFUSED_ORIGIN_SLOTS` rows per channel, reused oldest first, written with
 * one upsert per refusal (worker/realtime/refused-origins.ts).
 */
export const refusedOrigins = sqliteTable(
  "refused_origins",
  {
    channelId: text("channel_id").notNull(),
    slot: integer("slot").notNull(),
    tenantId: text("tenant_id").notNull(),
    origin: text("origin").notNull(),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.slot] })],
);

/** The tenant's conversation tags (managed in the console); conversations refer to them by id. */
export const tags = sqliteTable(
  "tags",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  // names are unique in the tenant whatever their case ("Refund" and "refund" are one tag)
  (t) => [uniqueIndex("tags_tenant_name").on(t.tenantId, sql`lower(${t.name})`)],
);

/** Tags of archived conversations (set by the agent during the chat, or later in the console). */
export const conversationTags = sqliteTable(
  "conversation_tags",
  {
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    tagId: text("tag_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    index("conversation_tags_tag").on(t.tenantId, t.tagId),
  ],
);

/**
 * Private notes of archived conversations: written by staff during the chat, never shown to the
 * customer. Numbered per conversation apart from the messages (`seq` is the note's own number).
 */
export const conversationNotes = sqliteTable(
  "conversation_notes",
  {
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    authorEmployeeId: text("author_employee_id").notNull(),
    authorName: text("author_name").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq] })],
);

/**
 * Canned responses: `tenant` ones (administrators manage them; `ouId` null = Unorganized, read per
 * the data-isolation rule) and `personal` ones (`ownerId` = the owner's employee row id; '' for
 * tenant ones, so the unique index also holds for them).
 */
export const cannedResponses = sqliteTable(
  "canned_responses",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    scope: text("scope", { enum: ["tenant", "personal"] }).notNull(),
    ownerId: text("owner_id").notNull().default(""),
    ouId: text("ou_id"),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("canned_responses_shortcut").on(t.tenantId, t.scope, t.ownerId, t.shortcut),
    index("canned_responses_owner").on(t.tenantId, t.ownerId),
  ],
);

/**
 * Cases (trouble tickets) created from a chat on the workbench. `conversationId` is the chat's id
 * (live or archived); `agentEmployeeId` its agent when the case was created.
 */
export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    skillQueueId: text("skill_queue_id"),
    channelId: text("channel_id").notNull(),
    customerId: text("customer_id").notNull(),
    agentEmployeeId: text("agent_employee_id"),
    createdByEmployeeId: text("created_by_employee_id").notNull(),
    createdByName: text("created_by_name").notNull(),
    title: text("title").notNull(),
    category: text("category", {
      enum: ["inquiry", "complaint", "afterSales", "billing", "other"],
    }).notNull(),
    priority: text("priority", { enum: ["low", "normal", "high", "urgent"] }).notNull(),
    status: text("status", { enum: ["open", "inProgress", "resolved", "closed"] }).notNull(),
    customerName: text("customer_name").notNull(),
    phone: text("phone").notNull(),
    email: text("email").notNull(),
    orderNumber: text("order_number").notNull(),
    description: text("description").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("cases_tenant_created").on(t.tenantId, t.createdAt),
    index("cases_conversation").on(t.tenantId, t.conversationId),
  ],
);

/**
 * Webhook endpoints of a tenant (`worker/webhooks/`). The signing secret is stored encrypted with
 * the Worker secret `WEBHOOK_SECRETS_KEY` (AES-GCM, `worker/webhooks/secret-box.ts`): it must be
 * usable to sign, so it cannot be hashed. `failureStreak`/`failingSince` count the attempts that
 * failed in a row since the last success; an endpoint that keeps failing is disabled
 * (`disabledAt`, `disabledReason`) by `rules/webhook-retry.ts`.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    events: json<string[]>("events").notNull(),
    secretBox: text("secret_box").notNull(),
    enabled: bool("enabled").notNull().default(true),
    disabledAt: integer("disabled_at"),
    disabledReason: text("disabled_reason"),
    failureStreak: integer("failure_streak").notNull().default(0),
    failingSince: integer("failing_since"),
    lastAttemptAt: integer("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_endpoints_tenant").on(t.tenantId, t.id)],
);

/** The last attempts of each endpoint (trimmed to `DELIVERY_LOG_SIZE` per endpoint). */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    attempt: integer("attempt").notNull(),
    /** delivered | retrying | gaveUp | failed (a test send, never retried) */
    outcome: text("outcome", { enum: ["delivered", "retrying", "gaveUp", "failed"] }).notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    at: integer("at").notNull(),
    /** retrying: when the queue delivers it again. */
    nextAttemptAt: integer("next_attempt_at"),
  },
  (t) => [index("webhook_deliveries_endpoint").on(t.endpointId, t.id)],
);

/**
 * Tenant API tokens for integrators: only the SHA-256 of the token is stored; `prefix` is its
 * first characters, shown in lists so people can tell tokens apart.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    scopes: json<string[]>("scopes").notNull(),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), index("api_tokens_tenant").on(t.tenantId, t.id)],
);

export type AuditChange = { path: string; before: unknown; after: unknown };

/** Every configuration change: who, when, from where, what (`worker/audit/`). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    at: integer("at").notNull(),
    actorType: text("actor_type", { enum: ["employee", "apiToken", "platform"] }).notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    address: text("address"),
    method: text("method").notNull(),
    path: text("path").notNull(),
    resource: text("resource").notNull(),
    resourceId: text("resource_id"),
    action: text("action", { enum: ["create", "update", "delete", "action"] }).notNull(),
    status: integer("status").notNull(),
    changes: json<AuditChange[]>("changes").notNull(),
  },
  (t) => [
    index("audit_log_tenant").on(t.tenantId, t.id),
    index("audit_log_resource").on(t.tenantId, t.resource, t.id),
  ],
);
