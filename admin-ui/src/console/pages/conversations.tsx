/**
 * Conversation history: search by text (messages, customer name), skill queue, agent, rating, tag,
 * left messages and date (a text search scans the transcripts in steps: "Searched up to <date>" and
 * "Search further" while it has not reached the end), export the selection as CSV or JSON, then one conversation's transcript
 * (rendered as text, never as HTML) with the staff's private notes marked as notes, its tags (which
 * can be changed here after the chat), the customer's pre-chat form values, its calls and the
 * customer's evaluation.
 */

import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { formatCallDuration } from "../../../../durable-objects/skill-queue/rules/calls";
import type {
  Conversation,
  ConversationCall,
  ConversationSummary,
} from "../../../../worker/schemas/conversations";
import type { Employee } from "../../../../worker/schemas/employees";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import type { Tag } from "../../../../worker/schemas/tags";
import { type Page, withQuery } from "../../shared/api";
import { AttachmentView } from "../../shared/components/attachment-view";
import { EmptyState, ErrorState, Spinner } from "../../shared/components/feedback";
import { customerLabel } from "../../shared/customer-name";
import { FieldShell } from "../../shared/form/fields";
import { dateTime, duration, humanize } from "../../shared/i18n";
import { ConversationTags } from "../components/conversation-tags";
import { PageHeader } from "../components/page-header";
import { ResourceTable } from "../components/resource-table";
import { dayRange } from "../models/date-range";
import { useFetched } from "../models/fetched";
import { nameOf, useLookup } from "../models/lookup";
import { useResourceList } from "../models/resource-list";
import { type SearchPage, searchProgress } from "../models/search-progress";
import { timeline } from "../models/transcript";
import { ConversationCases } from "./cases";

const PATH = "/conversations";
/** The archive outcome of a left message still waiting for an agent. */
const LEFT_MESSAGE = "leftMessage";

/** "Left message (waiting)", "Expired (nobody answered)", else the outcome in words. */
function outcomeLabel(outcome: string): string {
  if (outcome === LEFT_MESSAGE) return "Left message (waiting)";
  if (outcome === "expired") return "Expired (nobody answered)";
  return humanize(outcome);
}

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
  const tags = useLookup<Tag>("/tags");
  const employees = useLookup<Employee>("/employees");
  const { query } = useRoute();
  const [text, setText] = useState("");
  const [skillQueueId, setSkillQueueId] = useState("");
  const [agentEmployeeId, setAgentEmployeeId] = useState("");
  const [rating, setRating] = useState("");
  const [tagId, setTagId] = useState(query.tagId ?? "");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const [left, setLeft] = useState<"" | "waiting" | "all">("");
  const q = useSettled(text.trim(), SEARCH_DELAY_MS);
  const range = dayRange(fromDate, toDate);
  const filters = {
    q: q || undefined,
    skillQueueId: skillQueueId || undefined,
    agentEmployeeId: agentEmployeeId || undefined,
    rating: rating || undefined,
    tagId: tagId || undefined,
    from: range.from,
    to: range.to,
    outcome: left === "waiting" ? LEFT_MESSAGE : undefined,
    left: left === "all" ? "true" : undefined,
  };
  const list = useResourceList<ConversationSummary, Page<ConversationSummary> & SearchPage>(PATH, filters);
  const progress = searchProgress(list.lastPage.value, list.items.value.length, dateTime);
  const exportHref = (format: "csv" | "json") =>
    `/api/v1${withQuery(`${PATH}/export`, { ...filters, format })}`;
  return (
    <>
      <PageHeader
        title="Conversation history"
        subtitle="Ended conversations and left messages, newest first (a left message by when it was left)."
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
            <FieldShell id="conv-left" label="Left messages">
              <select
                id="conv-left"
                value={left}
                onChange={(e) => setLeft(e.currentTarget.value as typeof left)}
              >
                <option value="">All conversations</option>
                <option value="waiting">Waiting for an agent</option>
                <option value="all">All left messages</option>
              </select>
            </FieldShell>
            <FieldShell id="conv-tag" label="Tag">
              <select id="conv-tag" value={tagId} onChange={(e) => setTagId(e.currentTarget.value)}>
                <option value="">All tags</option>
                {tags.items.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
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
        more={progress ?? undefined}
        empty={
          progress ? (
            <EmptyState title="No match yet">{progress.empty}</EmptyState>
          ) : (
            <EmptyState title="No conversations">None ended in this period for this selection.</EmptyState>
          )
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
          { label: "Outcome", render: (c) => <span class="badge">{outcomeLabel(c.outcome)}</span> },
          { label: "Contact", render: (c) => c.contact ?? <span class="muted">—</span> },
          { label: "Messages", class: "num", render: (c) => c.messageCount },
          {
            label: "Tags",
            render: (c) =>
              c.tags.length ? (
                c.tags.map((t) => (
                  <span key={t.id} class="badge badge-tag">
                    {t.name}
                  </span>
                ))
              ) : (
                <span class="muted">—</span>
              ),
          },
          { label: "Rating", render: (c) => <Stars rating={c.evaluation?.rating ?? null} /> },
        ]}
      />
    </>
  );
}

