/**
 * Where a click-to-dial call goes (`rules/calls.ts`): a new call rings the agent of the chat when
 * they may be rung here, otherwise this queue's admission queues it or applies the busy / no-agent
 * handling; queued calls are offered to agents as they become free; a missed ring puts the call
 * back (the chat's agent missing it: the queue's admission; anyone else: the front of the queue);
 * the max waiting time applies the timeout handling. A handling releases the call or transfers it
 * to another click-to-dial queue of the same type (`acceptCall` there); the customer's call socket
 * follows (`call.moved`).
 */
import { newId } from "../../../worker/db/ids";
import { database } from "../../../worker/db/tenant-db";
import type { CallerIdentity } from "../../../worker/realtime/identity";
import {
  type CallMedia,
  type CallSummary,
  type ChatMessage,
  CloseCode,
} from "../../../worker/realtime/protocol";
import { issueTicket, TICKET_TTL_MS, ticketUrl } from "../../../worker/realtime/tickets";
import { presenceOf } from "../../agent-presence";
import { mirror } from "../agents";
import { configuredRole, type QueueConfig } from "../config";
import type { QueueContext } from "../context";
import { admitNow, HANDLING_FALLBACK_MS } from "../queue";
import { type CallCandidate, callKindsOf, pickCallAgent, placement } from "../rules/calls";
import { decideHandling, type TransferTarget } from "../rules/handling";
import { mayBeOffered } from "../rules/staff-access";
import type { CallRow } from "../store";
import { endCall, enqueueCall, ring, unring } from "./owner";
import { callerOf, callSummary } from "./summary";

/** What the chat's queue asks for when the customer presses a call button. */
export type PlaceCallRequest = {
  /** This (click-to-dial) queue. */
  queueId: string;
  tenantId: string;
  chatQueueId: string;
  conversationId: string;
  channelId: string;
  customerId: string;
  customerName: string | null;
  customerNameVerified: boolean;
  chatAgentId: string | null;
  chatAgentName: string | null;
  media: CallMedia;
  /** The chat's latest messages, shown to an agent who is not in it. */
  context: ChatMessage[];
};

export type PlaceCallAnswer =
  | { ok: true; callId: string; url: string; call: CallSummary; version: number }
  | { ok: false; code: "conflict" | "not_allowed"; message: string };

/** A call handed over by another click-to-dial queue's handling. */
export type CallTransfer = { queueId: string; tenantId: string; call: CallRow };

function tenantOf(q: QueueContext): string {
  return q.store.meta.get("tenantId") ?? "";
}

/** Places a new call: refused when this queue does not carry its medium or the chat has a live call. */
export async function placeCall(q: QueueContext, req: PlaceCallRequest): Promise<PlaceCallAnswer> {
  const now = q.now();
  const config = await q.config.require(now);
  if (!callKindsOf(config.queue.type).includes(req.media))
    return {
      ok: false,
      code: "not_allowed",
      message: `${config.queue.name} does not take ${req.media} calls`,
    };
  if (q.store.calls.liveOfConversation(req.conversationId))
    return { ok: false, code: "conflict", message: "A call is already in progress" };
  const id = newId("cl", now);
  q.store.calls.insert({
    id,
    tenant_id: req.tenantId,
    conversation_id: req.conversationId,
    chat_queue_id: req.chatQueueId,
    channel_id: req.channelId,
    customer_id: req.customerId,
    customer_name: req.customerName,
    customer_name_verified: req.customerNameVerified ? 1 : 0,
    media: req.media,
    state: "queued",
    agent_id: null,
    agent_name: null,
    chat_agent_id: req.chatAgentId,
    chat_agent_name: req.chatAgentName,
    placed_at: now,
    queued_at: null,
    queue_ord: null,
    rang_at: null,
    connected_at: null,
    ended_at: null,
    end_reason: null,
    ended_by: null,
    excluded: "[]",
    hops: "[]",
    context: JSON.stringify(req.context),
  });
  const url = await callerTicket(q, q.store.calls.get(id) as CallRow);
  await route(q, id, config);
  const c = q.store.calls.get(id) as CallRow;
  return { ok: true, callId: id, url, call: callSummary(q, c), version: c.version };
}

/** A single-use ticket for the customer's call socket to this queue. */
async function callerTicket(q: QueueContext, c: CallRow): Promise<string> {
  const identity: CallerIdentity = {
    kind: "caller",
    tenantId: c.tenant_id,
    channelId: c.channel_id,
    customerId: c.customer_id,
    conversationId: c.conversation_id,
    callId: c.id,
  };
  return ticketUrl("caller", await issueTicket(database(q.env.DB), q.queueId, identity, q.now()));
}

