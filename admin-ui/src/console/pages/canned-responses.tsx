/**
 * Canned responses: ready-made replies agents insert by typing `/` in the workbench's reply box.
 * Tenant-wide ones (administrators) are seen per organization unit under the data-isolation rule;
 * personal ones only by their owner (the console lists the administrator's own).
 */

import { CANNED_VARIABLES } from "../../../../worker/rules/canned-text";
import {
  CANNED_SCOPES,
  type CannedResponse,
  type CannedResponseInput,
  CannedResponseInputSchema,
  MAX_CANNED_TEXT,
} from "../../../../worker/schemas/canned-responses";
import type { OrgUnit } from "../../../../worker/schemas/org-units";
import { SelectField, TextAreaField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { options } from "../labels";
import { nameOf, useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import { ouOptions } from "./org-units";

const PATH = "/canned-responses";
const SCOPE_LABELS: Record<CannedResponseInput["scope"], string> = {
  tenant: "Tenant-wide",
  personal: "Personal (only me)",
};
const VARIABLES = CANNED_VARIABLES.map((n) => `{${n}}`).join(" and ");

export function CannedResponsesPage() {
  const ous = useLookup<OrgUnit>("/org-units");
  return (
    <ResourceListPage<CannedResponse>
      path={PATH}
      title="Canned responses"
      subtitle="Agents type / in the reply box to insert one, its variables filled in."
      noun={{ one: "canned response", many: "canned responses" }}
      nameOf={(c) => `/${c.shortcut}`}
      columns={[
        {
          label: "Shortcut",
          render: (c) => (
            <a href={`${PATH}/${c.id}`} class="mono">
              /{c.shortcut}
            </a>
          ),
        },
        { label: "Title", render: (c) => c.title },
        { label: "Scope", render: (c) => <span class="badge">{SCOPE_LABELS[c.scope]}</span> },
        {
          label: "Organization Unit",
          render: (c) =>
            c.scope === "personal" ? (
              <span class="muted">—</span>
            ) : (
              (nameOf(ous.items, c.ouId, (o) => o.name) ?? <span class="muted">Unorganized (everyone)</span>)
            ),
        },
      ]}
    />
  );
}

export function CannedResponseEditor() {
  const { id, isNew } = useResourceId();
  const ous = useLookup<OrgUnit>("/org-units");
  const { editor, deleteAction } = useResourceEditor<CannedResponseInput, CannedResponse>({
    path: PATH,
    id,
    noun: "canned response",
    blank: () => ({ scope: "tenant", ouId: null, shortcut: "", title: "", text: "" }),
    toDraft: (c) => ({ scope: c.scope, ouId: c.ouId, shortcut: c.shortcut, title: c.title, text: c.text }),
    toBody: (d) => {
      const fields = {
        ouId: d.scope === "personal" ? null : d.ouId,
        shortcut: d.shortcut,
        title: d.title,
        text: d.text,
      };
      return isNew ? { scope: d.scope, ...fields } : fields;
    },
    check: schemaCheck(CannedResponseInputSchema),
    savedMessage: (saved) => `Saved canned response “/${saved.shortcut}”`,
  });
  return (
    <EditorPage
      formId="canned-response"
      title={isNew ? "New canned response" : editor.draft ? `/${editor.draft.shortcut}` : "Canned response"}
      back={{ href: PATH, label: "Canned responses" }}
      editor={editor}
      onDelete={deleteAction(editor.draft ? `/${editor.draft.shortcut}` : id)}
    >
      {(draft) => (
        <div class="section">
          <div class="grid-3">
            <SelectField
              path="scope"
              label="Scope"
              required
              disabled={!isNew}
              options={options(CANNED_SCOPES, SCOPE_LABELS)}
              hint={isNew ? "Personal responses are seen by their owner only." : "The scope cannot change."}
            />
            {draft.scope === "tenant" ? (
              <SelectField
                path="ouId"
                label="Organization Unit"
                options={ouOptions(ous.items)}
                empty="Unorganized (everyone)"
                hint="With data isolation, agents see Unorganized ones and those of their own and accessible OUs."
              />
            ) : null}
            <TextField
              path="shortcut"
              label="Shortcut"
              required
              maxLength={32}
              hint="Typed after / in the reply box: letters, digits, - or _."
            />
          </div>
          <TextField path="title" label="Title" required maxLength={100} />
          <TextAreaField
            path="text"
            label="Text"
            required
            maxLength={MAX_CANNED_TEXT}
            rows={5}
            hint={`Variables: ${VARIABLES}; a fallback after a bar is used when the value is unknown, e.g. {customer.name|there}.`}
          />
        </div>
      )}
    </EditorPage>
  );
}
