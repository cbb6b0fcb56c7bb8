/**
 * Live dashboard: every skill queue's waiting customers, agents by status, device usage and longest
 * wait, polled every 2 s, with sparklines of the last minutes.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { LiveStats } from "../../../../worker/schemas/realtime";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import { api, errorMessage } from "../../shared/api";
import { EmptyState, ErrorState, Spinner } from "../../shared/components/feedback";
import { duration } from "../../shared/i18n";
import { Metric } from "../components/metric";
import { PageHeader } from "../components/page-header";
import { QUEUE_TYPE_LABELS } from "../labels";
import { appendSample, POLL_MS, type Sample, sparklinePath, totals, WINDOW_MS } from "../models/live";
import { useLookup } from "../models/lookup";

type QueueLive = { history: Sample[]; error: string | null };

export function LiveDashboard() {
  const queues = useLookup<SkillQueue>("/skill-queues");
  const [live, setLive] = useState<Record<string, QueueLive>>({});
  const inFlight = useRef(false);
  useEffect(() => {
    if (!queues.items.length) return;
    let stopped = false;
    const poll = async () => {
      if (inFlight.current || document.hidden) return;
      inFlight.current = true;
      const at = Date.now();
      const answers = await Promise.all(
        queues.items.map((q) =>
          api.get<LiveStats>(`/skill-queues/${q.id}/live`).then(
            (stats) => ({ id: q.id, stats, error: null }),
            (error: unknown) => ({ id: q.id, stats: null, error: errorMessage(error) }),
          ),
        ),
      );
      inFlight.current = false;
      if (stopped) return;
      setLive((previous) => {
        const next = { ...previous };
        for (const a of answers) {
          const history = previous[a.id]?.history ?? [];
          next[a.id] = a.stats
            ? { history: appendSample(history, { at, stats: a.stats }), error: null }
            : { history, error: a.error };
        }
        return next;
      });
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [queues.items]);

  const latest = queues.items
    .map((q) => live[q.id]?.history.at(-1)?.stats)
    .filter((s): s is LiveStats => s !== undefined);
  const sum = totals(latest);
  return (
    <>
      <PageHeader
        title="Live dashboard"
        subtitle={`Every skill queue now, refreshed every ${POLL_MS / 1000} s; charts cover the last ${WINDOW_MS / 60000} minutes.`}
      />
      {queues.loading && !queues.items.length ? <Spinner /> : null}
      {queues.error ? <ErrorState message={queues.error} /> : null}
      {!queues.loading && !queues.error && queues.items.length === 0 ? (
        <div class="card">
          <EmptyState
            title="No skill queues yet"
            action={
              <a class="btn btn-primary" href="/skill-queues/new">
                New
              </a>
            }
          >
            Add a skill queue to watch it here.
          </EmptyState>
        </div>
      ) : null}
      {queues.items.length ? (
        <>
          <div
            class="metric-row card card-body"
            style={{ gridTemplateColumns: "repeat(5, 1fr)", marginBottom: "16px" }}
          >
            <Metric label="Waiting customers" value={sum.waiting} />
            <Metric label="Signed-in agents" value={sum.signedIn} />
            <Metric label="Idle" value={sum.idle} />
            <Metric label="Busy" value={sum.busy} />
            <Metric label="Longest wait" value={duration(sum.longestWaitSeconds)} />
          </div>
          <div class="live-grid">
            {queues.items.map((q) => (
              <QueueCard key={q.id} queue={q} live={live[q.id]} />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}

function QueueCard({ queue, live }: { queue: SkillQueue; live?: QueueLive }) {
  const history = live?.history ?? [];
  const now = history.at(-1)?.stats;
  const titleId = `live-${queue.id}`;
  return (
    <section class="card card-body live-card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <a href={`/skill-queues/${queue.id}`}>{queue.name}</a>
        <span class="badge badge-blue">{QUEUE_TYPE_LABELS[queue.type]}</span>
      </h3>
      {live?.error ? <div class="alert alert-error">{live.error}</div> : null}
      {!now && !live?.error ? <Spinner /> : null}
      {now ? (
        <>
          <div class="metric-row">
            <Metric label="Waiting" value={now.waiting} />
            <Metric label="Longest wait" value={duration(now.longestWaitSeconds)} />
            <Metric label="Device usage" value={`${Math.round(now.deviceUsage)}%`} />
            <Metric label="Signed in" value={now.signedIn} />
          </div>
          <AgentBar stats={now} />
          <Sparkline history={history} />
        </>
      ) : null}
    </section>
  );
}

function AgentBar({ stats }: { stats: LiveStats }) {
  const parts = [
    { label: "Idle", value: stats.idle, color: "#22a05b" },
    { label: "Busy", value: stats.busy, color: "#e08a00" },
    { label: "Arranging", value: stats.arranging, color: "#6b7a99" },
  ];
  const total = Math.max(1, stats.signedIn);
  return (
    <div style={{ margin: "6px 0 10px" }}>
      <div
        role="img"
        aria-label={`Agents: ${parts.map((p) => `${p.value} ${p.label.toLowerCase()}`).join(", ")}`}
        style={{
          display: "flex",
          height: "8px",
          borderRadius: "4px",
          overflow: "hidden",
          background: "#edf0f4",
        }}
      >
        {parts.map((p) => (
          <div key={p.label} style={{ width: `${(p.value / total) * 100}%`, background: p.color }} />
        ))}
      </div>
      <div class="legend" style={{ marginTop: "6px" }}>
        {parts.map((p) => (
          <span key={p.label}>
            <i style={{ background: p.color, height: "8px", width: "8px", borderRadius: "2px" }} />
            {p.label} {p.value}
          </span>
        ))}
      </div>
    </div>
  );
}

const W = 300;
const H = 56;

function Sparkline({ history }: { history: Sample[] }) {
  const waiting = history.map((s) => s.stats.waiting);
  const usage = history.map((s) => s.stats.deviceUsage);
  const waitMax = Math.max(1, ...waiting);
  return (
    <div>
      <svg
        class="sparkline"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label="Waiting customers and device usage over the last minutes"
      >
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} stroke="#e3e7ee" />
        <path
          d={sparklinePath(usage, W, H - 2, 100)}
          fill="none"
          stroke="#9aa9c7"
          stroke-width="1.5"
          vector-effect="non-scaling-stroke"
        />
        <path
          d={sparklinePath(waiting, W, H - 2, waitMax)}
          fill="none"
          stroke="#2563eb"
          stroke-width="2"
          vector-effect="non-scaling-stroke"
        />
      </svg>
      <div class="legend">
        <span>
          <i style={{ background: "#2563eb" }} />
          Waiting (max {waitMax})
        </span>
        <span>
          <i style={{ background: "#9aa9c7" }} />
          Device usage (0–100%)
        </span>
      </div>
    </div>
  );
}
