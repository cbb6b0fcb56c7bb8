/** Delete with confirmation: asks, calls DELETE, reports with a toast (409 explains what still refers to it). */
import { api, errorMessage, HttpError } from "../../shared/api";
import { confirm } from "../../shared/confirm";
import { toast } from "../../shared/toast";

/** Resolves true when the object was deleted. */
export async function confirmDelete(what: string, name: string, path: string): Promise<boolean> {
  const ok = await confirm({
    title: `Delete ${what}?`,
    message: `“${name}” will be deleted. This cannot be undone.`,
    confirmLabel: "Delete",
  });
  if (!ok) return false;
  try {
    await api.del(path);
    toast(`Deleted ${what} “${name}”`);
    return true;
  } catch (error) {
    const message = errorMessage(error);
    toast(
      error instanceof HttpError && error.status === 409
        ? `Cannot delete: ${message}`
        : `Delete failed: ${message}`,
      "error",
    );
    return false;
  }
}
