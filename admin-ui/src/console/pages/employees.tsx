/** Employees: sign-in accounts (tenant administrators and agents), home OU and accessible OUs. */

import {
  type Employee,
  EmployeeInputSchema,
  EmployeePatchSchema,
  OU_ACCESS,
  ROLES,
} from "../../../../worker/schemas/employees";
import type { OrgUnit } from "../../../../worker/schemas/org-units";
import { SelectField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { OU_ACCESS_LABELS, options, ROLE_LABELS } from "../labels";
import { nameOf, useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import { ouOptions } from "./org-units";

const PATH = "/employees";

type EmployeeDraft = {
  account: string;
  name: string;
  employeeId: string;
  role: Employee["role"];
  ouId: string | null;
  accessibleOus: { ouId: string; access: "read" | "readWrite" }[];
  password: string;
};

export function EmployeesPage() {
  const ous = useLookup<OrgUnit>("/org-units");
  return (
    <ResourceListPage<Employee>
      path={PATH}
      title="Employees"
      subtitle="Accounts that sign in: tenant administrators and agents."
      noun={{ one: "employee", many: "employees" }}
      nameOf={(e) => e.name}
      columns={[
        { label: "Employee ID", render: (e) => <span class="mono">{e.employeeId}</span> },
        { label: "Name", render: (e) => <a href={`${PATH}/${e.id}`}>{e.name}</a> },
        { label: "Account", render: (e) => e.account },
        {
          label: "Role",
          render: (e) => (
            <span class={`badge${e.role === "tenantAdmin" ? " badge-amber" : ""}`}>
              {ROLE_LABELS[e.role]}
            </span>
          ),
        },
        {
          label: "Organization Unit",
          render: (e) => nameOf(ous.items, e.ouId, (o) => o.name) ?? <span class="muted">Unorganized</span>,
        },
      ]}
    />
  );
}

function toBody(draft: EmployeeDraft, isNew: boolean) {
  const { password, ...rest } = draft;
  return isNew || password !== "" ? { ...rest, password } : rest;
}

export function EmployeeEditor() {
  const { id, isNew } = useResourceId();
  const ous = useLookup<OrgUnit>("/org-units");
  const { editor, deleteAction } = useResourceEditor<EmployeeDraft, Employee>({
    path: PATH,
    id,
    noun: "employee",
    blank: () => ({
      account: "",
      name: "",
      employeeId: "",
      role: "agent",
      ouId: null,
      accessibleOus: [],
      password: "",
    }),
    toDraft: (e) => ({
      // The console is for administrators, who always read accounts; null only reaches common agents.
      account: e.account ?? "",
      name: e.name,
      employeeId: e.employeeId,
      role: e.role,
      ouId: e.ouId,
      accessibleOus: e.accessibleOus.map((a) => ({ ...a })),
      password: "",
    }),
    toBody: (draft) => toBody(draft, isNew),
    check: schemaCheck(isNew ? EmployeeInputSchema : EmployeePatchSchema, (draft) => toBody(draft, isNew)),
    savedMessage: (saved) => `Saved employee “${saved.name}”`,
  });
  const ouChoices = ouOptions(ous.items);
  return (
    <EditorPage
      formId="employee"
      title={isNew ? "New employee" : (editor.draft?.name ?? "Employee")}
      back={{ href: PATH, label: "Employees" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.name ?? id)}
    >
      {(draft) => (
        <>
          <div class="section">
            <h2>Employee information</h2>
            <div class="grid-2">
              <TextField path="account" label="Account" required maxLength={64} autoComplete="off" />
              <TextField path="name" label="Name" required maxLength={100} />
              <TextField
                path="employeeId"
                label="Employee ID"
                required
                maxLength={10}
                hint="Digits, no leading zero; used for batch agent configuration by segment."
              />
              <SelectField path="role" label="Role" required options={options(ROLES, ROLE_LABELS)} />
              <SelectField path="ouId" label="Organization Unit" options={ouChoices} empty="Unorganized" />
              <TextField
                path="password"
                label="Password"
                type="password"
                required={isNew}
                autoComplete="new-password"
                maxLength={128}
                hint={isNew ? "At least 8 characters." : "Leave empty to keep the current password."}
              />
            </div>
          </div>
          <div class="section">
            <h2>
              Accessible organization units
              <button
                type="button"
                class="btn btn-small"
                disabled={ouChoices.length === 0}
                onClick={() =>
                  editor.set("accessibleOus", [...draft.accessibleOus, { ouId: "", access: "read" }])
                }
              >
                Add
              </button>
            </h2>
            {draft.accessibleOus.length === 0 ? (
              <p class="muted">
                {ouChoices.length
                  ? "No accessible OUs besides the home OU."
                  : "Create organization units first."}
              </p>
            ) : null}
            {draft.accessibleOus.map((_, index) => (
              <div class="segment-row" key={index}>
                <SelectField
                  path={`accessibleOus.${index}.ouId`}
                  label={`Accessible OU ${index + 1}`}
                  options={ouChoices}
                  empty="Choose an OU"
                  emptyValue=""
                />
                <SelectField
                  path={`accessibleOus.${index}.access`}
                  label={`Permission ${index + 1}`}
                  options={options(OU_ACCESS, OU_ACCESS_LABELS)}
                />
                <button
                  type="button"
                  class="btn btn-danger"
                  onClick={() =>
                    editor.set(
                      "accessibleOus",
                      draft.accessibleOus.filter((__, i) => i !== index),
                    )
                  }
                >
                  Remove
                </button>
              </div>
            ))}
          </div>
        </>
      )}
    </EditorPage>
  );
}
