/** Conversation history: ended conversations archived to D1, with transcript and evaluation. */
import * as v from "valibot";
import { idSchema, limitSchema } from "./common";
import { EmployeeIdSchema } from "./employees";

const epochMs = (field: string) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,15}$/, `${field} must be a time in milliseconds since the Unix epoch`),
    v.transform(Number),
  );

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
    cursor: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,15}:[\w-]{1,64}$/, "cursor must be a nextCursor value")),
    ),
  }),
  v.forward(
    v.check((q) => ordered(q), TO_AFTER_FROM),
    ["to"],
  ),
);
export type ConversationQuery = v.InferOutput<typeof ConversationQuerySchema>;

export const OUTCOMES = [
  "ended",
  "released",
  "timeout",
  "busy",
  "noAgent",
  "nonWorkingTime",
  "noReply",
  "maxDuration",
  "robot",
] as const;

export const EvaluationSchema = v.object({ rating: v.nullable(v.number()), comment: v.nullable(v.string()) });

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
  /** How it ended: one of OUTCOMES. */
  outcome: v.string(),
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
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const TranscriptLineSchema = v.object({
  seq: v.number(),
  sender: v.picklist(["customer", "agent", "robot", "system", "checker"]),
  senderName: v.nullable(v.string()),
  text: v.string(),
  createdAt: v.number(),
});

export const ConversationSchema = v.object({
  ...ConversationSummarySchema.entries,
  /** Every message in seq order. */
  transcript: v.array(TranscriptLineSchema),
});
export type Conversation = v.InferOutput<typeof ConversationSchema>;
