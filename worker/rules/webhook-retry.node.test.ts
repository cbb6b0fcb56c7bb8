import { describe, expect, it } from "vitest";
import {
  afterFailure,
  DISABLE_AFTER_MS,
  DISABLE_MIN_FAILURES,
  MAX_EVENT_AGE_MS,
  retryDelaySeconds,
  shouldDisable,
} from "./webhook-retry";

describe("webhook retries", () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [7, 1920],
    [8, 3600],
    [9, 3600],
    [40, 3600],
  ])("after failed attempt %i the retry waits %i s", (attempt, seconds) => {
    expect(retryDelaySeconds(attempt)).toBe(seconds);
  });

  const t0 = 1_000_000_000_000;
  it.each([
    ["a fresh event", 1, t0, { retry: true, delaySeconds: 30 }],
    [
      "next attempt exactly at the age limit",
      8,
      t0 + MAX_EVENT_AGE_MS - 3600_000,
      { retry: true, delaySeconds: 3600 },
    ],
    ["next attempt 1 ms past the age limit", 8, t0 + MAX_EVENT_AGE_MS - 3600_000 + 1, { retry: false }],
    ["an event older than the limit", 2, t0 + MAX_EVENT_AGE_MS + 1, { retry: false }],
  ])("%s", (_name, attempt, now, expected) => {
    expect(afterFailure(attempt, t0, now)).toEqual(expected);
  });

  it("gives an event about 30 attempts over 24 hours", () => {
    let now = t0;
    let attempts = 1;
    for (;;) {
      const next = afterFailure(attempts, t0, now);
      if (!next.retry) break;
      now += next.delaySeconds * 1000;
      attempts++;
    }
    expect(attempts).toBe(30);
    expect(now - t0).toBeLessThanOrEqual(MAX_EVENT_AGE_MS);
  });

  it.each([
    [DISABLE_MIN_FAILURES, t0, t0 + DISABLE_AFTER_MS, true],
    [DISABLE_MIN_FAILURES, t0, t0 + DISABLE_AFTER_MS - 1, false],
    [DISABLE_MIN_FAILURES - 1, t0, t0 + DISABLE_AFTER_MS * 3, false],
    [50, null, t0, false],
    [30, t0, t0 + DISABLE_AFTER_MS + 1, true],
  ])("%i failures in a row since %s, at %i: disabled %s", (streak, since, now, expected) => {
    expect(shouldDisable(streak, since, now)).toBe(expected);
  });
});
