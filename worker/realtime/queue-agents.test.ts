import { describe, expect, it } from "vitest";
import { db, insertQueue, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { newId } from "../db/ids";
import { agentSkillQueues, agents, employees } from "../db/schema";
import { agentsOfQueue } from "./queue-agents";

/** Inserts `n` agents serving `queueId` directly (no password hashing: this is about the query). */
async function addAgents(tenantId: string, queueId: string, n: number, from: number) {
  const rows = Array.from({ length: n }, (_, i) => ({ id: newId("ag"), employeeId: String(from + i) }));
  for (let k = 0; k < rows.length; k += 5) {
    const chunk = rows.slice(k, k + 5);
    await db().batch([
      db()
        .insert(employees)
        .values(
          chunk.map((r) => ({
            id: newId("em"),
            tenantId,
            account: `bulk_${tenantId}_${r.employeeId}`,
            name: `Agent ${r.employeeId}`,
            employeeId: r.employeeId,
            role: "agent" as const,
            accessibleOus: [],
            passwordHash: "x",
          })),
        ),
      db()
        .insert(agents)
        .values(
          chunk.map((r) => ({
            id: r.id,
            tenantId,
            employeeId: r.employeeId,
            platformRole: "common" as const,
            agentType: "multimedia" as const,
            skillType: "skillQueue" as const,
            defaultSkillQueueId: queueId,
          })),
        ),
      db()
        .insert(agentSkillQueues)
        .values(chunk.map((r) => ({ tenantId, agentId: r.id, skillQueueId: queueId, position: 0 }))),
    ]);
  }
}

describe("agentsOfQueue", () => {
  // D1 refuses a statement with more than 100 bound parameters; found by `npm run bench` (relay
  // with 100 agents answered 500 on every agent ticket).
  it.each([99, 100, 101, 250])("returns all %i agents of a queue, and only theirs", async (n) => {
    const fx = await setupQueue({ agents: [] });
    const other = await insertQueue(fx.tenantId);
    await addAgents(fx.tenantId, fx.queueId, n, 200000);
    await addAgents(fx.tenantId, other, 3, 900000);
    const found = await agentsOfQueue(db(), fx.tenantId, fx.queueId);
    expect(found).toHaveLength(n);
    expect(found.every((a) => Number(a.employeeId) < 900000)).toBe(true);
  });
});
