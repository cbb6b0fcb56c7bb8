/** The channel editor's Attachments section: on or off, the largest file (in MB) and the allowed types. */
import { useState } from "preact/hooks";
import { ATTACHMENT_TYPES } from "../../../../worker/rules/attachment-type";
import { CheckboxesField, FieldShell, SwitchField } from "../../shared/form/fields";
import { fieldId, useForm } from "../../shared/form/form-context";
import { getIn } from "../../shared/form/path";
import { options } from "../labels";
import { ATTACHMENT_TYPE_LABELS, bytesOf, megabytes } from "../models/attachment-form";

/** `attachments.maxBytes`, typed in megabytes. */
function MegabytesField({ path, label }: { path: string; label: string }) {
  const form = useForm();
  form.shown.add(path);
  const id = fieldId(form.formId, path);
  const errors = form.errors[path];
  const bytes = getIn(form.draft, path) as number;
  const [text, setText] = useState<string | null>(null);
  const shown = text !== null && bytesOf(text) === bytes ? text : megabytes(bytes);
  return (
    <FieldShell id={id} label={label} errors={errors} after="MB" hint="0.001–25 MB (1 KB to 25 MB)">
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={shown}
        disabled={form.disabled}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-errors` : `${id}-hint`}
        onInput={(e) => {
          setText(e.currentTarget.value);
          form.set(path, bytesOf(e.currentTarget.value));
        }}
      />
    </FieldShell>
  );
}

export function AttachmentsSection({ enabled }: { enabled: boolean }) {
  return (
    <div class="section">
      <h2>Attachments</h2>
      <SwitchField
        path="attachments.enabled"
        label="Customers and agents may send files"
        hint="Images show as previews; other files download. The server checks each file's real type from its content."
      />
      {enabled ? (
        <div class="grid-2">
          <MegabytesField path="attachments.maxBytes" label="Largest file" />
          <CheckboxesField
            path="attachments.allowedTypes"
            label="Allowed types"
            options={options(ATTACHMENT_TYPES, ATTACHMENT_TYPE_LABELS)}
          />
        </div>
      ) : null}
    </div>
  );
}
