/** A promise-based confirm dialog model: `await confirm({...})` resolves true only on the confirm button. */
import { signal } from "@preact/signals";

export type ConfirmRequest = {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
};

/** The open request, if any, with the function that answers it. */
export const pendingConfirm = signal<(ConfirmRequest & { answer: (ok: boolean) => void }) | null>(null);

export function confirm(request: ConfirmRequest): Promise<boolean> {
  pendingConfirm.value?.answer(false);
  return new Promise((resolve) => {
    pendingConfirm.value = {
      ...request,
      answer: (ok) => {
        pendingConfirm.value = null;
        resolve(ok);
      },
    };
  });
}
