/**
 * The channel editor's pre-chat form section as pure functions: which kinds of field may still be
 * added (at most 10 fields, one name, one email and one phone field), the field "Add" creates with
 * a key not used yet, and moving or removing a field.
 */
import { CLAIM_KINDS, type PreChatKind } from "../../../../worker/rules/pre-chat";
import { MAX_PRE_CHAT_FIELDS, type PreChatField } from "../../../../worker/schemas/pre-chat";

export const KIND_LABELS: Record<PreChatKind, string> = {
  name: "Name",
  email: "Email",
  phone: "Phone",
  text: "Text",
  select: "Choice list",
};

const DEFAULT_LABELS: Record<PreChatKind, string> = {
  name: "Your name",
  email: "Email",
  phone: "Phone",
  text: "Question",
  select: "Topic",
};

/** Whether a field of `kind` may be added to `fields`. */
export function canAdd(fields: readonly PreChatField[], kind: PreChatKind): boolean {
  if (fields.length >= MAX_PRE_CHAT_FIELDS) return false;
  return !(CLAIM_KINDS as readonly string[]).includes(kind) || !fields.some((f) => f.kind === kind);
}

/** A new field of `kind`: its kind as key (numbered when taken), a default label, a select with one option. */
export function newField(fields: readonly PreChatField[], kind: PreChatKind): PreChatField {
  const taken = new Set(fields.map((f) => f.key));
  let key: string = kind;
  for (let i = 2; taken.has(key); i++) key = `${kind}${i}`;
  return {
    key,
    kind,
    label: DEFAULT_LABELS[kind],
    required: kind === "name",
    options: kind === "select" ? ["Sales", "Support"] : [],
  };
}

/** `fields` with the field at `index` moved by `delta` places (unchanged at the ends). */
export function moveField<T>(fields: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= fields.length || to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function removeField<T>(fields: readonly T[], index: number): T[] {
  return fields.filter((_, i) => i !== index);
}
