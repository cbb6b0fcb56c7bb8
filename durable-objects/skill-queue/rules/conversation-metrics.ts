/**
 * The report figures of one conversation, computed once when it is archived (D1 columns
 * `wait_ms`, `answered_at`, `first_response_ms`, `handle_ms`, `transfers`, `robot_turns`).
 *
 * - **Waiting time** = (first connection to an agent, or the end if none came) − the first time the
 *   conversation joined a waiting list. A transfer does not restart it: the clock runs from the
 *   first queue the customer joined, whichever queue finally answered. Never queued → none.
 * - **First response time** = the first agent message − the first time the conversation joined a
 *   waiting list (the moment the customer asked for a person). Robot turns before it are not
 *   responses, nor are system notices (greeting, transfer prompts) or a quality checker's messages;
 *   a transfer does not restart it (the first agent of any queue counts). No agent message → none.
 * - **Handle time** = the end − the first connection to an agent (a later transfer or a return to
 *   the queue stays inside it). Never answered → none.
 * - **Robot turns** = messages the chatbot sent.
 *
 * Negative spans (clock skew between objects) count as 0.
 */

export type MetricsInput = {
  firstQueuedAt: number | null;
  firstConnectedAt: number | null;
  endedAt: number;
  messages: readonly { sender: string; at: number }[];
};

export type ConversationMetrics = {
  waitMs: number | null;
  answeredAt: number | null;
  firstResponseMs: number | null;
  handleMs: number | null;
  robotTurns: number;
};

const span = (from: number, to: number) => Math.max(0, to - from);

export function conversationMetrics(c: MetricsInput): ConversationMetrics {
  const firstAgent = c.messages.find((m) => m.sender === "agent");
  return {
    waitMs: c.firstQueuedAt === null ? null : span(c.firstQueuedAt, c.firstConnectedAt ?? c.endedAt),
    answeredAt: c.firstConnectedAt,
    firstResponseMs:
      c.firstQueuedAt === null || firstAgent === undefined ? null : span(c.firstQueuedAt, firstAgent.at),
    handleMs: c.firstConnectedAt === null ? null : span(c.firstConnectedAt, c.endedAt),
    robotTurns: c.messages.filter((m) => m.sender === "robot").length,
  };
}
