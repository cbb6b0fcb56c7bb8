/** Builders for server frames in tests. */
import type {
  AgentPresence,
  CallSummary,
  ChatMessage,
  ConversationSummary,
} from "../../../../worker/realtime/protocol";

/** An agent's presence: Alice, idle, no chats. */
export const presence = (over: Partial<AgentPresence> = {}): AgentPresence => ({
  employeeId: "1001",
  name: "Alice",
  status: "idle",
  activeChats: 0,
  maxConcurrentChats: 5,
  wrapUpUntil: null,
  forcedBy: null,
  ...over,
});

export function summary(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    conversationId: "cv1",
    skillQueueId: "sq1",
    customerId: "cu1",
    customerName: "Ann",
    customerNameVerified: false,
    state: "connected",
    agentEmployeeId: "1001",
    agentName: "Alice",
    startedAt: 1000,
    queuedAt: 1100,
    connectedAt: 1200,
    lastSeq: 0,
    evaluation: null,
    leaveMessage: null,
    contact: null,
    preChat: [],
    ...over,
  };
}

export function msg(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    conversationId: "cv1",
    seq,
    sender: "agent",
    senderName: "Alice",
    text: `m${seq}`,
    clientMsgId: null,
    at: 1000 + seq,
    ...over,
  };
}

export const welcomeCustomer = (c: ConversationSummary) => ({
  type: "session.welcome",
  role: "customer",
  skillQueueId: c.skillQueueId,
  conversations: [c],
  agent: null,
  serverTime: 5000,
});

/** A call as the server describes it: ringing agent 1001, who chats with the customer. */
export function callSummary(over: Partial<CallSummary> = {}): CallSummary {
  return {
    callId: "cl_1",
    conversationId: "cv_1",
    chatSkillQueueId: "sq_chat",
    skillQueueId: "sq_ctd",
    media: "voice",
    state: "ringing",
    customerId: "anon_1",
    customerName: "Ada",
    customerNameVerified: false,
    agentEmployeeId: "1001",
    agentName: "Lin",
    chatAgentEmployeeId: "1001",
    chatAgentName: "Lin",
    placedAt: 1000,
    connectedAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    ...over,
  };
}
