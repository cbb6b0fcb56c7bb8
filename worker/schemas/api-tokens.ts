/** Tenant API tokens (server and console). */
import * as v from "valibot";
import { SCOPES } from "../rules/token-scopes";
import { distinctChoices, nameSchema } from "./common";

/** At most this many tokens that are not revoked, per tenant. */
export const MAX_API_TOKENS = 50;

export const ApiTokenInputSchema = v.strictObject({
  name: nameSchema(100),
  scopes: distinctChoices(SCOPES, "scopes", "scope"),
});
export type ApiTokenInput = v.InferOutput<typeof ApiTokenInputSchema>;

export const ApiTokenSchema = v.object({
  id: v.string(),
  name: v.string(),
  /** The token's first characters (`ecs_pat_` and 4 more), to tell tokens apart. */
  prefix: v.string(),
  scopes: v.array(v.picklist(SCOPES)),
  createdBy: v.object({ id: v.string(), name: v.string() }),
  createdAt: v.number(),
  /** Last request made with it (updated at most once a minute), or null. */
  lastUsedAt: v.nullable(v.number()),
  /** When it was revoked (it no longer works), or null. */
  revokedAt: v.nullable(v.number()),
});
export type ApiToken = v.InferOutput<typeof ApiTokenSchema>;

export const ApiTokenCreatedSchema = v.object({
  ...ApiTokenSchema.entries,
  token: v.pipe(
    v.string(),
    v.description(
      "The token (`ecs_pat_…`); shown only in this answer. Send it as `Authorization: Bearer <token>`.",
    ),
  ),
});
export type ApiTokenCreated = v.InferOutput<typeof ApiTokenCreatedSchema>;
