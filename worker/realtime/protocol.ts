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
import { PreChatValueSchema } from "../schemas/pre-chat";

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
/** Left messages listed in one `leftMessages.updated` (the oldest first). */
export const LEFT_MESSAGES_PAGE = 100;
/** Longest private note in characters. */
export const MAX_NOTE_CHARS = 2000;
/** Most notes one conversation holds (so `conversation.assigned` stays bounded: ≤ 40 × 2000 characters). */
export const MAX_NOTES = 40;
/** Most tags one conversation carries. */
export const MAX_TAGS = 10;

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
  /** Nothing to continue: a `resumeOnly` customer socket found no conversation (do not reconnect). */
  conversationClosed: 4003,
  /** The customer's conversation moved to another skill queue: reconnect with `next.url`. */
  moved: 4004,
  /**
   * The employee's access to this queue was withdrawn while connected (agent configuration deleted
   * or changed, role changed, password changed, employee deleted): do not reconnect on your own.
   */
  revoked: 4005,
  /** The customer's data was erased (a data-protection request): the conversation is gone; do not reconnect. */
  erased: 4009,
  /** The skill queue was deleted: its conversations ended; do not reconnect. */
  queueDeleted: 4010,
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

/** `pending`: a left message waiting for an agent to pick it up (see docs/realtime.md "Left messages"). */
export const CONVERSATION_STATES = ["bot", "queued", "connected", "pending", "ended"] as const;
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
  /** A left message nobody picked up within the channel's `leaveMessage.pendingDays`. */
  "expired",
  /** The skill queue was deleted while the conversation was live. */
  "queueDeleted",
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** Whether the customer gives contact details with a left message (channel setting). */
export const CONTACT_MODES = ["off", "optional", "required"] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/**
 * Stable codes of system messages, so each client words them in its own language; `text` stays
 * the English fallback (and what is archived). A message whose code a client does not know shows
 * its text. Channel-configured texts (non-working notice, conclusion) carry no code.
 */
export const NOTICE_CODES = [
  "connectedTo",
  "tookOver",
  "agentLeft",
  "timeout",
  "busy",
  "noAgent",
  "nonWorkingTime",
  "maxDuration",
  "expired",
  "queueDeleted",
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];
export const NoticeSchema = v.object({
  code: v.string(),
  params: v.optional(v.record(v.string(), v.string()), {}),
});
export type Notice = { code: NoticeCode; params: Record<string, string> };

/** Why an offer to a callout agent is over: answered, rejected, not answered in time, or gone (the customer left, the agent signed out, …). */
export const OFFER_END_REASONS = ["accepted", "rejected", "timeout", "withdrawn"] as const;
export type OfferEndReason = (typeof OFFER_END_REASONS)[number];

export const AGENT_STATUSES = ["idle", "busy", "rest", "arranging"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/* ───────────── calls (click to dial) ───────────── */

/** What a click-to-dial call carries. */
export const CALL_MEDIA = ["voice", "video"] as const;
export type CallMedia = (typeof CALL_MEDIA)[number];
/** `ringing` an agent, `queued` in the click-to-dial queue, `connected`, `ended`. */
export const CALL_STATES = ["ringing", "queued", "connected", "ended"] as const;
export type CallState = (typeof CALL_STATES)[number];
/** Why a call ended (also the `outcome` of the archived call). */
export const CALL_END_REASONS = [
  /** Hung up by `endedBy` once connected. */
  "hangup",
  /** The agent the customer chats with declined it. */
  "declined",
  /** The customer hung up before it was answered. */
  "cancelled",
  /** The click-to-dial queue's max waiting time, busy/overflow and no-agent handling. */
  "timeout",
  "busy",
  "noAgent",
  /** The click-to-dial queue's max call duration. */
  "maxDuration",
  /** A party's signalling socket closed (the peer connection cannot outlive it). */
  "connectionLost",
  /** The text chat the call belongs to ended. */
  "chatEnded",
] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];
/** Longest accepted SDP (an audio and video offer is 3–8 KB); the 16 KB frame limit holds too. */
export const MAX_SDP_CHARS = 15_000;
export const MAX_CANDIDATE_CHARS = 1_000;
/** Longest page address or referrer a customer's page report may carry, in UTF-8 bytes. */
export const MAX_PAGE_URL_BYTES = 2048;
/** Longest page title a page report may carry, in characters. */
export const MAX_PAGE_TITLE_CHARS = 200;

