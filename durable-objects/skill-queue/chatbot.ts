/**
 * The chatbot stage of a conversation: keyword intents and default reply from the channel's
 * robot, the switch to an agent (button or transfer keyword, with the transfer prompt) and the
 * robot idle timeout (`ROBOT_IDLE_MS`, then the Timeout reply).
 */
import type { QueueContext } from "./context";
import { ROBOT_IDLE_MS } from "./context";
import { endConversation, post } from "./conversation";
import { requestAgent } from "./queue";
import { robotReply, wantsAgent } from "./rules/robot";
import type { ConversationRow } from "./store";

/** The chatbot answers a customer message, or hands the customer to an agent on a transfer keyword. */
export async function chatbotTurn(q: QueueContext, c: ConversationRow, text: string) {
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  if (!channel) return;
  const bot = channel.config.chatbot;
  if (wantsAgent(text, channel.config.transferKeywords)) {
    await toAgent(q, c);
    return;
  }
  const robot = bot.robotAccessCode ? await q.config.robot(c.tenant_id, bot.robotAccessCode) : null;
  const { reply } = robotReply(robot?.intents ?? [], bot.defaultReply || robot?.defaultReply || "", text);
  post(q, c.id, {
    sender: "robot",
    senderName: bot.name || robot?.name || null,
    text: reply,
    clientMsgId: null,
  });
  q.timers.set("robotIdle", c.id, q.now() + ROBOT_IDLE_MS);
}

/**
 * Leaves the chatbot for the queue's admission. The transfer prompt ("Connecting you to an
 * agent…") is posted only when the customer is placed in the queue: outside work time or on a
 * busy / no-agent release they get that notice alone, never both.
 */
export async function toAgent(q: QueueContext, c: ConversationRow) {
  q.timers.cancel("robotIdle", c.id);
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const bot = channel?.config.chatbot;
  const prompt =
    bot?.enabled && bot.transferPrompt ? { text: bot.transferPrompt, senderName: bot.name || null } : null;
  q.store.conversations.update(c.id, { state: "queued" });
  await requestAgent(q, c.id, prompt);
}

/** Robot idle timer: the chatbot's timeout reply, then the conversation ends. */
export async function robotIdle(q: QueueContext, conversationId: string): Promise<void> {
  const c = q.store.conversations.get(conversationId);
  if (c?.state !== "bot") return;
  const channel = await q.config.channel(c.tenant_id, c.channel_id);
  const bot = channel?.config.chatbot;
  await endConversation(
    q,
    c.id,
    "robotTimeout",
    bot?.timeoutReply ? { sender: "robot", senderName: bot.name || null, text: bot.timeoutReply } : null,
  );
}
