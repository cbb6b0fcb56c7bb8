/**
 * The realtime protocol: every WebSocket frame in both directions, as valibot schemas shared by
 * the SkillQueue Durable Object, the Worker and the browser pages. Frames are JSON objects with a
 * `type`; commands are `noun.verb`, events are past tense or nouns. `docs/protocol.md` describes
 * each frame with an example.
 *
 * Delivery guarantee: a sent message carries a client-generated `clientMsgId`; the server writes
 * it with the next per-conversation `seq`, then answers `message.acked` and fans the `message`
 * out. A repeated `clientMsgId` is acknowledged again with its original `seq` and not stored twice.
 * On (re)connect a client sends `session.resume` with the last `seq` it saw per conversation and
 * the server replays the gap once, in pages: `session.resumed` says `more` until the client holds
 * everything. Transcripts travel as their latest page (`conversation.assigned`); earlier messages
 * are fetched page by page with `history.fetch`.
 */
import * as v from "valibot";
import { AttachmentMetaSchema } from "../schemas/attachment-meta";
import { issuesToFieldErrors } from "../schemas/issues";

/** Largest accepted frame in bytes (UTF-8); larger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 16 * 1024;
/**
 * Longest message text, in UTF-16 code units (what `String.length` and a textarea's `maxlength`
 * count: an emoji is 2 or more), so 4000 of them are at most 12 KB of UTF-8 and fit a frame.
 */
export const MAX_TEXT_CHARS = 4000;
/** Per-socket flood limit: at most this many frames per `RATE_WINDOW_MS`; more closes with 1008. */
export const RATE_LIMIT_FRAMES = 40;
export const RATE_WINDOW_MS = 2000;
/** Heartbeat: the client sends this exact text; the runtime answers `HEARTBEAT_REPLY` without waking the object. */
export const HEARTBEAT_REQUEST = "ping";
export const HEARTBEAT_REPLY = "pong";
/**
 * Paging: a resume replay, a transcript snapshot and a history page carry at most this many
 * messages, and at most `PAGE_MAX_BYTES` of serialized messages (at least one message), so no
 * burst or frame grows with the length of a conversation.
 */
export const REPLAY_PAGE_SIZE = 200;
export const PAGE_MAX_BYTES = 256 * 1024;
/**
 * Outbound budget, in UTF-8 bytes of the frames sent (`docs/protocol.md`):
 *
 * - Pulls (`PULL_COMMANDS`: pages and snapshots the client asks for) draw on two buckets: the
 *   socket's (`PULL_BURST_BYTES`, refilled at `PULL_RATE_BYTES_PER_S`) and the queue object's,
 *   shared by all its sockets (`OBJECT_PULL_BURST_BYTES`, `OBJECT_PULL_RATE_BYTES_PER_S`), which
 *   spreads many clients' bulk data out so live messages never wait behind a pile of pages. A pull
 *   is answered while both are above zero (an answer may overdraw them by one page); otherwise it
 *   gets `error` `rate_limited` with `retryAfterMs` (until the empty bucket is above zero again)
 *   and nothing else. A pull sent before that time is refused too; the `EARLY_PULLS_MAX + 1`-th
 *   such early pull within `OUTBOUND_WINDOW_MS` closes with 4008 (the client ignores the server).
 * - More than `OUTBOUND_MAX_BYTES` of frames of any kind to one socket within one fixed window of
 *   `OUTBOUND_WINDOW_MS` closes it with 4008.
 * - More than `UNSENT_MAX_BYTES` sent to a socket but not yet taken by the peer (the runtime's
 *   `bufferedAmount`, where it reports one), still so `UNSENT_GRACE_MS` after it was first seen,
 *   closes it with 4008: the peer is not reading (a reading one catches up on a burst by then).
 */
export const PULL_BURST_BYTES = 512 * 1024;
export const PULL_RATE_BYTES_PER_S = 256 * 1024;
export const OBJECT_PULL_BURST_BYTES = 512 * 1024;
export const OBJECT_PULL_RATE_BYTES_PER_S = 2 * 1024 * 1024;
export const EARLY_PULLS_MAX = 8;
export const OUTBOUND_WINDOW_MS = 10_000;
export const OUTBOUND_MAX_BYTES = 32 * 1024 * 1024;
export const UNSENT_MAX_BYTES = 2 * 1024 * 1024;
export const UNSENT_GRACE_MS = 5000;
/** Commands whose answer is bulk data the client asked for (a page, a replay, a transcript snapshot). */
export const PULL_COMMANDS: ReadonlySet<string> = new Set([
  "session.resume",
  "history.fetch",
  "conversation.watch",
  "conversation.intercept",
]);