/** An absolute http(s) address of at most `MAX_PAGE_URL_BYTES` bytes. */
const pageUrl = v.pipe(
  v.string(),
  v.maxBytes(MAX_PAGE_URL_BYTES, `at most ${MAX_PAGE_URL_BYTES} bytes`),
  v.regex(/^https?:\/\/[^\s]+$/i, "an http or https address"),
  v.url("an http or https address"),
);

/* ───────────── client → server ───────────── */

export const ResumeEntrySchema = v.strictObject({
  conversationId: id,
  lastSeq: seq,
  /** Staff: also replay the notes after this note seq, and the conversation's tags. */
  lastNoteSeq: v.optional(seq),
});

const sdp = v.pipe(v.string(), v.minLength(1, "sdp is empty"), v.maxLength(MAX_SDP_CHARS));
const nullableText = (max: number) => v.optional(v.nullable(v.pipe(v.string(), v.maxLength(max))), null);

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it. */
export const IceCandidateSchema = v.strictObject({
  candidate: v.pipe(v.string(), v.maxLength(MAX_CANDIDATE_CHARS)),
  sdpMid: nullableText(64),
  sdpMLineIndex: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(64))), null),
  usernameFragment: nullableText(256),
});

/** WebRTC signalling between the two parties of a connected call, relayed as is by the server. */
export const CallSignalSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("offer"), sdp }),
  v.strictObject({ kind: v.literal("answer"), sdp }),
  v.strictObject({ kind: v.literal("ice"), candidate: IceCandidateSchema }),
  /** What the sender sends now (microphone, camera), for the other side's display. */
  v.strictObject({ kind: v.literal("media"), audio: v.boolean(), video: v.boolean() }),
]);
export type CallSignal = v.InferOutput<typeof CallSignalSchema>;

const callSignal = v.strictObject({ type: v.literal("call.signal"), callId: id, signal: CallSignalSchema });
const callHangup = v.strictObject({ type: v.literal("call.hangup"), callId: id });

