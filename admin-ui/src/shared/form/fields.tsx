/**
 * Form fields bound by dotted path to the enclosing `<Form>`: each renders a `<label for>` with the
 * spec's parameter name, the control, a hint and the field's errors (client or server).
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { type FormBinding, FormContext, fieldId, useForm } from "./form-context";
import { getIn } from "./path";
import { unplacedErrors } from "./validate";

type FormProps = Omit<FormBinding, "shown"> & {
  onSubmit: () => void;
  children: ComponentChildren;
  class?: string;
};

/** A `<form>` that provides the binding to its fields and submits without reloading. */
export function Form({ onSubmit, children, class: className, ...binding }: FormProps) {
  const value: FormBinding = { ...binding, shown: new Set() };
  return (
    <FormContext.Provider value={value}>
      <form
        class={className ?? "form"}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </FormContext.Provider>
  );
}

type Common = {
  path: string;
  label: string;
  hint?: ComponentChildren;
  required?: boolean;
  disabled?: boolean;
  /** Shown right of the control (a unit, a computed value). */
  after?: ComponentChildren;
};

/** The label, control slot, hint and errors of one field. */
export function FieldShell({
  id,
  label,
  hint,
  errors,
  required,
  after,
  children,
}: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  errors?: string[];
  required?: boolean;
  after?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${errors?.length ? " field-invalid" : ""}`}>
      <div class="field-label">
        <label for={id}>{label}</label>
        {required ? (
          <span class="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      <div class="field-control">
        {children}
        {after ? <span class="field-after">{after}</span> : null}
      </div>
      {hint ? (
        <div class="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/** A field's messages as an alert list; nothing when there are none. */
export function FieldErrorList({ id, errors }: { id?: string; errors: readonly string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <ul class="field-errors" id={id} role="alert">
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** A fieldset of radio buttons or checkboxes whose legend is the label. */
export function ChoiceGroup({
  id,
  label,
  hint,
  errors,
  before,
  children,
}: {
  id?: string;
  label: string;
  hint?: ComponentChildren;
  errors: readonly string[] | undefined;
  /** Shown between the legend and the choices (e.g. why there are none). */
  before?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <fieldset class={`field field-choices${errors?.length ? " field-invalid" : ""}`} id={id}>
      <legend class="field-label">{label}</legend>
      {before}
      <div class="choices">{children}</div>
      {hint ? <div class="field-hint">{hint}</div> : null}
      <FieldErrorList errors={errors} />
    </fieldset>
  );
}

/** The messages at `path` or under it (`path.0`, `path.x.y`), each marked as shown by this field. */
export function useNestedErrors(path: string): string[] {
  const form = useForm();
  form.shown.add(path);
  return Object.entries(form.errors)
    .filter(([p]) => p === path || p.startsWith(`${path}.`))
    .flatMap(([p, messages]) => {
      form.shown.add(p);
      return messages;
    });
}

/** The binding of one field: its id, errors and value, the `FieldShell` props and the control's attributes. */
function useField({ path, label, hint, required, disabled, after }: Common) {
  const form = useForm();
  form.shown.add(path);
  const id = fieldId(form.formId, path);
  const errors = form.errors[path];
  const describedBy = errors?.length ? `${id}-errors` : undefined;
  return {
    form,
    id,
    errors,
    describedBy,
    value: getIn(form.draft, path),
    shell: { id, label, hint, errors, required, after },
    /** The id, disabled state and ARIA attributes of a text-like control. */
    control: {
      id,
      disabled: disabled || form.disabled,
      "aria-invalid": errors?.length ? true : undefined,
      "aria-required": required || undefined,
      "aria-describedby": describedBy,
    },
  };
}

/** A single-line text input; `nullable` stores "" as null. */
export function TextField({
  type = "text",
  placeholder,
  maxLength,
  nullable,
  autoComplete,
  ...field
}: Common & {
  type?: "text" | "password";
  placeholder?: string;
  maxLength?: number;
  nullable?: boolean;
  autoComplete?: string;
}) {
  const { form, shell, control, value } = useField(field);
  const props = {
    ...control,
    value: typeof value === "string" ? value : "",
    placeholder,
    maxLength,
    autoComplete,
    onInput: (e: Event) => {
      const text = (e.currentTarget as HTMLInputElement).value;
      form.set(field.path, nullable && text === "" ? null : text);
    },
  };
  return (
    <FieldShell {...shell}>
      {type === "password" ? <input type="password" {...props} /> : <input type="text" {...props} />}
    </FieldShell>
  );
}

/** A `#rrggbb` colour: a text box for typing it and a colour picker beside it, both bound to `path`. */
export function ColorField({ fallback, ...field }: Omit<Common, "after"> & { fallback: string }) {
  const { form, shell, control, value } = useField(field);
  const text = typeof value === "string" ? value : "";
  return (
    <FieldShell {...shell}>
      <input
        type="text"
        {...control}
        value={text}
        spellcheck={false}
        placeholder={fallback}
        onInput={(e) => form.set(field.path, e.currentTarget.value)}
      />
      <input
        type="color"
        class="color-swatch"
        aria-label={`${field.label}: pick`}
        disabled={control.disabled}
        value={/^#[0-9a-f]{6}$/i.test(text) ? text.toLowerCase() : fallback}
        onInput={(e) => form.set(field.path, e.currentTarget.value)}
      />
    </FieldShell>
  );
}

/** A multi-line text input. */
export function TextAreaField({
  rows = 3,
  maxLength,
  ...field
}: Omit<Common, "after"> & { rows?: number; maxLength?: number }) {
  const { form, shell, control, value } = useField(field);
  return (
    <FieldShell {...shell}>
      <textarea
        {...control}
        rows={rows}
        maxLength={maxLength}
        value={typeof value === "string" ? value : ""}
        onInput={(e) => form.set(field.path, e.currentTarget.value)}
      />
    </FieldShell>
  );
}

/** A whole-number input; an empty or malformed entry is stored as NaN so the schema names it. */
export function NumberField({ min, max, ...field }: Common & { min?: number; max?: number }) {
  const { form, shell, control, value } = useField(field);
  const [text, setText] = useState<string | null>(null);
  const shown =
    text !== null && Number(text) === value
      ? text
      : typeof value === "number" && !Number.isNaN(value)
        ? String(value)
        : (text ?? "");
  return (
    <FieldShell
      {...shell}
      hint={field.hint ?? (min !== undefined && max !== undefined ? `${min}–${max}` : undefined)}
    >
      <input
        {...control}
        type="number"
        inputMode="numeric"
        step={1}
        min={min}
        max={max}
        value={shown}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          form.set(field.path, raw.trim() === "" ? Number.NaN : Number(raw));
        }}
      />
    </FieldShell>
  );
}

