/**
 * Webhook events: the types a tenant can subscribe to and the payload of each, version 1. Every
 * delivery's body is one `WebhookEvent` as JSON: `{id, type, version, createdAt, tenantId, data}`.
 * `id` is stable for the event (`msg:<conversationId>:<seq>` for a message): delivery is
 * at-least-once, so a receiver dedupes on it. The README documents each payload with an example.
 *
 * Adding an event type: add it to `WEBHOOK_EVENT_TYPES` and its payload to `WebhookEventData`,
 * then emit it with `emitEvent` (skill queue object) or `emitWorkerEvent` (Worker).
 */
import type { ConversationState, EndReason, Sender } from "../realtime/protocol";
import type { CaseCategory, CasePriority, CaseStatus } from "../schemas/cases";

export const WEBHOOK_EVENT_TYPES = [
  "conversation.started",
  "conversation.assigned",
  "conversation.transferred",
  "conversation.ended",
  "message.created",
  "evaluation.submitted",
  "message.left",
  "case.created",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The payload version of every event type; a breaking change gets a new version. */
export const WEBHOOK_EVENT_VERSION = 1;

/** The type of the events that `POST /webhooks/:id/test` sends (never subscribed to). */
export const TEST_EVENT_TYPE = "webhook.test";

type Customer = { id: string; name: string | null; nameVerified: boolean };
type Agent = { employeeId: string; name: string | null };

/** The payload (`data`) of each event type. */
export interface WebhookEventData {
  "conversation.started": {
    conversationId: string;
    skillQueueId: string;
    channelId: string;
    customer: Customer;
    /** `bot` when the channel's chatbot answers first, else `queued`. */
    state: ConversationState;
    startedAt: number;
  };
  "conversation.assigned": {
    conversationId: string;
    skillQueueId: string;
    channelId: string;
    customerId: string;
    agent: Agent;
    /** `dispatched`: the queue offered it to the agent; `intercepted`: a quality checker took it over. */
    reason: "dispatched" | "intercepted";
    /** The agent it was taken from (interception), else null. */
    previousAgentEmployeeId: string | null;
    connectedAt: number;
  };
  "conversation.transferred": {
    conversationId: string;
    fromSkillQueueId: string;
    toSkillQueueId: string;
    channelId: string;
    customerId: string;
    /** The agent who had it (an agent's transfer), null for queue handling (timeout, busy, no agent). */
    agentEmployeeId: string | null;
    /** True for the queue's own handling, false for an agent's transfer. */
    automatic: boolean;
    transferredAt: number;
  };
  "conversation.ended": {
    conversationId: string;
    skillQueueId: string;
    channelId: string;
    customerId: string;
    agentEmployeeId: string | null;
    reason: EndReason;
    startedAt: number;
    connectedAt: number | null;
    endedAt: number;
    messageCount: number;
  };
  "message.created": {
    conversationId: string;
    skillQueueId: string;
    channelId: string;
    customerId: string;
    seq: number;
    sender: Sender;
    senderName: string | null;
    text: string;
    createdAt: number;
  };
  "evaluation.submitted": {
    conversationId: string;
    skillQueueId: string;
    channelId: string;
    customerId: string;
    agentEmployeeId: string | null;
    rating: number;
    comment: string;
    submittedAt: number;
  };
  /**
   * A wait ended without an agent and the conversation became a left message (`pending`, in the
   * queue's Messages inbox). Sent once, with the contact details the customer gave: while they may
   * still give them (they wrote while waiting, the form is open) it waits for their
   * `message.leave`, a pickup or 5 minutes. Contact details added after it are not sent again.
   */
  "message.left": {
    conversationId: string;
    skillQueueId: string;
    channelId: string;
    customer: Customer;
    /** The email address or phone number the customer gave, else null. */
    contact: string | null;
    /** What the customer wrote since they were queued, one message a line, at most 4000 characters. */
    text: string;
    /** True when `text` was cut at 4000 characters (it then ends with `…`). */
    truncated: boolean;
    leftAt: number;
  };
  /** An employee created a case (trouble ticket) from a chat. */
  "case.created": {
    caseId: string;
    conversationId: string;
    /** The skill queue of the chat; null for an archived chat that had none. */
    skillQueueId: string | null;
    channelId: string;
    customerId: string;
    title: string;
    description: string;
    category: CaseCategory;
    priority: CasePriority;
    status: CaseStatus;
    createdBy: Agent;
    createdAt: number;
  };
}

export type WebhookEvent<T extends WebhookEventType | typeof TEST_EVENT_TYPE = WebhookEventType> = {
  id: string;
  type: T;
  version: typeof WEBHOOK_EVENT_VERSION;
  createdAt: number;
  tenantId: string;
  data: T extends WebhookEventType ? WebhookEventData[T] : Record<string, unknown>;
};

/** A delivery waiting in the queue: one event for one endpoint. */
export type DeliveryMessage = {
  endpointId: string;
  tenantId: string;
  event: WebhookEvent | WebhookEvent<typeof TEST_EVENT_TYPE>;
};

export function isEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export function makeEvent<T extends WebhookEventType>(
  tenantId: string,
  type: T,
  data: WebhookEventData[T],
  id: string,
  createdAt: number,
): WebhookEvent<T> {
  return { id, type, version: WEBHOOK_EVENT_VERSION, createdAt, tenantId, data } as WebhookEvent<T>;
}
