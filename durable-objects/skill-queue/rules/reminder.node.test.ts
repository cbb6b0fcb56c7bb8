import { describe, expect, it } from "vitest";
import { nextReminderAt, onReminderTick, REMINDER_TICK_MS, renderReminder } from "./reminder";

describe("queue reminder", () => {
  it.each<[string, string, string]>([
    ["both placeholders", "You are #{position}, about {waitSeconds}s.", "You are #3, about 120s."],
    ["repeated placeholders", "{position}/{position}", "3/3"],
    ["no placeholders", "Please hold on.", "Please hold on."],
    ["unknown placeholders stay", "{name}: {position}", "{name}: 3"],
    ["CJK content", "您前面还有{position}位，预计等待{waitSeconds}秒", "您前面还有3位，预计等待120秒"],
    [
      "empty content uses the default",
      "",
      "You are number 3 in the queue. Estimated wait: about 120 seconds.",
    ],
    [
      "blank content uses the default",
      "  ",
      "You are number 3 in the queue. Estimated wait: about 120 seconds.",
    ],
  ])("%s", (_, content, text) => {
    expect(renderReminder(content, { position: 3, waitSeconds: 120 })).toBe(text);
  });

  it("does not expand placeholders inside substituted values", () => {
    expect(renderReminder("{waitSeconds}{position}", { position: 1, waitSeconds: 0 })).toBe("01");
  });

  it.each([
    [1_000, 10, 11_000],
    [1_000, 1, 2_000],
    [1_000, 0, 11_000],
    [1_000, -5, 11_000],
  ])("last at %d, every %d s → %d", (lastAt, interval, next) => {
    expect(nextReminderAt(lastAt, interval)).toBe(next);
  });
});

describe("reminder grid", () => {
  it.each<[string, number, number]>([
    ["on a tick stays", 10_000, 10_000],
    ["one millisecond past a tick goes to the next", 10_001, 10_000 + REMINDER_TICK_MS],
    ["one millisecond before a tick goes to it", 10_000 + REMINDER_TICK_MS - 1, 10_000 + REMINDER_TICK_MS],
    ["zero stays", 0, 0],
  ])("%s", (_name, dueAt, expected) => {
    expect(onReminderTick(dueAt)).toBe(expected);
    expect(onReminderTick(dueAt) - dueAt).toBeLessThan(REMINDER_TICK_MS);
  });
});
