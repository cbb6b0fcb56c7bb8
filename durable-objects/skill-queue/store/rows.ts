/** The row types of the object's SQLite tables and the message shape the protocol sends. */
import type {
  AgentStatus,
  ChatMessage,
  ContactMode,
  ConversationState,
  EndReason,
  Note,
  Notice,
  Sender,
} from "../../../worker/realtime/protocol";
import type { AttachmentMeta } from "../../../worker/schemas/attachment-meta";
import type { PreChatValue } from "../../../worker/schemas/pre-chat";

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
  /** The pre-chat form's values as JSON `PreChatValue[]` ("[]" when the channel has no form). */
  pre_chat: string;
  /** The conversation's tag ids, JSON (absent in a row handed over by an older object). */
  tags?: string;
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
  /** JSON of the system message's `Notice`, or null. */
  notice: string | null;
  /** JSON `AttachmentMeta` of the message's file; null (or absent in rows built by hand) when none. */
  attachment?: string | null;
};

/**
 * A conversation whose wait was released with a left message offered (`left_at` null) or left
 * (`left_at` set: state `pending` until an agent picks it up, `picked_by`). `seen_seq`: the
 * customer's last read mark (what they have not seen yet keeps an ended one for them).
 */
export type LeftMessageRow = {
  conversation_id: string;
  contact_mode: ContactMode;
  contact: string | null;
  left_at: number | null;
  confirmed: number;
  expires_at: number | null;
  seen_seq: number;
  picked_by: string | null;
};

export type AgentRow = {
  employee_id: string;
  name: string;
  status: AgentStatus;
  status_since: number;
  wrap_up_until: number | null;
  max_chats: number;
  signed_in_at: number;
  /** The quality checker who forced the agent busy, while they are. */
  forced_by: string | null;
};

/** A waiting conversation offered to a callout agent, since `offered_at`. */
export type OfferRow = { conversation_id: string; employee_id: string; offered_at: number };

export type WaitingRow = { conversation_id: string; ord: number; enqueued_at: number };

export type NewMessage = {
  sender: Sender;
  senderName: string | null;
  text: string;
  clientMsgId: string | null;
  notice?: Notice | null;
  /** The message's file (checked against the conversation's uploads before it gets here). */
  attachment?: AttachmentMeta | null;
};

/** The conversation's pre-chat values (none when the stored JSON is missing or unreadable). */
export function preChatOf(c: Pick<ConversationRow, "pre_chat">): PreChatValue[] {
  try {
    const parsed: unknown = JSON.parse(c.pre_chat ?? "[]");
    return Array.isArray(parsed) ? (parsed as PreChatValue[]) : [];
  } catch {
    return [];
  }
}

export const toChatMessage = (m: MessageRow): ChatMessage => ({
  conversationId: m.conversation_id,
  seq: m.seq,
  sender: m.sender,
  senderName: m.sender_name,
  text: m.text,
  clientMsgId: m.client_msg_id,
  at: m.at,
  ...(m.notice ? { notice: JSON.parse(m.notice) as Notice } : {}),
  ...(m.attachment ? { attachment: JSON.parse(m.attachment) as AttachmentMeta } : {}),
});

export type NoteRow = {
  conversation_id: string;
  seq: number;
  author_id: string;
  author_name: string;
  text: string;
  client_msg_id: string;
  at: number;
};

export const toNote = (n: NoteRow): Note => ({
  conversationId: n.conversation_id,
  seq: n.seq,
  authorEmployeeId: n.author_id,
  authorName: n.author_name,
  text: n.text,
  clientMsgId: n.client_msg_id,
  at: n.at,
});

/** A conversation's tag ids (none for a row without the column's value). */
export const tagIdsOf = (c: Pick<ConversationRow, "tags">): string[] =>
  JSON.parse(c.tags ?? "[]") as string[];
