/** Customer evaluation: rating 1–5 and a comment, during or after the chat; the last one counts. */
import type { ServerEvent } from "../../worker/realtime/protocol";
import { queueArchive } from "./archive";
import type { QueueContext } from "./context";
import { evaluationSubmitted } from "./event-payloads";
import type { ConversationRow } from "./store";

type Reply = (event: ServerEvent) => void;

/** Rating 1–5 and comment, during or after the chat; the last one counts (also in the archive). */
export async function evaluate(
  q: QueueContext,
  ws: WebSocket,
  c: ConversationRow,
  rating: number,
  comment: string,
  reply: Reply,
) {
  if (c.connected_at === null && c.agent_id === null) {
    return reply({
      type: "error",
      code: "not_allowed",
      message: "Only a chat with an agent can be evaluated",
      ref: "evaluation.submit",
    });
  }
  q.store.conversations.update(c.id, { rating, comment });
  if (c.state === "ended") queueArchive(q, c.id, "evaluation");
  const row = q.store.conversations.get(c.id);
  if (!row) return;
  evaluationSubmitted(q, row, rating, comment);
  const event: ServerEvent = { type: "evaluation.recorded", conversationId: c.id, rating, comment };
  reply(event);
  q.sessions.sendAll(
    q.sessions.customerSockets(c.id).filter((s) => s !== ws),
    event,
  );
  if (row.agent_id) q.sessions.sendAll(q.sessions.employeeSockets(row.agent_id), event);
}
