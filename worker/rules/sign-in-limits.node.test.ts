import { describe, expect, it } from "vitest";
import { ACCOUNT_DELAY_CAP_MS, accountDelayMs, accountDelaySteps, addressKey } from "./sign-in-limits";

describe("accountDelayMs", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 10_000],
    [6, 20_000],
    [7, 40_000],
    [8, 80_000],
    [9, 160_000],
    [10, 300_000],
    [11, 300_000],
    [1_000_000, 300_000],
  ])("%i failures → wait %i ms", (failures, ms) => {
    expect(accountDelayMs(failures)).toBe(ms);
  });

  it("lists every step up to the cap", () => {
    expect(accountDelaySteps()).toEqual([
      { failures: 5, delayMs: 10_000 },
      { failures: 6, delayMs: 20_000 },
      { failures: 7, delayMs: 40_000 },
      { failures: 8, delayMs: 80_000 },
      { failures: 9, delayMs: 160_000 },
      { failures: 10, delayMs: ACCOUNT_DELAY_CAP_MS },
    ]);
  });
});

describe("addressKey", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1 ", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:0db8:0000:0002::7", "2001:db8:0:2::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::", "fe80:0:0:0::/64"],
    ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"],
    ["1::2::3", "1::2::3"],
    ["local", "local"],
  ])("%s → %s", (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });

  it("puts two addresses of one /64 under one key and the next /64 under another", () => {
    expect(addressKey("2001:db8:a:b::1")).toBe(addressKey("2001:db8:a:b:ffff::9"));
    expect(addressKey("2001:db8:a:c::1")).not.toBe(addressKey("2001:db8:a:b::1"));
  });
});
