/**
 * The workbench's REST side: who is signed in, which skill queues they serve (from their agent
 * configuration), the queues' names and types, where a chat can be transferred to, a customer's
 * past conversations, and a ticket provider for the realtime desk.
 */

import type {
  Conversation,
  ConversationSummary,
  CustomerHistory,
} from "../../../worker/schemas/conversations";
import type { TransferTarget } from "../../../worker/schemas/realtime";
import { FatalTicketError } from "../realtime/reliable-socket";
import { wsUrl } from "../realtime/ws-url";
import { api, fetchAll, HttpError, setCsrfToken } from "../shared/api";

export type User = {
  id: string;
  account: string;
  name: string;
  employeeId: string;
  role: "tenantAdmin" | "agent";
};
export type AgentConfig = {
  id: string;
  employeeId: string;
  platformRole: "common" | "qualityChecker" | "callout";
  servedSkillQueueIds: string[];
  defaultSkillQueueId: string | null;
  maxConcurrentChats: number;
};
export type QueueInfo = { id: string; name: string; type: string };

export async function signIn(account: string, password: string): Promise<User> {
  const r = await api.post<{ csrfToken: string; user: User }>("/auth/login", { account, password });
  setCsrfToken(r.csrfToken);
  return r.user;
}

/** Whether this tab signed in before (the shared API client keeps the CSRF token per tab). */
export function hasSession(): boolean {
  try {
    return !!sessionStorage.getItem("ecs.csrf");
  } catch {
    return false;
  }
}

/** The current session's user, or null when signed out. */
export async function currentUser(): Promise<User | null> {
  try {
    const r = await api.get<{ csrfToken: string; user: User }>("/auth/me");
    setCsrfToken(r.csrfToken);
    return r.user;
  } catch (e) {
    if (e instanceof HttpError && e.status === 401) return null;
    throw e;
  }
}

export async function signOut(): Promise<void> {
  await api.post("/auth/logout").catch(() => undefined);
  setCsrfToken(null);
}

/** The signed-in employee's agent configuration, null when they are not an agent. */
export async function agentConfig(employeeId: string): Promise<AgentConfig | null> {
  const page = await api.get<{ items: AgentConfig[] }>("/agents", { employeeId, limit: 1 });
  return page.items[0] ?? null;
}

/** Names and types of the tenant's skill queues this employee may see. */
export async function queues(): Promise<Map<string, QueueInfo>> {
  const list = await fetchAll<QueueInfo>("/skill-queues");
  return new Map(list.map((q) => [q.id, { id: q.id, name: q.name, type: q.type }]));
}

/** Where a chat of `skillQueueId` can be handed over to, with each queue's availability now. */
export async function transferTargets(skillQueueId: string): Promise<TransferTarget[]> {
  const r = await api.get<{ items: TransferTarget[] }>(
    `/skill-queues/${encodeURIComponent(skillQueueId)}/transfer-targets`,
  );
  return r.items;
}

/** How many past conversations of a customer the panel lists. */
export const PAST_CONVERSATIONS_SHOWN = 10;

export type PastConversations = { items: ConversationSummary[]; customer: CustomerHistory };

/** A customer's ended conversations the employee may see (newest first), with their count and first start. */
export async function pastConversations(customerId: string): Promise<PastConversations> {
  const r = await api.get<{ items: ConversationSummary[]; customer?: CustomerHistory }>("/conversations", {
    customerId,
    limit: PAST_CONVERSATIONS_SHOWN,
  });
  return { items: r.items, customer: r.customer ?? { conversationCount: r.items.length, firstSeenAt: null } };
}

/** One ended conversation with its transcript. */
export function conversation(id: string): Promise<Conversation> {
  return api.get<Conversation>(`/conversations/${encodeURIComponent(id)}`);
}

/** Ticket provider for `AgentDesk`: refused for good when the employee no longer serves the queue. */
export function agentTicket(skillQueueId: string): () => Promise<string> {
  return async () => {
    try {
      const r = await api.post<{ url: string }>("/agent/tickets", { skillQueueId });
      return wsUrl(r.url, location.origin);
    } catch (e) {
      if (e instanceof HttpError && [401, 403, 404, 422].includes(e.status))
        throw new FatalTicketError(e.detail ?? e.title);
      throw e;
    }
  };
}