export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
  /** The ticket was invalid, expired or already used. */
  badTicket: 4001,
  /** Another connection of the same agent or customer took over this one. */
  replaced: 4002,
  /** The conversation ended and nothing more can happen on this socket. */
  conversationClosed: 4003,
  /** The customer's conversation moved to another skill queue: reconnect with `next.url`. */
  moved: 4004,
  /**
   * The employee's access to this queue was withdrawn while connected (agent configuration deleted
   * or changed, role changed, password changed, employee deleted): do not reconnect on your own.
   */
  revoked: 4005,
  /** Over the socket's outbound budget: it asked for too much data or is not reading what it is sent. */
  outboundBudget: 4008,
} as const;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(80));
const clientMsgId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const seq = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = v.pipe(v.string(), v.trim(), v.minLength(1, "text is empty"), v.maxLength(MAX_TEXT_CHARS));
/** The text that goes with a file: may be empty. */
const caption = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(MAX_TEXT_CHARS)), "");
const noAttachment = v.optional(v.undefined());

/**
 * `message.send`: a text, or a file uploaded to the conversation (`attachmentId`, see
 * `worker/api/attachments.ts`) with an optional caption. `extra` adds the agent's `conversationId`.
 * Marked free of side effects so the widget's bundle drops the command schemas it never uses.
 */
/*#__NO_SIDE_EFFECTS__*/
function messageSend<E extends v.ObjectEntries>(extra: E) {
  return v.variant("attachmentId", [
    v.strictObject({
      type: v.literal("message.send"),
      ...extra,
      clientMsgId,
      text,
      attachmentId: noAttachment,
    }),
    v.strictObject({
      type: v.literal("message.send"),
      ...extra,
      clientMsgId,
      text: caption,
      attachmentId: id,
    }),
  ]);
}

export const SENDERS = ["customer", "agent", "robot", "system", "checker"] as const;
export type Sender = (typeof SENDERS)[number];

