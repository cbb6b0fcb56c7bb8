// Brings up live conversations for a scenario: agents sign in, customers connect and are assigned.
import { ChatClient } from "../lib/chat-client.mjs";
import { waitUntil } from "../lib/open-loop.mjs";
import { pool } from "../lib/sockets.mjs";

/** Signs in every agent of `tenant`; resolves the connected clients. */
export async function signInAgents(origin, tenant, onEvent) {
  return pool(tenant.agents.length, 10, async (i) => {
    const a = tenant.agents[i];
    const client = new ChatClient({
      origin,
      kind: "agent",
      token: a.token,
      skillQueueId: tenant.skillQueueId,
      onEvent,
    });
    client.employeeId = a.employeeId;
    await client.connect();
    return client;
  });
}

/**
 * Connects `count` customers to the tenant's channel; resolves the connected clients. With
 * `deadlineMs`, throws once that much time passed (closing what it opened), so a server that
 * slows down with every arrival cannot stretch a run without bound.
 */
export async function connectCustomers(
  origin,
  tenant,
  count,
  onEvent,
  concurrency = 20,
  deadlineMs = Number.POSITIVE_INFINITY,
) {
  const started = Date.now();
  const opened = [];
  try {
    return await pool(count, concurrency, async () => {
      if (Date.now() - started > deadlineMs) {
        throw new Error(
          `only ${opened.length} of ${count} customers connected within ${Math.round(deadlineMs / 1000)} s`,
        );
      }
      const client = new ChatClient({ origin, kind: "customer", channelId: tenant.channelId, onEvent });
      await client.connect();
      opened.push(client);
      return client;
    });
  } catch (err) {
    for (const c of opened) c.close();
    throw err;
  }
}

/**
 * Connects `count` customers and waits until each is assigned to one of `agents`. Resolves
 * `{customers, agentOf: Map(conversationId → agent client), setupMs}`.
 */
export async function establishPairs(origin, tenant, agents, count, timeoutMs = 60_000) {
  const started = Date.now();
  const customers = await connectCustomers(origin, tenant, count);
  const assigned = () => agents.reduce((n, a) => n + a.assigned.length, 0);
  if (!(await waitUntil(() => assigned() >= count, timeoutMs, 50))) {
    throw new Error(`only ${assigned()} of ${count} customers were assigned within ${timeoutMs} ms`);
  }
  const agentOf = new Map();
  for (const a of agents) for (const id of a.assigned) agentOf.set(id, a);
  const missing = customers.filter((c) => !agentOf.has(c.conversationId)).length;
  if (missing) throw new Error(`${missing} customers' conversations have no agent`);
  return { customers, agentOf, setupMs: Date.now() - started };
}
