/**
 * A data-protection request about one customer (`/api/v1/privacy/…`): who, by one identifier, and
 * what the erasure removed. The identifier kinds:
 * - `customerId`: the id the history shows (`customerId` of a conversation);
 * - `visitorId`: an anonymous widget visitor's id (the customer id is derived from it per channel);
 * - `sub`: the `sub` claim of verified identity tokens (it is the customer id);
 * - `email`: an address the customer gave in a pre-chat form, with a left message or on a case.
 */
import * as v from "valibot";

export const IDENTIFIER_KINDS = ["customerId", "visitorId", "sub", "email"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

const KIND_MESSAGE = "kind must be customerId, visitorId, sub or email";
const EmailSchema = v.pipe(v.string(), v.email());
const URL_SAFE_16_64 = /^[A-Za-z0-9_-]{16,64}$/;

/** Each kind's rule for `value` (after trimming): whether it holds, and the message when not. */
const VALUE_RULES: Record<IdentifierKind, [(value: string) => boolean, string]> = {
  customerId: [(value) => value.length <= 64, "value (a customer id) must be at most 64 characters"],
  visitorId: [
    (value) => URL_SAFE_16_64.test(value),
    "value (a visitorId) must be 16–64 URL-safe characters (A–Z, a–z, 0–9, _ or -)",
  ],
  sub: [(value) => [...value].length <= 32, "value (an identity token's sub) must be at most 32 characters"],
  email: [(value) => v.is(EmailSchema, value), "value must be an email address such as ada@example.com"],
};

type Raw = { kind: IdentifierKind; value: string };

/** The rule of one kind, reported on `value`. */
function valueRule(kind: IdentifierKind) {
  const [holds, message] = VALUE_RULES[kind];
  return v.forward(
    v.check((r: Raw) => r.kind !== kind || holds(r.value), message),
    ["value"],
  );
}

/**
 * `{kind, value}`: value is trimmed, 1–254 characters, then checked by its kind's rule; an email
 * is compared in lower case.
 */
export const PrivacyRequestSchema = v.pipe(
  v.strictObject({
    kind: v.picklist(IDENTIFIER_KINDS, KIND_MESSAGE),
    value: v.pipe(
      v.string("value must be text"),
      v.trim(),
      v.minLength(1, "value is required"),
      v.maxLength(254, "value must be at most 254 characters"),
    ),
  }),
  valueRule("customerId"),
  valueRule("visitorId"),
  valueRule("sub"),
  valueRule("email"),
  v.transform((r) => ({ kind: r.kind, value: r.kind === "email" ? r.value.toLowerCase() : r.value })),
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
