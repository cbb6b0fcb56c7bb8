import { describe, expect, it } from "vitest";
import { pickLocale, texts } from "./i18n";

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
