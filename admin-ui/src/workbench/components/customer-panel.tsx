/**
 * The customer beside the chat: who they are (name and whether it is verified, or their visitor
 * alias), language, the page they are on and where they came from, their browser, when they were
 * first seen, and their past conversations (same customer id: the widget's visitor or the identity
 * token's `sub`) with each transcript one click away.
 *
 * Slots for other parts of the desk: `contact` (email and phone when known, e.g. from a pre-chat
 * form), `tags` and `notes` are rendered in their own sections when given.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Conversation, ConversationSummary } from "../../../../worker/schemas/conversations";
import type { DeskChat } from "../../realtime/agent-desk";
import { errorMessage } from "../../shared/api";
import { customerDisplay } from "../../shared/customer-name";
import { dateTime } from "../../shared/i18n";
import { conversation, type PastConversations, pastConversations } from "../session";
import { browserLabel } from "../user-agent";
import { LinkedText } from "./message-log";

export type CustomerPanelProps = {
  chat: DeskChat;
  queueName: string;
  /** Administrators also get a link to the console's transcript page. */
  isAdmin: boolean;
  /** Slot: the customer's email and phone, when known. */
  contact?: ComponentChildren;
  /** Slot: the customer's tags. */
  tags?: ComponentChildren;
  /** Slot: notes on the customer. */
  notes?: ComponentChildren;
};

/** Past conversations are fetched again for a customer at most this often. */
const HISTORY_TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<PastConversations> }>();

function historyOf(customerId: string): Promise<PastConversations> {
  const hit = cache.get(customerId);
  if (hit && Date.now() - hit.at < HISTORY_TTL_MS) return hit.value;
  const value = pastConversations(customerId);
  cache.set(customerId, { at: Date.now(), value });
  value.catch(() => cache.delete(customerId));
  return value;
}

export function CustomerPanel({ chat, queueName, isAdmin, contact, tags, notes }: CustomerPanelProps) {
  const s = chat.summary;
  const who = customerDisplay(s);
  const ctx = chat.context;
  const [history, setHistory] = useState<PastConversations | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let live = true;
    setHistory(null);
    setError("");
    historyOf(s.customerId).then(
      (h) => live && setHistory(h),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [s.customerId]);
  const firstSeen = Math.min(s.startedAt, history?.customer.firstSeenAt ?? s.startedAt);
  return (
    <aside class="customer" aria-label="Customer">
      <h2>{who.name}</h2>
      <dl>
        <dt>Name</dt>
        <dd>
          {who.source === "verified"
            ? "Verified by the website's sign-in"
            : who.source === "typed"
              ? "Typed by the customer (unverified)"
              : "Not given (anonymous visitor)"}
        </dd>
        {contact ? <div data-slot="contact">{contact}</div> : null}
        <dt>Language</dt>
        <dd>{ctx?.locale ?? "—"}</dd>
        <dt>Page</dt>
        <dd class="page">
          {ctx?.pageUrl ? (
            <>
              {ctx.pageTitle ? <span class="title">{ctx.pageTitle}</span> : null}
              <LinkedText text={ctx.pageUrl} />
              {ctx.pageAt ? <span class="muted"> since {dateTime(ctx.pageAt)}</span> : null}
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt>Came from</dt>
        <dd class="page">{ctx?.referrer ? <LinkedText text={ctx.referrer} /> : "—"}</dd>
        <dt>Browser</dt>
        <dd title={ctx?.userAgent ?? undefined}>{ctx ? browserLabel(ctx.userAgent) : "—"}</dd>
        <dt>First seen</dt>
        <dd>{dateTime(firstSeen)}</dd>
        <dt>Queue</dt>
        <dd>{queueName}</dd>
        <dt>Customer id</dt>
        <dd class="id">{s.customerId}</dd>
      </dl>
      <section aria-labelledby="past-title">
        <h3 id="past-title">Past conversations{history ? ` (${history.customer.conversationCount})` : ""}</h3>
        {error ? <p class="error">{error}</p> : null}
        {!history && !error ? <p class="muted">Loading…</p> : null}
        {history && history.items.length === 0 ? <p class="muted">None before this one.</p> : null}
        {history?.items.length ? (
          <ul class="past">
            {history.items.map((c) => (
              <PastConversation key={c.id} c={c} isAdmin={isAdmin} />
            ))}
          </ul>
        ) : null}
      </section>
      {tags ? (
        <section data-slot="tags" aria-label="Tags">
          {tags}
        </section>
      ) : null}
      {notes ? (
        <section data-slot="notes" aria-label="Notes">
          {notes}
        </section>
      ) : null}
    </aside>
  );
}

function PastConversation({ c, isAdmin }: { c: ConversationSummary; isAdmin: boolean }) {
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState<Conversation | null>(null);
  const [error, setError] = useState("");
  const toggle = () => {
    setOpen(!open);
    if (!full && !open) conversation(c.id).then(setFull, (e) => setError(errorMessage(e)));
  };
  return (
    <li>
      <button type="button" class="link" aria-expanded={open} onClick={toggle}>
        {dateTime(c.endedAt)} · {c.agentName ?? "no agent"} · {c.messageCount} messages
      </button>
      {isAdmin ? (
        <a href={`/conversations/${encodeURIComponent(c.id)}`} target="_blank" rel="noopener noreferrer">
          Open in console
        </a>
      ) : null}
      {open ? (
        <ol class="transcript" aria-label={`Transcript of ${dateTime(c.endedAt)}`}>
          {error ? <li class="error">{error}</li> : null}
          {!full && !error ? <li class="muted">Loading…</li> : null}
          {full?.transcript.map((line) => (
            <li key={line.seq}>
              <span class="muted">{line.senderName ?? line.sender}: </span>
              <LinkedText text={line.text} />
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
