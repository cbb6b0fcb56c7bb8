// Scenario 2, assignment after a surge: M customers queue first (one agent is signed in and
// resting, so the queue is staffed and they wait), then K agents with `capacity` chats each sign
// in, all at once. Measures the time from the first of them signing in until every customer is
// assigned and the assignment rate, and checks that no conversation went to two agents and no
// agent exceeded its capacity. Baseline: the insert echo with the same K sockets, each keeping `capacity`
// persisted round trips in flight (an assignment is at least one persisted step answered on a
// socket), same run.
import { performance, sleep, waitUntil } from "../lib/open-loop.mjs";
import { pool } from "../lib/sockets.mjs";
import { echoInsertThroughput } from "./baseline.mjs";
import { connectCustomers, signInAgents } from "./pairs.mjs";

export async function assignment({ origin, tenant, customers: m, capacity, timeoutMs = 90_000 }) {
  const [sentinel, ...rest] = tenant.agents;
  const [sentinelClient] = await signInAgents(origin, { ...tenant, agents: [sentinel] });
  sentinelClient.send({ type: "status.set", status: "rest" });
  await sleep(300);
  const queuedIds = new Set();
  const customers = await connectCustomers(origin, tenant, m, (e, c) => {
    if (e.type === "queue.position") queuedIds.add(c);
  });
  if (!(await waitUntil(() => queuedIds.size >= m, 30_000, 20)))
    throw new Error(`only ${queuedIds.size} of ${m} customers were queued`);
  const agentTenant = { ...tenant, agents: rest };
  const assignedAt = [];
  const onEvent = (e) => {
    if (e.type === "conversation.assigned") assignedAt.push(performance.now());
  };
  const started = performance.now();
  const agents = await pool(
    rest.length,
    rest.length,
    async (i) => (await signInAgents(origin, { ...agentTenant, agents: [rest[i]] }, onEvent))[0],
  );
  const signedInS = (performance.now() - started) / 1000;
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
  for (const c of [...customers, ...agents, sentinelClient]) c.close();
  const insert = await echoInsertThroughput({ origin, sockets: rest.length, window: capacity, durationS: 2 });
  const assignmentsPerSecond = Math.round(owners.size / totalS);
  return {
    figures: {
      customers: m,
      agents: rest.length,
      capacity,
      assigned: owners.size,
      unassigned,
      doubleAssignments,
      overCapacity,
      sentinelAssigned: sentinelClient.assigned.length,
      agentsSignedInS: Math.round(signedInS * 1000) / 1000,
      timeToAllAssignedS: Math.round(totalS * 1000) / 1000,
      assignmentsPerSecond,
      assignmentRatio: Math.round((assignmentsPerSecond / insert.ackedPerSecond) * 1000) / 1000,
    },
    baseline: { insert: { ...insert, perSecond: insert.ackedPerSecond } },
  };
}
