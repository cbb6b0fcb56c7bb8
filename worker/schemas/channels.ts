/**
 * Web channels (spec step 6, Table 4). Nested sections have their own defaults, so a new channel
 * needs only `accessCode` and `routeId`; PATCH merges each section one level deep.
 */
import * as v from "valibot";
import { HEX_COLOR } from "../rules/brand-colors";
import { canonicalOrigin, REMINDER_PLACEHOLDERS, unknownPlaceholders } from "../rules/channel-rules";
import { PRE_CHAT_KINDS } from "../rules/pre-chat";
import { firstOverlap, MAX_SEGMENTS, minuteOfDay, WHOLE_DAY } from "../rules/work-time-segments";
import { AttachmentSettingsObject, AttachmentSettingsSchema } from "./attachments";
import { digits, idSchema, intRange, nameRules, optionalText } from "./common";
import { LeaveMessageObject, LeaveMessageSchema } from "./leave-message";
import { PreChatFormObject } from "./pre-chat";

export const MAX_TRANSFER_KEYWORDS = 50;
export const MAX_ALLOWED_ORIGINS = 50;
export const GENDERS = ["female", "male", "unspecified"] as const;

const flag = (field: string) => v.optional(v.boolean(`${field} must be true or false`), false);
const text = optionalText;

/** Letters, digits and `_`, starting with a letter or `_`, 1–64 characters; unique in the tenant. */
export const ChannelAccessCodeSchema = v.pipe(
  v.string("accessCode must be text"),
  v.minLength(1, "accessCode is required"),
  v.maxLength(64, "accessCode must be at most 64 characters"),
  v.regex(/^[A-Za-z0-9_]*$/, "accessCode may contain only letters, digits and _"),
  v.regex(/^[A-Za-z_]/, "accessCode must start with a letter or _"),
);

const KeywordsSchema = v.pipe(
  v.array(
    v.pipe(
      v.string("A keyword must be text"),
      v.trim(),
      v.minLength(1, "A keyword must not be empty"),
      v.maxLength(50, "A keyword must be at most 50 characters"),
    ),
    "transferKeywords must be a list of keywords",
  ),
  v.maxLength(MAX_TRANSFER_KEYWORDS, `At most ${MAX_TRANSFER_KEYWORDS} transfer keywords`),
  v.checkItems(
    (k, index, all) => all.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === index,
    "Each keyword may appear once",
  ),
);

const OriginsSchema = v.pipe(
  v.array(
    v.pipe(
      v.string("An origin must be text"),
      v.trim(),
      v.check(
        (o) => canonicalOrigin(o) !== null,
        "An origin is scheme://host[:port] with http or https and nothing after, such as https://shop.example",
      ),
      v.transform((o) => canonicalOrigin(o)!),
    ),
    "allowedOrigins must be a list of origins",
  ),
  v.maxLength(MAX_ALLOWED_ORIGINS, `At most ${MAX_ALLOWED_ORIGINS} allowed origins`),
  v.checkItems((o, index, all) => all.indexOf(o) === index, "Each origin may appear once"),
);

/** Click to dial: an agent through a click-to-dial skill queue, or an IVR by access code. */
export const ClickToDialSchema = v.pipe(
  v.strictObject({
    calledParty: v.picklist(["agent", "ivr"], "calledParty must be agent or ivr"),
    skillQueueId: v.optional(v.nullable(idSchema), null),
    ivrAccessCode: v.optional(v.nullable(digits("ivrAccessCode", 24)), null),
  }),
  v.forward(
    v.check(
      (c) => c.calledParty !== "agent" || c.skillQueueId !== null,
      "Choose the click-to-dial skill queue",
    ),
    ["skillQueueId"],
  ),
  v.forward(
    v.check((c) => c.calledParty !== "ivr" || c.ivrAccessCode !== null, "Enter the IVR access code"),
    ["ivrAccessCode"],
  ),
  v.transform((c) => ({
    calledParty: c.calledParty,
    skillQueueId: c.calledParty === "agent" ? c.skillQueueId : null,
    ivrAccessCode: c.calledParty === "ivr" ? c.ivrAccessCode : null,
  })),
);

