/** The call part's texts in English and Chinese (the widget's own texts stay in `../../i18n.ts`). */
import type { CallEndReason } from "../../../../../worker/realtime/protocol";

const en = {
  calling: "Calling…",
  queued: "Waiting for an agent to take your call…",
  connecting: "Connecting…",
  mute: "Mute",
  unmute: "Unmute",
  cameraOff: "Camera off",
  cameraOn: "Camera on",
  hangUp: "Hang up",
  close: "Close",
  you: "You",
  agentMuted: "The agent's microphone is off",
  permission:
    "The call needs your microphone (and camera for a video call). Allow them in your browser and try again.",
  noDevice: "No microphone or camera was found (or another program is using it).",
  failed: "Your microphone or camera could not be started.",
  lost: "The call's connection was lost.",
  ended: (duration: string) => `Call ended (${duration})`,
  reasons: {
    hangup: "The call ended.",
    declined: "The agent declined the call. You can keep chatting.",
    cancelled: "The call was cancelled.",
    timeout: "No agent could take your call in time. You can keep chatting.",
    busy: "All agents for calls are busy. You can keep chatting.",
    noAgent: "No agent for calls is available right now. You can keep chatting.",
    maxDuration: "The call reached its maximum duration.",
    connectionLost: "The call's connection was lost.",
    chatEnded: "The chat ended, and with it the call.",
  } satisfies Record<CallEndReason, string>,
  duration: (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`,
};

export type CallTexts = typeof en;

const zh: CallTexts = {
  calling: "正在呼叫…",
  queued: "正在等待客服接听…",
  connecting: "正在连接…",
  mute: "静音",
  unmute: "取消静音",
  cameraOff: "关闭摄像头",
  cameraOn: "打开摄像头",
  hangUp: "挂断",
  close: "关闭",
  you: "我",
  agentMuted: "客服已关闭麦克风",
  permission: "通话需要使用麦克风（视频通话还需要摄像头），请在浏览器中允许后重试。",
  noDevice: "未找到麦克风或摄像头（或正被其他程序占用）。",
  failed: "无法启动麦克风或摄像头。",
  lost: "通话连接已断开。",
  ended: (duration) => `通话已结束（${duration}）`,
  reasons: {
    hangup: "通话已结束。",
    declined: "客服拒绝了通话，您可以继续文字对话。",
    cancelled: "通话已取消。",
    timeout: "暂时没有客服接听，您可以继续文字对话。",
    busy: "通话客服繁忙，您可以继续文字对话。",
    noAgent: "当前没有可接听通话的客服，您可以继续文字对话。",
    maxDuration: "通话已达到最长时长。",
    connectionLost: "通话连接已断开。",
    chatEnded: "对话已结束，通话随之结束。",
  },
  duration: en.duration,
};

export function callTexts(lang: "en" | "zh"): CallTexts {
  return lang === "zh" ? zh : en;
}
