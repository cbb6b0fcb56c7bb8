/**
 * Creating a case from the open chat: title, category, priority, customer name, phone, e-mail,
 * order number and description. With Smart Form Filling on, the fields come pre-filled from the
 * dialog (marked as such; "Fill from chat" extracts again after more messages); the agent corrects
 * them and saves. Field errors from the server are shown next to their field.
 */
import { useState } from "preact/hooks";
import { CASE_CATEGORIES, CASE_PRIORITIES } from "../../../../worker/schemas/cases";
import type { DeskChat } from "../../realtime/agent-desk";
import { errorMessage, HttpError } from "../../shared/api";
import { CASE_CATEGORY_LABELS, CASE_PRIORITY_LABELS } from "../../shared/case-labels";
import { type CaseDraft, caseDraft, createCase } from "../case-form";

type TextKey = Exclude<keyof CaseDraft, "category" | "priority">;

const TEXT_FIELDS: [TextKey, string, number][] = [
  ["title", "Title", 200],
  ["customerName", "Customer name", 100],
  ["phone", "Phone", 32],
  ["email", "E-mail", 254],
  ["orderNumber", "Order number", 64],
];

export function CaseForm({
  chat,
  skillQueueId,
  smartFormFilling,
  onClose,
}: {
  chat: DeskChat;
  skillQueueId: string;
  smartFormFilling: boolean;
  onClose: (message: string | null) => void;
}) {
  const id = chat.summary.conversationId;
  const fill = () => caseDraft(chat.log.items(), chat.summary.customerName, smartFormFilling);
  const [draft, setDraft] = useState<CaseDraft>(fill);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState("");
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof CaseDraft>(key: K, value: CaseDraft[K]) =>
    setDraft({ ...draft, [key]: value });
  const fieldId = (key: string) => `case-${id}-${key}`;
  const errorOf = (key: string) =>
    errors[key]?.length ? (
      <span class="field-error" id={`${fieldId(key)}-error`}>
        {errors[key]!.join(" ")}
      </span>
    ) : null;
  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    try {
      const saved = await createCase(draft, id, skillQueueId);
      onClose(`Case created: ${saved.title}`);
    } catch (err) {
      setErrors(err instanceof HttpError ? err.errors : {});
      setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="case-form" aria-label="New case" onSubmit={save}>
      <h3>New case</h3>
      {smartFormFilling ? (
        <p class="hint">
          Smart Form Filling filled in what it found in the chat: check it before saving.{" "}
          <button type="button" onClick={() => setDraft(fill())}>
            Fill from chat again
          </button>
        </p>
      ) : null}
      <div class="case-grid">
        {TEXT_FIELDS.map(([key, label, max]) => (
          <label key={key} for={fieldId(key)}>
            {label}
            <input
              id={fieldId(key)}
              type="text"
              value={draft[key]}
              maxLength={max}
              required={key === "title"}
              aria-invalid={errors[key] ? true : undefined}
              onInput={(e) => set(key, e.currentTarget.value)}
            />
            {errorOf(key)}
          </label>
        ))}
        <label for={fieldId("category")}>
          Category
          <select
            id={fieldId("category")}
            value={draft.category}
            onChange={(e) => set("category", e.currentTarget.value as CaseDraft["category"])}
          >
            {CASE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CASE_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label for={fieldId("priority")}>
          Priority
          <select
            id={fieldId("priority")}
            value={draft.priority}
            onChange={(e) => set("priority", e.currentTarget.value as CaseDraft["priority"])}
          >
            {CASE_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {CASE_PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label for={fieldId("description")}>
        Description
        <textarea
          id={fieldId("description")}
          rows={4}
          maxLength={4000}
          value={draft.description}
          onInput={(e) => set("description", e.currentTarget.value)}
        />
        {errorOf("description")}
      </label>
      {failure ? (
        <p class="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div class="case-actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? "Saving…" : "Create case"}
        </button>
        <button type="button" onClick={() => onClose(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
