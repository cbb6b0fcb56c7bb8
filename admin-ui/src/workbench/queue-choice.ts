/**
 * Which skill queues the workbench signs the agent in to: after signing in with their password,
 * every queue they serve; after a reload, the queues they were signed in to before (kept per
 * employee in localStorage; queues no longer served are dropped, and nothing kept means all).
 */
import type { KeyValueStorage } from "./drafts";

const key = (employeeId: string) => `ecs.queues.${employeeId}`;

/** The queues to sign in to: `saved` (those still served, in the served order), or every served one. */
export function queuesToSignIn(served: readonly string[], saved: readonly string[] | null): string[] {
  return saved === null ? [...served] : served.filter((id) => saved.includes(id));
}

/** The signed-in set kept for `employeeId`, null when none (or unreadable). */
export function savedQueues(storage: KeyValueStorage | null, employeeId: string): string[] | null {
  try {
    const raw = JSON.parse(storage?.getItem(key(employeeId)) ?? "null") as unknown;
    return Array.isArray(raw) && raw.every((x) => typeof x === "string") ? raw : null;
  } catch {
    return null;
  }
}

/** Keeps the signed-in set (null forgets it: the next start takes every served queue). */
export function saveQueues(storage: KeyValueStorage | null, employeeId: string, ids: string[] | null): void {
  try {
    if (ids === null) storage?.removeItem(key(employeeId));
    else storage?.setItem(key(employeeId), JSON.stringify(ids));
  } catch {
    // storage blocked: a reload then signs in to every served queue
  }
}
