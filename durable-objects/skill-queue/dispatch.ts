/**
 * Assignment: waiting customers, oldest first, offered to agents chosen by `pickAgent`, each chat
 * reserved in the agent's `AgentPresence` object (their limit across all their queues) first;
 * callout agents get an offer to accept or reject (`offers.ts`).
 */
import { presenceOf } from "../agent-presence";
import { announceAgent, mirror } from "./agents";
import { suggestOnAssignment } from "./assistant";
import { dispatchCalls } from "./calls/routing";
import { notifyCheckers } from "./checker";
import { configuredRole, type QueueConfig } from "./config";
import type { QueueContext } from "./context";
import { broadcastUpdate, post } from "./conversation";
import { conversationAssigned } from "./event-payloads";
import { offer, reconcileOffers } from "./offers";
import { assignedEvent } from "./paging";
import { pushPositions } from "./positions";
import { pickAgent } from "./rules/assignment";
import { DEFAULT_DIALOG_END, noReplyMs } from "./rules/dialog-end";
import { assignmentMode, mayOfferAgain } from "./rules/offer";
import { mayBeOffered } from "./rules/staff-access";
import type { ConversationRow } from "./store";

const dispatching = new WeakSet<QueueContext>();

/** System messages that tell the customer who they chat with (greeting, a checker's take-over). */
const WHO_CHATS = ["You are now chatting with %", "% took over the conversation."] as const;

/**
 * Offers waiting customers, oldest first, to agents chosen by `pickAgent`, reserving a slot in the
 * agent's presence object first (which enforces their limit across all their queues). Stops at
 * the first customer nobody can take, so the queue stays first-in first-out; a customer already
 * offered to a callout agent, or whom every available agent rejected a moment ago, is passed over
 * (`rules/offer.ts`). A common agent is assigned the customer, a callout agent is offered them.
 */
export async function dispatch(q: QueueContext): Promise<void> {
  if (dispatching.has(q)) return;
  dispatching.add(q);
  let assigned = false;
  try {
    const config = await q.config.get(q.now());
    if (!config) return;
    await reconcileOffers(q, config);
    const declined = new Set<string>();
    // customers every available agent rejected a moment ago: those behind them may go first
    const passed = new Set<string>();
    // checked at assignment time, not only at connect: still configured here, and connected now
    // (once per agent and dispatch: events run one at a time, so neither changes meanwhile)
    const checked = new Map<string, boolean>();
    const offerable = (employeeId: string) => {
      let ok = checked.get(employeeId);
      if (ok === undefined) {
        ok = mayBeOffered(configuredRole(config, employeeId), q.sessions.employeeSockets(employeeId).length);
        checked.set(employeeId, ok);
      }
      return ok;
    };
    for (;;) {
      const head = q.store.offers.nextWaiting(passed);
      if (!head) break;
      const c = q.store.conversations.get(head);
      if (c?.state !== "queued") {
        q.store.waiting.dequeue(head);
        continue;
      }
      const agents = q.store.agents.withLoad().filter((a) => offerable(a.employee_id));
      // an agent with an open offer takes nothing else (rules/offer.ts)
      const ringing = q.store.offers.offeredAgents();
      const candidates = agents.map((a) => ({
        employeeId: a.employee_id,
        status: a.status,
        activeChats: a.active_chats,
        maxConcurrentChats: a.max_chats,
        idleSince: a.status_since,
        canTakeMore: !declined.has(a.employee_id) && !ringing.has(a.employee_id),
      }));
      const rejected = q.store.offers.rejectionsOf(c.id);
      const now = q.now();
      const id = pickAgent(candidates.filter((a) => mayOfferAgain(rejected.get(a.employeeId) ?? null, now)));
      const agent = agents.find((a) => a.employee_id === id);
      if (!agent) {
        if (rejected.size > 0 && pickAgent(candidates) !== null) {
          passed.add(c.id);
          continue;
        }
        break;
      }
      const reservation = await presenceOf(q.env, c.tenant_id, agent.employee_id).reserve(
        q.queueId,
        c.id,
        agent.max_chats,
      );
      if (!reservation.ok) {
        declined.add(agent.employee_id);
        // the presence object's answer is the truth: a state notice lost on its way is made good
        mirror(q, agent.employee_id, reservation);
        continue;
      }
      const still = q.store.conversations.get(c.id);
      if (still?.state !== "queued" || !q.store.agents.get(agent.employee_id)) {
        await presenceOf(q.env, c.tenant_id, agent.employee_id).release(c.id);
        continue;
      }
      if (assignmentMode(configuredRole(config, agent.employee_id)) === "offer") {
        offer(q, still, agent);
        continue;
      }
      await assign(q, still, agent.employee_id, agent.name, config);
      assigned = true;
    }
  } finally {
    dispatching.delete(q);
  }
  if (assigned) {
    pushPositions(q);
    notifyCheckers(q);
  }
  // a click-to-dial queue offers its queued calls whenever an agent may have become free
  await dispatchCalls(q);
}

/** Connects a waiting conversation with an agent whose slot is reserved. */
export async function assign(
  q: QueueContext,
  c: ConversationRow,
  employeeId: string,
  name: string,
  config: QueueConfig,
) {
  const now = q.now();
  q.store.waiting.dequeue(c.id);
  q.timers.cancelAll(c.id, ["wait", "reminder"]);
  q.store.conversations.update(c.id, {
    state: "connected",
    agent_id: employeeId,
    agent_name: name,
    connected_at: now,
    first_connected_at: c.first_connected_at ?? now,
    last_customer_at: now,
  });
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  q.timers.set("noReply", c.id, now + noReplyMs(channel?.config.dialogEnd ?? DEFAULT_DIALOG_END));
  q.timers.set("maxDuration", c.id, c.started_at + config.queue.maxCallDuration * 1000);
  const row = q.store.conversations.get(c.id) as ConversationRow;
  conversationAssigned(q, row, "dispatched", null);
  q.sessions.sendAll(q.sessions.employeeSockets(employeeId), assignedEvent(q, row));
  // the customer is told who they chat with when it changes (a chat handed over to a queue
  // where the same agent takes it again is not announced twice)
  const greeting = `You are now chatting with ${name}.`;
  if (q.store.messages.latestSystemText(c.id, WHO_CHATS) !== greeting)
    post(q, c.id, {
      sender: "system",
      senderName: null,
      text: greeting,
      notice: { code: "connectedTo", params: { name } },
      clientMsgId: null,
    });
  broadcastUpdate(q, c.id);
  announceAgent(q, employeeId);
  await suggestOnAssignment(q, c.id);
}
