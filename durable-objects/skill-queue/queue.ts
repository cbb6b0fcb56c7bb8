/**
 * The waiting list: admission of a customer who asks for an agent (work time, queue limit, busy
 * condition, nobody on duty), queue positions and reminders, and the max-waiting-time timeout.
 * Release/transfer handling is in `transfer.ts`, assignment to agents in `dispatch.ts`.
 */

import { notifyCheckers } from "./checker";
import type { QueueConfig } from "./config";
import type { QueueContext } from "./context";
import { broadcastUpdate, post } from "./conversation";
import { dispatch } from "./dispatch";
import { releaseWait } from "./leave-message";
import { pushPositions, reminderDueAt } from "./positions";
import { type Admission, admit, usageAfterArrival } from "./rules/admission";
import { deviceUsagePercent } from "./rules/device-usage";
import { queueLimit } from "./rules/queue-limit";
import type { AgentLoad, ConversationRow } from "./store";
import { applyHandling } from "./transfer";
import { armWorkTime, channelWorking, nonWorkingNotice } from "./work-time-timer";

/**
 * What the customer is told when a handling releases them (English; the message carries the
 * reason as its notice code so the widget words it in the customer's language).
 */
export const RELEASE_NOTICES: Record<"timeout" | "busy" | "noAgent", string> = {
  timeout: "Sorry, no agent became available in time. Please try again later.",
  busy: "Sorry, all our agents are busy right now. Please try again later.",
  noAgent: "Sorry, no agent is on duty right now. Please try again later.",
};
export const DEFAULT_NON_WORKING_NOTICE =
  "Our agents are not working now. Please come back during working hours.";

/**
 * The queue's live counts, as the rules need them. A click-to-dial queue counts its queued calls
 * as waiting and an agent rung by or talking in one of its calls as not idle.
 */
export function counts(q: QueueContext, agents: AgentLoad[] = q.store.agents.withLoad()) {
  const chats = q.store.waiting.summary();
  const calls = q.store.calls.queuedSummary();
  const waiting = {
    count: chats.count + calls.count,
    oldest: chats.oldest === null ? calls.oldest : Math.min(chats.oldest, calls.oldest ?? chats.oldest),
  };
  const now = q.now();
  let idle = 0;
  let arranging = 0;
  for (const a of agents) {
    if (a.status === "arranging") arranging++;
    else if (a.status === "idle" && a.active_chats < a.max_chats && a.active_calls === 0) idle++;
  }
  const oldest = Math.min(waiting.oldest ?? now, now);
  return {
    signedIn: agents.length,
    idle,
    arranging,
    busy: agents.length - idle - arranging,
    nonIdle: agents.length - idle,
    waiting: waiting.count,
    longestWaitSeconds: Math.max(0, Math.floor((now - oldest) / 1000)),
  };
}

/** What the admission rule decides for one more customer (or call) arriving now. */
export function admitNow(
  q: QueueContext,
  config: QueueConfig,
  agents: AgentLoad[] = q.store.agents.withLoad(),
): Admission {
  const k = counts(q, agents);
  return admit({
    signedIn: k.signedIn,
    nonIdle: k.nonIdle,
    waiting: k.waiting,
    oldestWaitSeconds: k.waiting ? k.longestWaitSeconds : 0,
    maxCallsInQueue: config.queue.maxCallsInQueue,
    busy: config.queue.queuing.busy,
  });
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
 * conversation transferred in): outside work time they get the notice and the wait ends (a
 * message may be left); otherwise the admission rule queues them or applies the busy / no-agent
 * handling. `prompt` (the chatbot's transfer prompt) is posted only when the customer is really
 * placed in the queue, so it never precedes an off-hours or release notice.
 */
export async function requestAgent(
  q: QueueContext,
  conversationId: string,
  prompt: { text: string; senderName: string | null } | null = null,
): Promise<void> {
  q.timers.cancel("route", conversationId);
  const c = q.store.conversations.get(conversationId);
  if (!c || c.state === "ended" || c.state === "connected" || q.store.waiting.has(c.id)) return;
  const now = q.now();
  const config = await q.config.require(now);
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  if (channel && !channelWorking(channel, config, now)) {
    await releaseWait(q, c.id, "nonWorkingTime", nonWorkingNotice(channel));
    return;
  }
  // the agents' load is read once: admission and the estimate of the wait both use it
  const agents = q.store.agents.withLoad();
  const decision = admitNow(q, config, agents);
  if (decision === "queue") {
    if (prompt) post(q, c.id, { sender: "robot", ...prompt, clientMsgId: null });
    await placeInQueue(q, c.id, false, config, { row: c, agents });
    await dispatch(q);
  } else {
    // the handling may ask another queue (a transfer), so it runs after this step commits; the
    // route timer re-admits the customer should the object stop before it ran
    q.timers.set("route", c.id, now + HANDLING_FALLBACK_MS);
    q.steps.later(() => applyHandling(q, c.id, decision));
  }
}

/** How long a conversation waits for its deferred handling before its timer tries again. */
export const HANDLING_FALLBACK_MS = 30_000;

/**
 * Puts a conversation on the waiting list (at the back, or the front for a returned chat).
 * `known`: its row (its queue times) and the agents' load, when the caller has just read them.
 */
export async function placeInQueue(
  q: QueueContext,
  conversationId: string,
  front: boolean,
  config?: QueueConfig,
  known?: { row: ConversationRow; agents: AgentLoad[] },
) {
  const now = q.now();
  const cfg = config ?? (await q.config.require(now));
  const c = known?.row ?? q.store.conversations.get(conversationId);
  if (!c) return;
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  q.store.waiting.enqueue(conversationId, now, front);
  if (channel) armWorkTime(q, channel, cfg);
  q.store.conversations.update(conversationId, {
    state: "queued",
    queued_at: c.queued_at ?? now,
    first_queued_at: c.first_queued_at ?? now,
  });
  q.timers.set("wait", conversationId, now + cfg.queue.maxWaitingTime * 1000);
  q.timers.set("reminder", conversationId, reminderDueAt(now, channel?.config.queueReminder.intervalSeconds));
  broadcastUpdate(q, conversationId);
  pushPositions(q, front ? 1 : q.store.waiting.summary().count, known?.agents);
  notifyCheckers(q);
}

/** Max waiting time reached: the timeout handling (after the step; see `requestAgent`). */
export async function waitTimedOut(q: QueueContext, conversationId: string): Promise<void> {
  const c = q.store.conversations.get(conversationId);
  if (c?.state !== "queued") return;
  q.timers.set("wait", conversationId, q.now() + HANDLING_FALLBACK_MS);
  q.steps.later(() => applyHandling(q, conversationId, "timeout"));
}