/** A customer's call socket (`/ws/call`): signalling and hanging up of the one call it was opened for. */
export const CallerCommandSchema = v.variant("type", [callSignal, callHangup]);
export type CallerCommand = v.InferOutput<typeof CallerCommandSchema>;

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
  /**
   * Leave a message for an agent after the wait ended (released, or outside work time): `text` is
   * added to the transcript (deduplicated by `clientMsgId`), `contact` an email address or phone
   * number as the channel's `leaveMessage.contact` asks. Answered with `message.left`.
   */
  v.strictObject({
    type: v.literal("message.leave"),
    clientMsgId,
    text: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(MAX_TEXT_CHARS)), ""),
    contact: v.optional(
      v.pipe(v.string(), v.trim(), v.maxLength(120, "contact is at most 120 characters")),
      "",
    ),
  }),
  /** Click to dial: a voice or video call to the agent of the chat (answered with `call.placed`). */
  v.strictObject({ type: v.literal("call.start"), media: v.picklist(CALL_MEDIA) }),
  /**
   * The page the customer is on (sent on connect and when it changes): shown to the agent only.
   * `referrer` is empty when the page has none.
   */
  v.strictObject({
    type: v.literal("page.viewed"),
    url: pageUrl,
    title: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(MAX_PAGE_TITLE_CHARS, `title is at most ${MAX_PAGE_TITLE_CHARS} characters`),
      ),
      "",
    ),
    referrer: v.optional(v.union([v.literal(""), pageUrl]), ""),
  }),
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
  /** Agent: take a left message of the queue's Messages inbox (the first agent wins). */
  v.strictObject({ type: v.literal("leftMessage.pickUp"), conversationId: id }),
  /* calls, on a click-to-dial queue's socket */
  v.strictObject({ type: v.literal("call.accept"), callId: id }),
  v.strictObject({ type: v.literal("call.decline"), callId: id }),
  callSignal,
  callHangup,
  /* private notes and tags (the conversation's agent, or a checker watching it) */
  v.strictObject({
    type: v.literal("note.add"),
    conversationId: id,
    clientMsgId,
    text: v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, "text is empty"),
      v.maxLength(MAX_NOTE_CHARS, `a note is at most ${MAX_NOTE_CHARS} characters`),
    ),
  }),
  v.strictObject({
    type: v.literal("tags.set"),
    conversationId: id,
    tagIds: v.pipe(
      v.array(id),
      v.maxLength(MAX_TAGS, `a conversation has at most ${MAX_TAGS} tags`),
      v.checkItems((tag, i, all) => all.indexOf(tag) === i, "each tag may appear once"),
    ),
  }),
  /** Ends a forced busy: the agent is idle again (only a quality checker may do this). */
  v.strictObject({ type: v.literal("agent.release"), employeeId: id }),
  /* callout agent: answer or reject a chat offered to them (`conversation.offered`) */
  v.strictObject({ type: v.literal("offer.accept"), conversationId: id }),
  v.strictObject({ type: v.literal("offer.reject"), conversationId: id }),
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
  /** A system message's stable code and parameters (absent on others and on tenant-written texts). */
  notice: v.optional(v.nullable(NoticeSchema)),
  /** A file sent with the message: fetch it from the attachment URL (`docs/protocol.md`). */
  attachment: v.optional(AttachmentMetaSchema),
});
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

/** A private note: staff only, numbered per conversation apart from the messages (`seq`). */
export const NoteSchema = v.object({
  conversationId: v.string(),
  seq: v.number(),
  authorEmployeeId: v.string(),
  authorName: v.string(),
  text: v.string(),
  clientMsgId: v.string(),
  at: v.number(),
});
export type Note = v.InferOutput<typeof NoteSchema>;

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
  /**
   * Set while the customer may leave (or complete) a message: the conversation is `pending`, or
   * its wait was released and the channel offers left messages. `contact`: the channel's setting;
   * `left`: the customer confirmed it with `message.leave`.
   */
  leaveMessage: v.optional(
    v.nullable(v.object({ contact: v.picklist(CONTACT_MODES), left: v.boolean() })),
    null,
  ),
  /** The contact details the customer left with a message. */
  contact: v.optional(v.nullable(v.string()), null),
  /** What the customer filled in the channel's pre-chat form, in the form's order ([] without a form). */
  preChat: v.optional(v.array(PreChatValueSchema), []),
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const AgentPresenceSchema = v.object({
  employeeId: v.string(),
  name: v.string(),
  status: v.picklist(AGENT_STATUSES),
  activeChats: v.number(),
  maxConcurrentChats: v.number(),
  wrapUpUntil: v.nullable(v.number()),
  /** Who (a quality checker's name) set the agent busy; only they or another checker release it. */
  forcedBy: v.optional(v.nullable(v.string())),
});
export type AgentPresence = v.InferOutput<typeof AgentPresenceSchema>;

/**
 * What staff see of a customer's browser: the page they are on (from their page reports), the
 * browser (user agent) and language (first `Accept-Language` tag) their chat connected with.
 */
export const CustomerContextSchema = v.object({
  pageUrl: v.nullable(v.string()),
  pageTitle: v.nullable(v.string()),
  referrer: v.nullable(v.string()),
  /** When the customer's page last changed (the latest page report). */
  pageAt: v.nullable(v.number()),
  userAgent: v.nullable(v.string()),
  locale: v.nullable(v.string()),
});
export type CustomerContext = v.InferOutput<typeof CustomerContextSchema>;

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
    /** Customer only: the calls the channel's click-to-dial offers (none: no call buttons). */
    calls: v.optional(v.array(v.picklist(CALL_MEDIA)), []),
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
  /** Customer: `message.leave` was recorded (the confirmation). */
  v.object({ type: v.literal("message.left"), conversationId: v.string(), clientMsgId: v.string() }),
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

