/**
 * Canned responses: ready-made replies the agent inserts with `/` in the reply box. `tenant` ones
 * are managed by administrators and read per OU (`cannedResponseReadOus`); `personal` ones belong
 * to one employee. Texts may hold variables (`../rules/canned-text.ts`).
 */
import * as v from "valibot";
import { CANNED_VARIABLES, unknownVariables } from "../rules/canned-text";
import { idSchema, listQuerySchema } from "./common";

export const CANNED_SCOPES = ["tenant", "personal"] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];
/** Most tenant-wide canned responses of a tenant. */
export const MAX_TENANT_CANNED = 1000;
/** Most personal canned responses of one employee. */
export const MAX_PERSONAL_CANNED = 100;
export const MAX_CANNED_TEXT = 2000;

const VARIABLE_LIST = CANNED_VARIABLES.map((n) => `{${n}}`).join(" and ");

const text = (field: string, max: number) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.trim(),
    v.minLength(1, `${field} must not be empty`),
    v.maxLength(max, `${field} must be at most ${max} characters`),
  );

export const CannedResponseInputSchema = v.strictObject({
  /** `tenant` (administrators only) or `personal` (the caller's own) [personal]. */
  scope: v.optional(v.picklist(CANNED_SCOPES, "scope must be tenant or personal"), "personal"),
  /** Tenant-wide only: the organization unit whose agents see it; null = Unorganized (everyone). */
  ouId: v.optional(v.nullable(idSchema), null),
  /** What follows `/` in the reply box: 1–32 letters, digits, `-` or `_`, stored in lower case. */
  shortcut: v.pipe(
    v.string("shortcut must be text"),
    v.trim(),
    v.toLowerCase(),
    v.regex(/^[a-z0-9_-]{1,32}$/, "shortcut must be 1–32 letters, digits, - or _ (no spaces)"),
  ),
  title: text("title", 100),
  /** 1–2000 characters; variables {customer.name} and {agent.name}, e.g. {customer.name|there}. */
  text: v.pipe(
    text("text", MAX_CANNED_TEXT),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const unknown = unknownVariables(dataset.value);
      if (unknown.length)
        addIssue({
          message: `Unknown variable ${unknown.map((n) => `{${n}}`).join(", ")}: the variables are ${VARIABLE_LIST}`,
        });
    }),
  ),
});
export type CannedResponseInput = v.InferOutput<typeof CannedResponseInputSchema>;

export const CannedResponseSchema = v.object({
  id: v.string(),
  scope: v.picklist(CANNED_SCOPES),
  ouId: v.nullable(v.string()),
  shortcut: v.string(),
  title: v.string(),
  text: v.string(),
  createdAt: v.number(),
});
export type CannedResponse = v.InferOutput<typeof CannedResponseSchema>;

/** `GET /canned-responses`: optionally one scope, and the page. */
export const CannedResponseQuerySchema = v.object({
  ...listQuerySchema.entries,
  scope: v.optional(v.picklist(CANNED_SCOPES, "scope must be tenant or personal")),
});
