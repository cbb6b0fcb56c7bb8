/**
 * API tokens: scoped tenant tokens for integrators. A new token is shown once; the list shows each
 * token's prefix, scopes and last use; revoking stops it at once.
 */
import { useState } from "preact/hooks";
import { SCOPE_DESCRIPTIONS, SCOPES } from "../../../../worker/rules/token-scopes";
import {
  type ApiToken,
  type ApiTokenCreated,
  type ApiTokenInput,
  ApiTokenInputSchema,
} from "../../../../worker/schemas/api-tokens";
import { api, errorMessage } from "../../shared/api";
import { confirm } from "../../shared/confirm";
import { CheckboxesField, Form, FormErrors, TextField } from "../../shared/form/fields";
import { useEditor } from "../../shared/form/use-editor";
import { schemaCheck } from "../../shared/form/validate";
import { dateTime } from "../../shared/i18n";
import { toast } from "../../shared/toast";
import { SaveButton } from "../components/editor-page";
import { PageHeader } from "../components/page-header";
import { EmptyList, ResourceTable } from "../components/resource-table";
import { ShownOnce } from "../components/shown-once";
import { useResourceList } from "../models/resource-list";

const PATH = "/api-tokens";
const SCOPE_OPTIONS = SCOPES.map((s) => ({ value: s, label: `${s}: ${SCOPE_DESCRIPTIONS[s]}` }));

export function ApiTokensPage() {
  const list = useResourceList<ApiToken>(PATH);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const revoke = async (t: ApiToken) => {
    const ok = await confirm({
      title: "Revoke API token?",
      message: `“${t.name}” stops working at once; integrations using it get 401. This cannot be undone.`,
      confirmLabel: "Revoke",
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(`${PATH}/${t.id}`);
      toast(`Revoked API token “${t.name}”`);
      void list.reload();
    } catch (error) {
      toast(`Revoke failed: ${errorMessage(error)}`, "error");
    }
  };
  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="Tokens for integrations: send one as Authorization: Bearer <token>; it can call only the routes of its scopes."
        actions={
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            New
          </button>
        }
      />
      {created ? (
        <ShownOnce
          title={`API token “${created.name}”`}
          secret={created.token}
          note="Copy it into the integration's configuration now."
        />
      ) : null}
      {creating ? (
        <NewTokenForm
          onDone={(token) => {
            setCreating(false);
            if (token) {
              setCreated(token);
              void list.reload();
            }
          }}
        />
      ) : null}
      <ResourceTable
        list={list}
        empty={
          <EmptyList what="API tokens">
            Create one for each integration, with only the scopes it needs.
          </EmptyList>
        }
        columns={[
          { label: "Name", render: (t) => t.name },
          { label: "Token", render: (t) => <span class="mono">{t.prefix}…</span> },
          {
            label: "Scopes",
            render: (t) => (
              <span class="actions">
                {t.scopes.map((s) => (
                  <span key={s} class="badge" title={SCOPE_DESCRIPTIONS[s]}>
                    {s}
                  </span>
                ))}
              </span>
            ),
          },
          { label: "Created", render: (t) => `${dateTime(t.createdAt)} by ${t.createdBy.name}` },
          {
            label: "Last used",
            render: (t) => (t.lastUsedAt ? dateTime(t.lastUsedAt) : <span class="muted">Never</span>),
          },
          {
            label: "Status",
            render: (t) =>
              t.revokedAt ? (
                <span class="badge badge-red">Revoked {dateTime(t.revokedAt)}</span>
              ) : (
                <span class="badge badge-green">Active</span>
              ),
          },
          {
            label: "",
            class: "num",
            render: (t) =>
              t.revokedAt ? null : (
                <button type="button" class="btn btn-small btn-danger" onClick={() => void revoke(t)}>
                  Revoke
                </button>
              ),
          },
        ]}
      />
    </>
  );
}

function NewTokenForm({ onDone }: { onDone: (created: ApiTokenCreated | null) => void }) {
  const editor = useEditor<ApiTokenInput, ApiTokenCreated>(
    {
      load: async () => ({ name: "", scopes: [] }),
      check: schemaCheck(ApiTokenInputSchema),
      save: (draft) => api.post<ApiTokenCreated>(PATH, draft),
      onSaved: (saved) => {
        toast(`Created API token “${saved.name}”`);
        onDone(saved);
      },
    },
    "new",
  );
  if (editor.draft === null) return null;
  return (
    <div class="card">
      <div class="card-body">
        <Form
          formId="api-token"
          draft={editor.draft}
          set={editor.set}
          errors={editor.errors}
          onSubmit={editor.submit}
        >
          <TextField path="name" label="Name" required maxLength={100} hint="What uses it, e.g. CRM sync." />
          <CheckboxesField path="scopes" label="Scopes" options={SCOPE_OPTIONS} />
          <FormErrors extra={editor.formError} />
          <div class="form-actions">
            <SaveButton saving={editor.saving} label="Create token" />
            <button type="button" class="btn" onClick={() => onDone(null)}>
              Cancel
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}
