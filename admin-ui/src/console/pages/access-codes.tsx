/** Access codes: the numbers customers reach, each of one media type. */

import { useLocation, useRoute } from "preact-iso";
import {
  type AccessCode,
  type AccessCodeInput,
  AccessCodeInputSchema,
  MEDIA_TYPES,
} from "../../../../worker/schemas/access-codes";
import { api } from "../../shared/api";
import { SelectField, TextField } from "../../shared/form/fields";
import { useEditor } from "../../shared/form/use-editor";
import { validate } from "../../shared/form/validate";
import { toast } from "../../shared/toast";
import { confirmDelete } from "../components/delete";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { MEDIA_TYPE_LABELS, options } from "../labels";

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
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? "new";
  const isNew = id === "new";
  const editor = useEditor<AccessCodeInput, AccessCode>(
    {
      load: async () =>
        isNew ? { code: "", mediaType: "multimedia" } : pick(await api.get<AccessCode>(`${PATH}/${id}`)),
      check: (draft) => {
        const result = validate(AccessCodeInputSchema, draft);
        return result.ok ? null : result.errors;
      },
      save: (draft) =>
        isNew ? api.post<AccessCode>(PATH, draft) : api.patch<AccessCode>(`${PATH}/${id}`, draft),
      onSaved: (saved) => {
        toast(`Saved access code ${saved.code}`);
        route(PATH);
      },
    },
    id,
  );
  return (
    <EditorPage
      formId="access-code"
      title={isNew ? "New access code" : "Access code"}
      back={{ href: PATH, label: "Access codes" }}
      editor={editor}
      onDelete={
        isNew
          ? undefined
          : async () => {
              if (await confirmDelete("access code", editor.draft?.code ?? id, `${PATH}/${id}`)) route(PATH);
            }
      }
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
