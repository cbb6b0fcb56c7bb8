/** The pre-chat form's own texts (kept in the part, so they add nothing to widget.js). */
import type { PreChatMessages } from "../../../../../worker/schemas/pre-chat";

const en = {
  title: "Before we start",
  note: "Tell us a little about you so we can help faster. Fields marked * are required.",
  locked: "From your account",
  choose: "Choose…",
  start: "Start chat",
  messages: {
    required: (label) => `Please fill in ${label}.`,
    tooLong: (label, max) => `${label}: at most ${max} characters.`,
    email: (label) => `${label}: enter an email address such as name@example.com.`,
    phone: (label) => `${label}: enter a phone number (5–20 digits; +, spaces and dashes are fine).`,
    option: (label) => `${label}: choose one of the options.`,
  } satisfies PreChatMessages,
};
export type PreChatTexts = typeof en;

const zh: PreChatTexts = {
  title: "开始咨询前",
  note: "请留下您的信息，方便我们更快地为您服务。带 * 的为必填项。",
  locked: "来自您的账户",
  choose: "请选择…",
  start: "开始咨询",
  messages: {
    required: (label) => `请填写${label}。`,
    tooLong: (label, max) => `${label}最多 ${max} 个字。`,
    email: (label) => `${label}格式不正确，例如 name@example.com。`,
    phone: (label) => `${label}格式不正确（5–20 位数字，可含 +、空格或 -）。`,
    option: (label) => `请从选项中选择${label}。`,
  },
};

export const preChatTexts = (lang: "en" | "zh"): PreChatTexts => (lang === "zh" ? zh : en);
