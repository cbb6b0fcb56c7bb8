/** Toast notifications as a signal model: push a message, it leaves by itself after a while. */
import { signal } from "@preact/signals";

export type Toast = { id: number; kind: "success" | "error" | "info"; text: string };

/** The visible toasts, oldest first. */
export const toasts = signal<Toast[]>([]);
let nextId = 1;

/** Shows `text` for `ms` milliseconds (errors stay twice as long). */
export function toast(
  text: string,
  kind: Toast["kind"] = "success",
  ms = kind === "error" ? 8000 : 4000,
): void {
  const id = nextId++;
  toasts.value = [...toasts.value.slice(-4), { id, kind, text }];
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}
