import { describe, expect, it } from "vitest";
import { grants, requiredScope } from "./token-scopes";

describe("API token scopes", () => {
  it.each([
    ["GET", "/conversations", "history:read"],
    ["GET", "/conversations/cv_1", "history:read"],
    ["POST", "/conversations", null],
    ["GET", "/skill-queues", "config:read"],
    ["GET", "/skill-queues/sq_1", "config:read"],
    ["PATCH", "/skill-queues/sq_1", "config:write"],
    ["DELETE", "/channels/ch_1", "config:write"],
    ["POST", "/agents/batch", "config:write"],
    ["GET", "/channels/ch_1/integration", "config:read"],
    ["GET", "/skill-queues/sq_1/live", "live:read"],
    ["GET", "/skill-queues/sq_1/transfer-targets", "config:read"],
    ["PATCH", "/tenant", "config:write"],
    ["GET", "/webhooks", "webhooks:manage"],
    ["POST", "/webhooks/wh_1/test", "webhooks:manage"],
    ["GET", "/webhooks/wh_1/deliveries", "webhooks:manage"],
    ["GET", "/audit-log", "audit:read"],
    ["POST", "/privacy/erase", "privacy:manage"],
    ["POST", "/privacy/export", "privacy:manage"],
    ["GET", "/api-tokens", null],
    ["POST", "/api-tokens", null],
    ["POST", "/agent/tickets", null],
    ["GET", "/auth/me", null],
    ["GET", "/constructor", null],
    ["GET", "/", null],
  ])("%s %s needs %s", (method, path, scope) => {
    expect(requiredScope(method, path)).toBe(scope);
  });

  it.each([
    [["config:read"], "config:read", true],
    [["config:write"], "config:read", true],
    [["config:read"], "config:write", false],
    [["history:read"], "config:read", false],
    [[], "audit:read", false],
    [["webhooks:manage", "audit:read"], "audit:read", true],
  ] as const)("%j grants %s: %s", (scopes, needed, expected) => {
    expect(grants(scopes, needed)).toBe(expected);
  });
});
