import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ChannelInputSchema } from "../../../../worker/schemas/channels";
import { setIn } from "../../shared/form/path";
import {
  canAddSegment,
  channelBody,
  channelCheckBody,
  newChannelDraft,
  nextSegment,
  normalizeChannel,
} from "./channel-form";

describe("channel form", () => {
  it("new drafts carry the server defaults and validate once named and routed", () => {
    const draft = newChannelDraft();
    expect(draft.dialogEnd).toEqual({ enabled: false, noReplyMinutes: 20, conclusion: "" });
    expect(draft.queueReminder.intervalSeconds).toBe(10);
    expect(draft.workTime.workday).toEqual([{ start: "00:00", end: "24:00" }]);
    expect(draft.chatbot.enabled).toBe(false);
    expect(draft.assistant.enabled).toBe(false);
    expect(draft.branding).toEqual({
      primaryColor: "#1a73e8",
      logoUrl: "",
      greeting: "",
      welcomeText: "",
      launcherLabel: "",
    });
    const body = channelBody({ ...draft, accessCode: "web_1", routeId: "cr_1" });
    expect(v.safeParse(ChannelInputSchema, body).success).toBe(true);
  });

  it("an empty secret key is not sent, so the stored one is kept", () => {
    const draft = { ...newChannelDraft(), thirdPartyAuth: { enabled: true, secretKey: "" } };
    expect(channelBody(draft).thirdPartyAuth).toEqual({ enabled: true });
    const typed = { ...draft, thirdPartyAuth: { enabled: true, secretKey: "0123456789abcdef" } };
    expect(channelBody(typed).thirdPartyAuth).toEqual({ enabled: true, secretKey: "0123456789abcdef" });
  });

  it.each([
    [true, true],
    [false, false],
  ])("enabled authentication without a typed key validates when a key is stored (%s)", (stored, valid) => {
    const draft = {
      ...newChannelDraft(),
      accessCode: "web",
      routeId: "cr",
      thirdPartyAuth: { enabled: true, secretKey: "" },
    };
    expect(v.safeParse(ChannelInputSchema, channelCheckBody(draft, stored)).success).toBe(valid);
  });

  it.each([
    [0, true],
    [3, true],
    [4, false],
  ])("with %i segments another may be added: %s", (count, allowed) => {
    expect(canAddSegment(Array.from({ length: count }, () => ({ start: "00:00", end: "01:00" })))).toBe(
      allowed,
    );
  });

  it("New adds a segment after the last one, within the day", () => {
    expect(nextSegment([])).toEqual({ start: "09:00", end: "10:00" });
    expect(nextSegment([{ start: "09:00", end: "12:00" }])).toEqual({ start: "12:00", end: "13:00" });
    expect(nextSegment([{ start: "00:00", end: "24:00" }])).toEqual({ start: "23:00", end: "24:00" });
  });

  it("click to dial: no called party clears it, and the other party's field is dropped", () => {
    const draft = newChannelDraft();
    const agent = normalizeChannel(
      setIn(draft, "clickToDial.calledParty", "agent"),
      draft,
      "clickToDial.calledParty",
    );
    expect(agent.clickToDial).toEqual({ calledParty: "agent", skillQueueId: null, ivrAccessCode: null });
    const withQueue = setIn(agent, "clickToDial.skillQueueId", "sq");
    const ivr = normalizeChannel(
      setIn(withQueue, "clickToDial.calledParty", "ivr"),
      withQueue,
      "clickToDial.calledParty",
    );
    expect(ivr.clickToDial).toEqual({ calledParty: "ivr", skillQueueId: null, ivrAccessCode: null });
    const none = normalizeChannel(
      setIn(ivr, "clickToDial.calledParty", null),
      ivr,
      "clickToDial.calledParty",
    );
    expect(none.clickToDial).toBeNull();
  });
});
