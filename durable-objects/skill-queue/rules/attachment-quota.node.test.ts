import { describe, expect, it } from "vitest";
import { BYTES_MAX, FILES_MAX, quotaRefusal, UPLOADS_PER_MINUTE, type Usage } from "./attachment-quota";

const NOW = 1_000_000;
const none: Usage = { recent: 0, oldestRecentAt: null, files: 0, bytes: 0 };

describe("attachment quota per conversation", () => {
  it.each<[string, Usage, number, ReturnType<typeof quotaRefusal>]>([
    ["an empty conversation", none, 1, null],
    [
      "the 10th upload within a minute",
      { ...none, recent: UPLOADS_PER_MINUTE - 1, oldestRecentAt: NOW - 10 },
      1,
      null,
    ],
    [
      "the 11th upload within a minute waits until the oldest is a minute old",
      { ...none, recent: UPLOADS_PER_MINUTE, oldestRecentAt: NOW - 45_000 },
      1,
      { reason: "rate", retryAfterMs: 15_000 },
    ],
    ["the 50th file", { ...none, files: FILES_MAX - 1 }, 1, null],
    ["the 51st file", { ...none, files: FILES_MAX }, 1, { reason: "files" }],
    ["exactly the byte cap", { ...none, bytes: BYTES_MAX - 10 }, 10, null],
    ["one byte over the cap", { ...none, bytes: BYTES_MAX - 10 }, 11, { reason: "bytes" }],
  ])("%s", (_name, usage, size, expected) => {
    expect(quotaRefusal(usage, size, NOW)).toEqual(expected);
  });
});
