/** The modal dialog of the pending `confirm()` request (no @preact/signals: the workbench uses it too). */
import { useEffect, useReducer, useRef } from "preact/hooks";
import { pendingConfirm } from "../confirm";

/** Renders the pending `confirm()` request as a modal dialog. */
export function ConfirmHost() {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => pendingConfirm.subscribe(() => bump(0)), []);
  const request = pendingConfirm.value;
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!request) return;
    confirmButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && request.answer(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [request]);
  if (!request) return null;
  return (
    <div class="modal-backdrop">
      <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{request.title}</h2>
        <p>{request.message}</p>
        <div class="modal-actions">
          <button type="button" class="btn" onClick={() => request.answer(false)}>
            Cancel
          </button>
          <button
            type="button"
            ref={confirmButton}
            class={`btn ${request.danger === false ? "btn-primary" : "btn-danger"}`}
            onClick={() => request.answer(true)}
          >
            {request.confirmLabel ?? "Delete"}
          </button>
        </div>
      </div>
    </div>
  );
}