/** "Video call with Alice, 4 min 12 s (hangup) · 10:02" — one archived call. */
function callLine(call: ConversationCall, queueName: string | null | undefined): string {
  const kind = call.media === "video" ? "Video call" : "Voice call";
  const talk =
    call.connectedAt === null
      ? `not answered (${humanize(call.outcome)})`
      : `${call.agentName ? `with ${call.agentName}, ` : ""}${formatCallDuration(call.durationSeconds * 1000)} (${humanize(call.outcome)})`;
  return `${kind} ${talk} · ${dateTime(call.placedAt)}${queueName ? ` · ${queueName}` : ""}`;
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
  const { data: fetched, error, retry } = useFetched<Conversation>(`${PATH}/${id}`);
  const [changed, setChanged] = useState<Conversation | null>(null);
  const conversation = changed?.id === id ? changed : fetched;
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
            {timeline(c.transcript, c.notes).map((line) =>
              line.kind === "note" ? (
                <div key={`n${line.seq}`} class="msg msg-note">
                  <div class="msg-meta">
                    Private note · {line.authorName} · {dateTime(line.createdAt)} · staff only
                  </div>
                  {line.text}
                </div>
              ) : (
                <div key={line.seq} class={`msg msg-${line.sender}`}>
                  <div class="msg-meta">
                    {line.senderName ?? humanize(line.sender)} · {dateTime(line.createdAt)}
                  </div>
                  {line.attachment ? (
                    <AttachmentView
                      file={line.attachment}
                      url={`/api/v1/conversations/${c.id}/attachments/${line.attachment.id}`}
                    />
                  ) : null}
                  {line.text}
                </div>
              ),
            )}
          </div>
        </div>
        <div>
          <div class="section">
            <h2>Details</h2>
            <dl class="kv">
              <dt>Outcome</dt>
              <dd>{outcomeLabel(c.outcome)}</dd>
              <dt>Message left</dt>
              <dd>{c.leftAt === null ? "—" : dateTime(c.leftAt)}</dd>
              <dt>Contact</dt>
              <dd>{c.contact ?? "—"}</dd>
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
          {c.preChat.length ? (
            <div class="section">
              <h2>Customer details</h2>
              <p class="muted">From the pre-chat form.</p>
              <dl class="kv">
                {c.preChat.map((v) => (
                  <Fragment key={v.key}>
                    <dt>{v.label}</dt>
                    <dd>
                      {v.value} {v.verified ? <span class="badge badge-green">Verified</span> : null}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </div>
          ) : null}
          <div class="section">
            <h2>Calls</h2>
            {c.calls.length === 0 ? (
              <p class="muted">No voice or video calls.</p>
            ) : (
              <ul class="call-list" aria-label="Calls">
                {c.calls.map((call) => (
                  <li key={call.id}>
                    {callLine(
                      call,
                      nameOf(queues.items, call.skillQueueId, (q) => q.name),
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <ConversationTags conversation={c} onSaved={setChanged} />
          <div class="section">
            <h2>Cases</h2>
            <ConversationCases conversationId={c.id} />
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
