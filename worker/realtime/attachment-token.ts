/**
 * The customer's capability for the attachments of one conversation. A customer has no session,
 * so the queue object that admits their socket mints this token (in `session.welcome`) and the
 * Worker accepts it for uploading to that conversation and for downloading its files
 * (`worker/api/attachments.ts`); nothing else.
 *
 * Format: `base64url(JSON claims) "." base64url(HMAC-SHA256(key, "attachments." + first part))`,
 * claims `{t: tenantId, ch: channelId, q: skillQueueId, c: conversationId, u: customerId, e:
 * expiry in ms}`. The key is the `ATTACHMENT_SIGNING_KEY` secret; without one, attachments are off.
 * A token lives `ATTACHMENT_TOKEN_TTL_MS` (4 hours) and every connection brings a fresh one.
 * Verification compares in constant time (`crypto.subtle.verify`).
 */
import { decodeBase64Url, decodeJson, encodeBase64Url, hmacKey } from "./identity-token";

export const ATTACHMENT_TOKEN_TTL_MS = 4 * 60 * 60_000;
/** Longer strings are refused before any decoding. */
const MAX_TOKEN_LENGTH = 1024;
/** A key shorter than this is treated as missing. */
export const MIN_SIGNING_KEY_LENGTH = 32;

export type AttachmentGrant = {
  tenantId: string;
  channelId: string;
  queueId: string;
  conversationId: string;
  customerId: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
};

/** The signing key from the environment, or null when it is missing or too short (attachments off). */
export function attachmentSigningKey(env: { ATTACHMENT_SIGNING_KEY?: string }): string | null {
  const key = env.ATTACHMENT_SIGNING_KEY;
  return key && key.length >= MIN_SIGNING_KEY_LENGTH ? key : null;
}

const signed = (payload: string) => new TextEncoder().encode(`attachments.${payload}`);

export async function signAttachmentToken(grant: AttachmentGrant, key: string): Promise<string> {
  const claims = {
    t: grant.tenantId,
    ch: grant.channelId,
    q: grant.queueId,
    c: grant.conversationId,
    u: grant.customerId,
    e: grant.expiresAt,
  };
  const payload = encodeBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(key, "sign"), signed(payload));
  return `${payload}.${encodeBase64Url(new Uint8Array(mac))}`;
}

/** The grant of a well-formed, correctly signed token that has not expired at `now`; else null. */
export async function verifyAttachmentToken(
  token: string,
  key: string,
  now: number,
): Promise<AttachmentGrant | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [payload, mac, ...rest] = token.split(".");
  const signature = mac === undefined ? null : decodeBase64Url(mac);
  if (!payload || !signature || rest.length > 0) return null;
  if (!(await crypto.subtle.verify("HMAC", await hmacKey(key, "verify"), signature, signed(payload))))
    return null;
  const c = decodeJson(payload) as Record<string, unknown> | null;
  if (!c || typeof c !== "object") return null;
  const { t, ch, q, c: conversationId, u, e } = c;
  const strings = [t, ch, q, conversationId, u];
  if (!strings.every((s) => typeof s === "string" && s !== "") || typeof e !== "number") return null;
  if (now >= e) return null;
  return {
    tenantId: t as string,
    channelId: ch as string,
    queueId: q as string,
    conversationId: conversationId as string,
    customerId: u as string,
    expiresAt: e,
  };
}
