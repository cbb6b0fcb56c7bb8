/**
 * The customer's browser context for staff: the browser and language a customer connected with,
 * their page reports (`page.viewed`, limited per conversation), and delivering what is known to
 * the conversation's agent and watching quality checkers (never to the customer).
 */
import type { CustomerCommand, CustomerContext, ServerEvent } from "../../worker/realtime/protocol";
import type { QueueContext } from "./context";
import { audience } from "./conversation";
import { admitPageReport, localeOf, userAgentOf } from "./rules/customer-context";
import type { ConversationRow } from "./store";

type Reply = (event: ServerEvent) => void;

/** The request headers a customer's chat connected with. */
export type BrowserHeaders = { userAgent: string | null; acceptLanguage: string | null };

/** Records the browser and language of a customer's (re)connection and tells staff. */
export function recordBrowser(q: QueueContext, c: ConversationRow, headers: BrowserHeaders): void {
  q.store.customerContext.setBrowser(c.id, userAgentOf(headers.userAgent), localeOf(headers.acceptLanguage));
  sendContext(q, c);
}

/**
 * A page report: stored and passed on to staff while the conversation is live and the report is
 * within the window's limit (`rate_limited` beyond it); a report after the end is ignored.
 */
export function pageViewed(
  q: QueueContext,
  c: ConversationRow,
  cmd: Extract<CustomerCommand, { type: "page.viewed" }>,
  reply: Reply,
): void {
  if (c.state === "ended") return;
  const now = q.now();
  const admitted = admitPageReport(q.store.customerContext.window(c.id), now);
  if (!admitted.ok) {
    reply({
      type: "error",
      code: "rate_limited",
      message: "Too many page reports; the next ones are ignored for a minute",
      ref: cmd.type,
    });
    return;
  }
  q.store.customerContext.setPage(c.id, cmd, now, admitted.window);
  sendContext(q, c);
}

/** What is known of the conversation's customer browser, or null when nothing is. */
export function contextOf(q: QueueContext, conversationId: string): CustomerContext | null {
  const row = q.store.customerContext.get(conversationId);
  if (!row) return null;
  return {
    pageUrl: row.page_url,
    pageTitle: row.page_title,
    referrer: row.referrer,
    pageAt: row.page_at,
    userAgent: row.user_agent,
    locale: row.locale,
  };
}

/** Sends the context to the staff who see the conversation (its agent, watching checkers). */
export function sendContext(q: QueueContext, c: ConversationRow, to?: WebSocket[]): void {
  const staff = to ?? audience(q, c).filter((ws) => q.sessions.attachment(ws)?.role !== "customer");
  // nobody to tell (a customer arriving in the queue): no read
  if (staff.length === 0) return;
  const context = contextOf(q, c.id);
  if (context) q.sessions.sendAll(staff, { type: "customer.context", conversationId: c.id, context });
}
