/**
 * Busy / timeout / no-agent handling (release or transfer) and moving a conversation, transcript
 * included, to another skill queue's object; the customer follows with a fresh ticket.
 */

import { issueCustomerTicket } from "../../worker/realtime/customer-ticket";
import { CloseCode } from "../../worker/realtime/protocol";
import { ticketUrl } from "../../worker/realtime/tickets";
import { presenceOf } from "../agent-presence";
import { announceAgent } from "./agents";
import { callFollowsChat } from "./calls/chat-end";
import { notifyCheckers } from "./checker";
import type { QueueContext } from "./context";
import { CONVERSATION_TIMERS } from "./conversation";
import { dispatch } from "./dispatch";
import { conversationTransferred } from "./event-payloads";
import { releaseWait } from "./leave-message";
import { pushPositions } from "./positions";
import { RELEASE_NOTICES } from "./queue";
import type { HandOverRefusal } from "./rules/hand-over";
import { decideHandling, type TransferTarget } from "./rules/handling";
import type { AttachmentRow, ConversationRow, MessageRow, NoteRow } from "./store";

/**
 * Release or transfer per the queue's timeout / busy / no-agent configuration. Runs outside any
 * atomic step (it asks the target queue), opening its own steps.
 */
export async function applyHandling(
  q: QueueContext,
  conversationId: string,
  which: "timeout" | "busy" | "noAgent",
) {
  const c = q.store.conversations.get(conversationId);
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
  if (decision.kind === "transfer" && (await moveTo(q, c.id, decision.targetId, true)) === null) return;
  await q.steps.atomic(() =>
    releaseWait(q, c.id, which, { text: RELEASE_NOTICES[which], notice: { code: which, params: {} } }),
  );
}

export function queueStub(q: QueueContext, queueId: string) {
  return q.env.SKILL_QUEUE.get(q.env.SKILL_QUEUE.idFromName(queueId));
}

/**
 * Messages per transfer RPC call. A message is at most 4000 characters (≤ 12 KB of UTF-8), so one
 * call carries at most about 6 MB, well under the RPC size limit, however long the conversation.
 */
export const TRANSFER_PAGE_SIZE = 500;

/** One page of a transcript staged in the target queue before the conversation itself moves. */
export type TranscriptChunk = {
  queueId: string;
  tenantId: string;
  conversationId: string;
  messages: MessageRow[];
};

/**
 * The conversation itself (its tags included), with the transcript's last page and every staff note
 * (at most `MAX_NOTES`); `total` is how many messages the whole transcript has (the target refuses
 * the move unless it holds exactly that many).
 * `handOver`: an agent's transfer, which the target takes only by the hand-over rule and queues
 * without its admission and handling (see `hand-over.ts`).
 */
export type TransferPayload = {
  queueId: string;
  tenantId: string;
  conversation: ConversationRow;
  messages: MessageRow[];
  /** Absent from an object deployed before notes existed. */
  notes?: NoteRow[];
  total: number;
  handOver: boolean;
  /** The conversation's uploaded files (their bytes stay in R2, keyed by tenant and conversation). */
  attachments?: AttachmentRow[];
};

/**
 * Why a move did not happen: the target refused the agent's hand-over by its rule, the transcript
 * did not arrive whole (`incomplete`), or a call failed (`failed`).
 */
export type MoveRefusal = HandOverRefusal | "incomplete" | "failed";

/**
 * Hands a conversation (transcript included) to another queue's object, then sends the customer
 * `session.moved` with a fresh ticket for that queue and closes their socket with 4004. The target
 * keeps the conversation id and continues its seq numbering. An agent's transfer (not `automatic`)
 * first asks the target whether it would take it now, so a refusal leaves the chat untouched.
 * Returns null once moved, else why not. Runs outside any atomic step (it waits on the target
 * queue); the local part is one step.
 */
