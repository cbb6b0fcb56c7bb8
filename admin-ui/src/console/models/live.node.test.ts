import { describe, expect, it } from "vitest";
import type { LiveStats } from "../../../../worker/schemas/realtime";
import { appendSample, sparklinePath, totals } from "./live";

const stats = (over: Partial<LiveStats> = {}): LiveStats => ({
  signedIn: 0,
  idle: 0,
  busy: 0,
  arranging: 0,
  waiting: 0,
  longestWaitSeconds: 0,
  deviceUsage: 0,
  ...over,
});

describe("live dashboard model", () => {
  it("keeps only the samples inside the window", () => {
    let history = appendSample([], { at: 0, stats: stats() }, 10_000);
    history = appendSample(history, { at: 5_000, stats: stats() }, 10_000);
    history = appendSample(history, { at: 10_000, stats: stats() }, 10_000);
    expect(history.map((s) => s.at)).toEqual([5_000, 10_000]);
  });

  it("scales the sparkline into the box, top at the maximum", () => {
    expect(sparklinePath([0, 5, 10], 100, 50)).toBe("M0,50 L50,25 L100,0");
    expect(sparklinePath([0, 50, 100], 100, 50, 100)).toBe("M0,50 L50,25 L100,0");
    expect(sparklinePath([0, 0], 100, 50)).toBe("M0,50 L100,50");
    expect(sparklinePath([], 100, 50)).toBe("");
    expect(sparklinePath([200], 100, 50, 100)).toBe("M100,0");
  });

  it("adds up queues and keeps the longest wait", () => {
    const t = totals([
      stats({ waiting: 2, signedIn: 3, longestWaitSeconds: 40 }),
      stats({ waiting: 1, longestWaitSeconds: 90 }),
    ]);
    expect(t).toMatchObject({ waiting: 3, signedIn: 3, longestWaitSeconds: 90 });
  });
});
