/**
 * The pre-chat form at the chat ticket endpoint: when a channel has the form on, a ticket needs the
 * customer's values, checked with the same schema the widget's form uses. Fields an identity
 * token vouches for (name, email, phone claims) are locked: their values come from the token and
 * whatever the client sent for them is ignored. Missing or invalid values are answered 422 with the
 * form to fill (`preChatForm`: the fields and the locked values), which is how the widget learns
 * it must show the form.
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

export const FORM_REQUIRED = "This channel asks for a few details before the chat: fill in the pre-chat form";

/**
 * The values to keep with the conversation and the name they give (null when the form has no
 * filled name field); no values when the channel has the form off. Throws 422 with the form to
 * fill when `submitted` is absent or does not pass.
 */
export function admitPreChat(
  form: PreChatForm,
  submitted: Record<string, string> | undefined,
  claims: VerifiedClaims,
): { values: PreChatValue[]; name: PreChatValue | null } {
  if (!formIsOn(form)) return { values: [], name: null };
  const locked = lockedValues(form.fields, claims);
  const toFill: FormToFill = { fields: form.fields, locked };
  if (submitted === undefined) {
    throw new ApiError(422, FORM_REQUIRED, { preChat: [FORM_REQUIRED] }, undefined, { preChatForm: toFill });
  }
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
  return { values, name: nameOf(form.fields, values) };
}
