/**
 * The waiting list: admission of a customer who asks for an agent (work time, queue limit, busy
 * condition, nobody on duty), the busy/timeout/no-agent handling (release or transfer to another
 * queue's object), queue positions and reminders, and dispatch of waiting customers to agents.
 */
import { database } from "../../worker/db/tenant-db";
import type { EndReason } from "../../worker/realtime/protocol";
import { CloseCode } from "../../worker/realtime/protocol";
import { issueTicket, ticketUrl } from "../../worker/realtime/tickets";
import { presenceOf } from "../agent-presence";
import { announceAgent } from "./agents";
import { notifyCheckers } from "./checker";
import type { QueueConfig } from "./config";
import type { QueueContext } from "./context";
import { broadcastUpdate, CONVERSATION_TIMERS, endConversation, post, summary } from "./conversation";
import { admit, usageAfterArrival } from "./rules/admission";
import { pickAgent } from "./rules/assignment";
import { deviceUsagePercent } from "./rules/device-usage";
import { noReplyMs } from "./rules/dialog-end";
import { estimateWaitSeconds } from "./rules/estimated-wait";
import { decideHandling, type TransferTarget } from "./rules/handling";
import { queueLimit } from "./rules/queue-limit";
import { renderReminder } from "./rules/reminder";
import { isWorkingTime } from "./rules/work-time";
import { type ConversationRow, type MessageRow, toChatMessage } from "./store";

/** What the customer is told when a handling releases them. */
export const RELEASE_NOTICES: Record<"timeout" | "busy" | "noAgent", string> = {
  timeout: "Sorry, no agent became available in time. Please try again later.",
  busy: "Sorry, all our agents are busy right now. Please try again later.",
  noAgent: "Sorry, no agent is on duty right now. Please try again later.",
};
export const DEFAULT_NON_WORKING_NOTICE =
  "Our agents are not working now. Please come back during working hours.";

/** The queue's live counts, as the rules need them. */
export function counts(q: QueueContext) {
  const agents = q.store.agents();
  const waiting = q.store.waiting();
  const now = q.now();
  let idle = 0;
  let arranging = 0;
  for (const a of agents) {
    if (a.status === "arranging") arranging++;
    else if (a.status === "idle" && q.store.activeChats(a.employee_id) < a.max_chats) idle++;
  }
  const oldest = waiting.reduce((min, w) => Math.min(min, w.enqueued_at), now);
  return {
    signedIn: agents.length,
    idle,
    arranging,
    busy: agents.length - idle - arranging,
    nonIdle: agents.length - idle,
    waiting: waiting.length,
    longestWaitSeconds: Math.max(0, Math.floor((now - oldest) / 1000)),
  };
}

/** `{signedIn, idle, busy, arranging, waiting, longestWaitSeconds, deviceUsage}` now. */
export function liveStats(q: QueueContext, config: QueueConfig) {
  const c = counts(q);
  const maxQueuing = queueLimit(config.queue.maxCallsInQueue, config.queue.queuing.busy, c.signedIn);
  const deviceUsage = deviceUsagePercent({
    signedIn: c.signedIn,
    nonIdle: c.nonIdle,
    queuing: c.waiting,
    maxQueuing,
  });
  return {
    signedIn: c.signedIn,
    idle: c.idle,
    busy: c.busy,
    arranging: c.arranging,
    waiting: c.waiting,
    longestWaitSeconds: c.longestWaitSeconds,
    deviceUsage: Math.round(deviceUsage * 100) / 100,
  };
}

/** This queue's device usage if one more customer arrived (what a transferring queue compares). */
export function usageIfOneMore(q: QueueContext, config: QueueConfig): number {
  const c = counts(q);
  return usageAfterArrival({
    signedIn: c.signedIn,
    nonIdle: c.nonIdle,
    waiting: c.waiting,
    maxCallsInQueue: config.queue.maxCallsInQueue,
    busy: config.queue.queuing.busy,
  });
}

/**
 * A customer asks for an agent (no chatbot, the Transfer to Agent button or keyword, or a
 * conversation transferred in): outside work time they get the notice and the chat ends;
 * otherwise the admission rule queues them or applies the busy / no-agent handling.
 */
