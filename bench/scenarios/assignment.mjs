// Scenario 2, assignment: M customers enqueue while K agents with capacity sign in. Measures the
// time until every customer is assigned and the assignment rate, and checks that no conversation
// went to two agents and no agent exceeded its capacity. One extra agent signs in first and rests,
// so the queue is staffed (customers queue instead of being released for "nobody on duty").
import { performance, sleep, waitUntil } from "../lib/open-loop.mjs";
import { pool } from "../lib/sockets.mjs";
import { connectCustomers, signInAgents } from "./pairs.mjs";

export async function assignment({ origin, tenant, customers: m, capacity, timeoutMs = 90_000 }) {
  const [sentinel, ...rest] = tenant.agents;
  const [sentinelClient] = await signInAgents(origin, { ...tenant, agents: [sentinel] });
  sentinelClient.send({ type: "status.set", status: "rest" });
  await sleep(300);
  const agentTenant = { ...tenant, agents: rest };
  const started = performance.now();
  const assignedAt = [];
  const onEvent = (e) => {
    if (e.type === "conversation.assigned") assignedAt.push(performance.now());
  };
  const [customers, agents] = await Promise.all([
    connectCustomers(origin, tenant, m),
    (async () => {
      await sleep(200);
      return pool(
        rest.length,
        5,
        async (i) => (await signInAgents(origin, { ...agentTenant, agents: [rest[i]] }, onEvent))[0],
      );
    })(),
  ]);
  const all = () => agents.reduce((n, a) => n + a.assigned.length, 0);
  await waitUntil(() => all() >= m, timeoutMs, 20);
  const doneAt = assignedAt.length ? Math.max(...assignedAt) : performance.now();
  const owners = new Map();
  let doubleAssignments = 0;
  for (const a of agents)
    for (const id of a.assigned) {
      if (owners.has(id)) doubleAssignments++;
      owners.set(id, a.employeeId);
    }
  const overCapacity = agents.filter((a) => new Set(a.assigned).size > capacity).length;
  const unassigned = customers.filter((c) => !owners.has(c.conversationId)).length;
  const totalS = (doneAt - started) / 1000;
  const result = {
    figures: {
      customers: m,
      agents: rest.length,
      capacity,
      assigned: owners.size,
      unassigned,
      doubleAssignments,
      overCapacity,
      sentinelAssigned: sentinelClient.assigned.length,
      timeToAllAssignedS: Math.round(totalS * 1000) / 1000,
      assignmentsPerSecond: Math.round(owners.size / totalS),
    },
  };
  for (const c of [...customers, ...agents, sentinelClient]) c.close();
  return result;
}
