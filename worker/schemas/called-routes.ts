/**
 * Called routes (spec Table 2): an access code, optionally with an extension code, leads to a skill
 * queue whose type matches the access code's media type (`../rules/called-route-rules.ts`).
 */
import * as v from "valibot";
import { idSchema, listQuerySchema } from "./common";

export { queueTypesFor, routeMatches } from "../rules/called-route-rules";

export const MAX_EXTENSION_DIGITS = 8;

const fields = {
  /** null = the unorganized OU. */
  ouId: v.nullable(idSchema),
  accessCodeId: idSchema,
  /** Digits dialled after the access code (12345 + 1 → 123451); "" = none. */
  extensionCode: v.pipe(
    v.string("Must be text"),
    v.regex(/^\d*$/, "The extension code must contain digits only"),
    v.maxLength(MAX_EXTENSION_DIGITS, `The extension code must be at most ${MAX_EXTENSION_DIGITS} digits`),
  ),
  deviceType: v.picklist(["skillQueue"], "deviceType must be skillQueue"),
  skillQueueId: idSchema,
};

/** A complete called route as stored. */
export const CalledRouteFieldsSchema = v.strictObject(fields);
export type CalledRouteFields = v.InferOutput<typeof CalledRouteFieldsSchema>;

/** Creation: `accessCodeId` and `skillQueueId` are required; the rest has defaults. */
export const CalledRouteInputSchema = v.strictObject({
  ...fields,
  ouId: v.optional(fields.ouId, null),
  extensionCode: v.optional(fields.extensionCode, ""),
  deviceType: v.optional(fields.deviceType, "skillQueue"),
});
export type CalledRouteInput = v.InferOutput<typeof CalledRouteInputSchema>;

export const CalledRoutePatchSchema = v.partial(CalledRouteFieldsSchema);

export const CALLED_ROUTE_DEFAULTS = { ouId: null, extensionCode: "", deviceType: "skillQueue" } as const;

export const CalledRouteSchema = v.object({ id: v.string(), ...fields, createdAt: v.number() });
export type CalledRoute = v.InferOutput<typeof CalledRouteSchema>;

export const CalledRouteListQuerySchema = v.object({
  ...listQuerySchema.entries,
  accessCodeId: v.optional(idSchema),
  skillQueueId: v.optional(idSchema),
});