export async function requestAgent(q: QueueContext, conversationId: string): Promise<void> {
  q.timers.cancel("route", conversationId);
  const c = q.store.conversation(conversationId);
  if (
    !c ||
    c.state === "ended" ||
    c.state === "connected" ||
    q.store.waiting().some((w) => w.conversation_id === c.id)
  )
    return;
  const now = q.now();
  const config = await q.config.require(now);
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  if (
    channel &&
    !isWorkingTime(channel.config.workTime, config.tenant.calendar, config.tenant.timezone, now)
  ) {
    await endConversation(q, c.id, "nonWorkingTime", {
      sender: "system",
      text: channel.config.workTime.nonWorkingNotice || DEFAULT_NON_WORKING_NOTICE,
    });
    return;
  }
  const k = counts(q);
  const decision = admit({
    signedIn: k.signedIn,
    nonIdle: k.nonIdle,
    waiting: k.waiting,
    oldestWaitSeconds: k.waiting ? k.longestWaitSeconds : 0,
    maxCallsInQueue: config.queue.maxCallsInQueue,
    busy: config.queue.queuing.busy,
  });
  if (decision === "queue") {
    await placeInQueue(q, c.id, false, config);
    await dispatch(q);
  } else {
    await applyHandling(q, c.id, decision);
  }
}

/** Puts a conversation on the waiting list (at the back, or the front for a returned chat). */
export async function placeInQueue(
  q: QueueContext,
  conversationId: string,
  front: boolean,
  config?: QueueConfig,
) {
  const now = q.now();
  const cfg = config ?? (await q.config.require(now));
  const c = q.store.conversation(conversationId);
  if (!c) return;
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  q.store.enqueue(conversationId, now, front);
  q.store.updateConversation(conversationId, { state: "queued", queued_at: c.queued_at ?? now });
  q.timers.set("wait", conversationId, now + cfg.queue.maxWaitingTime * 1000);
  q.timers.set(
    "reminder",
    conversationId,
    now + reminderIntervalMs(channel?.config.queueReminder.intervalSeconds),
  );
  broadcastUpdate(q, conversationId);
  pushPositions(q);
  notifyCheckers(q);
}

const reminderIntervalMs = (seconds: number | undefined) => Math.max(1, seconds ?? 10) * 1000;

function estimateFor(q: QueueContext, position: number): number {
  const k = counts(q);
  const idleSlots = q.store
    .agents()
    .filter((a) => a.status === "idle")
    .reduce((n, a) => n + Math.max(0, a.max_chats - q.store.activeChats(a.employee_id)), 0);
  return estimateWaitSeconds(position, {
    idleSlots,
    signedIn: k.signedIn,
    avgHandleSeconds: Number(q.store.meta("avgHandleSeconds") ?? "0") || 180,
  });
}

/** Sends every waiting customer their position (on every change of the waiting list). */
export function pushPositions(q: QueueContext): void {
  q.store.waiting().forEach((w, i) => {
    const sockets = q.sessions.customerSockets(w.conversation_id);
    if (sockets.length === 0) return;
    q.sessions.sendAll(sockets, {
      type: "queue.position",
      conversationId: w.conversation_id,
      position: i + 1,
      estimatedWaitSeconds: estimateFor(q, i + 1),
      reminder: null,
    });
  });
}

/** The position frame for one waiting conversation, or null when it is not waiting. */
export function positionOf(
  q: QueueContext,
  conversationId: string,
): { position: number; estimatedWaitSeconds: number } | null {
  const index = q.store.waiting().findIndex((w) => w.conversation_id === conversationId);
  if (index < 0) return null;
  return { position: index + 1, estimatedWaitSeconds: estimateFor(q, index + 1) };
}

