/**
 * Revocation: staff access withdrawn while staff are connected. Each configuration the object
 * loads (after `invalidateConfig()`, after `CONFIG_TTL_MS`, or the first after a start) is checked
 * against every open staff socket and every signed-in agent before the next event runs: what the
 * configuration no longer allows (`rules/staff-access.ts`) is closed with 4005 (`revoked`) and
 * signed out, so its chats go back to the front of the queue. `revokeEmployee` does the same for
 * one employee whose configuration is unchanged but whose credentials changed. A configuration
 * that loads as null (the queue was deleted) closes the whole queue (`queue-deleted.ts`).
 */
import { CloseCode } from "../../worker/realtime/protocol";
import { signOut } from "./agents";
import { CONFIG_TTL_MS, configuredRole } from "./config";
import type { QueueContext } from "./context";
import { closeDeletedQueue } from "./queue-deleted";
import { accessLoss, REVOKED_REASONS, type RevokedReason } from "./rules/staff-access";

/** The configuration generation staff were last checked against, and when. */
const checked = new WeakMap<QueueContext, { generation: number; at: number }>();

/** Whether staff must be checked before the next event: a configuration was loaded since, or it may be stale. */
export function recheckDue(q: QueueContext): boolean {
  const last = checked.get(q);
  return !last || last.generation !== q.config.generation || q.now() - last.at >= CONFIG_TTL_MS;
}

/** Closes and signs out what the queue's current configuration no longer allows. */
export async function recheckStaff(q: QueueContext): Promise<void> {
  const now = q.now();
  const config = await q.config.get(now);
  const generation = q.config.generation;
  if (!config) await q.steps.atomic(() => closeDeletedQueue(q));
  else {
    const sockets: [WebSocket, RevokedReason][] = [];
    for (const ws of [...q.sessions.sockets("agent"), ...q.sessions.sockets("checker")]) {
      const a = q.sessions.attachment(ws);
      if (a?.role !== "agent" && a?.role !== "qualityChecker") continue;
      const loss = accessLoss(a.role, configuredRole(config, a.employeeId));
      if (loss) sockets.push([ws, loss]);
    }
    const agents: [string, RevokedReason][] = [];
    for (const a of q.store.agents.all()) {
      const loss = accessLoss("agent", configuredRole(config, a.employee_id));
      if (loss) agents.push([a.employee_id, loss]);
    }
    if (sockets.length > 0 || agents.length > 0)
      await q.steps.atomic(async () => {
        for (const [ws, why] of sockets) q.sessions.close(ws, CloseCode.revoked, REVOKED_REASONS[why]);
        for (const [employeeId, why] of agents) await signOut(q, employeeId, REVOKED_REASONS[why]);
      });
  }
  checked.set(q, { generation, at: now });
}

/**
 * The employee's password changed or the employee was removed: their sockets here close with 4005
 * and they are signed out, even though the queue's configuration did not change.
 */
export async function revokeEmployee(q: QueueContext, employeeId: string): Promise<void> {
  for (const ws of q.sessions.employeeSockets(employeeId))
    q.sessions.close(ws, CloseCode.revoked, REVOKED_REASONS.credentials);
  await signOut(q, employeeId, REVOKED_REASONS.credentials);
}
