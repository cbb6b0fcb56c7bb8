/** Access codes: the numbers customers reach, each of one media type. */

import {
  type AccessCode,
  type AccessCodeInput,
  AccessCodeInputSchema,
  MEDIA_TYPES,
} from "../../../../worker/schemas/access-codes";
import { SelectField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { MEDIA_TYPE_LABELS, options } from "../labels";
import { useResourceEditor, useResourceId } from "../models/resource-editor";

const PATH = "/access-codes";

export function AccessCodesPage() {
  return (
    <ResourceListPage<AccessCode>
      path={PATH}
      title="Access codes"
      subtitle="Numbers customers reach; a web channel needs a multimedia access code."
      noun={{ one: "access code", many: "access codes" }}
      nameOf={(a) => a.code}
      columns={[
        { label: "Access Code", render: (a) => <span class="mono">{a.code}</span> },
        { label: "Media Type", render: (a) => <span class="badge">{MEDIA_TYPE_LABELS[a.mediaType]}</span> },
      ]}
    />
  );
}

export function AccessCodeEditor() {
  const { id, isNew } = useResourceId();
  const { editor, deleteAction } = useResourceEditor<AccessCodeInput, AccessCode>({
    path: PATH,
    id,
    noun: "access code",
    blank: () => ({ code: "", mediaType: "multimedia" }),
    toDraft: pick,
    check: schemaCheck(AccessCodeInputSchema),
    savedMessage: (saved) => `Saved access code ${saved.code}`,
  });
  return (
    <EditorPage
      formId="access-code"
      title={isNew ? "New access code" : "Access code"}
      back={{ href: PATH, label: "Access codes" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.code ?? id)}
    >
      {() => (
        <div class="section">
          <div class="grid-2">
            <TextField
              path="code"
              label="Access Code"
              required
              maxLength={24}
              hint="Digits only, up to 24."
            />
            <SelectField
              path="mediaType"
              label="Media Type"
              required
              options={options(MEDIA_TYPES, MEDIA_TYPE_LABELS)}
            />
          </div>
        </div>
      )}
    </EditorPage>
  );
}

function pick(a: AccessCode): AccessCodeInput {
  return { code: a.code, mediaType: a.mediaType };
}
