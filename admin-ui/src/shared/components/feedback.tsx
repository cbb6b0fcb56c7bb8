/** Loading, empty and error states, the toast stack and the confirm dialog host. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { pendingConfirm } from "../confirm";
import { dismissToast, toasts } from "../toast";

export function Spinner({ label = "Loading…" }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ComponentChildren;
  action?: ComponentChildren;
}) {
  return (
    <div class="state state-empty">
      <div class="state-icon" aria-hidden="true">
        ○
      </div>
      <h3>{title}</h3>
      {children ? <p class="muted">{children}</p> : null}
      {action}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <span>{message}</span>
      {onRetry ? (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`} role={t.kind === "error" ? "alert" : "status"}>
          <span>{t.text}</span>
          <button type="button" class="toast-close" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** Renders the pending `confirm()` request as a modal dialog. */
export function ConfirmHost() {
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
