/**
 * The skill queue was deleted (`DELETE /api/v1/skill-queues/:id`; its configuration then loads as
 * null, after the API's `invalidateConfig()` or, should that call be lost, after `CONFIG_TTL_MS`).
 * Like a revoked right it stops at once, on open sockets too: every live conversation (bot,
 * waiting, chatting, left message) ends with reason `queueDeleted` and a notice to the customer,
 * and is archived as usual (nothing they wrote is lost); every socket, staff and customer, closes
 * with 4010 (`queueDeleted`); signed-in agents are signed out. The object remembers it: a later
 * connection (a ticket issued just before the deletion) is accepted only to be closed with 4010.
 */
import { CloseCode } from "../../worker/realtime/protocol";
import { signOut } from "./agents";
import type { QueueContext } from "./context";
import { endConversation } from "./conversation";

export const QUEUE_DELETED_NOTICE = "This service is no longer available, so the chat has ended.";
export const QUEUE_DELETED_REASON = "This skill queue was deleted";

/** Whether the queue was found deleted (persisted: holds across restarts). */
export function queueDeleted(q: QueueContext): boolean {
  return q.store.meta.get("deleted") === "1";
}

/** Closes the queue for good (see the module comment); a second call does nothing. */
export async function closeDeletedQueue(q: QueueContext): Promise<void> {
  if (queueDeleted(q)) return;
  q.store.meta.set("deleted", "1");
  for (const c of q.store.conversations.inState("bot", "queued", "connected", "pending"))
    await endConversation(q, c.id, "queueDeleted", {
      sender: "system",
      text: QUEUE_DELETED_NOTICE,
      notice: { code: "queueDeleted", params: {} },
    });
  // before the sign-outs, which would close the agents' sockets as a normal end
  for (const ws of q.sessions.sockets()) q.sessions.close(ws, CloseCode.queueDeleted, QUEUE_DELETED_REASON);
  for (const a of q.store.agents.all()) await signOut(q, a.employee_id, QUEUE_DELETED_REASON);
}

/** A connection to a deleted queue: accepted only to be closed with 4010. */
export function refuseConnection(ws: WebSocket): void {
  ws.accept();
  ws.close(CloseCode.queueDeleted, QUEUE_DELETED_REASON);
}
