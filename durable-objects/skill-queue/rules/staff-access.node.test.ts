import { describe, expect, it } from "vitest";
import {
  accessLoss,
  mayBeOffered,
  type PlatformRole,
  REVOKED_REASONS,
  type StaffRole,
  staffRole,
} from "./staff-access";

describe("staff role of a platform role", () => {
  it.each([
    ["common", "agent"],
    ["callout", "agent"],
    ["qualityChecker", "qualityChecker"],
  ] as const)("%s → %s", (platform, role) => {
    expect(staffRole(platform)).toBe(role);
  });
});

describe("access of a staff socket against the current configuration", () => {
  it.each<[StaffRole, PlatformRole | null, ReturnType<typeof accessLoss>]>([
    ["agent", "common", null],
    ["agent", "callout", null],
    ["agent", "qualityChecker", "roleChanged"],
    ["agent", null, "notConfigured"],
    ["qualityChecker", "qualityChecker", null],
    ["qualityChecker", "common", "roleChanged"],
    ["qualityChecker", "callout", "roleChanged"],
    ["qualityChecker", null, "notConfigured"],
  ])("%s socket, configured %s → %s", (role, configured, loss) => {
    expect(accessLoss(role, configured)).toBe(loss);
  });
});

describe("offering a new customer to a signed-in agent", () => {
  it.each<[PlatformRole | null, number, boolean]>([
    ["common", 1, true],
    ["callout", 2, true],
    // within the sign-out grace: signed in, no socket open
    ["common", 0, false],
    // configuration withdrawn or role changed, even with a socket open
    [null, 1, false],
    ["qualityChecker", 1, false],
  ])("configured %s with %i open sockets → %s", (configured, sockets, offered) => {
    expect(mayBeOffered(configured, sockets)).toBe(offered);
  });
});

describe("close reasons", () => {
  it("fit a WebSocket close reason (123 bytes, cut to 120 characters by the sender)", () => {
    for (const reason of Object.values(REVOKED_REASONS))
      expect(new TextEncoder().encode(reason).byteLength).toBeLessThanOrEqual(120);
  });
});
