/** Conversation history: ended conversations archived to D1, with transcript and evaluation. */
import * as v from "valibot";
import { END_REASONS } from "../realtime/protocol";
import { AttachmentMetaSchema } from "./attachment-meta";
import { idSchema, limitSchema, timeCursorSchema } from "./common";
import { EmployeeIdSchema } from "./employees";
import { PreChatValueSchema } from "./pre-chat";

const epochMs = (field: string) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,15}$/, `${field} must be a time in milliseconds since the Unix epoch`),
    v.transform(Number),
  );

/** How a conversation ended (the protocol's end reasons), or `leftMessage`: left, waiting for an agent. */
export const OUTCOMES = [...END_REASONS, "leftMessage"] as const;
/** The filters of `GET /conversations` and of its export. */
const filterEntries = {
  skillQueueId: v.optional(idSchema),
  channelId: v.optional(idSchema),
  agentEmployeeId: v.optional(EmployeeIdSchema),
  from: v.optional(epochMs("from")),
  to: v.optional(epochMs("to")),
  /** Text in a message or in the customer's name, case-insensitive (ASCII letters). */
  q: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, "q must not be empty"),
      v.maxLength(100, "q must be at most 100 characters"),
    ),
  ),
  rating: v.optional(
    v.pipe(v.string(), v.regex(/^[1-5]$/, "rating must be a whole number from 1 to 5"), v.transform(Number)),
  ),
  /** `leftMessage`: left messages waiting for an agent; any other outcome: conversations that ended so. */
  outcome: v.optional(v.picklist(OUTCOMES, `outcome must be one of ${OUTCOMES.join(", ")}`)),
  /** `true`: only conversations that were left messages (waiting, answered or expired). */
  left: v.optional(v.picklist(["true", "false"], "left must be true or false")),
  /** Only conversations carrying this tag. */
  tagId: v.optional(idSchema),
  /** One customer's conversations (the widget's anonymous customer id or the identity token's `sub`). */
  customerId: v.optional(
    v.pipe(v.string(), v.minLength(1), v.maxLength(64, "customerId must be at most 64 characters")),
  ),
};
const TO_AFTER_FROM = "to must be after from";
const ordered = (q: { from?: number | undefined; to?: number | undefined }) =>
  q.from === undefined || q.to === undefined || q.from < q.to;

/** `GET /conversations/export` query: the filters and the format. */
export const ConversationExportQuerySchema = v.pipe(
  v.object({
    ...filterEntries,
    format: v.optional(v.picklist(["csv", "json"], "format must be csv or json"), "csv"),
  }),
  v.forward(
    v.check((q) => ordered(q), TO_AFTER_FROM),
    ["to"],
  ),
);
export type ConversationFilters = Omit<v.InferOutput<typeof ConversationExportQuerySchema>, "format">;

/** `GET /conversations` query: filters, a time window on endedAt ([from, to)) and the page. */
export const ConversationQuerySchema = v.pipe(
  v.object({
    ...filterEntries,
    limit: limitSchema,
    cursor: timeCursorSchema,
  }),
  v.forward(
    v.check((q) => ordered(q), TO_AFTER_FROM),
    ["to"],
  ),
);
export type ConversationQuery = v.InferOutput<typeof ConversationQuerySchema>;

export const EvaluationSchema = v.object({ rating: v.nullable(v.number()), comment: v.nullable(v.string()) });

/** A tag of a conversation, by id with its current name. */
export const TagRefSchema = v.object({ id: v.string(), name: v.string() });

