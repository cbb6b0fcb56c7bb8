import { describe, expect, it } from "vitest";
import { canonicalOrigin, effectiveNoReplyMinutes, unknownPlaceholders } from "./channel-rules";

describe("channel rules", () => {
  it.each([
    [{ enabled: false, noReplyMinutes: 5 }, 20],
    [{ enabled: true, noReplyMinutes: 5 }, 5],
    [{ enabled: true, noReplyMinutes: 60 }, 60],
  ])("effective no-reply minutes of %j is %i", (dialogEnd, expected) => {
    expect(effectiveNoReplyMinutes(dialogEnd)).toBe(expected);
  });

  it.each([
    ["https://shop.example", "https://shop.example"],
    ["HTTPS://Shop.Example", "https://shop.example"],
    ["http://localhost:8787", "http://localhost:8787"],
    ["https://shop.example:443", "https://shop.example"],
    ["https://[::1]:8443", "https://[::1]:8443"],
    ["https://shop.example/", null],
    ["https://shop.example/path", null],
    ["https://shop.example?x=1", null],
    ["https://user@shop.example", null],
    ["ftp://shop.example", null],
    ["shop.example", null],
    ["*", null],
    ["https://", null],
  ])("origin %s → %s", (text, expected) => {
    expect(canonicalOrigin(text)).toBe(expected);
  });

  it.each([
    ["You are number {position}; about {waitSeconds} s", []],
    ["Please wait", []],
    ["{pos} {position} {wait} {pos}", ["pos", "wait"]],
    ["{}", [""]],
  ])("unknown placeholders of %j", (content, expected) => {
    expect(unknownPlaceholders(content)).toEqual(expected);
  });
});
