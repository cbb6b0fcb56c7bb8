/** Request and response shapes of the realtime ticket and live-stats endpoints (shared with the UI). */
import * as v from "valibot";
import { HAND_OVER_REFUSALS } from "../../durable-objects/skill-queue/rules/hand-over";
import { PRE_CHAT_KINDS } from "../rules/pre-chat";
import { idSchema } from "./common";
import { MAX_KEY_CHARS, MAX_PRE_CHAT_FIELDS } from "./pre-chat";

/** Anonymous visitor ids are chosen by the widget: at least 16 URL-safe characters. */
export const visitorIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{16,64}$/, "visitorId must be 16–64 URL-safe characters (A–Z, a–z, 0–9, _ or -)"),
);

export const ChatTicketInputSchema = v.strictObject({
  channelId: idSchema,
  identityToken: v.optional(v.pipe(v.string(), v.maxLength(4096, "identityToken is too long"))),
  visitorId: v.optional(visitorIdSchema),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, "name must be at most 100 characters"))),
  /** The pre-chat form's values by field key (see the channel's preChatForm); checked against the form. */
  preChat: v.optional(
    v.pipe(
      v.record(
        v.pipe(
          v.string(),
          v.maxLength(MAX_KEY_CHARS, `A pre-chat key has at most ${MAX_KEY_CHARS} characters`),
        ),
        v.pipe(
          v.string("Each pre-chat value must be text"),
          v.maxLength(1000, "A pre-chat value must be at most 1000 characters"),
        ),
        "preChat must be an object of texts by field key",
      ),
      v.maxEntries(MAX_PRE_CHAT_FIELDS * 2, `preChat has at most ${MAX_PRE_CHAT_FIELDS * 2} entries`),
    ),
  ),
});
export type ChatTicketInput = v.InferOutput<typeof ChatTicketInputSchema>;

export const ChatTicketSchema = v.object({
  ticket: v.string(),
  url: v.string(),
  customerId: v.string(),
  /** Present when the server chose a new anonymous visitor id: keep it to continue the chat later. */
  visitorId: v.optional(v.string()),
  skillQueueId: v.string(),
  expiresInSeconds: v.number(),
});

/** The answer without a ticket when the channel's pre-chat form must be filled first. */
export const PreChatFormToFillSchema = v.object({
  preChatForm: v.object({
    fields: v.array(
      v.object({
        key: v.string(),
        kind: v.picklist(PRE_CHAT_KINDS),
        label: v.string(),
        required: v.boolean(),
        options: v.array(v.string()),
      }),
    ),
    /** Values of the name, email and phone fields that the identity token's claims fill: shown read-only. */
    locked: v.record(v.string(), v.string()),
  }),
});

export const AgentTicketInputSchema = v.strictObject({ skillQueueId: idSchema });

export const AgentTicketSchema = v.object({
  ticket: v.string(),
  url: v.string(),
  role: v.picklist(["agent", "qualityChecker"]),
  expiresInSeconds: v.number(),
});

export const LiveStatsSchema = v.object({
  signedIn: v.number(),
  idle: v.number(),
  busy: v.number(),
  arranging: v.number(),
  waiting: v.number(),
  longestWaitSeconds: v.number(),
  deviceUsage: v.number(),
});
export type LiveStats = v.InferOutput<typeof LiveStatsSchema>;

/** A skill queue an agent may hand a conversation over to, with its availability now. */
export const TransferTargetSchema = v.object({
  id: v.string(),
  name: v.string(),
  /** Signed-in agents (including those within the reconnect grace). */
  signedIn: v.number(),
  /** Agents idle with a free chat slot. */
  idle: v.number(),
  waiting: v.number(),
  /** Whether the queue takes a hand-over now (`refusal` says why not). */
  accepts: v.boolean(),
  refusal: v.nullable(v.picklist(HAND_OVER_REFUSALS)),
  /** What the agent is told when the queue refuses. */
  message: v.nullable(v.string()),
});
export type TransferTarget = v.InferOutput<typeof TransferTargetSchema>;
export const TransferTargetListSchema = v.object({ items: v.array(TransferTargetSchema) });
