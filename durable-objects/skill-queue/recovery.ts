/**
 * Restart reconciliation. A crash, a deploy or an eviction ends every WebSocket without running
 * its close handler, so agents signed in here would stay signed in (and idle) for good. When the
 * object starts, each agent row is compared with the sockets that exist (`getWebSockets()`): an
 * agent with no open socket and no sign-out already pending gets the sign-out grace timer, as if
 * their last socket had just closed. They keep their chats while it runs (and get no new ones:
 * see `rules/staff-access.ts`); reconnecting cancels it, and when it fires they are signed out,
 * their chats go back to the queue and their presence object forgets this queue and its slots.
 * A hibernation wake finds the sockets still there and changes nothing.
 */
import { type QueueContext, signOutGraceMs } from "./context";

/** Starts the sign-out grace for signed-in agents without an open socket; returns how many. */
export function graceForAgentsWithoutSockets(q: QueueContext): number {
  const due = q.now() + signOutGraceMs(q.env);
  let started = 0;
  for (const a of q.store.agents.all()) {
    if (q.sessions.employeeSockets(a.employee_id).length > 0) continue;
    if (q.timers.get("signOutGrace", a.employee_id) !== null) continue;
    q.timers.set("signOutGrace", a.employee_id, due);
    started++;
  }
  return started;
}
