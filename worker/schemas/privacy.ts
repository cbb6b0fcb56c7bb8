/**
 * A data-protection request about one customer (`/api/v1/privacy/…`): who, by one identifier, and
 * what the erasure removed. The identifier kinds:
 * - `customerId`: the id the history shows (`customerId` of a conversation);
 * - `visitorId`: an anonymous widget visitor's id (the customer id is derived from it per channel);
 * - `sub`: the `sub` claim of verified identity tokens (it is the customer id);
 * - `email`: an address the customer gave in a pre-chat form, with a left message or on a case.
 */
import * as v from "valibot";
import { visitorIdSchema } from "./realtime";

export const IDENTIFIER_KINDS = ["customerId", "visitorId", "sub", "email"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

const text = (field: string, max: number) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.trim(),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} must be at most ${max} characters`),
  );

const kindOf = <K extends IdentifierKind>(kind: K) =>
  v.literal(kind, "kind must be customerId, visitorId, sub or email");

export const PrivacyRequestSchema = v.variant(
  "kind",
  [
    v.strictObject({ kind: kindOf("customerId"), value: text("value (a customer id)", 64) }),
    v.strictObject({ kind: kindOf("visitorId"), value: visitorIdSchema }),
    v.strictObject({ kind: kindOf("sub"), value: text("value (an identity token's sub)", 32) }),
    v.strictObject({
      kind: kindOf("email"),
      value: v.pipe(
        text("value (an email address)", 254),
        v.email("value must be an email address such as ada@example.com"),
        v.toLowerCase(),
      ),
    }),
  ],
  "kind must be customerId, visitorId, sub or email",
);
export type PrivacyRequest = v.InferOutput<typeof PrivacyRequestSchema>;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What exists about the customer (`lookup`), or what an erasure removed (`erase`). */
export const PrivacyCountsSchema = v.object({
  /** Archived conversations (each with its messages, notes, tags, calls and files). */
  conversations: count,
  messages: count,
  notes: count,
  tags: count,
  calls: count,
  /** Files in the conversations (R2 objects). */
  attachments: count,
  cases: count,
  /** Archived conversations in which the customer left a message. */
  leftMessages: count,
  /** Conversations still held by a skill queue (live, or ended and not yet dropped there). */
  liveConversations: count,
  /** Unused chat tickets issued to the customer. */
  chatTickets: count,
});
export type PrivacyCounts = v.InferOutput<typeof PrivacyCountsSchema>;

export const PrivacyAnswerSchema = v.object({
  kind: v.picklist(IDENTIFIER_KINDS),
  /** The customer ids the identifier resolved to. */
  customerIds: v.array(v.string()),
  counts: PrivacyCountsSchema,
});
export type PrivacyAnswer = v.InferOutput<typeof PrivacyAnswerSchema>;
