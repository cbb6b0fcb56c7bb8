import { describe, expect, it } from "vitest";
import { NOTICE_CODES } from "../../../worker/realtime/protocol";
import { noticeText, pickLocale, texts } from "./i18n";

describe("widget locale", () => {
  it.each([
    ["zh-CN", "en-US", "zh"],
    ["zh", undefined, "zh"],
    ["en", "zh-CN", "en"],
    [null, "zh-TW", "zh"],
    [undefined, "de-DE", "en"],
    ["", undefined, "en"],
  ] as const)("data-locale %s with browser %s → %s", (requested, browser, expected) => {
    expect(pickLocale(requested, browser)).toBe(expected);
  });

  it("formats queue waits in seconds under a minute and whole minutes above", () => {
    expect(texts("en").queued(3, 45)).toBe("You are number 3 in the queue. Estimated wait: 45 s.");
    expect(texts("en").queued(1, 61)).toBe("You are number 1 in the queue. Estimated wait: 2 min.");
    expect(texts("zh").queued(2, 0)).toBe("您当前排在第 2 位，预计等待 1 秒。");
  });

  it("has the same keys in both languages", () => {
    expect(Object.keys(texts("zh")).sort()).toEqual(Object.keys(texts("en")).sort());
    expect(Object.keys(texts("zh").endReasons).sort()).toEqual(Object.keys(texts("en").endReasons).sort());
  });
});

describe("system messages in the customer's language", () => {
  const notice = (code: string, params: Record<string, string> = {}) => ({ code, params });
  it.each([
    ["en", notice("connectedTo", { name: "Alice" }), "You are now chatting with Alice."],
    ["zh", notice("connectedTo", { name: "Alice" }), "已为您接通客服 Alice。"],
    ["en", notice("tookOver", { name: "Lin" }), "Lin took over the chat."],
    ["zh", notice("tookOver", { name: "Lin" }), "Lin 已接管对话。"],
    ["en", notice("agentLeft"), "Your agent left. You are back at the front of the queue."],
    ["zh", notice("agentLeft"), "客服已离开，您已回到队列最前面。"],
    ["en", notice("timeout"), "No agent became free in time. Please try again later."],
    ["zh", notice("busy"), "客服繁忙，请稍后再试。"],
    ["zh", notice("noAgent"), "当前没有客服在线，请稍后再试。"],
    ["zh", notice("nonWorkingTime"), "当前为非工作时间。"],
    ["zh", notice("maxDuration"), "对话已达到最长时长。"],
    ["en", notice("expired"), "Sorry, nobody could answer your message in time."],
    ["zh", notice("expired"), "抱歉，您的留言未能及时得到答复。"],
  ] as const)("%s %j → %s", (lang, n, text) => {
    expect(noticeText(texts(lang), n)).toBe(text);
  });

  it("an unknown code is left to the message's own (English) text", () => {
    expect(noticeText(texts("zh"), notice("somethingNew"))).toBeNull();
  });

  it("every notice code the server sends has a text in both languages", () => {
    for (const code of NOTICE_CODES)
      for (const lang of ["en", "zh"] as const)
        expect(noticeText(texts(lang), notice(code, { name: "A" })), `${lang} ${code}`).toBeTruthy();
  });
});