const DialogEndObject = v.strictObject({
  enabled: flag("dialogEnd.enabled"),
  /** Minutes without a customer reply before the session ends (used when enabled). */
  noReplyMinutes: v.optional(intRange(1, 60), 20),
  /** Sent when the session ends this way. */
  conclusion: text("conclusion", 500),
});

const SecretKeySchema = v.pipe(
  v.string("secretKey must be text"),
  v.minLength(16, "secretKey must be at least 16 characters"),
  v.maxLength(256, "secretKey must be at most 256 characters"),
  v.regex(/^[\x21-\x7e]+$/, "secretKey may contain only printable ASCII characters without spaces"),
);

const ThirdPartyAuthObject = v.strictObject({
  enabled: flag("thirdPartyAuth.enabled"),
  /** Write-only. Omit to keep the stored key; null clears it (only while disabled). */
  secretKey: v.optional(v.nullable(SecretKeySchema)),
});

const SegmentSchema = v.pipe(
  v.strictObject({
    start: v.pipe(
      v.string("start must be HH:MM"),
      v.check((t) => minuteOfDay(t) !== null, "start must be HH:MM between 00:00 and 24:00"),
    ),
    end: v.pipe(
      v.string("end must be HH:MM"),
      v.check((t) => minuteOfDay(t) !== null, "end must be HH:MM between 00:00 and 24:00"),
    ),
  }),
  v.forward(
    v.check((s) => minuteOfDay(s.start)! < minuteOfDay(s.end)!, "A segment must end after it starts"),
    ["end"],
  ),
);

const segments = (field: string) =>
  v.optional(
    v.pipe(
      v.array(SegmentSchema, `${field} must be a list of {start, end}`),
      v.maxLength(MAX_SEGMENTS, `At most ${MAX_SEGMENTS} ${field} segments`),
      v.check((list) => firstOverlap(list) === null, `${field} segments must not overlap`),
    ),
    () => WHOLE_DAY.map((s) => ({ ...s })),
  );

const WorkTimeObject = v.strictObject({
  /** Segments of working days (the tenant calendar); [] means closed all day. */
  workday: segments("workday"),
  nonWorkday: segments("nonWorkday"),
  /** Shown to a customer who arrives outside the segments. */
  nonWorkingNotice: text("nonWorkingNotice", 500),
});

export const DEFAULT_REMINDER =
  "You are number {position} in the queue. Estimated wait: about {waitSeconds} seconds.";

const QueueReminderObject = v.strictObject({
  intervalSeconds: v.optional(intRange(1, 3600), 10),
  content: v.optional(
    v.pipe(
      v.string("content must be text"),
      v.maxLength(500, "content must be at most 500 characters"),
      v.check(
        (c) => unknownPlaceholders(c).length === 0,
        `content may use only the placeholders ${REMINDER_PLACEHOLDERS.map((p) => `{${p}}`).join(" and ")}`,
      ),
    ),
    DEFAULT_REMINDER,
  ),
});

const AvatarSchema = v.pipe(
  v.string("avatar must be text"),
  v.maxLength(512, "avatar must be at most 512 characters"),
  v.check(
    (a) => a === "" || /^https?:\/\/\S+$/i.test(a) || /^\/[^/\s]\S*$/.test(a),
    "avatar must be an http(s) URL or a path starting with /",
  ),
);

