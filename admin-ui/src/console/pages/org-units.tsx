/** Organization units: the tenant's OU tree, with add, rename, move and delete. */
import { useState } from "preact/hooks";
import { type OrgUnit, type OrgUnitInput, OrgUnitInputSchema } from "../../../../worker/schemas/org-units";
import { api } from "../../shared/api";
import { EmptyState, ErrorState, Spinner } from "../../shared/components/feedback";
import { Form, FormErrors, type Option, SelectField, TextField } from "../../shared/form/fields";
import { useEditor } from "../../shared/form/use-editor";
import { schemaCheck } from "../../shared/form/validate";
import { toast } from "../../shared/toast";
import { confirmDelete } from "../components/delete";
import { SaveButton } from "../components/editor-page";
import { PageHeader } from "../components/page-header";
import { useLookup } from "../models/lookup";
import { flattenTree, type OuNode, ouTree, subtreeIds } from "../models/ou-tree";

const PATH = "/org-units";

/** OU options indented by depth, for pickers. */
export function ouOptions(units: readonly OrgUnit[], exclude: ReadonlySet<string> = new Set()): Option[] {
  return flattenTree(ouTree(units))
    .filter(({ unit }) => !exclude.has(unit.id))
    .map(({ unit, depth }) => ({
      value: unit.id,
      label: `${"\u00a0\u00a0\u00a0".repeat(depth)}${unit.name}`,
    }));
}

type Editing = { id: string | null; parentId: string | null; name: string } | null;

export function OrgUnitsPage() {
  const [version, setVersion] = useState(0);
  const units = useLookup<OrgUnit>(PATH, {}, version);
  const [editing, setEditing] = useState<Editing>(null);
  const refresh = () => setVersion((n) => n + 1);
  const tree = ouTree(units.items);
  return (
    <>
      <PageHeader
        title="Organization units"
        subtitle="Skill queues, called routes and employees belong to an OU; none means Unorganized."
        actions={
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => setEditing({ id: null, parentId: null, name: "" })}
          >
            New
          </button>
        }
      />
      {editing ? (
        <OrgUnitForm
          key={`${editing.id}-${editing.parentId}`}
          editing={editing}
          units={units.items}
          onDone={(saved) => {
            setEditing(null);
            if (saved) refresh();
          }}
        />
      ) : null}
      <div class="card">
        {units.loading && !units.items.length ? <Spinner /> : null}
        {units.error ? (
          <div class="card-body">
            <ErrorState message={units.error} onRetry={refresh} />
          </div>
        ) : null}
        {!units.loading && !units.error && units.items.length === 0 ? (
          <EmptyState title="No organization units yet">
            Everything is Unorganized until you add units.
          </EmptyState>
        ) : null}
        {tree.length ? (
          <div class="card-body">
            <Tree
              nodes={tree}
              root
              onAdd={(parent) => setEditing({ id: null, parentId: parent.id, name: "" })}
              onEdit={(unit) => setEditing({ id: unit.id, parentId: unit.parentId, name: unit.name })}
              onDelete={async (unit) => {
                if (await confirmDelete("organization unit", unit.name, `${PATH}/${unit.id}`)) refresh();
              }}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}

function Tree({
  nodes,
  root,
  onAdd,
  onEdit,
  onDelete,
}: {
  nodes: OuNode<OrgUnit>[];
  root?: boolean;
  onAdd: (u: OrgUnit) => void;
  onEdit: (u: OrgUnit) => void;
  onDelete: (u: OrgUnit) => void;
}) {
  return (
    <ul class={`tree${root ? " tree-root" : ""}`}>
      {nodes.map((node) => (
        <li key={node.unit.id}>
          <div class="tree-node">
            <span class="name">{node.unit.name}</span>
            <button type="button" class="btn btn-small" onClick={() => onAdd(node.unit)}>
              Add child
            </button>
            <button type="button" class="btn btn-small" onClick={() => onEdit(node.unit)}>
              Edit
            </button>
            <button type="button" class="btn btn-small btn-danger" onClick={() => onDelete(node.unit)}>
              Delete
            </button>
          </div>
          {node.children.length ? (
            <Tree nodes={node.children} onAdd={onAdd} onEdit={onEdit} onDelete={onDelete} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function OrgUnitForm({
  editing,
  units,
  onDone,
}: {
  editing: NonNullable<Editing>;
  units: OrgUnit[];
  onDone: (saved: boolean) => void;
}) {
  const editor = useEditor<OrgUnitInput, OrgUnit>(
    {
      load: async () => ({ name: editing.name, parentId: editing.parentId }),
      check: schemaCheck(OrgUnitInputSchema),
      save: (draft) =>
        editing.id ? api.patch<OrgUnit>(`${PATH}/${editing.id}`, draft) : api.post<OrgUnit>(PATH, draft),
      onSaved: (saved) => {
        toast(`Saved organization unit “${saved.name}”`);
        onDone(true);
      },
    },
    `${editing.id}`,
  );
  if (!editor.draft) return null;
  const exclude = editing.id ? subtreeIds(units, editing.id) : new Set<string>();
  return (
    <div class="section">
      <h2>{editing.id ? "Edit organization unit" : "New organization unit"}</h2>
      <Form
        formId="org-unit"
        draft={editor.draft}
        set={editor.set}
        errors={editor.errors}
        onSubmit={editor.submit}
      >
        <div class="grid-2">
          <TextField path="name" label="Organization Unit Name" required maxLength={100} />
          <SelectField
            path="parentId"
            label="Parent Organization Unit"
            options={ouOptions(units, exclude)}
            empty="None (top level)"
          />
        </div>
        <FormErrors extra={editor.formError} />
        <div class="actions">
          <SaveButton saving={editor.saving} />
          <button type="button" class="btn" onClick={() => onDone(false)}>
            Cancel
          </button>
        </div>
      </Form>
    </div>
  );
}