/** A click-to-dial call as both parties (and the chat's staff) see it. */
export const CallSummarySchema = v.object({
  callId: v.string(),
  /** The text chat the call belongs to, and the skill queue that chat is in. */
  conversationId: v.string(),
  chatSkillQueueId: v.string(),
  /** The click-to-dial skill queue that owns the call. */
  skillQueueId: v.string(),
  media: v.picklist(CALL_MEDIA),
  state: v.picklist(CALL_STATES),
  customerId: v.string(),
  customerName: v.nullable(v.string()),
  customerNameVerified: v.boolean(),
  /** The agent it rings or who took it. */
  agentEmployeeId: v.nullable(v.string()),
  agentName: v.nullable(v.string()),
  /** The agent of the text chat (rung first when they can take it). */
  chatAgentEmployeeId: v.nullable(v.string()),
  chatAgentName: v.nullable(v.string()),
  placedAt: v.number(),
  connectedAt: v.nullable(v.number()),
  endedAt: v.nullable(v.number()),
  endReason: v.nullable(v.picklist(CALL_END_REASONS)),
  endedBy: v.nullable(v.picklist(["customer", "agent", "system"])),
});
export type CallSummary = v.InferOutput<typeof CallSummarySchema>;

/** An `RTCIceServer` (STUN, or TURN with short-lived credentials minted per call). */
export const IceServerSchema = v.object({
  urls: v.union([v.string(), v.array(v.string())]),
  username: v.optional(v.string()),
  credential: v.optional(v.string()),
});
export type IceServer = v.InferOutput<typeof IceServerSchema>;

/**
 * Call events: `call.placed` on the customer's chat socket, the rest on the customer's call socket
 * and on the agent's socket to the click-to-dial queue. Validated by the widget's call part (so
 * they never add to `widget.js`) and by the workbench.
 */
