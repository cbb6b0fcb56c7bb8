import { describe, expect, it } from "vitest";
import {
  allows,
  calledRouteOus,
  cannedResponseReadOus,
  type OuChooser,
  readableOus,
  skillQueueOus,
} from "./ou-visibility";

const all = ["home", "rw", "ro", "other"];
const admin: OuChooser = { role: "tenantAdmin", ouId: null, accessibleOus: [] };
const agent: OuChooser = {
  role: "agent",
  ouId: "home",
  accessibleOus: [
    { ouId: "rw", access: "readWrite" },
    { ouId: "ro", access: "read" },
  ],
};
const pick = (c: ReturnType<typeof skillQueueOus>) => [c.unorganized, [...c.ouIds].sort()];

describe("OU visibility", () => {
  it.each([
    ["skill queue, admin, isolation on", skillQueueOus(admin, all, true), [true, [...all].sort()]],
    ["skill queue, admin, isolation off", skillQueueOus(admin, all, false), [true, [...all].sort()]],
    [
      "skill queue, agent, isolation on: read-write accessible only",
      skillQueueOus(agent, all, true),
      [false, ["rw"]],
    ],
    [
      "skill queue, agent, isolation off: Unorganized and all",
      skillQueueOus(agent, all, false),
      [true, [...all].sort()],
    ],
    ["called route, admin", calledRouteOus(admin, all, true), [true, [...all].sort()]],
    [
      "called route, agent, isolation on: accessible",
      calledRouteOus(agent, all, true),
      [false, ["ro", "rw"]],
    ],
    [
      "called route, agent, isolation off: home, accessible, unorganized",
      calledRouteOus(agent, all, false),
      [true, ["home", "ro", "rw"]],
    ],
    [
      "canned response, admin, isolation on",
      cannedResponseReadOus(admin, all, true),
      [true, [...all].sort()],
    ],
    [
      "canned response, agent, isolation off: Unorganized and all",
      cannedResponseReadOus(agent, all, false),
      [true, [...all].sort()],
    ],
    [
      "canned response, agent, isolation on: Unorganized, home and accessible (read too)",
      cannedResponseReadOus(agent, all, true),
      [true, ["home", "ro", "rw"]],
    ],
    [
      "canned response, agent without a home OU, isolation on: Unorganized and accessible",
      cannedResponseReadOus({ ...agent, ouId: null }, all, true),
      [true, ["ro", "rw"]],
    ],
    [
      "canned response, isolation on: an accessible OU that no longer exists is ignored",
      cannedResponseReadOus({ ...agent, ouId: "gone" }, ["rw"], true),
      [true, ["rw"]],
    ],
  ])("%s", (_name, choice, expected) => {
    expect(pick(choice)).toEqual(expected);
  });

  it("treats null as Unorganized", () => {
    expect(allows(skillQueueOus(agent, all, true), null)).toBe(false);
    expect(allows(skillQueueOus(agent, all, false), null)).toBe(true);
    expect(allows(calledRouteOus(agent, all, true), "other")).toBe(false);
  });

  it.each([
    ["admin, isolation on: everything", readableOus(admin, true), null],
    ["admin, isolation off: everything", readableOus(admin, false), null],
    ["agent, isolation off: everything", readableOus(agent, false), null],
    [
      "agent, isolation on: accessible OUs of either permission, no Unorganized",
      readableOus(agent, true),
      [false, ["ro", "rw"]],
    ],
    [
      "agent without accessible OUs, isolation on: nothing",
      readableOus({ ...agent, accessibleOus: [] }, true),
      [false, []],
    ],
  ])("reads: %s", (_name, choice, expected) => {
    expect(choice === null ? null : pick(choice)).toEqual(expected);
  });

  it("reads under isolation: not the home OU unless it is accessible", () => {
    expect(allows(readableOus(agent, true)!, "home")).toBe(false);
    expect(allows(readableOus(agent, true)!, null)).toBe(false);
  });
});
