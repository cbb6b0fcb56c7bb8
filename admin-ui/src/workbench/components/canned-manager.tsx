/**
 * "My canned responses": the signed-in employee's personal canned responses (only they see them),
 * listed, added, changed and deleted in a modal dialog. Tenant-wide ones are managed by
 * administrators in the console. Field errors come from the API.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { CANNED_VARIABLES } from "../../../../worker/rules/canned-text";
import { MAX_CANNED_TEXT, MAX_PERSONAL_CANNED } from "../../../../worker/schemas/canned-responses";
import type { FieldErrors } from "../../../../worker/schemas/issues";
import { errorMessage, HttpError } from "../../shared/api";
import type { PersonalInput } from "../catalog";
import { useChatTools } from "../chat-tools";

type Draft = PersonalInput & { id?: string };
const BLANK: Draft = { shortcut: "", title: "", text: "" };
const VARIABLES = CANNED_VARIABLES.map((n) => `{${n}}`).join(", ");

export function CannedManager() {
  const tools = useChatTools();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState("");
  const open = tools?.managing ?? false;
  useEffect(() => {
    const d = ref.current;
    if (d && open && !d.open) d.showModal();
    if (d && !open && d.open) d.close();
  }, [open]);
  if (!tools) return null;
  const mine = tools.canned.personal();
  const edit = (next: Draft) => {
    setDraft(next);
    setErrors({});
    setProblem("");
  };
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await tools.canned.save({ shortcut: draft.shortcut, title: draft.title, text: draft.text }, draft.id);
      edit(BLANK);
    } catch (err) {
      setErrors(err instanceof HttpError ? err.errors : {});
      setProblem(errorMessage(err));
    }
  };
  const field = (name: keyof PersonalInput, label: string, input: preact.JSX.Element) => (
    <div class="field">
      <label for={`canned-${name}`}>{label}</label>
      {input}
      {errors[name]?.map((m) => (
        <span key={m} class="error" id={`canned-${name}-error`}>
          {m}
        </span>
      ))}
    </div>
  );
  const bind = (name: keyof PersonalInput) => ({
    id: `canned-${name}`,
    value: draft[name],
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `canned-${name}-error` : undefined,
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <dialog
      ref={ref}
      class="canned-manager"
      aria-labelledby="canned-manager-title"
      onClose={() => tools.setManaging(false)}
    >
      <h2 id="canned-manager-title" class="canned-title">
        My canned responses
      </h2>
      <p class="muted">
        Only you see these ({mine.length} of {MAX_PERSONAL_CANNED}). Type / and the shortcut in the reply box.
        Variables: {VARIABLES}; a fallback after a bar, e.g. {"{customer.name|there}"}.
      </p>
      {mine.length ? (
        <ul class="canned-list">
          {mine.map((c) => (
            <li key={c.id}>
              <span class="mono">/{c.shortcut}</span> <strong>{c.title}</strong>
              <span class="canned-text">{c.text}</span>
              <span class="actions">
                <button
                  type="button"
                  onClick={() => edit({ id: c.id, shortcut: c.shortcut, title: c.title, text: c.text })}
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={`Delete /${c.shortcut}`}
                  onClick={() => void tools.canned.remove(c.id).catch((err) => setProblem(errorMessage(err)))}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">You have no canned responses of your own yet.</p>
      )}
      <form class="canned-form" onSubmit={save}>
        <h3 class="canned-subtitle">{draft.id ? `Edit /${draft.shortcut}` : "New canned response"}</h3>
        {field("shortcut", "Shortcut", <input {...bind("shortcut")} maxLength={32} required />)}
        {field("title", "Title", <input {...bind("title")} maxLength={100} required />)}
        {field("text", "Text", <textarea {...bind("text")} maxLength={MAX_CANNED_TEXT} rows={4} required />)}
        {problem ? (
          <p class="error" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" class="primary">
            {draft.id ? "Save" : "Add"}
          </button>
          {draft.id ? (
            <button type="button" onClick={() => edit(BLANK)}>
              Cancel editing
            </button>
          ) : null}
          <button type="button" onClick={() => tools.setManaging(false)}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
