/** The row types of the object's SQLite tables and the message shape the protocol sends. */
import type {
  AgentStatus,
  ChatMessage,
  ConversationState,
  EndReason,
  Sender,
} from "../../../worker/realtime/protocol";

export type ConversationRow = {
  id: string;
  tenant_id: string;
  channel_id: string;
  customer_id: string;
  customer_name: string | null;
  /** 1 when the name comes from a verified identity token, 0 when the customer typed it. */
  customer_name_verified: number;
  state: ConversationState;
  agent_id: string | null;
  agent_name: string | null;
  started_at: number;
  queued_at: number | null;
  connected_at: number | null;
  ended_at: number | null;
  end_reason: EndReason | null;
  last_seq: number;
  rating: number | null;
  comment: string | null;
  hops: string;
  last_customer_at: number;
  /**
   * When it first joined a waiting list / first reached an agent, in any queue, and how often it
   * moved to another queue: kept across transfers for the reports. Absent in a row written before
   * they existed (or handed over by an object of an older version).
   */
  first_queued_at?: number | null;
  first_connected_at?: number | null;
  transfers?: number;
};

export type MessageRow = {
  conversation_id: string;
  seq: number;
  sender: Sender;
  sender_name: string | null;
  text: string;
  client_msg_id: string | null;
  at: number;
};

export type AgentRow = {
  employee_id: string;
  name: string;
  status: AgentStatus;
  status_since: number;
  wrap_up_until: number | null;
  max_chats: number;
  signed_in_at: number;
};

export type WaitingRow = { conversation_id: string; ord: number; enqueued_at: number };

export type NewMessage = {
  sender: Sender;
  senderName: string | null;
  text: string;
  clientMsgId: string | null;
};

export const toChatMessage = (m: MessageRow): ChatMessage => ({
  conversationId: m.conversation_id,
  seq: m.seq,
  sender: m.sender,
  senderName: m.sender_name,
  text: m.text,
  clientMsgId: m.client_msg_id,
  at: m.at,
});
