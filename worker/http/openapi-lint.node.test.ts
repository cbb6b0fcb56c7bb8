/**
 * The OpenAPI document passes Redocly's recommended ruleset with no errors and no warnings, so
 * integrators can generate clients from it; every operation has a unique, stable operationId.
 */
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import "../app";
import { openApiDocument, operationIdOf } from "./openapi";

type Doc = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
};

describe("OpenAPI lint", () => {
  it("passes the recommended ruleset without errors or warnings", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({
      source: JSON.stringify(openApiDocument()),
      absoluteRef: "openapi.json",
      config,
    });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(found).toEqual([]);
  });

  it("gives every operation a unique operationId and a documented 4XX answer", () => {
    const doc = openApiDocument() as Doc;
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(ids.length).toBeGreaterThan(50);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item))
        expect(
          Object.keys(op.responses).some((code) => /^4\d\d$/.test(code)),
          op.operationId,
        ).toBe(true);
  });

  it.each([
    ["get", "/api/v1/skill-queues", "listSkillQueues"],
    ["get", "/api/v1/skill-queues/:id", "getSkillQueue"],
    ["post", "/api/v1/skill-queues", "createSkillQueue"],
    ["patch", "/api/v1/access-codes/:id", "updateAccessCode"],
    ["delete", "/api/v1/skill-queue-groups/:id", "deleteSkillQueueGroup"],
    ["get", "/api/v1/channels/:id/integration", "getChannelIntegration"],
    ["get", "/api/v1/skill-queues/:id/live", "getSkillQueueLive"],
    ["post", "/api/v1/chat/tickets", "createChatTicket"],
    ["post", "/api/v1/agents/batch", "createAgentsBatch"],
    ["get", "/api/v1/tenant", "getTenant"],
  ] as const)("%s %s is %s", (method, path, id) => {
    expect(operationIdOf({ method, path })).toBe(id);
  });
});
