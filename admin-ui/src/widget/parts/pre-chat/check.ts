/**
 * The form's decisions without the DOM: which fields the customer fills (the others are locked by
 * the identity token), what each starts with, and the problems of the typed values, checked with
 * the same schema as the chat ticket endpoint.
 */
import * as v from "valibot";
import {
  type PreChatField,
  type PreChatMessages,
  preChatValuesSchema,
} from "../../../../../worker/schemas/pre-chat";
import type { PreChatValues } from "../../../realtime/customer-chat";

/** The first value of each field: locked value, else the last submitted one, else the page's `setUser` name for the name field. */
export function startValues(
  fields: readonly PreChatField[],
  locked: Record<string, string>,
  previous: PreChatValues | null,
  userName: string | undefined,
): PreChatValues {
  const out: PreChatValues = {};
  for (const f of fields) {
    const last = previous?.[f.key];
    out[f.key] =
      locked[f.key] ?? (typeof last === "string" ? last : f.kind === "name" && userName ? userName : "");
  }
  return out;
}

/** One message per field key that is wrong (none when the values pass); locked fields are not checked. */
export function problems(
  fields: readonly PreChatField[],
  locked: Record<string, string>,
  values: PreChatValues,
  messages: PreChatMessages,
): Record<string, string> {
  const open = fields.filter((f) => !(f.key in locked));
  const result = v.safeParse(preChatValuesSchema(open, messages), values);
  const out: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.issues) {
      const key = String(issue.path?.[0]?.key ?? "");
      out[key] ??= issue.message;
    }
  }
  return out;
}

/** The server's errors (`preChat.<key>`) by field key, the first message of each. */
export function serverProblems(errors: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const key = path.startsWith("preChat.") ? path.slice(8) : "";
    if (key && messages[0]) out[key] = messages[0];
  }
  return out;
}
