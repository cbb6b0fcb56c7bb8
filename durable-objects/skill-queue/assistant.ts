/**
 * The robot assistant on the agent side (channel setting `assistant`, spec Table 4): for each
 * customer message in a chat with an agent, the assistant robot's suggested replies
 * (`rules/assistant.ts`) go to the agent's sockets only, as `assistant.suggested`; the agent
 * inserts or edits one in the workbench. On assignment the agent gets suggestions for the
 * customer's latest message (often asked while waiting).
 *
 * SilentAgent Skill Queue (`assistant.silentAgentRouteId`, a multimedia called route): the
 * assistant listens as a silent agent in the skill queue that route leads to. A chat of the
 * channel gets suggestions while it is in that queue, not after a transfer to another one.
 *
 * The customer's message path stays fast: the channel, the route's queue and the robot come from
 * the configuration cache (`config.ts`), so no D1 read happens per message.
 */
import type { QueueContext } from "./context";
import { suggestReplies } from "./rules/assistant";
import type { ConversationRow } from "./store";

/** Sends the agent of `c` the assistant's suggestions for the customer message `seq` (`text`). */
export async function suggest(q: QueueContext, c: ConversationRow, seq: number, text: string): Promise<void> {
  if (c.state !== "connected" || !c.agent_id) return;
  const robot = await assistantOf(q, c);
  if (!robot) return;
  const sockets = q.sessions.employeeSockets(c.agent_id);
  const suggestions = suggestReplies(robot.intents, robot.defaultReply, text);
  if (sockets.length === 0 || suggestions.length === 0) return;
  q.sessions.sendAll(sockets, { type: "assistant.suggested", conversationId: c.id, seq, suggestions });
}

/** Suggestions for the customer's latest message of a chat just assigned to its agent. */
export async function suggestOnAssignment(q: QueueContext, conversationId: string): Promise<void> {
  const c = q.store.conversations.get(conversationId);
  const last = c ? q.store.messages.lastOfCustomer(c.id) : null;
  if (c && last) await suggest(q, c, last.seq, last.text);
}

/** The channel's assistant robot, when the assistant is on and listens in this queue. */
async function assistantOf(q: QueueContext, c: ConversationRow) {
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const assistant = channel?.config.assistant;
  if (!assistant?.enabled || !assistant.accessCode || !assistant.silentAgentRouteId) return null;
  if ((await q.config.routeQueue(c.tenant_id, assistant.silentAgentRouteId)) !== q.queueId) return null;
  return q.config.robot(c.tenant_id, assistant.accessCode, "assistant");
}