export const CallEventSchema = v.variant("type", [
  /** The answer to `call.start`: open `url` (a single-use ticket, valid 60 s) as the call socket. */
  v.object({
    type: v.literal("call.placed"),
    callId: v.string(),
    media: v.picklist(CALL_MEDIA),
    url: v.string(),
  }),
  /** First frame on a call socket. */
  v.object({ type: v.literal("call.welcome"), call: CallSummarySchema }),
  /** Agent: the call rings them; `context` is the latest page of the text chat (for an agent not in it). */
  v.object({
    type: v.literal("call.incoming"),
    call: CallSummarySchema,
    context: v.array(ChatMessageSchema),
  }),
  /**
   * Both parties: the call's state changed. With `connected` each party gets its own ICE servers
   * (empty when none are configured: host candidates only); then the customer sends the offer.
   */
  v.object({
    type: v.literal("call.updated"),
    call: CallSummarySchema,
    iceServers: v.optional(v.array(IceServerSchema), []),
  }),
  /** The other party's offer, answer, ICE candidate or media state. */
  v.object({
    type: v.literal("call.signalled"),
    callId: v.string(),
    from: v.picklist(["customer", "agent"]),
    signal: CallSignalSchema,
  }),
  /** Customer: the call moved to another click-to-dial queue (its handling); open `url` instead. */
  v.object({ type: v.literal("call.moved"), callId: v.string(), url: v.string() }),
]);
export type CallEvent = v.InferOutput<typeof CallEventSchema>;

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
    /** Every private note of the conversation (at most `MAX_NOTES`), oldest first. */
    notes: v.optional(v.array(NoteSchema), []),
    tagIds: v.optional(v.array(v.string()), []),
    /** The customer's browser and page, when known. */
    context: v.optional(v.nullable(CustomerContextSchema), null),
  }),
  /** The customer's page or browser changed (or, after connecting, what is known of them). */
  v.object({
    type: v.literal("customer.context"),
    conversationId: v.string(),
    context: CustomerContextSchema,
  }),
  /** Agent or checker: a conversation left their view (ended, transferred, intercepted). */
  v.object({ type: v.literal("conversation.removed"), conversationId: v.string(), reason: v.string() }),
  v.object({ type: v.literal("agent.updated"), agent: AgentPresenceSchema }),
  /** Quality checker: the queue's live conversations and agents, on watch start and on change. */
  /**
   * Agent: the queue's Messages inbox, the left messages nobody picked up yet, oldest first (at
   * most `LEFT_MESSAGES_PAGE`; `total` counts them all). Sent on connect and on every change.
   */
  v.object({
    type: v.literal("leftMessages.updated"),
    items: v.array(
      v.object({
        conversationId: v.string(),
        customerName: v.nullable(v.string()),
        customerNameVerified: v.boolean(),
        contact: v.nullable(v.string()),
        leftAt: v.number(),
        expiresAt: v.number(),
        preview: v.string(),
      }),
    ),
    total: v.number(),
  }),
  v.object({
    type: v.literal("queue.snapshot"),
    conversations: v.array(ConversationSummarySchema),
    agents: v.array(AgentPresenceSchema),
    waiting: v.number(),
  }),
  /** The chat's agent and watching checkers: the chat's call (state `ended` once it is over). */
  v.object({ type: v.literal("conversation.call"), conversationId: v.string(), call: CallSummarySchema }),
  /** A private note, to the conversation's agent and the checkers watching it; never to the customer. */
  v.object({ type: v.literal("note"), note: NoteSchema }),
  /** The author's note was stored as `seq` (a repeated clientMsgId is acknowledged with its original seq). */
  v.object({
    type: v.literal("note.acked"),
    conversationId: v.string(),
    clientMsgId: v.string(),
    seq: v.number(),
  }),
  /** The conversation's tags now (on change, and on a staff resume with `lastNoteSeq`). */
  v.object({
    type: v.literal("conversation.tagged"),
    conversationId: v.string(),
    tagIds: v.array(v.string()),
  }),
  /**
   * Callout agent: a waiting customer is offered to them; answer with `offer.accept` or
   * `offer.reject` before `expiresAt` (server time), else it counts as a rejection. `preview` is
   * the customer's latest message (at most 200 characters).
   */
  v.object({
    type: v.literal("conversation.offered"),
    conversation: ConversationSummarySchema,
    expiresAt: v.number(),
    preview: v.nullable(v.string()),
  }),
  /** Callout agent: the offer is over (`accepted`: `conversation.assigned` follows). */
  v.object({
    type: v.literal("offer.ended"),
    conversationId: v.string(),
    reason: v.picklist(OFFER_END_REASONS),
  }),
  /**
   * Agent: the robot assistant's suggested replies to the customer message `seq`, best first, each
   * with a confidence between 0 and 1.
   */
  v.object({
    type: v.literal("assistant.suggested"),
    conversationId: v.string(),
    seq: v.number(),
    suggestions: v.array(v.object({ reply: v.string(), confidence: v.number() })),
  }),
]);

/** Every event the server sends: what customers receive, what only staff receive and the call events. */
export const ServerEventSchema = v.variant("type", [
  CustomerEventSchema,
  StaffOnlyEventSchema,
  CallEventSchema,
]);
export type ServerEvent = v.InferOutput<typeof ServerEventSchema>;
export type ErrorCode = Extract<ServerEvent, { type: "error" }>["code"];

export type Decoded<T> =
  | { ok: true; command: T }
  | { ok: false; error: Extract<ServerEvent, { type: "error" }> };

/** Parses one text frame into a typed command or a typed `error` event. Never throws. */
export function decodeFrame<
  S extends typeof CustomerCommandSchema | typeof AgentCommandSchema | typeof CallerCommandSchema,
>(schema: S, raw: string | ArrayBuffer): Decoded<v.InferOutput<S>> {
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