/** Queue reminder timer: the channel's reminder content with the position, then the next reminder. */
export async function remind(q: QueueContext, conversationId: string): Promise<void> {
  const c = q.store.conversation(conversationId);
  const pos = positionOf(q, conversationId);
  if (c?.state !== "queued" || !pos) return;
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const reminder = channel?.config.queueReminder;
  q.sessions.sendAll(q.sessions.customerSockets(c.id), {
    type: "queue.position",
    conversationId: c.id,
    position: pos.position,
    estimatedWaitSeconds: pos.estimatedWaitSeconds,
    reminder: renderReminder(reminder?.content ?? "", {
      position: pos.position,
      waitSeconds: pos.estimatedWaitSeconds,
    }),
  });
  q.timers.set("reminder", c.id, q.now() + reminderIntervalMs(reminder?.intervalSeconds));
}

/** Max waiting time reached: the timeout handling. */
export async function waitTimedOut(q: QueueContext, conversationId: string): Promise<void> {
  const c = q.store.conversation(conversationId);
  if (c?.state !== "queued") return;
  await applyHandling(q, conversationId, "timeout");
}

/** Release or transfer per the queue's timeout / busy / no-agent configuration. */
export async function applyHandling(
  q: QueueContext,
  conversationId: string,
  which: "timeout" | "busy" | "noAgent",
) {
  const c = q.store.conversation(conversationId);
  if (!c || c.state === "ended") return;
  const config = await q.config.require(q.now());
  const action = config.queue.queuing[which];
  const hops = JSON.parse(c.hops) as string[];
  let target: TransferTarget | null = null;
  if (
    action.action === "transfer" &&
    action.transferType === "skillQueue" &&
    action.targetId &&
    action.targetId !== q.queueId
  ) {
    const row = await q.config.otherQueue(c.tenant_id, action.targetId);
    if (row) {
      try {
        const usage = await queueStub(q, row.id).usageAfterTransfer(row.id, row.tenantId);
        target = { id: row.id, type: row.type, usageAfterTransfer: usage };
      } catch (err) {
        console.error("target usage failed", err);
      }
    }
  }
  const decision = decideHandling(action, { selfId: q.queueId, selfType: config.queue.type, target, hops });
  if (decision.kind === "transfer" && (await moveTo(q, c.id, decision.targetId, true))) return;
  await endConversation(q, c.id, which as EndReason, { sender: "system", text: RELEASE_NOTICES[which] });
}

export function queueStub(q: QueueContext, queueId: string) {
  return q.env.SKILL_QUEUE.get(q.env.SKILL_QUEUE.idFromName(queueId));
}

/** What travels to another queue's object when a conversation moves there. */
export type TransferPayload = {
  queueId: string;
  tenantId: string;
  conversation: ConversationRow;
  messages: MessageRow[];
};

/**
 * Hands a conversation (transcript included) to another queue's object, then sends the customer
 * `session.moved` with a fresh ticket for that queue and closes their socket with 4004. The target
 * keeps the conversation id and continues its seq numbering. Returns false when the target refused.
 */
export async function moveTo(
  q: QueueContext,
  conversationId: string,
  targetId: string,
  automatic: boolean,
): Promise<boolean> {
  const c = q.store.conversation(conversationId);
  if (!c || c.state === "ended") return false;
  const now = q.now();
  const hops = JSON.parse(c.hops) as string[];
  const moved: ConversationRow = {
    ...c,
    state: "queued",
    agent_id: null,
    agent_name: null,
    queued_at: null,
    connected_at: null,
    hops: JSON.stringify(automatic ? [...hops, q.queueId] : hops),
  };
  try {
    const ok = await queueStub(q, targetId).acceptTransfer({
      queueId: targetId,
      tenantId: c.tenant_id,
      conversation: moved,
      messages: q.store.messagesAfter(c.id, 0),
    });
    if (!ok) return false;
  } catch (err) {
    console.error("transfer failed", err);
    return false;
  }
  const ticket = await issueTicket(
    database(q.env.DB),
    targetId,
    {
      kind: "customer",
      tenantId: c.tenant_id,
      channelId: c.channel_id,
      customerId: c.customer_id,
      customerName: c.customer_name,
      conversationId: c.id,
    },
    now,
  );
  for (const ws of q.sessions.customerSockets(c.id)) {
    q.sessions.send(ws, {
      type: "session.moved",
      skillQueueId: targetId,
      url: ticketUrl("customer", ticket),
    });
    q.sessions.close(ws, CloseCode.moved, "The conversation moved to another skill queue");
  }
  q.store.recordMove(c.customer_id, c.channel_id, c.id, targetId, now);
  const removed = { type: "conversation.removed" as const, conversationId: c.id, reason: "transferred" };
  if (c.agent_id) {
    q.sessions.sendAll(q.sessions.employeeSockets(c.agent_id), removed);
    await presenceOf(q.env, c.tenant_id, c.agent_id).release(c.id);
  }
  q.sessions.sendAll(q.sessions.checkers(), removed);
  q.timers.cancelAll(c.id, CONVERSATION_TIMERS);
  q.store.deleteConversation(c.id);
  if (c.agent_id) announceAgent(q, c.agent_id);
  pushPositions(q);
  notifyCheckers(q);
  await dispatch(q);
  return true;
}

