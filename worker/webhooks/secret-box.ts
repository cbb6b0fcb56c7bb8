/**
 * Endpoint secrets at rest. A secret must be usable to sign, so it cannot be hashed like a
 * password; it is encrypted with AES-256-GCM under the Worker secret `WEBHOOK_SECRETS_KEY` (32
 * random bytes, base64 or base64url), bound to its tenant and endpoint (additional data), so a
 * copy of the database alone reveals no secret and a sealed value cannot be moved to another
 * endpoint. Stored as `v1.<iv>.<ciphertext>` (base64url). Changing the key makes every stored
 * secret unreadable: rotate each endpoint's secret afterwards.
 */
import type { Env } from "../env";
import { ApiError } from "../http/problem";

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const fromB64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (ch) => ch.charCodeAt(0));

/** The AES key from `WEBHOOK_SECRETS_KEY`, or null when it is not set or not 32 bytes. */
async function keyOf(env: Pick<Env, "WEBHOOK_SECRETS_KEY">): Promise<CryptoKey | null> {
  const text = env.WEBHOOK_SECRETS_KEY?.trim();
  if (!text) return null;
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromB64(text);
  } catch {
    return null;
  }
  if (raw.length !== 32) return null;
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** 503 for webhook writes on a deployment without a usable key. */
export async function requireKey(env: Pick<Env, "WEBHOOK_SECRETS_KEY">): Promise<CryptoKey> {
  const key = await keyOf(env);
  if (!key)
    throw new ApiError(
      503,
      "Webhooks are not set up on this deployment: its operator must set the WEBHOOK_SECRETS_KEY secret (32 random bytes, base64)",
    );
  return key;
}

const context = (tenantId: string, endpointId: string) =>
  new TextEncoder().encode(`${tenantId}:${endpointId}`);

export async function seal(
  key: CryptoKey,
  secret: string,
  tenantId: string,
  endpointId: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: context(tenantId, endpointId) },
    key,
    new TextEncoder().encode(secret),
  );
  return `v1.${b64url(iv)}.${b64url(new Uint8Array(sealed))}`;
}

/** The secret, or null when the key is missing or does not open it (changed key, moved value). */
export async function open(
  env: Pick<Env, "WEBHOOK_SECRETS_KEY">,
  boxed: string,
  tenantId: string,
  endpointId: string,
): Promise<string | null> {
  const key = await keyOf(env);
  const [version, iv, data] = boxed.split(".");
  if (!key || version !== "v1" || !iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromB64(iv), additionalData: context(tenantId, endpointId) },
      key,
      fromB64(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
