/**
 * The delivery queue's consumer (the Worker's `queue` handler). Each message is one event for one
 * endpoint: it is sent, logged, and then acknowledged, or retried with the backoff of
 * `rules/webhook-retry.ts` (`message.retry({ delaySeconds })`) until the event is 24 hours old,
 * when it is given up. A message for an endpoint that was deleted or disabled meanwhile is dropped.
 */
import { inArray } from "drizzle-orm";
import { webhookEndpoints } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import { afterFailure } from "../rules/webhook-retry";
import { deliver } from "./deliver";
import { countResult, logAttempt } from "./delivery-log";
import type { DeliveryMessage } from "./events";
import { open } from "./secret-box";

export const allowsLoopback = (env: Pick<Env, "WEBHOOK_ALLOW_LOOPBACK">) =>
  env.WEBHOOK_ALLOW_LOOPBACK === "1";

export const UNREADABLE_SECRET =
  "The endpoint's secret cannot be read (the encryption key changed): rotate the secret";

export async function consumeDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const db = database(env.DB);
  const ids = [...new Set(batch.messages.map((m) => m.body.endpointId))];
  const rows = await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids));
  const endpoints = new Map(rows.map((r) => [r.id, r]));
  await Promise.all(
    batch.messages.map(async (message) => {
      const { endpointId, tenantId, event } = message.body;
      const endpoint = endpoints.get(endpointId);
      if (!endpoint || endpoint.tenantId !== tenantId || !endpoint.enabled) return message.ack();
      try {
        const secret = await open(env, endpoint.secretBox, tenantId, endpointId);
        const result = secret
          ? await deliver(endpoint.url, secret, event, message.attempts, allowsLoopback(env))
          : { ok: false, statusCode: null, durationMs: 0, error: UNREADABLE_SECRET };
        const at = Date.now();
        const next = result.ok ? null : afterFailure(message.attempts, event.createdAt, at);
        const outcome = result.ok ? "delivered" : next?.retry ? "retrying" : "gaveUp";
        await logAttempt(db, {
          ...result,
          tenantId,
          endpointId,
          eventId: event.id,
          eventType: event.type,
          attempt: message.attempts,
          outcome,
          at,
          nextAttemptAt: next?.retry ? at + next.delaySeconds * 1000 : null,
        });
        await countResult(db, env, { endpointId, tenantId, ok: result.ok, at });
        if (next?.retry) message.retry({ delaySeconds: next.delaySeconds });
        else message.ack();
      } catch (err) {
        // the log or the count could not be written: try the whole delivery again while the event is young
        console.error("webhook delivery failed", endpointId, event.id, err);
        const next = afterFailure(message.attempts, event.createdAt, Date.now());
        if (next.retry) message.retry({ delaySeconds: next.delaySeconds });
        else message.ack();
      }
    }),
  );
}
