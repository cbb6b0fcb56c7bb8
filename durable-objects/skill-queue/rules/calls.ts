/**
 * Click-to-dial calls (spec Table 1, types Voice Click to Dial and Video Click to Dial: "During a
 * text chat with an agent, a customer can directly make a voice [video] call to the agent"; Table 4,
 * CTD Called Party Configuration and Click-to-Call Skill Queue), as pure functions.
 *
 * - What a channel offers: CTD Called Party = Audio and video agent with a click-to-dial skill
 *   queue → a voiceClickToDial queue carries voice calls; a videoClickToDial queue carries video
 *   calls and voice calls (its agents are video or versatile agents, who "also take audio calls",
 *   and a customer without a camera can still call). CTD Called Party = IVR → no call: this product
 *   has no IVR.
 * - Who takes a call of a medium (Table 3, Agent Type): an audio agent voice calls; a video agent
 *   voice and video calls; a versatile agent both; a multimedia agent none.
 * - Routing: the call goes to the click-to-dial queue. The agent the customer chats with is rung
 *   first when they are signed in to that queue, may be offered work there, take the medium, are
 *   idle and hold no call; otherwise (or when they miss the ring) the queue's own admission
 *   decides: queue, busy/overflow or no-agent handling. A queued call is offered, oldest first, to
 *   an agent who may be rung: the chat's agent first, then the one idle longest.
 * - Declining: the chat's agent declining ends the call (the text chat goes on); any other agent's
 *   decline, and a missed ring, pass it on (they are not rung for it again).
 * - An agent takes at most one call at a time (the call slot held by their presence object); a
 *   call does not use a chat slot. Ringing lasts `RING_TIMEOUT_MS`.
 */

import type { AgentStatus, CallEndReason, CallMedia } from "../../../worker/realtime/protocol";
import type { AgentType } from "../../../worker/rules/agent-rules";
import type { Admission } from "./admission";

/** How long a call rings one agent before it counts as missed. */
export const RING_TIMEOUT_MS = 30_000;

/** The calls a skill queue of `queueType` carries (none for a queue that is not click-to-dial). */
export function callKindsOf(queueType: string): CallMedia[] {
  if (queueType === "voiceClickToDial") return ["voice"];
  if (queueType === "videoClickToDial") return ["voice", "video"];
  return [];
}

const takes: Record<AgentType, readonly CallMedia[]> = {
  audio: ["voice"],
  video: ["voice", "video"],
  multimedia: [],
  versatile: ["voice", "video"],
};

/** Whether an agent of `agentType` takes a call of `media`. */
export function agentTakesMedia(agentType: AgentType, media: CallMedia): boolean {
  return takes[agentType].includes(media);
}

/** One agent signed in to the click-to-dial queue, as routing sees them. */
export type CallCandidate = {
  employeeId: string;
  status: AgentStatus;
  /** Configured for the queue as an agent and connected now (`mayBeOffered`). */
  offerable: boolean;
  /** Null when their configuration is not known here. */
  agentType: AgentType | null;
  /** Rung by or talking in a call of this queue. */
  onCall: boolean;
  /** Declined or missed this call already. */
  excluded: boolean;
  /** Epoch ms since when the agent is in their status. */
  idleSince: number;
};

/**
 * Whether the agent may be rung for a call of `media` now. Their presence object then reserves the
 * call slot, which also holds across the agent's other click-to-dial queues.
 */
export function mayRing(a: CallCandidate, media: CallMedia): boolean {
  return (
    a.offerable &&
    a.status === "idle" &&
    !a.onCall &&
    !a.excluded &&
    a.agentType !== null &&
    agentTakesMedia(a.agentType, media)
  );
}

/**
 * Where a new call goes: the chat's agent when they may be rung, else what the queue's admission
 * decided (`queue`, `busy`, `noAgent`).
 */
export function placement(
  chatAgent: CallCandidate | null,
  media: CallMedia,
  admission: Admission,
): "ringChatAgent" | Admission {
  return chatAgent && mayRing(chatAgent, media) ? "ringChatAgent" : admission;
}

/** The agent a queued call is offered to: the chat's agent first, then the one idle longest, then the smallest id. */
export function pickCallAgent(
  candidates: readonly CallCandidate[],
  media: CallMedia,
  chatAgentId: string | null,
): string | null {
  let best: CallCandidate | null = null;
  for (const a of candidates) {
    if (!mayRing(a, media)) continue;
    if (best === null || before(a, best, chatAgentId)) best = a;
  }
  return best?.employeeId ?? null;
}

function before(a: CallCandidate, b: CallCandidate, chatAgentId: string | null): boolean {
  if ((a.employeeId === chatAgentId) !== (b.employeeId === chatAgentId)) return a.employeeId === chatAgentId;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.employeeId < b.employeeId;
}

/**
 * Whether an agent's decline ends the call: when the agent is the chat's (the customer called the
 * agent they chat with; the chat goes on); another agent's decline passes the call on.
 */
export function declineEnds(chatAgentId: string | null, agentId: string): boolean {
  return chatAgentId === agentId;
}

/**
 * A call's length as people read it: "12 s", "4 min 12 s", "1 h 2 min 3 s" (whole seconds, rounded
 * down; minutes and hours only once reached).
 */
export function formatCallDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min ${s} s`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

const mediaName: Record<CallMedia, string> = { voice: "Voice call", video: "Video call" };

/** What a call that was never answered tells the chat, by why it ended. */
const unanswered: Record<CallEndReason, string> = {
  hangup: "cancelled",
  declined: "declined by the agent",
  cancelled: "cancelled",
  timeout: "not answered: no agent became free in time",
  busy: "not answered: all agents for calls are busy",
  noAgent: "not answered: no agent for calls is on duty",
  maxDuration: "ended",
  connectionLost: "cancelled: the connection was lost",
  chatEnded: "cancelled: the chat ended",
};

/**
 * The system line the text chat's transcript gets for a call event: started, or ended with its
 * duration when it was answered, or why it was not.
 */
export function callTranscriptText(
  media: CallMedia,
  event: { kind: "started" } | { kind: "ended"; reason: CallEndReason; talkedMs: number | null },
): string {
  const name = mediaName[media];
  if (event.kind === "started") return `${name} started`;
  if (event.talkedMs !== null) return `${name} ended (${formatCallDuration(event.talkedMs)})`;
  return `${name} ${unanswered[event.reason]}`;
}
