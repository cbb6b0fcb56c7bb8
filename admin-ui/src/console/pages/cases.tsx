/**
 * Cases (trouble tickets) agents created from chats on the workbench: the list (filter by status),
 * one case to edit, and the cases of a conversation shown in the conversation history. Cases are
 * created only from a chat, so there is no "New" here, and they are kept (no Delete).
 */

import { useState } from "preact/hooks";
import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  CASE_STATUSES,
  type Case,
  type CaseFields,
  CaseFieldsSchema,
} from "../../../../worker/schemas/cases";
import { CASE_CATEGORY_LABELS, CASE_PRIORITY_LABELS, CASE_STATUS_LABELS } from "../../shared/case-labels";
import { EmptyState } from "../../shared/components/feedback";
import { FieldShell, SelectField, TextAreaField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { dateTime } from "../../shared/i18n";
import { EditorPage } from "../components/editor-page";
import { PageHeader } from "../components/page-header";
import { ResourceTable } from "../components/resource-table";
import { options } from "../labels";
import { useFetched } from "../models/fetched";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import { useResourceList } from "../models/resource-list";

const PATH = "/cases";

const columns = [
  { label: "Created", render: (c: Case) => dateTime(c.createdAt) },
  { label: "Title", render: (c: Case) => c.title },
  { label: "Category", render: (c: Case) => CASE_CATEGORY_LABELS[c.category] },
  { label: "Priority", render: (c: Case) => <span class="badge">{CASE_PRIORITY_LABELS[c.priority]}</span> },
  { label: "Status", render: (c: Case) => <span class="badge">{CASE_STATUS_LABELS[c.status]}</span> },
  { label: "Customer", render: (c: Case) => c.customerName || <span class="muted">—</span> },
  { label: "Created by", render: (c: Case) => c.createdByName },
];

export function CasesPage() {
  const [status, setStatus] = useState("");
  const list = useResourceList<Case>(PATH, { status: status || undefined });
  return (
    <>
      <PageHeader title="Cases" subtitle="Cases agents created from chats on the workbench, newest first." />
      <ResourceTable
        list={list}
        rowHref={(c) => `${PATH}/${c.id}`}
        toolbar={
          <FieldShell id="case-status" label="Status">
            <select id="case-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">Any status</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {CASE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </FieldShell>
        }
        empty={<EmptyState title="No cases">Agents create cases from chats on the workbench.</EmptyState>}
        columns={columns}
      />
    </>
  );
}

/** The cases created from one conversation (on its history page). */
export function ConversationCases({ conversationId }: { conversationId: string }) {
  const list = useResourceList<Case>(PATH, { conversationId });
  return (
    <ResourceTable
      list={list}
      rowHref={(c) => `${PATH}/${c.id}`}
      empty={<p class="muted">No case was created from this conversation.</p>}
      columns={columns.filter((c) => ["Title", "Priority", "Status"].includes(c.label))}
    />
  );
}

export function CaseEditor() {
  const { id } = useResourceId();
  const { editor } = useResourceEditor<CaseFields, Case>({
    path: PATH,
    id,
    noun: "case",
    blank: () => {
      throw new Error("Cases are created from a chat on the workbench");
    },
    toDraft: pick,
    check: schemaCheck(CaseFieldsSchema),
    savedMessage: (saved) => `Saved case ${saved.title}`,
  });
  const stored = editor.draft;
  return (
    <EditorPage
      formId="case"
      title={stored ? `Case: ${stored.title}` : "Case"}
      subtitle={<CaseOrigin id={id} />}
      back={{ href: PATH, label: "Cases" }}
      editor={editor}
    >
      {() => (
        <div class="section">
          <div class="grid-2">
            <TextField path="title" label="Title" required maxLength={200} />
            <SelectField
              path="status"
              label="Status"
              required
              options={options(CASE_STATUSES, CASE_STATUS_LABELS)}
            />
            <SelectField
              path="category"
              label="Category"
              required
              options={options(CASE_CATEGORIES, CASE_CATEGORY_LABELS)}
            />
            <SelectField
              path="priority"
              label="Priority"
              required
              options={options(CASE_PRIORITIES, CASE_PRIORITY_LABELS)}
            />
            <TextField path="customerName" label="Customer name" maxLength={100} />
            <TextField
              path="phone"
              label="Phone"
              maxLength={32}
              hint="5–15 digits, e.g. +86 138 0013 8000."
            />
            <TextField path="email" label="E-mail" maxLength={254} />
            <TextField path="orderNumber" label="Order number" maxLength={64} />
          </div>
          <TextAreaField path="description" label="Description" rows={5} maxLength={4000} />
        </div>
      )}
    </EditorPage>
  );
}

/** Where the case comes from: a link to its conversation in the history. */
function CaseOrigin({ id }: { id: string }) {
  const { data: c } = useFetched<Case>(`${PATH}/${id}`);
  if (!c) return null;
  return (
    <>
      From <a href={`/conversations/${c.conversationId}`}>conversation {c.conversationId}</a>, created by{" "}
      {c.createdByName} on {dateTime(c.createdAt)}
    </>
  );
}

function pick(c: Case): CaseFields {
  return {
    title: c.title,
    category: c.category,
    priority: c.priority,
    status: c.status,
    customerName: c.customerName,
    phone: c.phone,
    email: c.email,
    orderNumber: c.orderNumber,
    description: c.description,
  };
}
