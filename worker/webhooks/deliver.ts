/**
 * One delivery attempt: POST the event as JSON to the endpoint, signed, within
 * `DELIVERY_TIMEOUT_MS`, without following redirects. Only a 2xx answer counts as delivered. The
 * URL is checked against the endpoint rule again first, in case the rule is stricter now.
 */

import { DELIVERY_TIMEOUT_MS } from "../rules/webhook-retry";
import { checkWebhookUrl } from "../rules/webhook-url";
import type { DeliveryMessage } from "./events";
import { HEADERS, signatureHeader } from "./signature";

export type AttemptResult = {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
};

export const USER_AGENT = "EdgeCS-Webhooks/1";

export async function deliver(
  url: string,
  secret: string,
  event: DeliveryMessage["event"],
  attempt: number,
  allowLoopback: boolean,
): Promise<AttemptResult> {
  const rule = checkWebhookUrl(url, allowLoopback);
  if (!rule.ok) return { ok: false, statusCode: null, durationMs: 0, error: rule.message };
  const body = JSON.stringify(event);
  const started = Date.now();
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    [HEADERS.eventId]: event.id,
    [HEADERS.eventType]: event.type,
    [HEADERS.attempt]: String(attempt),
    [HEADERS.signature]: await signatureHeader(secret, Math.floor(started / 1000), body),
  };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await res.body?.cancel();
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      statusCode: res.status,
      durationMs: Date.now() - started,
      error: ok ? null : `The receiver answered ${res.status}`,
    };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return {
      ok: false,
      statusCode: null,
      durationMs: Date.now() - started,
      error: timedOut
        ? `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
        : `Could not connect: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300),
    };
  }
}
