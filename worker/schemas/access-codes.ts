/** Access codes: the numbers customers reach (a multimedia access code for web chat). */
import * as v from "valibot";
import { digits } from "./common";

export const MEDIA_TYPES = ["voice", "video", "multimedia"] as const;

export const AccessCodeInputSchema = v.strictObject({
  code: digits("Access code", 24),
  mediaType: v.picklist(MEDIA_TYPES, "mediaType must be voice, video or multimedia"),
});
export type AccessCodeInput = v.InferOutput<typeof AccessCodeInputSchema>;

export const AccessCodeSchema = v.object({
  id: v.string(),
  ...AccessCodeInputSchema.entries,
  createdAt: v.number(),
});
export type AccessCode = v.InferOutput<typeof AccessCodeSchema>;