const ChatbotObject = v.strictObject({
  enabled: flag("chatbot.enabled"),
  avatar: v.optional(AvatarSchema, ""),
  /** Shown to customers; may stay empty, otherwise a name by the rules of every name. */
  name: v.optional(
    v.pipe(
      v.string("name must be text"),
      v.trim(),
      ...nameRules,
      v.maxLength(100, "name must be at most 100 characters"),
    ),
    "",
  ),
  gender: v.optional(v.picklist(GENDERS, "gender must be female, male or unspecified"), "unspecified"),
  /** A robot of kind chatbot; required when enabled. */
  robotAccessCode: text("robotAccessCode", 64),
  /** When the robot recognizes no intent. */
  defaultReply: text("defaultReply", 500),
  /** When the session with the robot times out. */
  timeoutReply: text("timeoutReply", 500),
  /** When the customer is handed over to an agent. */
  transferPrompt: text("transferPrompt", 500),
});

const AssistantObject = v.strictObject({
  enabled: flag("assistant.enabled"),
  /** A robot of kind assistant; required when enabled. */
  accessCode: text("accessCode", 64),
  /** The SilentAgent skill queue: a multimedia called route; required when enabled. */
  silentAgentRouteId: v.optional(v.nullable(idSchema), null),
});

export const DEFAULT_PRIMARY_COLOR = "#1a73e8";

