/** Organization units (OUs): a tree per tenant; `parentId: null` is a top-level unit. */
import * as v from "valibot";
import { idSchema, nameSchema } from "./common";

export const OrgUnitInputSchema = v.strictObject({
  /** 1–100 characters, unique among the units with the same parent. */
  name: nameSchema(100),
  parentId: v.optional(v.nullable(idSchema), null),
});
export type OrgUnitInput = v.InferOutput<typeof OrgUnitInputSchema>;

export const OrgUnitSchema = v.object({
  id: v.string(),
  name: v.string(),
  parentId: v.nullable(v.string()),
  createdAt: v.number(),
});
export type OrgUnit = v.InferOutput<typeof OrgUnitSchema>;
