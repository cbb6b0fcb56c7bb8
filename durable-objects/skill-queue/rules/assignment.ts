/**
 * Which agent a waiting customer is offered to. Only an idle agent takes a new chat (busy, rest and
 * arranging never do) and only below both their own concurrent-chat limit and the cross-queue
 * capacity answer (an agent serving several queues is limited across all of them).
 *
 * Fairness: the least-loaded agent first (fewest active chats), then the one idle longest (earliest
 * `idleSince`), then the smallest employee id so the choice is deterministic.
 */
import type { AgentStatus } from "../../../worker/realtime/protocol";

/** One signed-in agent as the queue sees them. */
export type AgentCandidate = {
  employeeId: string;
  status: AgentStatus;
  activeChats: number;
  maxConcurrentChats: number;
  /** Epoch ms since when the agent has been idle (or last became free). */
  idleSince: number;
  /** Whether the agent's cross-queue capacity allows one more chat. */
  canTakeMore: boolean;
};

/** Whether the agent may be offered a new chat now. */
export function isAvailable(a: AgentCandidate): boolean {
  return a.status === "idle" && a.canTakeMore && a.activeChats < a.maxConcurrentChats;
}

/** The fairness order between two available agents (negative: `a` first). */
export function compareCandidates(a: AgentCandidate, b: AgentCandidate): number {
  if (a.activeChats !== b.activeChats) return a.activeChats - b.activeChats;
  if (a.idleSince !== b.idleSince) return a.idleSince - b.idleSince;
  return a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0;
}

/** The employee id of the agent to offer the chat to, or null when nobody is available. */
export function pickAgent(agents: readonly AgentCandidate[]): string | null {
  let best: AgentCandidate | null = null;
  for (const a of agents) {
    if (isAvailable(a) && (best === null || compareCandidates(a, best) < 0)) best = a;
  }
  return best?.employeeId ?? null;
}
