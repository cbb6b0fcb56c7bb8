/**
 * The pre-chat form (issue 15): a channel's form definition (the `preChatForm` section of a web
 * channel), the schema of the values a customer submits, built from that definition and used by
 * both the chat ticket endpoint and the widget's form, and the values as stored with a conversation.
 */
import * as v from "valibot";
import {
  CLAIM_KINDS,
  type ClaimKind,
  PRE_CHAT_KINDS,
  type PreChatKind,
  VALUE_MAX_CHARS,
  type ValueProblem,
  valueProblem,
} from "../rules/pre-chat";

export const MAX_PRE_CHAT_FIELDS = 10;
export const MAX_LABEL_CHARS = 60;
export const MAX_OPTIONS = 20;
export const MAX_OPTION_CHARS = VALUE_MAX_CHARS.select;
export const MAX_KEY_CHARS = 32;

const KeySchema = v.pipe(
  v.string("key must be text"),
  v.trim(),
  v.minLength(1, "key is required"),
  v.maxLength(MAX_KEY_CHARS, `key must be at most ${MAX_KEY_CHARS} characters`),
  v.regex(/^[A-Za-z][A-Za-z0-9_]*$/, "key may contain only letters, digits and _, starting with a letter"),
);

const OptionsSchema = v.pipe(
  v.array(
    v.pipe(
      v.string("An option must be text"),
      v.trim(),
      v.minLength(1, "An option must not be empty"),
      v.maxLength(MAX_OPTION_CHARS, `An option must be at most ${MAX_OPTION_CHARS} characters`),
    ),
    "options must be a list of texts",
  ),
  v.maxLength(MAX_OPTIONS, `A select field has at most ${MAX_OPTIONS} options`),
  v.checkItems((o, index, all) => all.indexOf(o) === index, "Each option may appear once"),
);

/** One field: what it asks for, its label, whether it must be filled, and a select's options. */
export const PreChatFieldSchema = v.pipe(
  v.strictObject({
    key: KeySchema,
    kind: v.picklist(PRE_CHAT_KINDS, "kind must be name, email, phone, text or select"),
    label: v.pipe(
      v.string("label must be text"),
      v.trim(),
      v.minLength(1, "label is required: it is what the customer reads next to the box"),
      v.maxLength(MAX_LABEL_CHARS, `label must be at most ${MAX_LABEL_CHARS} characters`),
    ),
    required: v.optional(v.boolean("required must be true or false"), false),
    /** The choices of a select field (1–20); other kinds have none. */
    options: v.optional(OptionsSchema, []),
  }),
  v.forward(
    v.check((f) => f.kind !== "select" || f.options.length > 0, "A select field needs at least one option"),
    ["options"],
  ),
  v.transform((f) => ({ ...f, options: f.kind === "select" ? f.options : [] })),
);
export type PreChatField = v.InferOutput<typeof PreChatFieldSchema>;

const FieldsSchema = v.pipe(
  v.array(PreChatFieldSchema, "fields must be a list of fields"),
  v.maxLength(MAX_PRE_CHAT_FIELDS, `The form has at most ${MAX_PRE_CHAT_FIELDS} fields`),
  v.checkItems(
    (f, index, all) => all.findIndex((o) => o.key === f.key) === index,
    "Each key may appear once",
  ),
  v.checkItems(
    (f, index, all) =>
      !(CLAIM_KINDS as readonly string[]).includes(f.kind) ||
      all.findIndex((o) => o.kind === f.kind) === index,
    "The form may have one name, one email and one phone field",
  ),
);

/** The `preChatForm` section of a web channel: off by default. */
export const PreChatFormObject = v.strictObject({
  /** On: the widget asks for these fields before the first message (and before the chatbot). */
  enabled: v.optional(v.boolean("preChatForm.enabled must be true or false"), false),
  fields: v.optional(FieldsSchema, []),
});
export type PreChatForm = v.InferOutput<typeof PreChatFormObject>;

/** The stored form with defaults filled in (channels saved before the form existed have none). */
export function preChatFormOf(stored: unknown): PreChatForm {
  const parsed = v.safeParse(PreChatFormObject, stored ?? {});
  return parsed.success ? parsed.output : { enabled: false, fields: [] };
}

/** Whether the channel asks for the form before a chat. */
export const formIsOn = (form: PreChatForm): boolean => form.enabled && form.fields.length > 0;

/** One submitted value as kept with the conversation (the label as the customer saw it). */
export const PreChatValueSchema = v.object({
  key: v.string(),
  label: v.string(),
  value: v.string(),
  /** True when the value comes from a verified identity token claim (the field was locked). */
  verified: v.boolean(),
});
export type PreChatValue = v.InferOutput<typeof PreChatValueSchema>;

/** The texts of value problems, per field label; the widget passes its own language's. */
export type PreChatMessages = Record<ValueProblem, (label: string, max: number) => string>;

export const PRE_CHAT_MESSAGES_EN: PreChatMessages = {
  required: (label) => `${label} is required`,
  tooLong: (label, max) => `${label} must be at most ${max} characters`,
  email: (label) => `${label} must be an email address such as ada@example.com`,
  phone: (label) => `${label} must be a phone number: digits, with + spaces or dashes, 5–20 digits`,
  option: (label) => `${label} must be one of the choices offered`,
};

/**
 * The schema of submitted values (`{ [key]: text }`) for `fields`: each value trimmed and checked
 * with `valueProblem`; an absent value counts as empty; keys of other fields are dropped.
 */
export function preChatValuesSchema(
  fields: readonly PreChatField[],
  m: PreChatMessages = PRE_CHAT_MESSAGES_EN,
) {
  return v.object(
    Object.fromEntries(
      fields.map((f) => [
        f.key,
        v.optional(
          v.pipe(
            v.string(m.required(f.label, 0)),
            v.trim(),
            v.rawCheck(({ dataset, addIssue }) => {
              const problem = dataset.typed ? valueProblem(f, dataset.value) : null;
              if (problem) addIssue({ message: m[problem](f.label, VALUE_MAX_CHARS[f.kind]) });
            }),
          ),
          "",
        ),
      ]),
    ),
  );
}

/** What an identity token vouches for: its name, email and phone claims (null when absent). */
export type VerifiedClaims = Partial<Record<ClaimKind, string | null>>;

/** The values verified claims fix, by field key: a name, email or phone field whose claim is present. */
export function lockedValues(
  fields: readonly PreChatField[],
  claims: VerifiedClaims,
): Record<string, string> {
  const locked: Record<string, string> = {};
  for (const f of fields) {
    const claim = isClaimKind(f.kind) ? claims[f.kind] : null;
    if (claim) locked[f.key] = claim;
  }
  return locked;
}

/** The values to keep, in the form's order: locked ones from the claims, the rest as typed; empty ones left out. */
export function preChatEntries(
  fields: readonly PreChatField[],
  typed: Record<string, string>,
  locked: Record<string, string>,
): PreChatValue[] {
  return fields.flatMap((f) => {
    const verified = f.key in locked;
    const value = verified ? locked[f.key]! : (typed[f.key] ?? "");
    return value === "" ? [] : [{ key: f.key, label: f.label, value, verified }];
  });
}

/** The customer's name among the values: the value of the form's name field, if filled. */
export function nameOf(
  fields: readonly PreChatField[],
  values: readonly PreChatValue[],
): PreChatValue | null {
  const key = fields.find((f) => f.kind === "name")?.key;
  return values.find((e) => e.key === key) ?? null;
}

function isClaimKind(kind: PreChatKind): kind is ClaimKind {
  return (CLAIM_KINDS as readonly string[]).includes(kind);
}
