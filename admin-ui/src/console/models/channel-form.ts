/**
 * Web channel form logic (spec step 6, Table 4) as pure functions: defaults from the server
 * schema, the write-only secret key, work-time segments and the body sent to the API.
 */
import * as v from "valibot";
import { MAX_SEGMENTS, minuteOfDay, type WorkSegment } from "../../../../worker/rules/work-time-segments";
import { type Channel, type ChannelInput, ChannelInputSchema } from "../../../../worker/schemas/channels";

/** The form's draft: the create body, with `secretKey` as typed ("" = keep the stored key). */
export type ChannelDraft = Omit<ChannelInput, "thirdPartyAuth"> & {
  thirdPartyAuth: { enabled: boolean; secretKey: string };
};

const SECTIONS = [
  "dialogEnd",
  "thirdPartyAuth",
  "workTime",
  "queueReminder",
  "chatbot",
  "assistant",
  "branding",
  "leaveMessage",
  "preChatForm",
  "attachments",
] as const;

/** A new channel: every section's default as the server schema states it. */
export function newChannelDraft(): ChannelDraft {
  const entries = ChannelInputSchema.pipe[0].entries;
  const section = <K extends (typeof SECTIONS)[number]>(key: K) => v.parse(entries[key], undefined);
  return {
    accessCode: "",
    type: "web",
    routeId: "",
    transferKeywords: v.parse(entries.transferKeywords, undefined),
    allowedOrigins: v.parse(entries.allowedOrigins, undefined),
    clickToDial: null,
    dialogEnd: section("dialogEnd"),
    thirdPartyAuth: { enabled: section("thirdPartyAuth").enabled, secretKey: "" },
    workTime: section("workTime"),
    queueReminder: section("queueReminder"),
    chatbot: section("chatbot"),
    assistant: section("assistant"),
    branding: section("branding"),
    leaveMessage: section("leaveMessage"),
    preChatForm: section("preChatForm"),
    attachments: section("attachments"),
  };
}

/** The editable draft of a stored channel (the secret key is never returned, so it starts empty). */
export function channelDraft(c: Channel): ChannelDraft {
  const { effectiveNoReplyMinutes: _e, ...dialogEnd } = c.dialogEnd;
  return structuredClone({
    accessCode: c.accessCode,
    type: c.type,
    routeId: c.routeId,
    transferKeywords: c.transferKeywords,
    allowedOrigins: c.allowedOrigins,
    clickToDial: c.clickToDial,
    dialogEnd,
    thirdPartyAuth: { enabled: c.thirdPartyAuth.enabled, secretKey: "" },
    workTime: c.workTime,
    queueReminder: c.queueReminder,
    chatbot: c.chatbot,
    assistant: c.assistant,
    branding: c.branding,
    leaveMessage: c.leaveMessage,
    preChatForm: c.preChatForm,
    attachments: c.attachments as ChannelDraft["attachments"],
  });
}

/** What is sent: an empty secret key is left out, so the stored key is kept. */
export function channelBody(draft: ChannelDraft) {
  const { secretKey, enabled } = draft.thirdPartyAuth;
  return { ...draft, thirdPartyAuth: secretKey === "" ? { enabled } : { enabled, secretKey } };
}

/** A stand-in that satisfies the key rules, used only to validate a draft that keeps the stored key. */
const STORED_KEY_STANDIN = "stored-secret-key-standin";

/**
 * What the browser validates: the body, except that an enabled authentication with a key already
 * stored (and none typed) counts as having its key.
 */
export function channelCheckBody(draft: ChannelDraft, secretKeySet: boolean) {
  const body = channelBody(draft);
  if (draft.thirdPartyAuth.enabled && draft.thirdPartyAuth.secretKey === "" && secretKeySet) {
    return { ...body, thirdPartyAuth: { enabled: true, secretKey: STORED_KEY_STANDIN } };
  }
  return body;
}

/** True while another segment may be added (spec: at most four). */
export function canAddSegment(segments: readonly WorkSegment[]): boolean {
  return segments.length < MAX_SEGMENTS;
}

/** The segment "New" adds: from the end of the last one, an hour long, within the day. */
export function nextSegment(segments: readonly WorkSegment[]): WorkSegment {
  const last = segments.at(-1);
  const start = last ? Math.min(minuteOfDay(last.end) ?? 0, 23 * 60) : 9 * 60;
  const end = Math.min(start + 60, 24 * 60);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return { start: hhmm(start), end: hhmm(end) };
}

/** Keeps click-to-dial consistent: no called party means none; the other party's field is cleared. */
export function normalizeChannel(next: ChannelDraft, _previous: ChannelDraft, path: string): ChannelDraft {
  if (!path.startsWith("clickToDial")) return next;
  const ctd = next.clickToDial as Partial<NonNullable<ChannelDraft["clickToDial"]>> | null;
  if (!ctd?.calledParty) return { ...next, clickToDial: null };
  return {
    ...next,
    clickToDial: {
      calledParty: ctd.calledParty,
      skillQueueId: ctd.calledParty === "agent" ? (ctd.skillQueueId ?? null) : null,
      ivrAccessCode: ctd.calledParty === "ivr" ? (ctd.ivrAccessCode ?? null) : null,
    },
  };
}
