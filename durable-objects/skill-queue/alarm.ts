/** What each timer kind does when it fires (see `timers.ts`); every handler re-checks its state. */
import { graceExpired, wrapUpEnded } from "./agents";
import { flushOutbox } from "./archive";
import { hasLiveCall } from "./calls/chat-side";
import { onCallTimer } from "./calls/timers";
import { robotIdle } from "./chatbot";
import type { QueueContext } from "./context";
import { EVALUATION_WINDOW_MS } from "./context";
import { endConversation } from "./conversation";
import { flushSoon } from "./events";
import { handOverArrived } from "./hand-over";
import { keptUntil, leftEventWaitEnded, leftMessageExpired } from "./leave-message";
import { offerTimedOut } from "./offer-answers";
import { remind } from "./positions";
import { requestAgent, waitTimedOut } from "./queue";
import { conclusionFor, DEFAULT_DIALOG_END, noReplyMs } from "./rules/dialog-end";
import type { DueTimer } from "./timers";
import { workTimeBoundary } from "./work-time-timer";

export const MAX_DURATION_NOTICE = "This chat reached its maximum duration and was closed.";

export async function onTimer(q: QueueContext, t: DueTimer): Promise<void> {
  if (await onCallTimer(q, t)) return;
  switch (t.kind) {
    case "wait":
      return waitTimedOut(q, t.ref);
    case "reminder":
      return remind(q, [t.ref]);
    case "noReply": {
      const c = q.store.conversations.get(t.ref);
      if (c?.state !== "connected") return;
      const channel = await q.config.channel(c.tenant_id, c.channel_id);
      const window = noReplyMs(channel?.config.dialogEnd ?? DEFAULT_DIALOG_END);
      const due = c.last_customer_at + window;
      // customer messages do not move the timer: it runs once per window and re-arms itself
      if (due > q.now()) return q.timers.set("noReply", c.id, due);
      // a customer on a call is talking, not typing: the window starts again when the call ends
      if (hasLiveCall(q, c.id)) return q.timers.set("noReply", c.id, q.now() + window);
      const conclusion = channel ? conclusionFor(channel.config.dialogEnd) : null;
      return endConversation(q, c.id, "noReply", conclusion ? { sender: "system", text: conclusion } : null);
    }
    case "maxDuration": {
      const c = q.store.conversations.get(t.ref);
      if (!c || c.state === "ended") return;
      return endConversation(q, c.id, "maxDuration", {
        sender: "system",
        text: MAX_DURATION_NOTICE,
        notice: { code: "maxDuration", params: {} },
      });
    }
    case "robotIdle":
      return robotIdle(q, t.ref);
    case "wrapUp":
      return wrapUpEnded(q, t.ref);
    case "signOutGrace":
      return graceExpired(q, t.ref);
    case "route":
      return requestAgent(q, t.ref);
    case "handOver":
      return handOverArrived(q, t.ref);
    case "archive":
      return flushOutbox(q);
    case "workTime":
      return workTimeBoundary(q, t.ref);
    case "offer":
      return offerTimedOut(q, t.ref);
    case "webhooks":
      return q.steps.later(async () => flushSoon(q));
    case "purge": {
      q.store.moves.forgetBefore(q.now() - EVALUATION_WINDOW_MS);
      const c = q.store.conversations.get(t.ref);
      if (c?.state !== "ended") return;
      // an answered or expired left message waits for its customer to see it
      const kept = await keptUntil(q, c);
      if (kept !== null) return q.timers.set("purge", c.id, kept);
      if (!q.store.outbox.all().some((o) => o.conversation_id === c.id)) q.store.conversations.delete(c.id);
      else q.timers.set("purge", c.id, q.now() + 60_000);
      return;
    }
    case "leftExpiry":
      return leftMessageExpired(q, t.ref);
    case "leftEvent":
      return leftEventWaitEnded(q, t.ref);
  }
}
