/** What each call timer does when it fires (every handler re-checks the call's state). */
import type { QueueContext } from "../context";
import type { DueTimer } from "../timers";
import { callWaitOver, finishCall, ringFailed } from "./routing";
import { onSyncTimer } from "./sync";

/** Handles a `call*` timer; false when `t` is not one. */
export async function onCallTimer(q: QueueContext, t: DueTimer): Promise<boolean> {
  switch (t.kind) {
    case "callRing": {
      const c = q.store.calls.get(t.ref);
      if (c?.state === "ringing") await ringFailed(q, c);
      return true;
    }
    case "callWait":
      await callWaitOver(q, t.ref);
      return true;
    case "callMaxDuration":
      if (q.store.calls.get(t.ref)?.state === "connected")
        await finishCall(q, t.ref, "maxDuration", "system");
      return true;
    case "callSync":
      onSyncTimer(q, t.ref);
      return true;
    default:
      return false;
  }
}
