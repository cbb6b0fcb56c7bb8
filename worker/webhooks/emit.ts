/**
 * Events that happen in the Worker (a request handler, not a skill queue object): looks up the
 * tenant's subscriptions and queues one delivery per subscribed endpoint; a tenant without a
 * subscribed endpoint costs one D1 read. Call it after the change is written. An event that
 * cannot be queued is logged and lost (the Worker has no outbox, unlike the queue objects), so
 * pass a stable `id` when the caller may run twice for one change.
 */
import { newId } from "../db/ids";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import { makeEvent, type WebhookEventData, type WebhookEventType } from "./events";
import { deliveriesFor, enqueue, loadSubscriptions } from "./fan-out";

export async function emitWorkerEvent<T extends WebhookEventType>(
  env: Pick<Env, "DB" | "WEBHOOKS">,
  tenantId: string,
  type: T,
  data: WebhookEventData[T],
  options: { id?: string; now?: number } = {},
): Promise<void> {
  try {
    const subscriptions = await loadSubscriptions(database(env.DB), tenantId);
    const now = options.now ?? Date.now();
    const event = makeEvent(tenantId, type, data, options.id ?? newId("evt", now), now);
    const messages = deliveriesFor(subscriptions, event);
    if (messages.length > 0) await enqueue(env.WEBHOOKS, messages);
  } catch (err) {
    console.error("webhook event not queued", type, err);
  }
}