const dispatching = new WeakSet<QueueContext>();

/**
 * Offers waiting customers, oldest first, to agents chosen by `pickAgent`, reserving a slot in the
 * agent's presence object first (which enforces their limit across all their queues). Stops at
 * the first customer nobody can take, so the queue stays first-in first-out.
 */
export async function dispatch(q: QueueContext): Promise<void> {
  if (dispatching.has(q)) return;
  dispatching.add(q);
  let assigned = false;
  try {
    const config = await q.config.get(q.now());
    if (!config) return;
    const declined = new Set<string>();
    for (;;) {
      const head = q.store.waiting()[0];
      if (!head) break;
      const c = q.store.conversation(head.conversation_id);
      if (c?.state !== "queued") {
        q.store.dequeue(head.conversation_id);
        continue;
      }
      const agents = q.store.agents();
      const id = pickAgent(
        agents.map((a) => ({
          employeeId: a.employee_id,
          status: a.status,
          activeChats: q.store.activeChats(a.employee_id),
          maxConcurrentChats: a.max_chats,
          idleSince: a.status_since,
          canTakeMore: !declined.has(a.employee_id),
        })),
      );
      const agent = agents.find((a) => a.employee_id === id);
      if (!agent) break;
      const reservation = await presenceOf(q.env, c.tenant_id, agent.employee_id).reserve(
        q.queueId,
        c.id,
        agent.max_chats,
      );
      if (!reservation.ok) {
        declined.add(agent.employee_id);
        continue;
      }
      const still = q.store.conversation(c.id);
      if (still?.state !== "queued" || !q.store.agent(agent.employee_id)) {
        await presenceOf(q.env, c.tenant_id, agent.employee_id).release(c.id);
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
}

/** Connects a waiting conversation with an agent whose slot is reserved. */
async function assign(
  q: QueueContext,
  c: ConversationRow,
  employeeId: string,
  name: string,
  config: QueueConfig,
) {
  const now = q.now();
  q.store.dequeue(c.id);
  q.timers.cancelAll(c.id, ["wait", "reminder"]);
  q.store.updateConversation(c.id, {
    state: "connected",
    agent_id: employeeId,
    agent_name: name,
    connected_at: now,
    last_customer_at: now,
  });
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  q.timers.set(
    "noReply",
    c.id,
    now + noReplyMs(channel?.config.dialogEnd ?? { enabled: false, noReplyMinutes: 20, conclusion: "" }),
  );
  q.timers.set("maxDuration", c.id, c.started_at + config.queue.maxCallDuration * 1000);
  const row = q.store.conversation(c.id) as ConversationRow;
  q.sessions.sendAll(q.sessions.employeeSockets(employeeId), {
    type: "conversation.assigned",
    conversation: summary(q, row),
    messages: q.store.messagesAfter(c.id, 0).map(toChatMessage),
  });
  post(q, c.id, {
    sender: "system",
    senderName: null,
    text: `You are now chatting with ${name}.`,
    clientMsgId: null,
  });
  broadcastUpdate(q, c.id);
  announceAgent(q, employeeId);
}
