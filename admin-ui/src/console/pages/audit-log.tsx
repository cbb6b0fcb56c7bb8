/**
 * The audit log: every configuration change of the tenant, newest first, filtered by resource,
 * action and date; each entry lists the changed fields before and after (secrets redacted).
 */
import { useState } from "preact/hooks";
import { AUDIT_ACTIONS, type AuditEntry } from "../../../../worker/schemas/audit-log";
import { EmptyState } from "../../shared/components/feedback";
import { FieldShell } from "../../shared/form/fields";
import { dateTime, humanize, plural } from "../../shared/i18n";
import { PageHeader } from "../components/page-header";
import { ResourceTable } from "../components/resource-table";
import { dayRange } from "../models/date-range";
import { useResourceList } from "../models/resource-list";

/** The resources whose changes are recorded, by the route's first segment. */
const RESOURCES = [
  "tenant",
  "org-units",
  "employees",
  "skill-queues",
  "skill-queue-groups",
  "agents",
  "access-codes",
  "called-routes",
  "robots",
  "channels",
  "webhooks",
  "api-tokens",
  "privacy",
];

const NOWRAP = { whiteSpace: "nowrap" } as const;

const ACTION_BADGE: Record<AuditEntry["action"], string> = {
  create: "badge-green",
  update: "badge-blue",
  delete: "badge-red",
  action: "badge-amber",
};

const shown = (value: unknown) =>
  value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.changes.length === 0) return <span class="muted">No field changed</span>;
  return (
    <details>
      <summary>{plural(entry.changes.length, "field")}</summary>
      <table class="table audit-changes">
        <thead>
          <tr>
            <th>Field</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {entry.changes.map((c) => (
            <tr key={c.path}>
              <td class="mono">{c.path}</td>
              <td class="mono">{shown(c.before)}</td>
              <td class="mono">{shown(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AuditLogPage() {
  const [resource, setResource] = useState("");
  const [action, setAction] = useState("");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const range = dayRange(fromDate, toDate);
  const list = useResourceList<AuditEntry>("/audit-log", {
    resource: resource || undefined,
    action: action || undefined,
    from: range.from,
    to: range.to,
  });
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every configuration change: who made it, when, from which address and what changed. Secrets read [redacted]."
      />
      <ResourceTable
        list={list}
        toolbar={
          <>
            <FieldShell id="audit-resource" label="Resource">
              <select
                id="audit-resource"
                value={resource}
                onChange={(e) => setResource(e.currentTarget.value)}
              >
                <option value="">All resources</option>
                {RESOURCES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="audit-action" label="Action">
              <select id="audit-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
                <option value="">All actions</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {humanize(a)}
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="audit-from" label="From">
              <input
                id="audit-from"
                type="date"
                value={fromDate}
                onInput={(e) => setFromDate(e.currentTarget.value)}
              />
            </FieldShell>
            <FieldShell id="audit-to" label="To" errors={range.error ? [range.error] : undefined}>
              <input
                id="audit-to"
                type="date"
                value={toDate}
                onInput={(e) => setToDate(e.currentTarget.value)}
              />
            </FieldShell>
          </>
        }
        empty={<EmptyState title="No changes">No configuration change matches this selection.</EmptyState>}
        columns={[
          { label: "When", render: (e) => <span style={NOWRAP}>{dateTime(e.at)}</span> },
          {
            label: "Who",
            render: (e) => (
              <span>
                {e.actor.name}
                {e.actor.type === "apiToken" ? <span class="badge"> API token</span> : null}
                {e.actor.type === "platform" ? <span class="badge"> Platform</span> : null}
              </span>
            ),
          },
          { label: "Address", render: (e) => <span class="mono">{e.address ?? "—"}</span> },
          {
            label: "Change",
            render: (e) => (
              <span>
                <span class={`badge ${ACTION_BADGE[e.action]}`}>{humanize(e.action)}</span>{" "}
                <span class="mono" title={e.path} style={NOWRAP}>
                  {e.method} {e.resourceId ? e.path.replace(e.resourceId, ":id") : e.path}
                </span>
                {e.resourceId ? <div class="mono muted">{e.resourceId}</div> : null}
              </span>
            ),
          },
          { label: "What changed", render: (e) => <Changes entry={e} /> },
        ]}
      />
    </>
  );
}
