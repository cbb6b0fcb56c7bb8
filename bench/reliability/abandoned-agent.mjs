// Part of the chaos run: an agent who never comes back after the runtime was killed. A second
// tenant's queue holds one agent (two chat slots) with one live chat; the kill takes the agent's
// socket and the agent does not reconnect. After the restart a new customer arrives: they must be
// queued (the agent looks idle with a free slot, but has no socket), the agent must be signed out
// when the sign-out grace runs out, and their chat must go back to the front of the queue.
import { must } from "../lib/api.mjs";
import { sleep, waitUntil } from "../lib/open-loop.mjs";
import { setupTenant } from "../lib/setup.mjs";
import { connectCustomers, signInAgents } from "../scenarios/pairs.mjs";

/** Before the kill: the agent signed in and chatting with one customer. */
export async function prepareAbandonedAgent(origin, platformToken) {
  const tenant = await setupTenant(origin, platformToken, {
    label: "abandoned",
    agents: 1,
    maxConcurrentChats: 2,
    maxWaitingTime: 3600,
  });
  const [agent] = await signInAgents(origin, tenant);
  const [chatting] = await connectCustomers(origin, tenant, 1);
  if (!(await waitUntil(() => agent.assigned.length === 1, 15_000)))
    throw new Error("the abandoned agent's customer was never assigned");
  return { tenant, agent, chatting };
}

/** After the restart (the agent stays away): records the checks and returns the figures. */
export async function checkAbandonedAgent(origin, prepared, graceMs, checks) {
  const { tenant } = prepared;
  const live = () =>
    must(origin, "GET", `/skill-queues/${tenant.skillQueueId}/live`, { token: tenant.adminToken });
  let connected = false;
  let position = null;
  const [waiting] = await connectCustomers(origin, tenant, 1, (e) => {
    if (e.type === "queue.position") position = e.position;
    if (e.type === "conversation.updated" && e.conversation.state === "connected") connected = true;
  });
  const arrivedAt = Date.now();
  await sleep(1000);
  const during = await live();
  checks.check(
    "abandoned agent: within the grace still signed in, but the new customer is not given to them",
    during.signedIn === 1 && !connected && position === 1,
    `signedIn ${during.signedIn}, connected ${connected}, position ${position}`,
  );
  let signedOutAt = null;
  const deadline = arrivedAt + graceMs + 15_000;
  while (Date.now() < deadline) {
    if ((await live()).signedIn === 0) {
      signedOutAt = Date.now();
      break;
    }
    await sleep(250);
  }
  const signOutMs = signedOutAt === null ? null : signedOutAt - arrivedAt;
  checks.check(
    "abandoned agent: signed out when the grace runs out after the restart",
    signOutMs !== null && signOutMs >= graceMs - 1500,
    signOutMs === null ? `still signed in ${graceMs + 15_000} ms after the restart` : `after ${signOutMs} ms`,
  );
  await waitUntil(() => position === 2, 5000);
  checks.check(
    "abandoned agent: their chat went back to the front of the queue, nobody was assigned to them",
    position === 2 && !connected,
    `new customer at position ${position}, connected ${connected}`,
  );
  waiting.close();
  return { graceMs, signOutMs };
}
