/** The leave-a-message form's texts, in the widget's languages (kept in the part, out of widget.js). */
const en = {
  title: "Leave a message",
  intro:
    "No agent can chat now. Leave your message and we will answer here; you will see the reply when you come back.",
  message: "Your message",
  contact: { off: "", optional: "Email or phone (optional)", required: "Email or phone" },
  send: "Leave message",
  writeMessage: "Write your message.",
  badContact: "Enter an email address or a phone number.",
  done: "Thank you, your message was left. We will answer here: open this chat on our site to read the reply.",
  pending: "Your message is waiting for an agent. Add details below if you like.",
};
export type LeaveTexts = typeof en;

const zh: LeaveTexts = {
  title: "留言",
  intro: "当前没有客服可以接待。请留言，我们会在这里回复；您再次访问时即可看到回复。",
  message: "留言内容",
  contact: { off: "", optional: "邮箱或电话（可选）", required: "邮箱或电话" },
  send: "提交留言",
  writeMessage: "请填写留言内容。",
  badContact: "请填写邮箱地址或电话号码。",
  done: "谢谢，您的留言已提交。我们会在这里回复：再次打开本网站的在线客服即可查看。",
  pending: "您的留言正在等待客服处理，可在下方补充信息。",
};

export const leaveTexts = (lang: "en" | "zh"): LeaveTexts => (lang === "zh" ? zh : en);