export type Option = { value: string; label: string; disabled?: boolean };

/** A `<select>`; `empty` adds a first option stored as null (or "" with `emptyValue`). */
export function SelectField({
  options,
  empty,
  emptyValue = null,
  ...field
}: Common & { options: readonly Option[]; empty?: string; emptyValue?: string | null }) {
  const { form, shell, control, value } = useField(field);
  const current = typeof value === "string" ? value : "";
  const known = current === "" || options.some((o) => o.value === current);
  return (
    <FieldShell {...shell}>
      <select
        {...control}
        value={current}
        onChange={(e) => {
          const next = e.currentTarget.value;
          form.set(field.path, next === "" && empty !== undefined ? emptyValue : next);
        }}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {!known ? <option value={current}>{current} (unavailable)</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** An on/off switch (a checkbox with role switch). */
export function SwitchField({ path, label, hint, disabled }: Omit<Common, "required" | "after">) {
  const { form, id, errors, describedBy, value } = useField({ path, label });
  return (
    <div class={`field field-switch${errors?.length ? " field-invalid" : ""}`}>
      <div class="switch-row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          class="switch"
          checked={value === true}
          aria-checked={value === true}
          disabled={disabled || form.disabled}
          aria-describedby={describedBy}
          onChange={(e) => form.set(path, e.currentTarget.checked)}
        />
        <label for={id} class="field-label">
          {label}
        </label>
      </div>
      {hint ? <div class="field-hint">{hint}</div> : null}
      <FieldErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/** Radio buttons in a fieldset whose legend is the label. */
export function RadioField({
  path,
  label,
  hint,
  disabled,
  options,
}: Omit<Common, "after" | "required"> & { options: readonly Option[] }) {
  const { form, id, errors, value } = useField({ path, label });
  return (
    <ChoiceGroup id={id} label={label} hint={hint} errors={errors}>
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input
            type="radio"
            name={id}
            value={o.value}
            checked={value === o.value}
            disabled={disabled || form.disabled || o.disabled}
            onChange={() => form.set(path, o.value)}
          />
          {o.label}
        </label>
      ))}
    </ChoiceGroup>
  );
}

/** Checkboxes for a list of values (order of `options` is kept). */
export function CheckboxesField({
  path,
  label,
  hint,
  disabled,
  options,
  emptyText,
}: Omit<Common, "after" | "required"> & { options: readonly Option[]; emptyText?: string }) {
  const { form, id, errors, value } = useField({ path, label });
  const selected = Array.isArray(value) ? (value as string[]) : [];
  const toggle = (option: string, on: boolean) => {
    const next = on ? [...selected, option] : selected.filter((s) => s !== option);
    form.set(
      path,
      options.map((o) => o.value).filter((o) => next.includes(o)),
    );
  };
  return (
    <ChoiceGroup
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      before={options.length === 0 && emptyText ? <p class="muted">{emptyText}</p> : null}
    >
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            disabled={disabled || form.disabled || o.disabled}
            onChange={(e) => toggle(o.value, e.currentTarget.checked)}
          />
          {o.label}
        </label>
      ))}
    </ChoiceGroup>
  );
}

