import { describe, expect, it } from "vitest";
import type { SkillQueueType } from "../schemas/skill-queues";
import { type AccessCodeMediaType, queueTypesFor, routeMatches } from "./called-route-rules";

const ALL: SkillQueueType[] = ["voice", "multimedia", "video", "voiceClickToDial", "videoClickToDial"];

describe("called route media matching", () => {
  it.each<[AccessCodeMediaType, SkillQueueType[]]>([
    ["voice", ["voice", "voiceClickToDial"]],
    ["video", ["video", "videoClickToDial"]],
    ["multimedia", ["multimedia"]],
  ])("a %s access code routes exactly to %j", (mediaType, allowed) => {
    expect(ALL.filter((t) => routeMatches(mediaType, t))).toEqual(allowed);
    expect([...queueTypesFor(mediaType)].sort()).toEqual([...allowed].sort());
  });
});
