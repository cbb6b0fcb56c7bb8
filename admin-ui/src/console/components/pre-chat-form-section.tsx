/**
 * The channel editor's "Pre-chat form" section: on or off, then the fields customers fill before
 * the first message (add, reorder, remove; kind, label, key, required, a choice list's options),
 * each with its problems next to it in words a tenant admin understands.
 */
import { PRE_CHAT_KINDS, type PreChatKind } from "../../../../worker/rules/pre-chat";
import {
  MAX_LABEL_CHARS,
  MAX_OPTIONS,
  MAX_PRE_CHAT_FIELDS,
  type PreChatField,
} from "../../../../worker/schemas/pre-chat";
import { ChipsField, FieldErrorList, SelectField, SwitchField, TextField } from "../../shared/form/fields";
import { useForm } from "../../shared/form/form-context";
import { getIn } from "../../shared/form/path";
import { options } from "../labels";
import { canAdd, KIND_LABELS, moveField, newField, removeField } from "../models/pre-chat-form";

const PATH = "preChatForm.fields";

const KIND_HINTS: Record<PreChatKind, string> = {
  name: "Names the customer for agents. With third-party authentication the token's name fills it and it cannot be changed.",
  email: "Must look like name@example.com. The token's email claim fills and locks it.",
  phone: "Digits with +, spaces or dashes, 5–20 digits. The token's phone claim fills and locks it.",
  text: "Free text, at most 200 characters.",
  select: "The customer picks one of the options.",
};

export function PreChatFormSection() {
  const form = useForm();
  const enabled = getIn(form.draft, "preChatForm.enabled") === true;
  const fields = (getIn(form.draft, PATH) as PreChatField[] | undefined) ?? [];
  const set = (next: PreChatField[]) => form.set(PATH, next);
  form.shown.add(PATH);
  return (
    <div class="section">
      <h2>Pre-chat form</h2>
      <SwitchField
        path="preChatForm.enabled"
        label="Ask customers for details before the chat"
        hint="On: the widget shows these fields before the first message (and before the chatbot). Agents see the answers next to the chat; the history keeps them."
      />
      {fields.map((f, index) => (
        <FieldRow
          key={`${index}-${f.kind}`}
          field={f}
          index={index}
          count={fields.length}
          onMove={(delta) => set(moveField(fields, index, delta))}
          onRemove={() => set(removeField(fields, index))}
        />
      ))}
      {fields.length === 0 ? (
        <p class="muted">{enabled ? "Add at least one field." : "No fields yet."}</p>
      ) : null}
      <fieldset class="actions-row">
        <legend class="sr-only">Add a field</legend>
        {PRE_CHAT_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            class="btn btn-small"
            disabled={!canAdd(fields, kind) || form.disabled}
            onClick={() => set([...fields, newField(fields, kind)])}
          >
            Add {KIND_LABELS[kind].toLowerCase()} field
          </button>
        ))}
      </fieldset>
      <p class="field-hint">
        At most {MAX_PRE_CHAT_FIELDS} fields, one each of name, email and phone. Labels up to{" "}
        {MAX_LABEL_CHARS} characters; a choice list has 1–{MAX_OPTIONS} options.
      </p>
      <FieldErrorList errors={form.errors[PATH]} />
    </div>
  );
}

function FieldRow({
  field,
  index,
  count,
  onMove,
  onRemove,
}: {
  field: PreChatField;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const form = useForm();
  const path = `${PATH}.${index}`;
  form.shown.add(path);
  const title = `Field ${index + 1}: ${field.label || KIND_LABELS[field.kind]}`;
  return (
    <fieldset class="field subsection pre-chat-field" aria-label={title}>
      <div class="subsection-head">
        <h3>{title}</h3>
        <div class="actions-row">
          <button
            type="button"
            class="btn btn-small"
            disabled={index === 0}
            aria-label={`Move field ${index + 1} up`}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="btn btn-small"
            disabled={index === count - 1}
            aria-label={`Move field ${index + 1} down`}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button type="button" class="btn btn-small btn-danger" onClick={onRemove}>
            Remove
          </button>
        </div>
      </div>
      <div class="grid-2">
        <SelectField
          path={`${path}.kind`}
          label={`Field ${index + 1} kind`}
          options={options(PRE_CHAT_KINDS, KIND_LABELS)}
          hint={KIND_HINTS[field.kind]}
        />
        <TextField
          path={`${path}.label`}
          label={`Field ${index + 1} label`}
          required
          maxLength={MAX_LABEL_CHARS}
          hint="What the customer reads next to the box."
        />
        <TextField
          path={`${path}.key`}
          label={`Field ${index + 1} key`}
          required
          maxLength={32}
          hint="Names the value in the API and exports: letters, digits and _, unique in the form."
        />
        <SwitchField path={`${path}.required`} label={`Field ${index + 1} required`} />
      </div>
      {field.kind === "select" ? (
        <ChipsField
          path={`${path}.options`}
          label={`Field ${index + 1} options`}
          placeholder="Type an option and press Enter"
          hint={`1–${MAX_OPTIONS} options, each at most 60 characters.`}
        />
      ) : null}
      <FieldErrorList errors={form.errors[path]} />
    </fieldset>
  );
}