const LogoUrlSchema = v.pipe(
  v.string("logoUrl must be text"),
  v.trim(),
  v.maxLength(512, "logoUrl must be at most 512 characters"),
  v.check(
    (u) => u === "" || (/^https:\/\/[^\s/?#@]+[^\s@]*$/i.test(u) && URL.canParse(u)),
    "logoUrl must be an https:// address of an image, or empty for none",
  ),
);

/** How the widget looks on integrators' pages (issue 15); every field is public. */
const BrandingObject = v.strictObject({
  /** Launcher, dialog header, send button and the customer's own bubbles; the text on it is picked for contrast. */
  primaryColor: v.optional(
    v.pipe(
      v.string("primaryColor must be text"),
      v.trim(),
      v.regex(HEX_COLOR, "primaryColor must be a colour written #rrggbb, such as #1a73e8"),
      v.toLowerCase(),
    ),
    DEFAULT_PRIMARY_COLOR,
  ),
  /** Shown in the dialog header; "" shows none. */
  logoUrl: v.optional(LogoUrlSchema, ""),
  /** The dialog's title; "" shows "Online Customer Service" in the widget's language. */
  greeting: text("greeting", 60),
  /** Shown at the top of every chat; "" shows nothing. */
  welcomeText: text("welcomeText", 500),
  /** Text on the launcher next to its icon; "" shows the round icon-only launcher. */
  launcherLabel: text("launcherLabel", 30),
});
export type Branding = v.InferOutput<typeof BrandingObject>;

/** The stored branding with defaults filled in (channels saved before branding existed have none). */
export function brandingOf(stored: unknown): Branding {
  const parsed = v.safeParse(BrandingObject, stored ?? {});
  return parsed.success ? parsed.output : v.parse(BrandingObject, {});
}

const entries = {
  accessCode: ChannelAccessCodeSchema,
  type: v.optional(v.literal("web", "type must be web"), "web"),
  /** The called route customers reach: its skill queue must be multimedia. */
  routeId: idSchema,
  /** Keywords that move a customer from the chatbot to an agent (case-insensitive). */
  transferKeywords: v.optional(KeywordsSchema, []),
  /** Pages that may embed the widget; [] admits this deployment's own origin only. */
  allowedOrigins: v.optional(OriginsSchema, []),
  clickToDial: v.optional(v.nullable(ClickToDialSchema), null),
};
const sections = {
  dialogEnd: DialogEndObject,
  thirdPartyAuth: ThirdPartyAuthObject,
  workTime: WorkTimeObject,
  queueReminder: QueueReminderObject,
  chatbot: ChatbotObject,
  assistant: AssistantObject,
  branding: BrandingObject,
  leaveMessage: LeaveMessageObject,
  preChatForm: PreChatFormObject,
  attachments: AttachmentSettingsObject,
};

const InputObject = v.strictObject({
  ...entries,
  dialogEnd: v.optional(DialogEndObject, {}),
  thirdPartyAuth: v.optional(ThirdPartyAuthObject, {}),
  workTime: v.optional(WorkTimeObject, {}),
  queueReminder: v.optional(QueueReminderObject, {}),
  chatbot: v.optional(ChatbotObject, {}),
  assistant: v.optional(AssistantObject, {}),
  branding: v.optional(BrandingObject, {}),
  leaveMessage: v.optional(LeaveMessageObject, {}),
  preChatForm: v.optional(PreChatFormObject, {}),
  attachments: v.optional(AttachmentSettingsObject, {}),
});

/** A whole channel (create body; PATCH results are re-validated against it). */
export const ChannelInputSchema = v.pipe(
  InputObject,
  v.forward(
    v.partialCheck(
      [
        ["thirdPartyAuth", "enabled"],
        ["thirdPartyAuth", "secretKey"],
      ],
      (c) => !c.thirdPartyAuth.enabled || typeof c.thirdPartyAuth.secretKey === "string",
      "secretKey is required when third-party authentication is enabled",
    ),
    ["thirdPartyAuth", "secretKey"],
  ),
  v.forward(
    v.partialCheck(
      [
        ["chatbot", "enabled"],
        ["chatbot", "robotAccessCode"],
      ],
      (c) => !c.chatbot.enabled || c.chatbot.robotAccessCode !== "",
      "robotAccessCode is required when the chatbot is enabled",
    ),
    ["chatbot", "robotAccessCode"],
  ),
  v.forward(
    v.partialCheck(
      [
        ["assistant", "enabled"],
        ["assistant", "accessCode"],
      ],
      (c) => !c.assistant.enabled || c.assistant.accessCode !== "",
      "accessCode is required when the robot assistant is enabled",
    ),
    ["assistant", "accessCode"],
  ),
  v.forward(
    v.partialCheck(
      [
        ["assistant", "enabled"],
        ["assistant", "silentAgentRouteId"],
      ],
      (c) => !c.assistant.enabled || c.assistant.silentAgentRouteId !== null,
      "silentAgentRouteId is required when the robot assistant is enabled",
    ),
    ["assistant", "silentAgentRouteId"],
  ),
  v.forward(
    v.partialCheck(
      [
        ["preChatForm", "enabled"],
        ["preChatForm", "fields"],
      ],
      (c) => !c.preChatForm.enabled || c.preChatForm.fields.length > 0,
      "Add at least one field to the pre-chat form, or turn the form off",
    ),
    ["preChatForm", "fields"],
  ),
  v.forward(
    v.partialCheck(
      [
        ["attachments", "enabled"],
        ["attachments", "allowedTypes"],
      ],
      (c) => !c.attachments.enabled || c.attachments.allowedTypes.length > 0,
      "Allow at least one file type, or turn attachments off",
    ),
    ["attachments", "allowedTypes"],
  ),
);
export type ChannelInput = v.InferOutput<typeof ChannelInputSchema>;

/** PATCH body: any subset; each section (dialogEnd, workTime, …) merges one level deep. */
export const ChannelPatchSchema = v.strictObject({
  ...v.partial(v.strictObject(entries)).entries,
  dialogEnd: v.optional(v.partial(sections.dialogEnd)),
  thirdPartyAuth: v.optional(v.partial(sections.thirdPartyAuth)),
  workTime: v.optional(v.partial(sections.workTime)),
  queueReminder: v.optional(v.partial(sections.queueReminder)),
  chatbot: v.optional(v.partial(sections.chatbot)),
  assistant: v.optional(v.partial(sections.assistant)),
  branding: v.optional(v.partial(sections.branding)),
  leaveMessage: v.optional(v.partial(sections.leaveMessage)),
  preChatForm: v.optional(v.partial(sections.preChatForm)),
  attachments: v.optional(v.partial(sections.attachments)),
});
export type ChannelPatch = v.InferOutput<typeof ChannelPatchSchema>;

const Segment = v.object({ start: v.string(), end: v.string() });
const BrandingSchema = v.object({
  primaryColor: v.string(),
  logoUrl: v.string(),
  greeting: v.string(),
  welcomeText: v.string(),
  launcherLabel: v.string(),
});

/** What the widget reads before a chat starts: the public branding plus the text colour chosen for the primary colour. */
export const PublicBrandingSchema = v.object({
  ...BrandingSchema.entries,
  /** #ffffff or #000000, whichever is readable on primaryColor (white when it reaches 4.5:1). */
  onPrimaryColor: v.picklist(["#ffffff", "#000000"]),
});
export type PublicBranding = v.InferOutput<typeof PublicBrandingSchema>;
export const ChannelSchema = v.object({
  id: v.string(),
  accessCode: v.string(),
  type: v.literal("web"),
  routeId: v.string(),
  transferKeywords: v.array(v.string()),
  allowedOrigins: v.array(v.string()),
  clickToDial: v.nullable(
    v.object({
      calledParty: v.picklist(["agent", "ivr"]),
      skillQueueId: v.nullable(v.string()),
      ivrAccessCode: v.nullable(v.string()),
    }),
  ),
  dialogEnd: v.object({
    enabled: v.boolean(),
    noReplyMinutes: v.number(),
    conclusion: v.string(),
    /** Read-only: noReplyMinutes when enabled, else the 20-minute default. */
    effectiveNoReplyMinutes: v.number(),
  }),
  /** The secret key itself is write-only. */
  thirdPartyAuth: v.object({ enabled: v.boolean(), secretKeySet: v.boolean() }),
  workTime: v.object({
    workday: v.array(Segment),
    nonWorkday: v.array(Segment),
    nonWorkingNotice: v.string(),
  }),
  queueReminder: v.object({ intervalSeconds: v.number(), content: v.string() }),
  chatbot: v.object({
    enabled: v.boolean(),
    avatar: v.string(),
    name: v.string(),
    gender: v.picklist(GENDERS),
    robotAccessCode: v.string(),
    defaultReply: v.string(),
    timeoutReply: v.string(),
    transferPrompt: v.string(),
  }),
  assistant: v.object({
    enabled: v.boolean(),
    accessCode: v.string(),
    silentAgentRouteId: v.nullable(v.string()),
  }),
  branding: BrandingSchema,
  /** Left messages when the wait ends without an agent (issue 15). */
  leaveMessage: LeaveMessageSchema,
  /** Asked before the first message when enabled (see worker/schemas/pre-chat.ts). */
  preChatForm: v.object({
    enabled: v.boolean(),
    fields: v.array(
      v.object({
        key: v.string(),
        kind: v.picklist(PRE_CHAT_KINDS),
        label: v.string(),
        required: v.boolean(),
        options: v.array(v.string()),
      }),
    ),
  }),
  /** Files in chats, both ways: whether, how large and which types (found from the file's bytes). */
  attachments: AttachmentSettingsSchema,
  createdAt: v.number(),
});
export type Channel = v.InferOutput<typeof ChannelSchema>;

export const IntegrationSchema = v.object({
  channelId: v.string(),
  snippet: v.string(),
  tryUrl: v.string(),
  /** This deployment's own origin (the console and the Try page): always allowed. */
  ownOrigin: v.string(),
  /** The channel's allowedOrigins. */
  allowedOrigins: v.array(v.string()),
  /** Origins refused in the last 7 days (at most 20, most recently seen first), not allowed since. */
  refusedOrigins: v.array(
    v.object({ origin: v.string(), firstSeenAt: v.number(), lastSeenAt: v.number(), count: v.number() }),
  ),
  identityToken: v.object({
    required: v.boolean(),
    algorithm: v.literal("HS256"),
    claims: v.object({
      sub: v.string(),
      name: v.string(),
      email: v.string(),
      phone: v.string(),
      channel: v.string(),
      exp: v.string(),
      iat: v.string(),
      nbf: v.string(),
    }),
    example: v.string(),
  }),
});
