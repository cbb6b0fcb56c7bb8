/** The spec's option names for every enum value the console shows. */
import type { Option } from "../shared/form/fields";

/** Options for a select, in the order of `values`, labelled by `labels`. */
export function options<T extends string>(values: readonly T[], labels: Record<T, string>): Option[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export const MEDIA_TYPE_LABELS = { voice: "Voice", video: "Video", multimedia: "Multimedia" } as const;

export const QUEUE_TYPE_LABELS = {
  voice: "Voice",
  multimedia: "Multimedia",
  video: "Video",
  voiceClickToDial: "Voice Click to Dial",
  videoClickToDial: "Video Click to Dial",
} as const;

export const CHANNEL_TYPE_LABELS = {
  web: "Web",
  whatsapp: "WhatsApp",
  line: "LINE",
  wechat: "WeChat",
  facebook: "Facebook",
  x: "X (Twitter)",
  rcs5g: "5G RCS",
  email: "Email",
  sms: "SMS",
  instagram: "Instagram",
  telegram: "Telegram",
} as const;

export const ACTION_LABELS = { release: "Release", transfer: "Transfer" } as const;
export const TRANSFER_TYPE_LABELS = { skillQueue: "Skill Queue", ivr: "IVR" } as const;
export const FORWARDING_LABELS = {
  deviceUsage: "Device Usage (%)",
  waitingDuration: "Waiting duration (s)",
} as const;
export const MAX_QUEUING_METHOD_LABELS = {
  fixed: "Fixed value",
  percentOfSignedIn: "Percentage of signed-in agents",
} as const;
export const QUEUING_METHOD_LABELS = {
  defaultTone: "Default Wait Tone",
  customTone: "Customizing the Wait Tone",
  ivr: "IVR",
} as const;
export const HOLD_METHOD_LABELS = {
  defaultTone: "Default Keeping Tone",
  customTone: "Customizing the Wait Tone",
} as const;
export const ANSWER_TYPE_LABELS = {
  employeeId: "Report employee ID",
  noVoice: "Report no voice",
  employeeIdAndCustom: "Report employee ID and customized voices",
} as const;

export const PLATFORM_ROLE_LABELS = {
  common: "Common agent",
  qualityChecker: "Quality checker",
  callout: "Callout agent",
} as const;
export const AGENT_TYPE_LABELS = {
  audio: "Audio agent",
  video: "Video agent",
  multimedia: "Multimedia agent",
  versatile: "Versatile agent",
} as const;
export const SKILL_TYPE_LABELS = { skillQueue: "Skill Queue", skillQueueGroup: "Skill Queue Group" } as const;

export const ROLE_LABELS = { tenantAdmin: "Tenant administrator", agent: "Agent" } as const;
export const OU_ACCESS_LABELS = { read: "Read", readWrite: "Read and write" } as const;
export const ROBOT_KIND_LABELS = { chatbot: "Chatbot", assistant: "Robot assistant" } as const;
export const GENDER_LABELS = { female: "Female", male: "Male", unspecified: "Unspecified" } as const;
export const CALLED_PARTY_LABELS = { agent: "Audio and video agent", ivr: "IVR" } as const;

export const WEEKDAY_LABELS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
