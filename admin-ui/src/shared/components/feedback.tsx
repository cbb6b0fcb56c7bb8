/** Loading, empty and error states and the toast stack; the confirm dialog host is `confirm-host.tsx`. */
import type { ComponentChildren } from "preact";
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

export { ConfirmHost } from "./confirm-host";
