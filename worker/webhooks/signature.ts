/**
 * Signing deliveries. Each request carries `X-EdgeCS-Signature: t=<unix seconds>,v1=<hex>`, where
 * the hex is HMAC-SHA256 keyed with the endpoint's secret (the whole `whsec_…` string as UTF-8)
 * over `<t>.<raw body>`. The receiver recomputes it over the raw body it got, compares in constant
 * time, and refuses a `t` more than 5 minutes from its clock (a replayed request); the README has
 * the recipe.
 */
import { newToken } from "../db/ids";

export const HEADERS = {
  signature: "x-edgecs-signature",
  eventId: "x-edgecs-event-id",
  eventType: "x-edgecs-event-type",
  attempt: "x-edgecs-delivery-attempt",
} as const;

/** A new endpoint secret: `whsec_` and 256 random bits. */
export function newSigningSecret(): string {
  return `whsec_${newToken()}`;
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** HMAC-SHA256(secret, `${t}.${body}`) in lower-case hex. */
export async function signature(secret: string, t: number, body: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return hex(await crypto.subtle.sign("HMAC", key, enc.encode(`${t}.${body}`)));
}

/** The `X-EdgeCS-Signature` value for `body` sent at `t` (unix seconds). */
export async function signatureHeader(secret: string, t: number, body: string): Promise<string> {
  return `t=${t},v1=${await signature(secret, t, body)}`;
}
