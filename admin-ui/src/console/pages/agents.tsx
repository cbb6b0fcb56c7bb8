/**
 * Agents (spec step 5): the list, "Configure" for one employee, and "Batch Agent Info
 * Configuration" by employee IDs or an employee ID segment, with the per-agent results.
 */

import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import {
  type Agent,
  type AgentBatchResult,
  AgentBatchSchema,
  AgentInputSchema,
} from "../../../../worker/schemas/agents";
import type { Employee } from "../../../../worker/schemas/employees";
import type { SkillQueueGroup } from "../../../../worker/schemas/skill-queue-groups";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import type { Tenant } from "../../../../worker/schemas/tenant";
import { api, HttpError } from "../../shared/api";
import { FieldErrorList, Form, FormErrors, SelectField, TextField } from "../../shared/form/fields";
import { useForm } from "../../shared/form/form-context";
import { useEditor } from "../../shared/form/use-editor";
import { errorsUnder, type FieldErrors, schemaCheck, validate } from "../../shared/form/validate";
import { plural } from "../../shared/i18n";
import { toast } from "../../shared/toast";
import { AgentFields } from "../components/agent-fields";
import { EditorPage, SaveButton } from "../components/editor-page";
import { PageHeader } from "../components/page-header";
import { ResourceListPage } from "../components/resource-list-page";
import { AGENT_TYPE_LABELS, PLATFORM_ROLE_LABELS } from "../labels";
import {
  type AgentDraft,
  agentDraft,
  batchSelection,
  batchSettings,
  newAgentDraft,
  normalizeAgent,
} from "../models/agent-form";
import { useFetched } from "../models/fetched";
import { useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";

const PATH = "/agents";

function useTenantFormFilling(): boolean {
  const tenant = useFetched<Tenant>("/tenant").data;
  return tenant?.intelligentFormFilling ?? false;
}

export function AgentsPage() {
  const queues = useLookup<SkillQueue>("/skill-queues");
  return (
    <ResourceListPage<Agent>
      path={PATH}
      title="Agents"
      subtitle="Employees configured as agents: role, type and the skill queues they serve."
      noun={{ one: "agent", many: "agents" }}
      emptyNote="Configure an employee as an agent to let them sign in to the workbench."
      nameOf={(a) => a.employeeName ?? a.employeeId}
      headerActions={
        <a class="btn" href={`${PATH}/batch`}>
          Batch configure
        </a>
      }
      rowActions={(a) => (
        <a class="btn btn-small" href={`${PATH}/${a.id}`}>
          Configure
        </a>
      )}
      columns={[
        { label: "Employee ID", render: (a) => <span class="mono">{a.employeeId}</span> },
        { label: "Name", render: (a) => a.employeeName ?? <span class="muted">(employee deleted)</span> },
        { label: "Platform Role", render: (a) => PLATFORM_ROLE_LABELS[a.platformRole] },
        {
          label: "Agent Type",
          render: (a) => <span class="badge badge-blue">{AGENT_TYPE_LABELS[a.agentType]}</span>,
        },
        {
          label: "Skill Queues",
          render: (a) =>
            a.servedSkillQueueIds
              .map((id) => queues.items.find((q) => q.id === id)?.name ?? "…")
              .join(", ") || <span class="muted">None</span>,
        },
        { label: "Max. Concurrent Chats", class: "num", render: (a) => a.maxConcurrentChats },
      ]}
    />
  );
}

export function AgentEditor() {
  const { query } = useRoute();
  const { id, isNew } = useResourceId();
  const queues = useLookup<SkillQueue>("/skill-queues");
  const groups = useLookup<SkillQueueGroup>("/skill-queue-groups");
  const employees = useLookup<Employee>("/employees");
  const agents = useLookup<Agent>(PATH);
  const tenantFormFilling = useTenantFormFilling();
  const { editor, deleteAction } = useResourceEditor<AgentDraft, Agent>({
    path: PATH,
    id,
    noun: "agent",
    blank: () => newAgentDraft(query.employeeId ?? ""),
    toDraft: agentDraft,
    check: schemaCheck(AgentInputSchema),
    normalize: (next, previous, path) =>
      normalizeAgent(next, previous, path, queues.items, tenantFormFilling),
    savedMessage: (saved) => `Saved agent ${saved.employeeName ?? saved.employeeId}`,
  });
  const configured = new Set(agents.items.map((a) => a.employeeId));
  const employeeOptions = employees.items
    .filter((e) => !isNew || !configured.has(e.employeeId))
    .map((e) => ({ value: e.employeeId, label: `${e.account} — ${e.name} (${e.employeeId})` }));
  const employee = employees.items.find((e) => e.employeeId === editor.draft?.employeeId);
  return (
    <EditorPage
      formId="agent"
      title={isNew ? "Configure agent" : `Agent ${employee?.name ?? editor.draft?.employeeId ?? ""}`}
      back={{ href: PATH, label: "Agents" }}
      editor={editor}
      onDelete={deleteAction(employee?.name ?? id)}
    >
      {(draft) => (
        <>
          <div class="section">
            <SelectField
              path="employeeId"
              label="Account"
              required
              disabled={!isNew}
              empty={employeeOptions.length ? "Choose an employee" : "Every employee is already an agent"}
              emptyValue=""
              options={employeeOptions}
              hint="The employee account to configure as an agent."
            />
          </div>
          <AgentFields
            draft={draft}
            queues={queues.items}
            groups={groups.items}
            tenantFormFilling={tenantFormFilling}
          />
        </>
      )}
    </EditorPage>
  );
}

type BatchDraft = AgentDraft & { mode: "ids" | "range"; ids: string[]; from: string; to: string };

export function AgentBatchPage() {
  const queues = useLookup<SkillQueue>("/skill-queues");
  const groups = useLookup<SkillQueueGroup>("/skill-queue-groups");
  const employees = useLookup<Employee>("/employees");
  const tenantFormFilling = useTenantFormFilling();
  const [results, setResults] = useState<AgentBatchResult["results"] | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const bodyOf = ({ mode, ids, from, to, ...agent }: BatchDraft) => ({
    ...batchSelection(mode, ids, { from, to }),
    set: batchSettings(agent),
  });
  /** Batch body errors moved onto the form's paths (set.x → x, employeeIds → ids, range.from → from). */
  const toFormErrors = (errors: FieldErrors): FieldErrors => {
    const out: FieldErrors = { ...errorsUnder(errors, "set") };
    for (const [path, messages] of Object.entries(errors)) {
      if (path.startsWith("set")) continue;
      const mapped = path.startsWith("employeeIds")
        ? "ids"
        : path.startsWith("range.")
          ? path.slice(6)
          : path === "range"
            ? "from"
            : path;
      out[mapped] = [...(out[mapped] ?? []), ...messages];
    }
    delete out[""];
    return out;
  };
  const editor = useEditor<BatchDraft, AgentBatchResult>(
    {
      load: async () => ({ ...newAgentDraft(), mode: "ids", ids: [], from: "", to: "" }),
      check: (draft) => {
        const result = validate(AgentBatchSchema, bodyOf(draft));
        return result.ok ? null : toFormErrors(result.errors);
      },
      save: async (draft) => {
        setResults(null);
        try {
          return await api.post<AgentBatchResult>(`${PATH}/batch`, bodyOf(draft));
        } catch (error) {
          if (error instanceof HttpError && Array.isArray(error.body.results)) {
            setResults(error.body.results as AgentBatchResult["results"]);
            setSummary(error.detail ?? "Nothing was written");
          }
          if (error instanceof HttpError)
            throw new HttpError(error.status, error.title, error.detail, toFormErrors(error.errors));
          throw error;
        }
      },
      onSaved: (saved) => {
        setResults(saved.results);
        setSummary(null);
        toast(`Configured ${plural(saved.results.length, "agent")}`);
      },
      normalize: (next, previous, path) =>
        normalizeAgent(next, previous, path, queues.items, tenantFormFilling) as BatchDraft,
    },
    "batch",
  );
  const draft = editor.draft;
  return (
    <>
      <PageHeader title="Batch Agent Info Configuration" back={{ href: PATH, label: "Agents" }} />
      {draft ? (
        <Form formId="batch" draft={draft} set={editor.set} errors={editor.errors} onSubmit={editor.submit}>
          <div class="section">
            <h2>Batch Select</h2>
            <div class="choices" role="radiogroup" aria-label="Batch Select">
              <label class="choice">
                <input
                  type="radio"
                  name="batch-mode"
                  checked={draft.mode === "ids"}
                  onChange={() => editor.set("mode", "ids")}
                />
                By employee ID
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="batch-mode"
                  checked={draft.mode === "range"}
                  onChange={() => editor.set("mode", "range")}
                />
                By employee ID segment
              </label>
            </div>
            {draft.mode === "ids" ? (
              <EmployeePicker
                employees={employees.items}
                selected={draft.ids}
                onChange={(ids) => editor.set("ids", ids)}
                errors={editor.errors.ids}
              />
            ) : (
              <SegmentFields />
            )}
          </div>
          <AgentFields
            draft={draft}
            queues={queues.items}
            groups={groups.items}
            tenantFormFilling={tenantFormFilling}
          />
          <FormErrors extra={editor.formError} />
          {results ? <BatchResults results={results} summary={summary} /> : null}
          <div class="form-actions">
            <SaveButton saving={editor.saving} />
            <a class="btn" href={PATH}>
              Cancel
            </a>
          </div>
        </Form>
      ) : null}
    </>
  );
}

function SegmentFields() {
  return (
    <div class="grid-2" style={{ marginTop: "12px" }}>
      <TextField path="from" label="Employee ID from" maxLength={10} />
      <TextField path="to" label="Employee ID to" maxLength={10} hint="Both ends included." />
    </div>
  );
}

function EmployeePicker({
  employees,
  selected,
  onChange,
  errors,
}: {
  employees: readonly Employee[];
  selected: string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
}) {
  const form = useForm();
  form.shown.add("ids");
  for (const p of Object.keys(form.errors)) if (p.startsWith("ids.")) form.shown.add(p);
  const [filter, setFilter] = useState("");
  const shown = employees.filter((e) =>
    `${e.employeeId} ${e.name} ${e.account}`.toLowerCase().includes(filter.toLowerCase()),
  );
  const all = shown.length > 0 && shown.every((e) => selected.includes(e.employeeId));
  return (
    <div style={{ marginTop: "12px" }}>
      <div class="actions" style={{ marginBottom: "8px" }}>
        <input
          aria-label="Filter employees"
          placeholder="Filter by employee ID, name or account"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
          style={{ maxWidth: "320px" }}
        />
        <span class="muted">{plural(selected.length, "employee")} selected</span>
      </div>
      <div class="card table-wrap" style={{ maxHeight: "300px", overflowY: "auto" }}>
        <table class="table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={all}
                  onChange={(e) =>
                    onChange(
                      e.currentTarget.checked
                        ? [...new Set([...selected, ...shown.map((x) => x.employeeId)])]
                        : selected.filter((id) => !shown.some((x) => x.employeeId === id)),
                    )
                  }
                />
              </th>
              <th>Employee ID</th>
              <th>Name</th>
              <th>Account</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${e.employeeId}`}
                    checked={selected.includes(e.employeeId)}
                    onChange={(ev) =>
                      onChange(
                        ev.currentTarget.checked
                          ? [...selected, e.employeeId]
                          : selected.filter((id) => id !== e.employeeId),
                      )
                    }
                  />
                </td>
                <td class="mono">{e.employeeId}</td>
                <td>{e.name}</td>
                <td>{e.account}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldErrorList errors={errors} />
    </div>
  );
}

const STATUS_CLASS = {
  created: "badge-green",
  updated: "badge-green",
  valid: "badge-amber",
  error: "badge-red",
} as const;
const STATUS_LABEL = {
  created: "Created",
  updated: "Updated",
  valid: "Valid (not written)",
  error: "Error",
} as const;

function BatchResults({
  results,
  summary,
}: {
  results: AgentBatchResult["results"];
  summary: string | null;
}) {
  return (
    <div class="section" aria-live="polite">
      <h2>Results</h2>
      {summary ? <div class="alert alert-warning">{summary}</div> : null}
      <table class="table results-table">
        <thead>
          <tr>
            <th>Employee ID</th>
            <th>Result</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.employeeId}>
              <td class="mono">{r.employeeId}</td>
              <td>
                <span class={`badge ${STATUS_CLASS[r.status]}`}>{STATUS_LABEL[r.status]}</span>
              </td>
              <td>
                {r.errors
                  ? Object.entries(r.errors).map(([field, messages]) => (
                      <div key={field}>
                        <strong>{field}</strong>: {messages.join("; ")}
                      </div>
                    ))
                  : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