/** A list of short texts shown as removable chips; Enter or comma adds the typed text. */
export function ChipsField({
  path,
  label,
  hint,
  disabled,
  placeholder = "Type and press Enter",
}: Omit<Common, "after" | "required"> & { placeholder?: string }) {
  const { form, id, errors, describedBy, value } = useField({ path, label });
  const chips = Array.isArray(value) ? (value as string[]) : [];
  const [text, setText] = useState("");
  const add = () => {
    const parts = text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length) form.set(path, [...chips, ...parts]);
    setText("");
  };
  const itemEntries = Object.entries(form.errors).filter(([p]) => p.startsWith(`${path}.`));
  for (const [p] of itemEntries) form.shown.add(p);
  const itemErrors = itemEntries.map(
    ([p, messages]) => `${chips[Number(p.slice(path.length + 1))] ?? p}: ${messages.join(", ")}`,
  );
  const allErrors = [...(errors ?? []), ...itemErrors];
  return (
    <FieldShell id={id} label={label} hint={hint} errors={allErrors}>
      <div class="chips">
        {chips.map((chip, index) => (
          <span class="chip" key={`${chip}-${index}`}>
            {chip}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove ${chip}`}
              disabled={disabled || form.disabled}
              onClick={() =>
                form.set(
                  path,
                  chips.filter((_, i) => i !== index),
                )
              }
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          class="chips-input"
          value={text}
          placeholder={placeholder}
          disabled={disabled || form.disabled}
          aria-describedby={describedBy}
          onInput={(e) => setText(e.currentTarget.value)}
          onBlur={add}
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              add();
            } else if (e.key === "Backspace" && text === "" && chips.length) {
              form.set(path, chips.slice(0, -1));
            }
          }}
        />
      </div>
    </FieldShell>
  );
}

/** The errors no rendered field shows, listed once (place it after the fields). */
export function FormErrors({ extra }: { extra?: string | null }) {
  const form = useForm();
  const messages = unplacedErrors(form.errors, form.shown);
  if (extra) messages.unshift(extra);
  if (!messages.length) return null;
  return (
    <div class="alert alert-error" role="alert">
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
