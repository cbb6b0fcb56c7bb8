/**
 * A promise-based confirm dialog model: `await confirm({...})` resolves true only on the confirm
 * button. A plain observable rather than a signal, so pages without @preact/signals (the
 * workbench, whose components re-render from their models) can use it without loading it: the
 * signals integration makes every component skip re-renders whose props did not change.
 */
import { Observable } from "../realtime/observable";

export type ConfirmRequest = {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
};

type Pending = ConfirmRequest & { answer: (ok: boolean) => void };

/** The open request, if any, with the function that answers it. */
class PendingConfirm extends Observable {
  value: Pending | null = null;

  set(next: Pending | null): void {
    this.value = next;
    this.changed();
  }
}

export const pendingConfirm = new PendingConfirm();

export function confirm(request: ConfirmRequest): Promise<boolean> {
  pendingConfirm.value?.answer(false);
  return new Promise((resolve) => {
    pendingConfirm.set({
      ...request,
      answer: (ok) => {
        pendingConfirm.set(null);
        resolve(ok);
      },
    });
  });
}