export async function moveTo(
  q: QueueContext,
  conversationId: string,
  targetId: string,
  automatic: boolean,
): Promise<MoveRefusal | null> {
  const c = q.store.conversations.get(conversationId);
  if (!c || c.state === "ended") return "failed";
  const now = q.now();
  try {
    if (!automatic) {
      const status = await queueStub(q, targetId).handOverStatus(targetId, c.tenant_id);
      if (status.refusal) return status.refusal;
    }
    const refusal = await handOver(q, c.id, targetId, automatic);
    if (refusal) return refusal;
  } catch (err) {
    console.error("transfer failed", err);
    return "failed";
  }
  const ticket = await issueCustomerTicket(
    q.env,
    targetId,
    {
      kind: "customer",
      tenantId: c.tenant_id,
      channelId: c.channel_id,
      customerId: c.customer_id,
      customerName: c.customer_name,
      customerNameVerified: c.customer_name_verified === 1,
      conversationId: c.id,
    },
    now,
  );
  await q.steps.atomic(() =>
    forget(q, q.store.conversations.get(c.id) ?? c, targetId, ticket, now, automatic),
  );
  return null;
}

/**
 * Stages the transcript in the target page by page (`TRANSFER_PAGE_SIZE` per call, idempotent:
 * a repeated page is ignored there), then moves the conversation with the last page. The last
 * page and the conversation row are read together, and the target takes the conversation only if
 * it then holds exactly `total` messages: nothing is lost or doubled, or the move is refused.
 */
async function handOver(
  q: QueueContext,
  conversationId: string,
  targetId: string,
  automatic: boolean,
): Promise<MoveRefusal | null> {
  const target = queueStub(q, targetId);
  const tenantId = q.store.conversations.get(conversationId)?.tenant_id;
  if (!tenantId) return "failed";
  let cursor = 0;
  let staged = 0;
  for (;;) {
    const page = q.store.messages.after(conversationId, cursor, TRANSFER_PAGE_SIZE);
    const c = q.store.conversations.get(conversationId);
    if (!c || c.state === "ended") return "failed";
    if (page.length === TRANSFER_PAGE_SIZE) {
      await target.stageTranscript({ queueId: targetId, tenantId, conversationId, messages: page });
      staged += page.length;
      cursor = page[page.length - 1]!.seq;
      continue;
    }
    const hops = JSON.parse(c.hops) as string[];
    const moved: ConversationRow = {
      ...c,
      state: "queued",
      agent_id: null,
      agent_name: null,
      queued_at: null,
      connected_at: null,
      hops: JSON.stringify(automatic ? [...hops, q.queueId] : hops),
      transfers: (c.transfers ?? 0) + 1,
    };
    const answer = await target.acceptTransfer({
      queueId: targetId,
      tenantId,
      conversation: moved,
      messages: page,
      notes: q.store.notes.after(conversationId),
      total: staged + page.length,
      handOver: !automatic,
      attachments: q.store.attachments.ofConversation(conversationId),
    });
    return answer.taken ? null : answer.refusal;
  }
}

/** The local part of a move: the customer follows, the agent's slot is freed, the conversation is dropped. */
async function forget(
  q: QueueContext,
  c: ConversationRow,
  targetId: string,
  ticket: string,
  now: number,
  automatic: boolean,
) {
  conversationTransferred(q, c, targetId, automatic, now);
  for (const ws of q.sessions.customerSockets(c.id)) {
    q.sessions.send(ws, {
      type: "session.moved",
      skillQueueId: targetId,
      url: ticketUrl("customer", ticket),
    });
    q.sessions.close(ws, CloseCode.moved, "The conversation moved to another skill queue");
  }
  q.store.moves.record(c.customer_id, c.channel_id, c.id, targetId, now);
  callFollowsChat(q, c.id, targetId);
  const removed = { type: "conversation.removed" as const, conversationId: c.id, reason: "transferred" };
  if (c.agent_id) {
    q.sessions.sendAll(q.sessions.employeeSockets(c.agent_id), removed);
    await presenceOf(q.env, c.tenant_id, c.agent_id).release(c.id);
  }
  q.sessions.sendAll(q.sessions.checkers(), removed);
  q.timers.cancelAll(c.id, CONVERSATION_TIMERS);
  q.store.conversations.delete(c.id);
  if (c.agent_id) announceAgent(q, c.agent_id);
  pushPositions(q);
  notifyCheckers(q);
  await dispatch(q);
}
