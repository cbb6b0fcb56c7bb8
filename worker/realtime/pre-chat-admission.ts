/**
 * The pre-chat form at the chat ticket endpoint: when a channel has the form on, a ticket needs the
 * customer's values, checked with the same schema the widget's form uses. Fields an identity
 * token vouches for (name, email, phone claims) are locked: their values come from the token and
 * whatever the client sent for them is ignored. Without values the answer is the form to fill
 * (`preChatForm`: the fields and the locked values; a 200, so asking is not an error in the page's
 * console), which is how the widget learns it must show the form; invalid values are a 422 that
 * carries the form too.
 */
import * as v from "valibot";
import { ApiError, type FieldErrors } from "../http/problem";
import { issuesToFieldErrors } from "../schemas/issues";
import {
  formIsOn,
  lockedValues,
  nameOf,
  type PreChatField,
  type PreChatForm,
  type PreChatValue,
  preChatEntries,
  preChatValuesSchema,
  type VerifiedClaims,
} from "../schemas/pre-chat";

/** The `preChatForm` member of a 422 answer: what the widget shows. */
export type FormToFill = { fields: PreChatField[]; locked: Record<string, string> };

export type Admission =
  | { ok: true; values: PreChatValue[]; name: PreChatValue | null }
  | { ok: false; preChatForm: FormToFill };

/**
 * The values to keep with the conversation and the name they give (null when the form has no
 * filled name field); no values when the channel has the form off; the form to fill when the
 * channel has it on and `submitted` is absent. Throws 422 (with the form) when values do not pass.
 */
export function admitPreChat(
  form: PreChatForm,
  submitted: Record<string, string> | undefined,
  claims: VerifiedClaims,
): Admission {
  if (!formIsOn(form)) return { ok: true, values: [], name: null };
  const locked = lockedValues(form.fields, claims);
  const toFill: FormToFill = { fields: form.fields, locked };
  if (submitted === undefined) return { ok: false, preChatForm: toFill };
  const open = form.fields.filter((f) => !(f.key in locked));
  const parsed = v.safeParse(preChatValuesSchema(open), submitted);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const [key, messages] of Object.entries(issuesToFieldErrors(parsed.issues, "")))
      errors[key ? `preChat.${key}` : "preChat"] = messages;
    throw new ApiError(422, "Some pre-chat form values are invalid", errors, undefined, {
      preChatForm: toFill,
    });
  }
  const values = preChatEntries(form.fields, parsed.output, locked);
  return { ok: true, values, name: nameOf(form.fields, values) };
}
