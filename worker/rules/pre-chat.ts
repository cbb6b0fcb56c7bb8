/**
 * Pre-chat form rules (issue 15): what a customer may type into each kind of field, shared by the
 * channel API, the chat ticket endpoint and the widget's form, so both ends refuse the same values.
 *
 * A value is trimmed first; then, in this order: an empty value is `required` when the field is
 * required (and fine otherwise), a value longer than the kind's `VALUE_MAX_CHARS` is `tooLong`,
 * an email must look like `local@domain.tld` (no spaces, one `@`, a dot in the domain), a phone may
 * hold only digits, one leading `+`, spaces and dashes with 5–20 digits, and a select value must be
 * one of the field's options exactly.
 */

export const PRE_CHAT_KINDS = ["name", "email", "phone", "text", "select"] as const;
export type PreChatKind = (typeof PRE_CHAT_KINDS)[number];

/** Kinds an identity token can vouch for (its `name`, `email` and `phone` claims): one field each. */
export const CLAIM_KINDS = ["name", "email", "phone"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Longest value per kind, in characters (a name as long as an identity token's `name` claim). */
export const VALUE_MAX_CHARS: Record<PreChatKind, number> = {
  name: 100,
  email: 254,
  phone: 32,
  text: 200,
  select: 60,
};

/** Fewest and most digits in a phone number. */
export const PHONE_MIN_DIGITS = 5;
export const PHONE_MAX_DIGITS = 20;

export type ValueProblem = "required" | "tooLong" | "email" | "phone" | "option";

export type FieldRule = { kind: PreChatKind; required: boolean; options: readonly string[] };

/** `local@domain.tld`: no spaces, exactly one `@`, at least one dot inside the domain. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** Digits with an optional leading `+`, spaces and dashes between; 5–20 digits. */
export function isPhone(value: string): boolean {
  if (!/^\+?[0-9][0-9 -]*$/.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

/** What is wrong with the (trimmed) `value` of `field`, or null when it is acceptable. */
export function valueProblem(field: FieldRule, value: string): ValueProblem | null {
  if (value === "") return field.required ? "required" : null;
  if (value.length > VALUE_MAX_CHARS[field.kind]) return "tooLong";
  if (field.kind === "email" && !isEmail(value)) return "email";
  if (field.kind === "phone" && !isPhone(value)) return "phone";
  if (field.kind === "select" && !field.options.includes(value)) return "option";
  return null;
}
