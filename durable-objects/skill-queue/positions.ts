/**
 * Queue positions: each waiting customer is told their position and estimated wait whenever either
 * changes, and reminded every channel interval. What each was last told is remembered in memory,
 * so a change near the back of a deep queue costs only the customers behind it; after a wake (or a
 * rolled-back step) the memory is empty and everyone is told again.
 */
import type { QueueContext } from "./context";
import { estimateWaitSeconds } from "./rules/estimated-wait";
import { onReminderTick, renderReminder } from "./rules/reminder";
import type { AgentLoad } from "./store";

type EstimateInputs = Parameters<typeof estimateWaitSeconds>[1];

type Told = {
  /** Conversation id → `position:estimate` last sent. */
  sent: Map<string, string>;
  /** The estimate inputs of the last push (a change re-tells everyone). */
  inputs: string;
};

const memory = new WeakMap<QueueContext, Told>();

function toldOf(q: QueueContext): Told {
  let told = memory.get(q);
  if (!told) {
    told = { sent: new Map(), inputs: "" };
    memory.set(q, told);
  }
  return told;
}

/** Forgets what was told once the open step rolls back (its frames were never sent). */
function forgetOnRollback(q: QueueContext): void {
  q.steps.onRollback(() => memory.delete(q));
}

function estimateInputs(q: QueueContext, agents: AgentLoad[] = q.store.agents.withLoad()): EstimateInputs {
  let idleSlots = 0;
  for (const a of agents) if (a.status === "idle") idleSlots += Math.max(0, a.max_chats - a.active_chats);
  return {
    idleSlots,
    signedIn: agents.length,
    avgHandleSeconds: Number(q.store.meta.get("avgHandleSeconds") ?? "0") || 180,
    maxWaitSeconds: q.config.cached()?.queue.maxWaitingTime,
  };
}

/** Sends a position frame to the conversation's customer sockets (or `only`) and remembers it. */
function tell(
  q: QueueContext,
  conversationId: string,
  position: number,
  estimatedWaitSeconds: number,
  reminder: string | null,
  only?: WebSocket,
): void {
  const told = toldOf(q);
  const sockets = only ? [only] : q.sessions.customerSockets(conversationId);
  if (sockets.length === 0) {
    told.sent.delete(conversationId);
    return;
  }
  told.sent.set(conversationId, `${position}:${estimatedWaitSeconds}`);
  q.sessions.sendAll(sockets, {
    type: "queue.position",
    conversationId,
    position,
    estimatedWaitSeconds,
    reminder,
  });
}

/**
 * After a change of the waiting list: tells each waiting customer whose position or estimate
 * changed. `from` is the first position the change can have moved (an arrival at the back moves
 * nobody ahead of it); a change of the estimate's inputs re-checks everyone. `agents`: their load,
 * when the caller has just read it.
 */
export function pushPositions(q: QueueContext, from = 1, agents?: AgentLoad[]): void {
  forgetOnRollback(q);
  const told = toldOf(q);
  const inputs = estimateInputs(q, agents);
  const key = `${inputs.idleSlots}:${inputs.signedIn}:${inputs.avgHandleSeconds}`;
  const start = key === told.inputs ? Math.max(1, from) : 1;
  told.inputs = key;
  const ids = q.store.waiting.idsFrom(start);
  if (start === 1) {
    const waiting = new Set(ids);
    for (const id of told.sent.keys()) if (!waiting.has(id)) told.sent.delete(id);
  }
  ids.forEach((id, i) => {
    const position = start + i;
    const estimate = estimateWaitSeconds(position, inputs);
    if (told.sent.get(id) !== `${position}:${estimate}`) tell(q, id, position, estimate, null);
  });
}

/** The position frame for one waiting conversation, or null when it is not waiting. */
export function positionOf(
  q: QueueContext,
  conversationId: string,
): { position: number; estimatedWaitSeconds: number } | null {
  const position = q.store.waiting.position(conversationId);
  if (position === null) return null;
  return { position, estimatedWaitSeconds: estimateWaitSeconds(position, estimateInputs(q)) };
}

/** Tells one socket of a waiting conversation its position (on connect and resume). */
export function sendPosition(q: QueueContext, ws: WebSocket, conversationId: string): void {
  const pos = positionOf(q, conversationId);
  if (!pos) return;
  forgetOnRollback(q);
  tell(q, conversationId, pos.position, pos.estimatedWaitSeconds, null, ws);
}

/**
 * Queue reminder timers that are due (positions from the list kept in memory): each still
 * waiting customer gets the channel's reminder content with their position, and their next reminder.
 */
export async function remind(q: QueueContext, conversationIds: string[]): Promise<void> {
  const due = new Set(conversationIds);
  if (due.size === 0) return;
  forgetOnRollback(q);
  const inputs = estimateInputs(q);
  for (const w of dueInOrder(q, due)) {
    const channel = await q.config.channel(w.tenant_id, w.channel_id);
    const reminder = channel?.config.queueReminder;
    const estimate = estimateWaitSeconds(w.position, inputs);
    tell(
      q,
      w.conversation_id,
      w.position,
      estimate,
      renderReminder(reminder?.content ?? "", { position: w.position, waitSeconds: estimate }),
    );
    q.timers.set("reminder", w.conversation_id, reminderDueAt(q.now(), reminder?.intervalSeconds));
  }
}

/**
 * The due conversations still waiting (queued), in queue order, with their positions. Positions
 * come from the waiting list's order in memory, so each due reminder costs its conversation's
 * row, however deep the queue (a pass over the whole list, or a count per reminder, was most of
 * the cost of filling a deep queue: every waiting customer is reminded once per interval).
 */
function dueInOrder(
  q: QueueContext,
  due: ReadonlySet<string>,
): { conversation_id: string; tenant_id: string; channel_id: string; position: number }[] {
  const found = [];
  for (const id of due) {
    const position = q.store.waiting.position(id);
    const c = position === null ? null : q.store.conversations.get(id);
    if (position !== null && c?.state === "queued")
      found.push({ conversation_id: id, tenant_id: c.tenant_id, channel_id: c.channel_id, position });
  }
  return found.sort((a, b) => a.position - b.position);
}

/** The channel's reminder interval (at least one second; 10 s by default). */
const reminderIntervalMs = (seconds: number | undefined) => Math.max(1, seconds ?? 10) * 1000;

/** When a reminder set `now` falls due: its interval later, on the reminder grid (`rules/reminder.ts`). */
export const reminderDueAt = (now: number, seconds: number | undefined) =>
  onReminderTick(now + reminderIntervalMs(seconds));
