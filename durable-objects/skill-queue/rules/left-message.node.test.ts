import { describe, expect, it } from "vitest";
import {
  becomesPending,
  contactProblem,
  DAY_MS,
  expiresAt,
  keptForCustomer,
  LEFT_TEXT_CHARS,
  leftEventAtOnce,
  leftText,
} from "./left-message";

describe("contact details with a left message", () => {
  const REQUIRED = "contact is required: an email address or a phone number";
  const INVALID = "contact must be an email address or a phone number";
  const OFF = "this channel takes no contact details";
  it.each([
    ["off", "", null],
    ["off", "   ", null],
    ["off", "ada@example.com", OFF],
    ["optional", "", null],
    ["optional", "ada@example.com", null],
    ["optional", "ada@example", INVALID],
    ["optional", "ada example.com", INVALID],
    ["required", "", REQUIRED],
    ["required", "  ", REQUIRED],
    ["required", "a@b.co", null],
    ["required", "+86 138 0013 8000", null],
    ["required", "(020) 7946-0958", null],
    ["required", "12345", INVALID],
    ["required", "123456", null],
    ["required", "1".repeat(20), null],
    ["required", "1".repeat(21), INVALID],
    ["required", "call me", INVALID],
    ["required", "+44 20 7946 0958 ext", INVALID],
  ] as const)("%s, %j → %s", (mode, contact, problem) => {
    expect(contactProblem(mode, contact)).toBe(problem);
  });
});

describe("when a released wait becomes a left message", () => {
  it.each([
    [0, false],
    [1, true],
    [5, true],
  ])("%d customer messages since queued → pending %s", (n, pending) => {
    expect(becomesPending(n)).toBe(pending);
  });
});

describe("expiry and keeping an ended one for its customer", () => {
  it.each([
    [1, DAY_MS],
    [7, 7 * DAY_MS],
    [30, 30 * DAY_MS],
  ])("%d pending days → expires %d ms after it was left", (days, ms) => {
    expect(expiresAt(1000, days)).toBe(1000 + ms);
  });

  const endedAt = 1_000_000;
  it.each([
    // unseen, now, kept: strictly before endedAt + pendingDays
    [true, endedAt, true],
    [true, endedAt + 2 * DAY_MS - 1, true],
    [true, endedAt + 2 * DAY_MS, false],
    [false, endedAt, false],
  ])("unseen %s at %d → kept %s (2 pending days)", (unseen, now, kept) => {
    expect(keptForCustomer({ endedAt, pendingDays: 2, unseen }, now)).toBe(kept);
  });
});

describe("the text of a message.left event", () => {
  const x = (n: number) => "x".repeat(n);
  it.each([
    [[], "", false],
    [["Hello"], "Hello", false],
    [["My parcel", "Order 42"], "My parcel\nOrder 42", false],
    [[x(LEFT_TEXT_CHARS)], x(LEFT_TEXT_CHARS), false],
    [[x(LEFT_TEXT_CHARS + 1)], `${x(LEFT_TEXT_CHARS - 1)}…`, true],
    // the line break counts: 2000 + 1 + 1999 is exactly the limit, one more character is over
    [[x(2000), x(1999)], `${x(2000)}\n${x(1999)}`, false],
    [[x(2000), x(2000)], `${x(2000)}\n${x(1998)}…`, true],
  ] as const)("%#", (texts, text, truncated) => {
    const got = leftText(texts);
    expect(got).toEqual({ text, truncated });
    expect(got.text.length).toBeLessThanOrEqual(LEFT_TEXT_CHARS);
  });
});

describe("when the message.left event goes out", () => {
  it.each([
    ["off", false, true],
    ["off", true, true],
    ["optional", false, false],
    ["optional", true, true],
    ["required", false, false],
    ["required", true, true],
  ] as const)("contact %s, confirmed %s: at once %s", (mode, confirmed, atOnce) => {
    expect(leftEventAtOnce(mode, confirmed)).toBe(atOnce);
  });
});
