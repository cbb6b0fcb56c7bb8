/** Tags: the tenant's list that agents tag conversations from (in the workbench, or later in the history). */

import { type Tag, type TagInput, TagInputSchema } from "../../../../worker/schemas/tags";
import { TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { dateTime } from "../../shared/i18n";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { useResourceEditor, useResourceId } from "../models/resource-editor";

const PATH = "/tags";

export function TagsPage() {
  return (
    <ResourceListPage<Tag>
      path={PATH}
      title="Tags"
      subtitle="Agents tag conversations from this list during the chat; the history filters by tag."
      noun={{ one: "tag", many: "tags" }}
      emptyNote="Deleting a tag later takes it off every conversation."
      nameOf={(t) => t.name}
      columns={[
        { label: "Name", render: (t) => <a href={`${PATH}/${t.id}`}>{t.name}</a> },
        { label: "Created", render: (t) => dateTime(t.createdAt) },
        {
          label: "Conversations",
          render: (t) => <a href={`/conversations?tagId=${encodeURIComponent(t.id)}`}>Show in history</a>,
        },
      ]}
    />
  );
}

export function TagEditor() {
  const { id, isNew } = useResourceId();
  const { editor, deleteAction } = useResourceEditor<TagInput, Tag>({
    path: PATH,
    id,
    noun: "tag",
    blank: () => ({ name: "" }),
    toDraft: (t) => ({ name: t.name }),
    check: schemaCheck(TagInputSchema),
    savedMessage: (saved) => `Saved tag “${saved.name}”`,
  });
  return (
    <EditorPage
      formId="tag"
      title={isNew ? "New tag" : (editor.draft?.name ?? "Tag")}
      back={{ href: PATH, label: "Tags" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.name ?? id)}
    >
      {() => (
        <div class="section">
          <TextField
            path="name"
            label="Name"
            required
            maxLength={40}
            hint="Unique whatever the case; a rename shows on every conversation with the tag."
          />
        </div>
      )}
    </EditorPage>
  );
}
