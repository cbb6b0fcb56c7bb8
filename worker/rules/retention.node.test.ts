import { describe, expect, it } from "vitest";
import {
  AUDIT_RETENTION_DAYS,
  auditCutoff,
  CATCH_UP_MS,
  HOUSEKEEPING_INTERVAL_MS,
  nextRun,
  RETENTION_BATCH,
  transcriptCutoff,
} from "./retention";

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 11, 2, 12);

describe("retention rules", () => {
  it.each([
    [null, null],
    [1, NOW - DAY],
    [30, NOW - 30 * DAY],
    [3650, NOW - 3650 * DAY],
  ])("transcripts kept %s days end before %s", (days, cutoff) => {
    expect(transcriptCutoff(days, NOW)).toBe(cutoff);
  });

  it("prunes audit entries older than a year", () => {
    expect(AUDIT_RETENTION_DAYS).toBe(365);
    expect(auditCutoff(NOW)).toBe(NOW - 365 * DAY);
  });

  it.each([
    [0, NOW + HOUSEKEEPING_INTERVAL_MS],
    [RETENTION_BATCH - 1, NOW + HOUSEKEEPING_INTERVAL_MS],
    [RETENTION_BATCH, NOW + CATCH_UP_MS],
  ])("after erasing %s conversations the next run is at %s", (erased, at) => {
    expect(nextRun(erased, NOW)).toBe(at);
  });
});
