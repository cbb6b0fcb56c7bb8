/**
 * The widget's texts in English and Chinese; the locale comes from `data-locale`, else the browser.
 * widget.js carries `en` only: `zh` reaches Chinese pages as the `zh` part (`parts/zh/`), loaded
 * with the branding before the widget shows, so the core never references `zh` (or `texts()`).
 */
import type { EndReason } from "../../../worker/realtime/protocol";

export const en = {
  lang: "en" as "en" | "zh",
  title: "Online Customer Service",
  openChat: "Chat with us",
  close: "Close chat",
  unread: (n: number) => `${n} unread`,
  newMessage: "New message: ",
  dismiss: "Dismiss",
  messages: "Messages",
  input: "Your message",
  send: "Send",
  attach: "Send a file",
  transfer: "Transfer to Agent",
  robot: "Chatbot",
  agent: "Agent",
  you: "You",
  system: "Notice",
  checker: "Supervisor",
  connecting: "Connecting…",
  partFailed: "This part of the chat could not load. Check your connection and try again.",
  reconnecting: "Connection lost, reconnecting…",
  replaced: "This chat continued in another window.",
  refused: "Chat is unavailable on this page.",
  queued: (p: number, s: number) => `You are number ${p} in the queue. Estimated wait: ${wait(s, "en")}.`,
  waiting: "Waiting for an agent…",
  connectedTo: (name: string) => `You are chatting with ${name}`,
  chatbot: (name: string) => `You are chatting with ${name || "our chatbot"}`,
  typing: (name: string) => `${name} is typing…`,
  sending: "Sending",
  sent: "Sent",
  read: "Read",
  failed: "Not sent",
  ended: "The chat has ended.",
  newChat: "Start a new chat",
  evaluate: "Evaluation",
  calls: { voice: "Voice call", video: "Video call" },
  evaluationTitle: "Rate our service",
  rating: "Satisfaction",
  star: (n: number) => `${n} star${n === 1 ? "" : "s"}`,
  comment: "Comment (optional)",
  confirm: "Confirm",
  cancel: "Cancel",
  evaluated: (r: number) => `Your evaluation: ${r}/5. You may change it; the last one counts.`,
  chooseRating: "Choose a rating from 1 to 5 stars.",
  charsLeft: (n: number) => `${n} characters left`,
  endReasons: {
    customerLeft: "You left the chat.",
    agentEnded: "The agent ended the chat.",
    noReply: "The chat ended because nobody replied for a while.",
    maxDuration: "The chat reached its maximum duration.",
    timeout: "No agent became free in time. Please try again later.",
    busy: "All agents are busy. Please try again later.",
    noAgent: "No agent is online right now. Please try again later.",
    nonWorkingTime: "Our agents are outside working hours.",
    robotTimeout: "The chat ended after a period of inactivity.",
    transferred: "Your chat was transferred.",
    expired: "Sorry, nobody could answer your message in time.",
    queueDeleted: "This service is no longer available, so the chat has ended.",
  } satisfies Record<EndReason, string>,
  nowChatting: (name: string) => `You are now chatting with ${name}.`,
  tookOver: (name: string) => `${name} took over the chat.`,
  agentLeft: "Your agent left. You are back at the front of the queue.",
};

export type Texts = typeof en;

export const zh: Texts = {
  lang: "zh",
  title: "在线客服",
  openChat: "联系客服",
  close: "关闭对话",
  unread: (n) => `${n} 条未读`,
  newMessage: "新消息：",
  dismiss: "关闭提示",
  messages: "消息",
  input: "输入消息",
  send: "发送",
  attach: "发送文件",
  transfer: "转人工",
  robot: "机器人",
  agent: "客服",
  you: "我",
  system: "通知",
  checker: "质检员",
  connecting: "正在连接…",
  partFailed: "此功能未能加载，请检查网络后重试。",
  reconnecting: "连接已断开，正在重连…",
  replaced: "对话已在其他窗口中继续。",
  refused: "此页面暂时无法使用在线客服。",
  queued: (p, s) => `您当前排在第 ${p} 位，预计等待 ${wait(s, "zh")}。`,
  waiting: "正在等待客服接入…",
  connectedTo: (name) => `客服 ${name} 正在为您服务`,
  chatbot: (name) => `${name || "智能机器人"} 正在为您服务`,
  typing: (name) => `${name} 正在输入…`,
  sending: "发送中",
  sent: "已发送",
  read: "已读",
  failed: "发送失败",
  ended: "对话已结束。",
  newChat: "开始新对话",
  evaluate: "评价",
  calls: { voice: "语音通话", video: "视频通话" },
  evaluationTitle: "评价本次服务",
  rating: "满意度",
  star: (n) => `${n} 星`,
  comment: "评价内容（可选）",
  confirm: "确认",
  cancel: "取消",
  evaluated: (r) => `您的评价：${r}/5。可以修改，以最后一次为准。`,
  chooseRating: "请选择 1 到 5 星。",
  charsLeft: (n) => `还可输入 ${n} 个字`,
  endReasons: {
    customerLeft: "您已离开对话。",
    agentEnded: "客服已结束对话。",
    noReply: "长时间未回复，对话已结束。",
    maxDuration: "对话已达到最长时长。",
    timeout: "排队超时，请稍后再试。",
    busy: "客服繁忙，请稍后再试。",
    noAgent: "当前没有客服在线，请稍后再试。",
    nonWorkingTime: "当前为非工作时间。",
    robotTimeout: "长时间未操作，对话已结束。",
    transferred: "您的对话已转接。",
    expired: "抱歉，您的留言未能及时得到答复。",
    queueDeleted: "该服务已停用，对话已结束。",
  },
  nowChatting: (name) => `已为您接通客服 ${name}。`,
  tookOver: (name) => `${name} 已接管对话。`,
  agentLeft: "客服已离开，您已回到队列最前面。",
};

function wait(seconds: number, locale: "en" | "zh"): string {
  const m = Math.ceil(seconds / 60);
  if (seconds < 60)
    return locale === "zh"
      ? `${Math.max(1, Math.round(seconds))} 秒`
      : `${Math.max(1, Math.round(seconds))} s`;
  return locale === "zh" ? `${m} 分钟` : `${m} min`;
}

/**
 * A system message in the customer's language, from its notice code (`connectedTo`, `timeout`, …);
 * null for a code this widget does not know (the message's own text is shown then).
 */
export function noticeText(t: Texts, n: { code: string; params: Record<string, string> }): string | null {
  const name = n.params.name ?? "";
  return n.code === "connectedTo"
    ? t.nowChatting(name)
    : n.code === "tookOver"
      ? t.tookOver(name)
      : n.code === "agentLeft"
        ? t.agentLeft
        : ((t.endReasons as Record<string, string>)[n.code] ?? null);
}

/** `zh*` → Chinese, anything else → English. */
export function pickLocale(requested: string | null | undefined, browser: string | undefined): "en" | "zh" {
  const tag = (requested || browser || "en").toLowerCase();
  return tag.startsWith("zh") ? "zh" : "en";
}

/** Both languages (tests and parts; widget.js itself uses `en` and the `zh` part). */
export function texts(locale: "en" | "zh"): Texts {
  return locale === "zh" ? zh : en;
}
