/**
 * Which skill queues a called route may lead to, by the media type of its access code (spec
 * Table 2: "The skill queues displayed are of the same type as that of the access code").
 * Access codes are voice, video or multimedia; a click-to-dial called route (spec step 4) therefore
 * uses a voice access code for a voice click-to-dial queue and a video access code for a video
 * click-to-dial queue.
 */
import type { MEDIA_TYPES } from "../schemas/access-codes";
import type { SkillQueueType } from "../schemas/skill-queues";

export type AccessCodeMediaType = (typeof MEDIA_TYPES)[number];

const QUEUE_TYPES: Record<AccessCodeMediaType, readonly SkillQueueType[]> = {
  voice: ["voice", "voiceClickToDial"],
  video: ["video", "videoClickToDial"],
  multimedia: ["multimedia"],
};

/** The skill queue types an access code of `mediaType` may route to. */
export function queueTypesFor(mediaType: AccessCodeMediaType): readonly SkillQueueType[] {
  return QUEUE_TYPES[mediaType];
}

/** True when an access code of `mediaType` may route to a skill queue of `queueType`. */
export function routeMatches(mediaType: AccessCodeMediaType, queueType: SkillQueueType): boolean {
  return QUEUE_TYPES[mediaType].includes(queueType);
}
