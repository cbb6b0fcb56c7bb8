/**
 * What a chat's end or move means for its call (the chat's side; it only asks the click-to-dial
 * queue that owns the call, after the open step, outside any transaction): an ended chat ends its
 * call; a chat that moved to another queue takes its call's notices with it.
 */
import type { QueueContext } from "../context";

function owner(q: QueueContext, queueId: string) {
  return q.env.SKILL_QUEUE.get(q.env.SKILL_QUEUE.idFromName(queueId));
}

/** The chat ended: so does its live call. */
export function endCallOfChat(q: QueueContext, conversationId: string): void {
  const live = q.store.chatCalls.live(conversationId);
  if (!live) return;
  q.steps.later(async () => {
    try {
      await owner(q, live.call_queue_id).endCall(live.call_id, "chatEnded");
    } catch (err) {
      console.error("ending the chat's call failed", live.call_id, err);
    }
  });
}

/** The chat moved to `targetQueueId`: its live call's notices go there from now on. */
export function callFollowsChat(q: QueueContext, conversationId: string, targetQueueId: string): void {
  const live = q.store.chatCalls.live(conversationId);
  if (!live) return;
  q.steps.later(async () => {
    try {
      await owner(q, live.call_queue_id).chatMoved(live.call_id, targetQueueId);
    } catch (err) {
      console.error("moving the chat's call failed", live.call_id, err);
    }
  });
}
