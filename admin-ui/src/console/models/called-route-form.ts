/** Called route form logic (spec Table 2): the skill queues offered follow the access code's media type. */
import type { AccessCode } from "../../../../worker/schemas/access-codes";
import { type CalledRouteFields, queueTypesFor } from "../../../../worker/schemas/called-routes";
import type { SkillQueueType } from "../../../../worker/schemas/skill-queues";

/** Queues of the access code's media type (none until an access code is chosen). */
export function queuesForAccessCode<Q extends { type: SkillQueueType }>(
  queues: readonly Q[],
  accessCodes: readonly Pick<AccessCode, "id" | "mediaType">[],
  accessCodeId: string,
): Q[] {
  const code = accessCodes.find((a) => a.id === accessCodeId);
  if (!code) return [];
  const types = queueTypesFor(code.mediaType);
  return queues.filter((q) => types.includes(q.type));
}

/** After the access code changed, a queue of another media type is no longer a valid choice. */
export function normalizeCalledRoute(
  next: CalledRouteFields,
  previous: CalledRouteFields,
  path: string,
  queues: readonly { id: string; type: SkillQueueType }[],
  accessCodes: readonly Pick<AccessCode, "id" | "mediaType">[],
): CalledRouteFields {
  if (path !== "accessCodeId" || next.accessCodeId === previous.accessCodeId) return next;
  const allowed = queuesForAccessCode(queues, accessCodes, next.accessCodeId);
  return allowed.some((q) => q.id === next.skillQueueId) ? next : { ...next, skillQueueId: "" };
}

/** Multimedia called routes (what a web channel's "Skill Queue" and SilentAgent lists offer). */
export function multimediaRoutes<R extends { accessCodeId: string; skillQueueId: string }>(
  routes: readonly R[],
  accessCodes: readonly Pick<AccessCode, "id" | "mediaType">[],
): R[] {
  const multimedia = new Set(accessCodes.filter((a) => a.mediaType === "multimedia").map((a) => a.id));
  return routes.filter((r) => multimedia.has(r.accessCodeId));
}