/** The signed-in agent as routing sees them, for call `c`. */
function candidate(
  q: QueueContext,
  config: QueueConfig,
  c: CallRow,
  employeeId: string,
): CallCandidate | null {
  const a = q.store.agents.get(employeeId);
  if (!a) return null;
  const configured = config.agents.get(employeeId);
  return {
    employeeId,
    status: a.status,
    offerable: mayBeOffered(
      configuredRole(config, employeeId),
      q.sessions.employeeSockets(employeeId).length,
    ),
    agentType: configured?.agentType ?? null,
    onCall: q.store.calls.ofAgent(employeeId).length > 0,
    excluded: (JSON.parse(c.excluded) as string[]).includes(employeeId),
    idleSince: a.status_since,
  };
}

/** Reserves the agent's call slot; a refusal mirrors their state (a lost notice is made good). */
async function reserve(q: QueueContext, c: CallRow, employeeId: string): Promise<boolean> {
  const answer = await presenceOf(q.env, tenantOf(q), employeeId).reserveCall(q.queueId, c.id);
  if (!answer.ok) mirror(q, employeeId, answer);
  return answer.ok;
}

/**
 * Routes a call nobody has taken and the queue has not admitted yet: ring the chat's agent, or the
 * queue's admission (queue, or the busy / no-agent handling after this step).
 */
export async function route(q: QueueContext, callId: string, config?: QueueConfig): Promise<void> {
  const c = q.store.calls.get(callId);
  if (c?.state !== "queued" || c.queued_at !== null) return;
  const cfg = config ?? (await q.config.require(q.now()));
  const chatAgent = c.chat_agent_id ? candidate(q, cfg, c, c.chat_agent_id) : null;
  const admission = admitNow(q, cfg);
  const decision = placement(chatAgent, c.media, admission);
  if (decision === "ringChatAgent" && chatAgent && (await reserve(q, c, chatAgent.employeeId))) {
    ring(q, c.id, chatAgent.employeeId, q.store.agents.get(chatAgent.employeeId)?.name ?? "");
    return;
  }
  // the chat's agent could not be rung after all: the admission decides, as for anyone else
  const fallback = decision === "ringChatAgent" ? admission : decision;
  if (fallback === "queue") {
    enqueueCall(q, c.id, false, cfg);
    await dispatchCalls(q);
    return;
  }
  // the handling may ask another queue, so it runs after this step; `callWait` is the fallback
  q.timers.set("callWait", c.id, q.now() + HANDLING_FALLBACK_MS);
  q.steps.later(() => handleCall(q, c.id, fallback));
}

const dispatching = new WeakSet<QueueContext>();

/**
 * Offers queued calls, oldest first, to agents who may be rung (the chat's agent first, then the
 * one idle longest), reserving each agent's call slot first. A call nobody here can take now (its
 * medium, or everyone declined it) does not hold up the calls behind it.
 */
export async function dispatchCalls(q: QueueContext): Promise<void> {
  if (dispatching.has(q)) return;
  dispatching.add(q);
  try {
    const config = await q.config.get(q.now());
    if (!config || callKindsOf(config.queue.type).length === 0) return;
    const refused = new Set<string>();
    for (const c of q.store.calls.queued()) {
      for (;;) {
        const candidates = q.store.agents
          .all()
          .filter((a) => !refused.has(a.employee_id))
          .map((a) => candidate(q, config, c, a.employee_id))
          .filter((a): a is CallCandidate => a !== null);
        const id = pickCallAgent(candidates, c.media, c.chat_agent_id);
        if (!id) break;
        if (!(await reserve(q, c, id))) {
          refused.add(id);
          continue;
        }
        const still = q.store.calls.get(c.id);
        if (still?.state !== "queued" || !q.store.agents.get(id)) {
          await presenceOf(q.env, tenantOf(q), id).releaseCall(c.id, q.queueId);
          break;
        }
        q.timers.cancel("callWait", c.id);
        ring(q, c.id, id, q.store.agents.get(id)?.name ?? "");
        break;
      }
    }
  } finally {
    dispatching.delete(q);
  }
}

/** Ends a call, then offers queued calls to whoever that freed (an agent without wrap-up). */
export async function finishCall(
  q: QueueContext,
  callId: string,
  reason: Parameters<typeof endCall>[2],
  by: Parameters<typeof endCall>[3],
): Promise<void> {
  await endCall(q, callId, reason, by);
  await dispatchCalls(q);
}

