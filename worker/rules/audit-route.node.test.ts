import { describe, expect, it } from "vitest";
import { auditTarget } from "./audit-route";

describe("audit targets", () => {
  it.each([
    ["POST", "/org-units", { resource: "org-units", resourceId: null, action: "create", statePath: null }],
    [
      "PATCH",
      "/org-units/ou_1",
      { resource: "org-units", resourceId: "ou_1", action: "update", statePath: "/org-units/ou_1" },
    ],
    [
      "PUT",
      "/robots/rb_1",
      { resource: "robots", resourceId: "rb_1", action: "update", statePath: "/robots/rb_1" },
    ],
    ["PATCH", "/tenant", { resource: "tenant", resourceId: null, action: "update", statePath: "/tenant" }],
    [
      "DELETE",
      "/api-tokens/tk_1",
      { resource: "api-tokens", resourceId: "tk_1", action: "delete", statePath: "/api-tokens/tk_1" },
    ],
    [
      "POST",
      "/webhooks/wh_1/rotate-secret",
      { resource: "webhooks", resourceId: "wh_1", action: "action", statePath: "/webhooks/wh_1" },
    ],
    ["post", "/agents/batch", { resource: "agents", resourceId: null, action: "action", statePath: null }],
    [
      "PUT",
      "/skill-queues/sq_1/prompts",
      { resource: "skill-queues", resourceId: "sq_1", action: "update", statePath: null },
    ],
  ])("%s %s", (method, path, expected) => {
    expect(auditTarget(method, path)).toEqual(expected);
  });

  it.each([
    ["GET", "/org-units"],
    ["HEAD", "/org-units/ou_1"],
    ["POST", "/agent/tickets"],
    ["POST", "/webhooks/wh_1/test"],
    // the erasure writes its own entry without the identifier; lookups and exports change nothing
    ["POST", "/privacy/lookup"],
    ["POST", "/privacy/export"],
    ["POST", "/privacy/erase"],
    ["POST", "/"],
    ["POST", "/a/b/c/d"],
  ])("does not audit %s %s", (method, path) => {
    expect(auditTarget(method, path)).toBeNull();
  });

  it("audits an action whose name only looks like an excluded one", () => {
    expect(auditTarget("POST", "/webhooks/test")).not.toBeNull();
    expect(auditTarget("DELETE", "/webhooks/wh_1/test")).not.toBeNull();
  });
});
