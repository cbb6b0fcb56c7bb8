/**
 * Conversation history: search by text (messages, customer name), skill queue, agent, rating and
 * date, export the selection as CSV or JSON, then one conversation's transcript (rendered as text,
 * never as HTML) and the customer's evaluation.
 */

import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { Conversation, ConversationSummary } from "../../../../worker/schemas/conversations";
import type { Employee } from "../../../../worker/schemas/employees";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import { withQuery } from "../../shared/api";
import { EmptyState, ErrorState, Spinner } from "../../shared/components/feedback";
import { customerLabel } from "../../shared/customer-name";
import { FieldShell } from "../../shared/form/fields";
import { dateTime, duration, humanize } from "../../shared/i18n";
import { PageHeader } from "../components/page-header";
import { ResourceTable } from "../components/resource-table";
import { dayRange } from "../models/date-range";
import { useFetched } from "../models/fetched";
import { nameOf, useLookup } from "../models/lookup";
import { useResourceList } from "../models/resource-list";

const PATH = "/conversations";
/** How long typing pauses before the search runs. */
const SEARCH_DELAY_MS = 300;

/** `value`, once it stopped changing for `ms`. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ConversationsPage() {
  const queues = useLookup<SkillQueue>("/skill-queues");
  const employees = useLookup<Employee>("/employees");
  const [text, setText] = useState("");
  const [skillQueueId, setSkillQueueId] = useState("");
  const [agentEmployeeId, setAgentEmployeeId] = useState("");
  const [rating, setRating] = useState("");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const q = useSettled(text.trim(), SEARCH_DELAY_MS);
  const range = dayRange(fromDate, toDate);
  const filters = {
    q: q || undefined,
    skillQueueId: skillQueueId || undefined,
    agentEmployeeId: agentEmployeeId || undefined,
    rating: rating || undefined,
    from: range.from,
    to: range.to,
  };
  const list = useResourceList<ConversationSummary>(PATH, filters);
  const exportHref = (format: "csv" | "json") =>
    `/api/v1${withQuery(`${PATH}/export`, { ...filters, format })}`;
  return (
    <>
      <PageHeader
        title="Conversation history"
        subtitle="Ended conversations, newest first."
        actions={
          <>
            <a class="btn" href={exportHref("csv")} download>
              Export CSV
            </a>
            <a class="btn" href={exportHref("json")} download>
              Export JSON
            </a>
          </>
        }
      />
      <ResourceTable
        list={list}
        rowHref={(c) => `${PATH}/${c.id}`}
        toolbar={
          <>
            <FieldShell id="conv-search" label="Search">
              <input
                id="conv-search"
                type="search"
                placeholder="Message text or customer name"
                maxLength={100}
                value={text}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </FieldShell>
            <FieldShell id="conv-queue" label="Skill Queue">
              <select
                id="conv-queue"
                value={skillQueueId}
                onChange={(e) => setSkillQueueId(e.currentTarget.value)}
              >
                <option value="">All skill queues</option>
                {queues.items.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="conv-agent" label="Agent">
              <select
                id="conv-agent"
                value={agentEmployeeId}
                onChange={(e) => setAgentEmployeeId(e.currentTarget.value)}
              >
                <option value="">All agents</option>
                {employees.items.map((e) => (
                  <option key={e.id} value={e.employeeId}>
                    {e.name} ({e.employeeId})
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="conv-rating" label="Rating">
              <select id="conv-rating" value={rating} onChange={(e) => setRating(e.currentTarget.value)}>
                <option value="">Any rating</option>
                {[5, 4, 3, 2, 1].map((r) => (
                  <option key={r} value={String(r)}>
                    {"★".repeat(r)} ({r})
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="conv-from" label="From">
              <input
                id="conv-from"
                type="date"
                value={fromDate}
                onInput={(e) => setFromDate(e.currentTarget.value)}
              />
            </FieldShell>
            <FieldShell id="conv-to" label="To" errors={range.error ? [range.error] : undefined}>
              <input
                id="conv-to"
                type="date"
                value={toDate}
                onInput={(e) => setToDate(e.currentTarget.value)}
              />
            </FieldShell>
          </>
        }
        empty={
          <EmptyState title="No conversations">None ended in this period for this selection.</EmptyState>
        }
        columns={[
          { label: "Ended", render: (c) => dateTime(c.endedAt) },
          {
            label: "Customer",
            render: (c) => (c.customerName ? customerLabel(c, "") : <span class="mono">{c.customerId}</span>),
          },
          { label: "Agent", render: (c) => c.agentName ?? c.agentEmployeeId ?? <span class="muted">—</span> },
          {
            label: "Skill Queue",
            render: (c) =>
              nameOf(queues.items, c.skillQueueId, (q) => q.name) ?? <span class="muted">—</span>,
          },
          { label: "Outcome", render: (c) => <span class="badge">{humanize(c.outcome)}</span> },
          { label: "Messages", class: "num", render: (c) => c.messageCount },
          { label: "Rating", render: (c) => <Stars rating={c.evaluation?.rating ?? null} /> },
        ]}
      />
    </>
  );
}

function Stars({ rating }: { rating: number | null }) {
  if (rating === null) return <span class="muted">—</span>;
  const r = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <span class="stars" role="img" aria-label={`${rating} of 5`}>
      {"★".repeat(r)}
      <span style={{ color: "#d5d9e0" }}>{"★".repeat(5 - r)}</span>
    </span>
  );
}

export function ConversationPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const queues = useLookup<SkillQueue>("/skill-queues");
  const { data: conversation, error, retry } = useFetched<Conversation>(`${PATH}/${id}`);
  const back = { href: PATH, label: "Conversation history" };
  if (error)
    return (
      <>
        <PageHeader title="Conversation" back={back} />
        <ErrorState message={error} onRetry={retry} />
      </>
    );
  if (!conversation) return <Spinner />;
  const c = conversation;
  const waited = c.queuedAt !== null && c.connectedAt !== null ? (c.connectedAt - c.queuedAt) / 1000 : null;
  return (
    <>
      <PageHeader
        title={`Conversation with ${customerLabel(c, c.customerId)}`}
        subtitle={dateTime(c.startedAt)}
        back={back}
      />
      <div class="grid-2" style={{ alignItems: "start" }}>
        <div class="section">
          <h2>Transcript</h2>
          {c.transcript.length === 0 ? <p class="muted">No messages.</p> : null}
          <div class="transcript">
            {c.transcript.map((line) => (
              <div key={line.seq} class={`msg msg-${line.sender}`}>
                <div class="msg-meta">
                  {line.senderName ?? humanize(line.sender)} · {dateTime(line.createdAt)}
                </div>
                {line.text}
              </div>
            ))}
          </div>
        </div>
        <div>
          <div class="section">
            <h2>Details</h2>
            <dl class="kv">
              <dt>Outcome</dt>
              <dd>{humanize(c.outcome)}</dd>
              <dt>Skill queue</dt>
              <dd>{nameOf(queues.items, c.skillQueueId, (q) => q.name) ?? "—"}</dd>
              <dt>Agent</dt>
              <dd>{c.agentName ?? c.agentEmployeeId ?? "—"}</dd>
              <dt>Customer ID</dt>
              <dd class="mono">{c.customerId}</dd>
              <dt>Started</dt>
              <dd>{dateTime(c.startedAt)}</dd>
              <dt>Waited</dt>
              <dd>{waited === null ? "—" : duration(waited)}</dd>
              <dt>Ended</dt>
              <dd>{dateTime(c.endedAt)}</dd>
              <dt>Channel</dt>
              <dd class="mono">{c.channelId}</dd>
            </dl>
          </div>
          <div class="section">
            <h2>Evaluation</h2>
            {c.evaluation ? (
              <>
                <Stars rating={c.evaluation.rating} />
                <p style={{ whiteSpace: "pre-wrap" }}>
                  {c.evaluation.comment ?? <span class="muted">No comment.</span>}
                </p>
              </>
            ) : (
              <p class="muted">The customer did not evaluate this conversation.</p>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