/**
 * The ringing agent did not take the call (missed, declined by an agent who is not the chat's, or
 * gone): their slot is freed and they are not rung for it again; a call the queue has admitted goes
 * back to the front, a call that rang the chat's agent first meets the queue's admission now.
 */
export async function ringFailed(q: QueueContext, c: CallRow): Promise<void> {
  if (c.state !== "ringing") return;
  q.timers.cancel("callRing", c.id);
  await unring(q, c);
  const config = await q.config.require(q.now());
  if (c.queued_at === null) await route(q, c.id, config);
  else {
    enqueueCall(q, c.id, true, config);
    await dispatchCalls(q);
  }
}

/**
 * `callWait`: the max waiting time of a queued call ran out → the timeout handling; a call not
 * admitted yet (its deferred handling or routing did not run) is routed again.
 */
export async function callWaitOver(q: QueueContext, callId: string): Promise<void> {
  const c = q.store.calls.get(callId);
  if (c?.state !== "queued") return;
  if (c.queued_at === null) return route(q, callId);
  q.timers.set("callWait", callId, q.now() + HANDLING_FALLBACK_MS);
  q.steps.later(() => handleCall(q, callId, "timeout"));
}

/**
 * Release or transfer per the queue's timeout / busy / no-agent configuration (as for chats:
 * `rules/handling.ts`; an IVR transfer releases, there is no IVR). Runs outside any step (it asks
 * the target queue), opening its own.
 */
async function handleCall(q: QueueContext, callId: string, which: "timeout" | "busy" | "noAgent") {
  const c = q.store.calls.get(callId);
  if (c?.state !== "queued") return;
  const config = await q.config.require(q.now());
  const action = config.queue.queuing[which];
  let target: TransferTarget | null = null;
  const stub = (id: string) => q.env.SKILL_QUEUE.get(q.env.SKILL_QUEUE.idFromName(id));
  if (action.action === "transfer" && action.transferType === "skillQueue" && action.targetId) {
    const row = await q.config.otherQueue(c.tenant_id, action.targetId);
    if (row) {
      try {
        target = {
          id: row.id,
          type: row.type,
          usageAfterTransfer: await stub(row.id).usageAfterTransfer(row.id, row.tenantId),
        };
      } catch (err) {
        console.error("call target usage failed", err);
      }
    }
  }
  const hops = JSON.parse(c.hops) as string[];
  const decision = decideHandling(action, { selfId: q.queueId, selfType: config.queue.type, target, hops });
  if (decision.kind === "transfer") {
    try {
      const moved: CallRow = { ...c, hops: JSON.stringify([...hops, q.queueId]), excluded: "[]" };
      const answer = await stub(decision.targetId).acceptCall({
        queueId: decision.targetId,
        tenantId: c.tenant_id,
        call: moved,
      });
      await q.steps.atomic(async () => forgetMoved(q, callId, answer.url));
      return;
    } catch (err) {
      console.error("call transfer failed", err);
    }
  }
  await q.steps.atomic(() => endCall(q, callId, which, "system"));
}

/** The call moved to another click-to-dial queue: the customer's socket follows; it is dropped here. */
function forgetMoved(q: QueueContext, callId: string, url: string): void {
  const c = q.store.calls.get(callId);
  if (!c) return;
  for (const ws of callerOf(q, c)) {
    q.sessions.send(ws, { type: "call.moved", callId, url });
    q.sessions.close(ws, CloseCode.moved, "The call moved to another skill queue");
  }
  for (const kind of ["callRing", "callWait", "callMaxDuration", "callSync"] as const)
    q.timers.cancel(kind, callId);
  // the ticket there is valid for a minute: a call socket arriving here later is sent on
  q.store.calls.moved(callId, url, q.now(), TICKET_TTL_MS);
}

/**
 * Takes a call another click-to-dial queue hands over (idempotent per call): it keeps its id and
 * counts its versions on, and is routed here right after (the object's `acceptCall`). Answers the
 * customer's ticket for this queue.
 */
export async function takeCall(q: QueueContext, t: CallTransfer): Promise<{ url: string }> {
  const c = t.call;
  if (!q.store.calls.get(c.id)) {
    const { version, notified_version: _n, archived: _a, ...row } = c;
    q.store.calls.insert(
      { ...row, state: "queued", agent_id: null, agent_name: null, queued_at: null, queue_ord: null },
      version + 1,
    );
    // routed right after this call returns; this timer does it should the object stop first
    q.timers.set("callWait", c.id, q.now() + HANDLING_FALLBACK_MS);
  }
  return { url: await callerTicket(q, q.store.calls.get(c.id) as CallRow) };
}
