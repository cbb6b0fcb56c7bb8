/** Skill queue groups: named sets of skill queues that an agent can be given as a whole. */
import * as v from "valibot";
import { idSchema, nameSchema } from "./common";

export const MAX_GROUP_QUEUES = 100;

/**
 * The media families a group (like an agent's queue list) may not mix, as the spec's example puts
 * it: "the media types of all the skill queues are voice and video, or multimedia". Click-to-dial
 * queues carry voice or video, so they belong to the voice/video family.
 */
export type MediaFamily = "voiceVideo" | "multimedia";
export function mediaFamily(
  type: "voice" | "video" | "multimedia" | "voiceClickToDial" | "videoClickToDial",
): MediaFamily {
  return type === "multimedia" ? "multimedia" : "voiceVideo";
}

export const SkillQueueGroupInputSchema = v.strictObject({
  /** 1–100 characters, unique in the tenant. */
  name: nameSchema(100),
  /** In order; at least one, all of one media family. */
  skillQueueIds: v.pipe(
    v.array(idSchema, "skillQueueIds must be a list of skill queue ids"),
    v.minLength(1, "A group needs at least one skill queue"),
    v.maxLength(MAX_GROUP_QUEUES, `A group holds at most ${MAX_GROUP_QUEUES} skill queues`),
    v.checkItems((id, index, all) => all.indexOf(id) === index, "Each skill queue may appear once"),
  ),
});
export type SkillQueueGroupInput = v.InferOutput<typeof SkillQueueGroupInputSchema>;

export const SkillQueueGroupSchema = v.object({
  id: v.string(),
  name: v.string(),
  skillQueueIds: v.array(v.string()),
  createdAt: v.number(),
});
export type SkillQueueGroup = v.InferOutput<typeof SkillQueueGroupSchema>;
