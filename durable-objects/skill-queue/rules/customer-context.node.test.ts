import { describe, expect, it } from "vitest";
import {
  admitPageReport,
  localeOf,
  MAX_USER_AGENT_CHARS,
  PAGE_REPORT_WINDOW_MS,
  PAGE_REPORTS_PER_WINDOW,
  userAgentOf,
} from "./customer-context";

const T = 1_000_000;

describe("admitPageReport", () => {
  it.each([
    ["first report of a fresh window", { start: 0, count: 0 }, T, true, { start: T, count: 1 }],
    ["second report", { start: T, count: 1 }, T + 10, true, { start: T, count: 2 }],
    [
      "the last one the window holds",
      { start: T, count: PAGE_REPORTS_PER_WINDOW - 1 },
      T + 1000,
      true,
      { start: T, count: PAGE_REPORTS_PER_WINDOW },
    ],
    [
      "one over the limit",
      { start: T, count: PAGE_REPORTS_PER_WINDOW },
      T + PAGE_REPORT_WINDOW_MS - 1,
      false,
      { start: T, count: PAGE_REPORTS_PER_WINDOW },
    ],
    [
      "exactly one window later: a new window",
      { start: T, count: PAGE_REPORTS_PER_WINDOW },
      T + PAGE_REPORT_WINDOW_MS,
      true,
      { start: T + PAGE_REPORT_WINDOW_MS, count: 1 },
    ],
    ["a clock that went back: a new window", { start: T, count: 5 }, T - 1, true, { start: T - 1, count: 1 }],
  ])("%s", (_what, window, now, ok, next) => {
    expect(admitPageReport(window, now)).toEqual({ ok, window: next });
  });
});

describe("localeOf", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en", "en"],
    ["de-DE;q=0.9", "de-DE"],
    [" fr-CA , en", "fr-CA"],
    ["*", null],
    ["", null],
    [null, null],
    ["en-<script>", null],
    [`x-${"a".repeat(40)}`, null],
  ])("%j → %j", (header, locale) => {
    expect(localeOf(header)).toBe(locale);
  });
});

describe("userAgentOf", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64) Chrome/130", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130"],
    ["  ", null],
    [null, null],
    ["Bot\u0000\nInjected", "BotInjected"],
    ["a".repeat(MAX_USER_AGENT_CHARS + 1), "a".repeat(MAX_USER_AGENT_CHARS)],
  ])("%j → %j", (header, ua) => {
    expect(userAgentOf(header)).toBe(ua);
  });
});