export const ConversationSummarySchema = v.object({
  id: v.string(),
  channelId: v.string(),
  skillQueueId: v.nullable(v.string()),
  customerId: v.string(),
  customerName: v.nullable(v.string()),
  /** True when the name comes from a verified identity token, false when the customer typed it. */
  customerNameVerified: v.boolean(),
  agentEmployeeId: v.nullable(v.string()),
  agentName: v.nullable(v.string()),
  /** How it ended: one of OUTCOMES (`leftMessage`: left, waiting for an agent; endedAt is when it was left). */
  outcome: v.string(),
  /** When the customer left a message; null when the conversation never was one. */
  leftAt: v.nullable(v.number()),
  /** Contact details left with the message. */
  contact: v.nullable(v.string()),
  startedAt: v.number(),
  queuedAt: v.nullable(v.number()),
  connectedAt: v.nullable(v.number()),
  endedAt: v.number(),
  messageCount: v.number(),
  /** Report figures (see docs/reports.md); null when the conversation never reached that point. */
  waitMs: v.nullable(v.number()),
  answeredAt: v.nullable(v.number()),
  firstResponseMs: v.nullable(v.number()),
  handleMs: v.nullable(v.number()),
  /** How often it moved to another skill queue. */
  transfers: v.number(),
  /** Messages the chatbot sent. */
  robotTurns: v.number(),
  /** The customer's last evaluation, or null if none. */
  evaluation: v.nullable(EvaluationSchema),
  /** What the customer filled in the channel's pre-chat form, in the form's order ([] without a form). */
  preChat: v.array(PreChatValueSchema),
  /** Tags set by the agent during the chat or later in the console, by name. */
  tags: v.array(TagRefSchema),
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const TranscriptLineSchema = v.object({
  seq: v.number(),
  sender: v.picklist(["customer", "agent", "robot", "system", "checker"]),
  senderName: v.nullable(v.string()),
  /** Empty when the message is only a file. */
  text: v.string(),
  createdAt: v.number(),
  /** The message's file: download it from `/api/v1/conversations/{id}/attachments/{attachment.id}`. */
  attachment: v.optional(AttachmentMetaSchema),
});

/** A click-to-dial call of the conversation, as archived by the click-to-dial queue that owned it. */
export const ConversationCallSchema = v.object({
  id: v.string(),
  /** The click-to-dial skill queue. */
  skillQueueId: v.string(),
  media: v.picklist(["voice", "video"]),
  /** Who answered it (null when nobody did). */
  agentEmployeeId: v.nullable(v.string()),
  agentName: v.nullable(v.string()),
  /** hangup | declined | cancelled | timeout | busy | noAgent | maxDuration | connectionLost | chatEnded. */
  outcome: v.string(),
  endedBy: v.nullable(v.picklist(["customer", "agent", "system"])),
  placedAt: v.number(),
  connectedAt: v.nullable(v.number()),
  endedAt: v.number(),
  /** Talk time in whole seconds (0 when never answered). */
  durationSeconds: v.number(),
});
export type ConversationCall = v.InferOutput<typeof ConversationCallSchema>;
/** A private note of staff: never shown to the customer; `seq` numbers the notes of the conversation. */
export const NoteLineSchema = v.object({
  seq: v.number(),
  authorEmployeeId: v.string(),
  authorName: v.string(),
  text: v.string(),
  createdAt: v.number(),
});

export const ConversationSchema = v.object({
  ...ConversationSummarySchema.entries,
  /** Every message in seq order (what the customer saw). */
  transcript: v.array(TranscriptLineSchema),
  /** Its click-to-dial calls, oldest first (a call appears once it ended). */
  calls: v.array(ConversationCallSchema),
  /** Staff's private notes in their order; interleave with the transcript by `createdAt`. */
  notes: v.array(NoteLineSchema),
});
export type Conversation = v.InferOutput<typeof ConversationSchema>;

/** With a text (`q`): how far the page's scan of the transcripts got. */
export const SearchedSchema = v.object({
  /** Conversations of the selection scanned for this page. */
  scanned: v.number(),
  /** endedAt of the last conversation scanned (null when none was): the search covered everything newer. */
  through: v.nullable(v.number()),
});
export type Searched = v.InferOutput<typeof SearchedSchema>;

/** With `customerId`: how many of that customer's conversations the caller may see, and the first one's start. */
export const CustomerHistorySchema = v.object({
  conversationCount: v.number(),
  firstSeenAt: v.nullable(v.number()),
});
export type CustomerHistory = v.InferOutput<typeof CustomerHistorySchema>;
