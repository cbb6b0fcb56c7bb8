/**
 * Identity tokens for channels with third-party authentication: an HS256 JWT (RFC 7519) that the
 * integrator's server signs with the channel's secretKey, so the secretKey never reaches a browser.
 *
 * Claims: `sub` (the customer id, 1–32 characters), `name` (optional, at most 100 characters),
 * `email` and `phone` (optional, at most 254 and 32 characters: they fill and lock the pre-chat
 * form's email and phone fields, as `name` does its name field), `channel` (the channel id), `exp` (expiry, seconds since the epoch; required), `iat` (issued at)
 * and `nbf` (not before), both optional. Every time is checked with 30 s of clock skew between the
 * integrator's server and ours: a token is accepted from 30 s before `nbf` and until 30 s after
 * `exp`, and refused when `iat` is more than 30 s ahead. A token may live at most
 * `MAX_LIFETIME_SECONDS` (1 hour): `exp − iat` ≤ 3600 s, or without `iat`, `exp` at most 1 hour
 * (plus the skew) from now, so a leaked token cannot be replayed for long.
 * The signature is checked with `crypto.subtle.verify`, which compares in constant time.
 */

export type IdentityClaims = {
  sub: string;
  name?: string;
  email?: string;
  phone?: string;
  channel: string;
  exp: number;
  iat?: number;
  nbf?: number;
};

export type IdentityRefusal =
  | "malformed"
  | "alg"
  | "signature"
  | "expired"
  | "nbf"
  | "iat"
  | "lifetime"
  | "channel"
  | "sub";

export type IdentityVerdict =
  | { ok: true; sub: string; name: string | null; email?: string; phone?: string }
  | { ok: false; reason: IdentityRefusal };

/** Accepted clock skew around `exp`, `nbf` and `iat`, in milliseconds. */
export const CLOCK_SKEW_MS = 30_000;
/** Longest accepted token lifetime (`exp − iat`, or `exp − now` without `iat`), in seconds. */
export const MAX_LIFETIME_SECONDS = 3600;

/** Each refusal in words for the 401 an integrator reads. */
export const REFUSAL_TEXT: Record<IdentityRefusal, string> = {
  malformed:
    "it is not a well-formed JWT with numeric exp (and iat, nbf when present), a name of at most 100 characters and, when present, an email of at most 254 and a phone of at most 32 characters",
  alg: "its header alg must be HS256",
  signature: "its signature does not match the channel's secretKey",
  expired: "it has expired (exp is past)",
  nbf: "it is not valid yet (nbf is in the future)",
  iat: "it was issued in the future (iat is ahead of our clock)",
  lifetime: `it lives longer than ${MAX_LIFETIME_SECONDS} s (exp − iat, or exp − now without iat)`,
  channel: "its channel claim names another channel",
  sub: "its sub (the customer id) must be 1–32 characters",
};
/** Longer tokens are refused before any decoding. */
export const MAX_TOKEN_LENGTH = 4096;
const MAX_SUB_CHARS = 32;
const MAX_NAME_CHARS = 100;
/** Longest optional `email` and `phone` claims (as the pre-chat form's values). */
const MAX_CLAIM_CHARS = { email: 254, phone: 32 } as const;

/**
 * Verifies a token for `channelId` at `now` (epoch ms). Checks in this order: shape (`malformed`),
 * header `alg` = HS256 (`alg`, so `none` and asymmetric algorithms are refused), signature
 * (`signature`; also for an empty secretKey), then the claims: a missing or non-numeric `exp` or an
 * invalid `name` is `malformed`, a past `exp` is `expired`, another channel is `channel`, a missing,
 * blank or over-long `sub` is `sub`.
 */
export async function verifyIdentityToken(
  token: string,
  secretKey: string,
  channelId: string,
  now: number,
): Promise<IdentityVerdict> {
  if (token.length > MAX_TOKEN_LENGTH) return refuse("malformed");
  const parts = token.split(".");
  if (parts.length !== 3) return refuse("malformed");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  const signature = decodeBase64Url(signaturePart);
  if (!isRecord(header) || !isRecord(payload) || signature === null) return refuse("malformed");
  if (header.alg !== "HS256") return refuse("alg");
  if (secretKey === "") return refuse("signature");
  const key = await hmacKey(secretKey, "verify");
  const signed = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  if (!(await crypto.subtle.verify("HMAC", key, signature, signed))) return refuse("signature");

  const { exp, iat, nbf, channel, sub, name, email, phone } = payload;
  if (!isTime(exp) || (iat !== undefined && !isTime(iat)) || (nbf !== undefined && !isTime(nbf))) {
    return refuse("malformed");
  }
  if (name !== undefined && name !== null && (typeof name !== "string" || chars(name) > MAX_NAME_CHARS)) {
    return refuse("malformed");
  }
  if (!optionalText(email, MAX_CLAIM_CHARS.email) || !optionalText(phone, MAX_CLAIM_CHARS.phone)) {
    return refuse("malformed");
  }
  if (now >= exp * 1000 + CLOCK_SKEW_MS) return refuse("expired");
  if (nbf !== undefined && now < nbf * 1000 - CLOCK_SKEW_MS) return refuse("nbf");
  if (iat !== undefined && iat * 1000 > now + CLOCK_SKEW_MS) return refuse("iat");
  const issued = iat !== undefined ? iat * 1000 : now + CLOCK_SKEW_MS;
  if (exp * 1000 - issued > MAX_LIFETIME_SECONDS * 1000) return refuse("lifetime");
  if (channel !== channelId) return refuse("channel");
  if (typeof sub !== "string" || sub.trim() === "" || chars(sub) > MAX_SUB_CHARS) return refuse("sub");
  return {
    ok: true,
    sub,
    name: typeof name === "string" && name !== "" ? name : null,
    ...(typeof email === "string" && email.trim() ? { email: email.trim() } : {}),
    ...(typeof phone === "string" && phone.trim() ? { phone: phone.trim() } : {}),
  };
}

/** Absent, null, or text of at most `max` characters. */
function optionalText(value: unknown, max: number): boolean {
  return value === undefined || value === null || (typeof value === "string" && chars(value) <= max);
}

/**
 * Signs a token, as the integrator's server would (the integration recipe shows the same steps);
 * used by tests and the try-it page.
 */
export async function signIdentityToken(claims: IdentityClaims, secretKey: string): Promise<string> {
  const encoder = new TextEncoder();
  const head = encodeBase64Url(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));
  const body = encodeBase64Url(encoder.encode(JSON.stringify(claims)));
  const key = await hmacKey(secretKey, "sign");
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(`${head}.${body}`));
  return `${head}.${body}.${encodeBase64Url(new Uint8Array(signature))}`;
}

function refuse(reason: IdentityRefusal): IdentityVerdict {
  return { ok: false, reason };
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** An HMAC-SHA256 key from a secret string (also used by `attachment-token.ts`). */
export function hmacKey(secretKey: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secretKey),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [usage],
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function chars(s: string): number {
  return [...s].length;
}

/** The JSON in a base64url part, or null. */
export function decodeJson(part: string): unknown {
  const bytes = decodeBase64Url(part);
  if (bytes === null) return null;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

/** Unpadded base64url (RFC 7515 §2); anything else is refused rather than guessed at. */
export function decodeBase64Url(part: string): Uint8Array<ArrayBuffer> | null {
  if (part === "" || !/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return null;
  const binary = atob(part.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
