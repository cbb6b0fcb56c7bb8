/** Skill queue groups: named sets of skill queues of one media family, given to agents as a whole. */

import {
  mediaFamily,
  type SkillQueueGroup,
  type SkillQueueGroupInput,
  SkillQueueGroupInputSchema,
} from "../../../../worker/schemas/skill-queue-groups";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import { CheckboxesField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { QUEUE_TYPE_LABELS } from "../labels";
import { useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";

const PATH = "/skill-queue-groups";

export function SkillQueueGroupsPage() {
  const queues = useLookup<SkillQueue>("/skill-queues");
  return (
    <ResourceListPage<SkillQueueGroup>
      path={PATH}
      title="Skill queue groups"
      subtitle="Give an agent several skill queues at once."
      noun={{ one: "skill queue group", many: "skill queue groups" }}
      nameOf={(g) => g.name}
      columns={[
        { label: "Group Name", render: (g) => <a href={`${PATH}/${g.id}`}>{g.name}</a> },
        {
          label: "Skill Queues",
          render: (g) =>
            g.skillQueueIds.map((id) => queues.items.find((q) => q.id === id)?.name ?? "…").join(", "),
        },
      ]}
    />
  );
}

export function SkillQueueGroupEditor() {
  const { id, isNew } = useResourceId();
  const queues = useLookup<SkillQueue>("/skill-queues");
  const { editor, deleteAction } = useResourceEditor<SkillQueueGroupInput, SkillQueueGroup>({
    path: PATH,
    id,
    noun: "skill queue group",
    blank: () => ({ name: "", skillQueueIds: [] }),
    toDraft: (g) => ({ name: g.name, skillQueueIds: [...g.skillQueueIds] }),
    check: schemaCheck(SkillQueueGroupInputSchema),
    savedMessage: (saved) => `Saved skill queue group “${saved.name}”`,
  });
  return (
    <EditorPage
      formId="skill-queue-group"
      title={isNew ? "New skill queue group" : (editor.draft?.name ?? "Skill queue group")}
      back={{ href: PATH, label: "Skill queue groups" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.name ?? id)}
    >
      {(draft) => {
        const chosen = queues.items.find((q) => draft.skillQueueIds.includes(q.id));
        const family = chosen ? mediaFamily(chosen.type) : null;
        return (
          <div class="section">
            <TextField path="name" label="Group Name" required maxLength={100} />
            <CheckboxesField
              path="skillQueueIds"
              label="Skill Queues"
              emptyText="No skill queues yet."
              hint="All skill queues of a group share a media type: voice and video, or multimedia."
              options={queues.items.map((q) => ({
                value: q.id,
                label: `${q.name} (${QUEUE_TYPE_LABELS[q.type]})`,
                disabled:
                  family !== null && mediaFamily(q.type) !== family && !draft.skillQueueIds.includes(q.id),
              }))}
            />
          </div>
        );
      }}
    </EditorPage>
  );
}
