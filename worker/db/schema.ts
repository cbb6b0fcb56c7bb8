/**
 * D1 schema: the system of record for configuration and conversation history.
 * Every tenant-owned row carries `tenant_id`; queries go through `TenantDb` (./tenant-db.ts).
 * JSON columns hold nested objects that are always read and written whole.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
    /** How it ended: ended | released | timeout | busy | noAgent | nonWorkingTime | noReply | maxDuration | robot. */
    outcome: text("outcome").notNull(),
    startedAt: integer("started_at").notNull(),
    queuedAt: integer("queued_at"),
    connectedAt: integer("connected_at"),
    endedAt: integer("ended_at").notNull(),
    rating: integer("rating"),
    comment: text("comment"),
    messageCount: integer("message_count").notNull(),
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
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq] })],
);

export const chatTickets = sqliteTable("chat_tickets", {
  ticketHash: text("ticket_hash").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  kind: text("kind", { enum: ["customer", "agent"] }).notNull(),
  skillQueueId: text("skill_queue_id").notNull(),
  /** Who the ticket admits: customer identity or agent identity, as JSON. */
  subject: text("subject", { mode: "json" }).notNull(),
  expiresAt: integer("expires_at").notNull(),
});