export const CONVERSATION_STATES = ["bot", "queued", "connected", "ended"] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** Why a conversation ended (also the `outcome` column of the archive). */
export const END_REASONS = [
  "customerLeft",
  "agentEnded",
  "noReply",
  "maxDuration",
  "timeout",
  "busy",
  "noAgent",
  "nonWorkingTime",
  "robotTimeout",
  "transferred",
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const AGENT_STATUSES = ["idle", "busy", "rest", "arranging"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/* ───────────── client → server ───────────── */

export const ResumeEntrySchema = v.strictObject({ conversationId: id, lastSeq: seq });

export const CustomerCommandSchema = v.variant("type", [
  /** First frame after (re)connecting: replay everything after `lastSeq`. */
  v.strictObject({ type: v.literal("session.resume"), lastSeq: v.optional(seq, 0) }),
  messageSend({}),
  /** The page of messages just before `beforeSeq` of the customer's own conversation. */
  v.strictObject({ type: v.literal("history.fetch"), conversationId: id, beforeSeq: seq }),
  /** The Transfer to Agent button. */
  v.strictObject({ type: v.literal("agent.request") }),
  v.strictObject({ type: v.literal("typing.set"), isTyping: v.boolean() }),
  v.strictObject({ type: v.literal("read.mark"), seq }),
  v.strictObject({
    type: v.literal("evaluation.submit"),
    rating: v.pipe(v.number(), v.integer(), v.minValue(1, "rating is 1–5"), v.maxValue(5, "rating is 1–5")),
    comment: v.optional(v.pipe(v.string(), v.maxLength(512, "comment is at most 512 characters")), ""),
    /** An earlier conversation of this customer in this queue (ended within 24 h); the current one when omitted. */
    conversationId: v.optional(id),
  }),
  v.strictObject({ type: v.literal("conversation.leave") }),
]);
export type CustomerCommand = v.InferOutput<typeof CustomerCommandSchema>;

export const AgentCommandSchema = v.variant("type", [
  v.strictObject({
    type: v.literal("session.resume"),
    conversations: v.pipe(v.array(ResumeEntrySchema), v.maxLength(100)),
  }),
  /** Agents choose idle or rest; busy is set by a quality checker, arranging by the system. */
  v.strictObject({ type: v.literal("status.set"), status: v.picklist(["idle", "rest"]) }),
  v.strictObject({ type: v.literal("agent.signOut") }),
  messageSend({ conversationId: id }),
  /** The page just before `beforeSeq`: the agent of the conversation or any checker of the queue. */
  v.strictObject({ type: v.literal("history.fetch"), conversationId: id, beforeSeq: seq }),
  v.strictObject({ type: v.literal("typing.set"), conversationId: id, isTyping: v.boolean() }),
  v.strictObject({ type: v.literal("read.mark"), conversationId: id, seq }),
  v.strictObject({ type: v.literal("conversation.end"), conversationId: id }),
  v.strictObject({ type: v.literal("conversation.transfer"), conversationId: id, skillQueueId: id }),
  /* quality checker only */
  v.strictObject({ type: v.literal("conversation.watch"), conversationId: id }),
  v.strictObject({ type: v.literal("conversation.unwatch"), conversationId: id }),
  v.strictObject({ type: v.literal("checker.insert"), conversationId: id, clientMsgId, text }),
  v.strictObject({ type: v.literal("conversation.intercept"), conversationId: id }),
  v.strictObject({ type: v.literal("agent.forceBusy"), employeeId: id }),
]);
export type AgentCommand = v.InferOutput<typeof AgentCommandSchema>;

/* ───────────── server → client ───────────── */

export const ChatMessageSchema = v.object({
  conversationId: v.string(),
  seq: v.number(),
  sender: v.picklist(SENDERS),
  senderName: v.nullable(v.string()),
  /** Empty when the message is only a file. */
  text: v.string(),
  clientMsgId: v.nullable(v.string()),
  at: v.number(),
  /** A file sent with the message: fetch it from the attachment URL (`docs/protocol.md`). */
  attachment: v.optional(AttachmentMetaSchema),
});
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

export const ConversationSummarySchema = v.object({
  conversationId: v.string(),
  skillQueueId: v.string(),
  customerId: v.string(),
  customerName: v.nullable(v.string()),
  /** True when the name comes from a verified identity token, false when the customer typed it. */
  customerNameVerified: v.boolean(),
  state: v.picklist(CONVERSATION_STATES),
  agentEmployeeId: v.nullable(v.string()),
  agentName: v.nullable(v.string()),
  startedAt: v.number(),
  queuedAt: v.nullable(v.number()),
  connectedAt: v.nullable(v.number()),
  lastSeq: v.number(),
  evaluation: v.nullable(v.object({ rating: v.number(), comment: v.string() })),
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const AgentPresenceSchema = v.object({
  employeeId: v.string(),
  name: v.string(),
  status: v.picklist(AGENT_STATUSES),
  activeChats: v.number(),
  maxConcurrentChats: v.number(),
  wrapUpUntil: v.nullable(v.number()),
});
export type AgentPresence = v.InferOutput<typeof AgentPresenceSchema>;

/**
 * Events a customer's socket receives (the widget validates against this union only, so
 * staff-only events never add to `widget.js`).
 */
export const CustomerEventSchema = v.variant("type", [
  /** First frame on every connection. */
  v.object({
    type: v.literal("session.welcome"),
    role: v.picklist(["customer", "agent", "qualityChecker"]),
    skillQueueId: v.string(),
    /** Customer: their conversation. Agent: their live conversations. */
    conversations: v.array(ConversationSummarySchema),
    /** Agent only: their presence. */
    agent: v.nullable(AgentPresenceSchema),
    serverTime: v.number(),
    /**
     * Customer only, when the channel allows files: the token for uploading to and downloading
     * from this conversation (valid until `expiresAt`; every connection brings a fresh one) and
     * the channel's limits.
     */
    attachments: v.optional(
      v.object({
        token: v.string(),
        expiresAt: v.number(),
        maxBytes: v.number(),
        allowedTypes: v.array(v.string()),
      }),
    ),
  }),
  v.object({ type: v.literal("message"), message: ChatMessageSchema }),
  v.object({
    type: v.literal("message.acked"),
    conversationId: v.string(),
    clientMsgId: v.string(),
    seq: v.number(),
  }),
  /**
   * Sent after each replayed page: the client now holds everything up to `lastSeq`. With `more`
   * the gap is not closed yet: send `session.resume` again from this `lastSeq`.
   */
  v.object({
    type: v.literal("session.resumed"),
    conversationId: v.string(),
    lastSeq: v.number(),
    replayed: v.number(),
    more: v.optional(v.boolean(), false),
  }),
  v.object({
    type: v.literal("conversation.updated"),
    conversation: ConversationSummarySchema,
    reason: v.nullable(v.picklist(END_REASONS)),
  }),
  v.object({
    type: v.literal("queue.position"),
    conversationId: v.string(),
    position: v.number(),
    estimatedWaitSeconds: v.number(),
    /** The channel's queue reminder content, filled in, when this is a periodic reminder. */
    reminder: v.nullable(v.string()),
  }),
  v.object({
    type: v.literal("typing"),
    conversationId: v.string(),
    from: v.picklist(SENDERS),
    isTyping: v.boolean(),
  }),
  v.object({ type: v.literal("read"), conversationId: v.string(), by: v.picklist(SENDERS), seq: v.number() }),
  v.object({
    type: v.literal("evaluation.recorded"),
    conversationId: v.string(),
    rating: v.number(),
    comment: v.string(),
  }),
  /** The answer to `history.fetch`: messages just before `beforeSeq`, oldest first. */
  v.object({
    type: v.literal("history.page"),
    conversationId: v.string(),
    messages: v.array(ChatMessageSchema),
    hasEarlier: v.boolean(),
  }),
  /** Customer: the conversation moved to another queue; reconnect there (same conversation id). */
  v.object({ type: v.literal("session.moved"), skillQueueId: v.string(), url: v.string() }),
  v.object({
    type: v.literal("error"),
    code: v.picklist([
      "invalid_frame",
      "not_allowed",
      "not_found",
      "conflict",
      "rate_limited",
      "unavailable",
      "internal",
    ]),
    message: v.string(),
    /** The offending frame's type or clientMsgId, when known. */
    ref: v.nullable(v.string()),
    /** Field-level issues for `invalid_frame`. */
    issues: v.optional(v.record(v.string(), v.array(v.string()))),
    /** `rate_limited`: send the refused request again after this many milliseconds. */
    retryAfterMs: v.optional(v.number()),
  }),
]);
export type CustomerEvent = v.InferOutput<typeof CustomerEventSchema>;

/** Events only staff sockets receive (agents and quality checkers), besides the customer events. */
export const StaffOnlyEventSchema = v.variant("type", [
  /**
   * Agent: a conversation was assigned to them; checker: watched or intercepted. Carries the latest
   * page of the transcript (from `firstSeq`); `hasEarlier` says `history.fetch` has more before it.
   */
  v.object({
    type: v.literal("conversation.assigned"),
    conversation: ConversationSummarySchema,
    messages: v.array(ChatMessageSchema),
    firstSeq: v.optional(v.number(), 0),
    hasEarlier: v.optional(v.boolean(), false),
  }),
  /** Agent or checker: a conversation left their view (ended, transferred, intercepted). */
  v.object({ type: v.literal("conversation.removed"), conversationId: v.string(), reason: v.string() }),
  v.object({ type: v.literal("agent.updated"), agent: AgentPresenceSchema }),
  /** Quality checker: the queue's live conversations and agents, on watch start and on change. */
  v.object({
    type: v.literal("queue.snapshot"),
    conversations: v.array(ConversationSummarySchema),
    agents: v.array(AgentPresenceSchema),
    waiting: v.number(),
  }),
]);

/** Every event the server sends: what customers receive and what only staff receive. */
export const ServerEventSchema = v.variant("type", [CustomerEventSchema, StaffOnlyEventSchema]);
export type ServerEvent = v.InferOutput<typeof ServerEventSchema>;
export type ErrorCode = Extract<ServerEvent, { type: "error" }>["code"];

export type Decoded<T> =
  | { ok: true; command: T }
  | { ok: false; error: Extract<ServerEvent, { type: "error" }> };

/** Parses one text frame into a typed command or a typed `error` event. Never throws. */
export function decodeFrame<S extends typeof CustomerCommandSchema | typeof AgentCommandSchema>(
  schema: S,
  raw: string | ArrayBuffer,
): Decoded<v.InferOutput<S>> {
  const fail = (message: string, ref: string | null = null, issues?: Record<string, string[]>) => ({
    ok: false as const,
    error: {
      type: "error" as const,
      code: "invalid_frame" as const,
      message,
      ref,
      ...(issues ? { issues } : {}),
    },
  });
  if (typeof raw !== "string") return fail("Binary frames are not supported; send JSON text");
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail("The frame is not valid JSON");
  }
  const type =
    typeof data === "object" && data !== null && "type" in data ? String(data.type).slice(0, 40) : null;
  const parsed = v.safeParse(schema, data);
  if (parsed.success) return { ok: true, command: parsed.output };
  const issues = issuesToFieldErrors(parsed.issues, "frame");
  return fail(type ? `Invalid ${type} frame` : "The frame has no known type", type, issues);
}
