/**
 * From an event to queued deliveries: one queue message per enabled endpoint of the tenant that
 * subscribes to the event's type, sent in batches within the Queues limits (100 messages and
 * 256 KB per `sendBatch`). Shared by the skill queue objects and the Worker.
 */
import { and, eq } from "drizzle-orm";
import { webhookEndpoints } from "../db/schema";
import type { Db } from "../db/tenant-db";
import type { DeliveryMessage, WebhookEvent } from "./events";

/** An enabled endpoint and the event types it wants. */
export type Subscription = { endpointId: string; events: readonly string[] };

const MAX_BATCH_MESSAGES = 100;
/** Below the 256 KB of a batch, with room for the queue's own framing. */
const MAX_BATCH_BYTES = 240 * 1024;

export async function loadSubscriptions(db: Db, tenantId: string): Promise<Subscription[]> {
  const rows = await db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)));
  return rows.map((r) => ({ endpointId: r.id, events: r.events }));
}

/** Whether any of `subscriptions` wants events of `type`. */
export function wants(subscriptions: readonly Subscription[], type: string): boolean {
  return subscriptions.some((s) => s.events.includes(type));
}

export function deliveriesFor(
  subscriptions: readonly Subscription[],
  event: WebhookEvent,
): DeliveryMessage[] {
  return subscriptions
    .filter((s) => s.events.includes(event.type))
    .map((s) => ({ endpointId: s.endpointId, tenantId: event.tenantId, event }));
}

/** `messages` cut into batches that each fit one `sendBatch`. */
export function batches(messages: readonly DeliveryMessage[]): DeliveryMessage[][] {
  const out: DeliveryMessage[][] = [];
  let current: DeliveryMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = new TextEncoder().encode(JSON.stringify(m)).length;
    if (current.length > 0 && (current.length === MAX_BATCH_MESSAGES || bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Sends `messages` to the delivery queue, batch by batch (throws when a batch is refused). */
export async function enqueue(
  queue: Queue<DeliveryMessage>,
  messages: readonly DeliveryMessage[],
): Promise<void> {
  for (const batch of batches(messages)) await queue.sendBatch(batch.map((body) => ({ body })));
}
