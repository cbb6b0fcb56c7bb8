/**
 * Webhook events of the queue. A handler calls `emitEvent` in the step that makes the change: the
 * event is written to the webhook outbox (`store/events.ts`) together with the change (in the
 * step's transaction, or, on the message path, synchronously right after the message row, so the
 * runtime commits both at once), and nothing else happens on that path. After the step commits,
 * the outbox is handed to the delivery queue outside the event chain, one `sendBatch` for
 * whatever accumulated meanwhile, and the sent events are deleted.
 *
 * Exactly one event per change: the event id is derived from the change (`msg:<conversationId>:
 * <seq>` for a message), recorded once, and a rolled-back step leaves no event. A hand-over that
 * fails is retried (`webhooks` timer, 30 s), events left by a stop are sent when the object
 * starts again, and an event still unsent after 24 hours is dropped. Delivery to receivers is
 * at-least-once with the same id, so they dedupe on it.
 *
 * A tenant without an endpoint that wants the event type pays one in-memory check: the tenant's
 * subscriptions are cached with the queue's configuration (and dropped with it by
 * `invalidateConfig`, which every webhook change triggers). While they are unknown the event is
 * recorded and the hand-over decides.
 */

import { MAX_EVENT_AGE_MS } from "../../worker/rules/webhook-retry";
import type { WebhookEvent, WebhookEventData, WebhookEventType } from "../../worker/webhooks/events";
import { makeEvent } from "../../worker/webhooks/events";
import { deliveriesFor, enqueue, wants } from "../../worker/webhooks/fan-out";
import type { QueueContext } from "./context";

/** A failed hand-over to the delivery queue is tried again this much later. */
export const EVENT_RETRY_MS = 30_000;
/** Events handed over per `sendBatch` group. */
const PAGE = 50;

/** Whether an event of `type` may be wanted (false only when the subscriptions are known not to want it). */
export function mayWant(q: QueueContext, type: WebhookEventType): boolean {
  const known = q.config.knownSubscriptions();
  return !known || wants(known, type);
}

/** Records a webhook event of this queue's tenant in the open step; `id` is stable for the change. */
export function emitEvent<T extends WebhookEventType>(
  q: QueueContext,
  type: T,
  data: WebhookEventData[T],
  id: string,
): void {
  if (!mayWant(q, type)) return;
  const tenantId = q.store.meta.get("tenantId");
  if (!tenantId) return;
  q.store.events.add(makeEvent(tenantId, type, data, id, q.now()));
  q.steps.effect(() => flushSoon(q));
}

const flushing = new WeakMap<QueueContext, { again: boolean }>();

/** Starts handing the outbox over unless that is running (then it runs once more afterwards). */
export function flushSoon(q: QueueContext): void {
  const running = flushing.get(q);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: true };
  flushing.set(q, state);
  void (async () => {
    try {
      while (state.again) {
        state.again = false;
        await flushEvents(q);
      }
    } catch (err) {
      console.error("webhook outbox flush failed", err);
    } finally {
      flushing.delete(q);
    }
  })();
}

/** Hands every recorded event to the delivery queue; what fails stays and is retried later. */
export async function flushEvents(q: QueueContext): Promise<void> {
  const now = q.now();
  const dropped = q.store.events.dropOlderThan(now - MAX_EVENT_AGE_MS);
  if (dropped > 0) console.error("webhook events dropped after 24 hours unsent", dropped);
  const tenantId = q.store.meta.get("tenantId");
  let failed = false;
  let done = 0;
  for (;;) {
    const rows = q.store.events.pending(PAGE + done).slice(done);
    if (rows.length === 0 || !tenantId) break;
    let subscriptions: Awaited<ReturnType<typeof q.config.subscriptions>>;
    try {
      subscriptions = await q.config.subscriptions(tenantId, now);
    } catch (err) {
      console.error("webhook subscriptions not loaded", err);
      failed = true;
      break;
    }
    const events = rows.map((r) => {
      const event = JSON.parse(r.body) as WebhookEvent;
      return { id: r.id, messages: deliveriesFor(subscriptions, event) };
    });
    const kept = await handOver(q, events);
    failed ||= kept > 0;
    done += kept;
    if (rows.length < PAGE) break;
  }
  if (failed && q.timers.get("webhooks", "outbox") === null) {
    q.timers.set("webhooks", "outbox", q.now() + EVENT_RETRY_MS);
    await q.timers.arm();
  }
}

type Pending = { id: string; messages: ReturnType<typeof deliveriesFor> };

/**
 * Sends the events' deliveries and deletes the events that were sent; a group that fails is
 * tried event by event, so one event the queue refuses does not hold the others back. Returns how
 * many events are left.
 */
async function handOver(q: QueueContext, events: Pending[]): Promise<number> {
  try {
    await enqueue(
      q.env.WEBHOOKS,
      events.flatMap((e) => e.messages),
    );
    q.store.events.remove(events.map((e) => e.id));
    return 0;
  } catch (err) {
    if (events.length === 1) {
      console.error("webhook event not queued", events[0]?.id, err);
      return 1;
    }
    let left = 0;
    for (const e of events) left += await handOver(q, [e]);
    return left;
  }
}
