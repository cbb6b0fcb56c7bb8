/**
 * Customer WebSocket tickets as signed tokens, so admitting a customer writes nothing to D1 (its
 * one primary would cap every deployment; docs/scaling.md). A ticket is
 * `c1.<payload>.<signature>`: base64url JSON `{jti, exp, q, who}` (a random id, the expiry in epoch
 * ms, the skill queue and the customer's identity with the pre-chat values) and its HMAC-SHA-256
 * under the deployment's ticket key. The Worker checks the signature (in constant time,
 * `crypto.subtle.verify`) and the expiry; the queue object named by `q` enforces single use by
 * claiming `jti` in its own SQLite until `exp` (store/used-tickets.ts), as the single writer of
 * that queue.
 *
 * The key: the `TICKET_SECRET` secret, else one derived from `PLATFORM_TOKEN` (HMAC of a fixed
 * label), so local runs and tests need no extra setting; with neither, no ticket is issued.
 */
import * as v from "valibot";
import { newToken } from "../db/ids";
import { type CustomerIdentity, CustomerIdentitySchema } from "./identity";

/** How long a ticket admits its socket. */
export const CUSTOMER_TICKET_TTL_MS = 60_000;
/** Longer tickets are refused before any decoding (pre-chat values make them ~0.5–3 KB). */
export const MAX_CUSTOMER_TICKET_LENGTH = 8192;
const PREFIX = "c1.";
/** The admitted ticket `<jti>:<exp>` the Worker forwards to the queue object, which claims it. */
export const TICKET_HEADER = "x-ecs-ticket";

type Secrets = { TICKET_SECRET?: string; PLATFORM_TOKEN?: string };

export type CustomerTicket = { jti: string; exp: number; skillQueueId: string; identity: CustomerIdentity };

const PayloadSchema = v.object({
  jti: v.pipe(v.string(), v.minLength(16), v.maxLength(64)),
  exp: v.pipe(v.number(), v.integer()),
  q: v.string(),
  who: CustomerIdentitySchema,
});

const keys = new Map<string, Promise<CryptoKey>>();

/** The HMAC key of customer tickets (cached per secret for the isolate's life). */
function ticketKey(env: Secrets): Promise<CryptoKey> {
  const own = env.TICKET_SECRET;
  const source = own ? `own:${own}` : env.PLATFORM_TOKEN ? `platform:${env.PLATFORM_TOKEN}` : null;
  // a deployment error, not the client's: answered 500 and logged
  if (!source) throw new Error("Customers cannot be admitted: set the TICKET_SECRET secret");
  let key = keys.get(source);
  if (!key) {
    key = (async () => {
      const raw = own
        ? new TextEncoder().encode(own)
        : await hmac(await importKey(new TextEncoder().encode(env.PLATFORM_TOKEN)), "customer-ticket-v1");
      return importKey(raw);
    })();
    keys.set(source, key);
  }
  return key;
}

function importKey(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

async function hmac(key: CryptoKey, text: string): Promise<ArrayBuffer> {
  return crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));
}

/** Signs a ticket admitting `identity` to `skillQueueId`'s object until `now + CUSTOMER_TICKET_TTL_MS`. */
export async function issueCustomerTicket(
  env: Secrets,
  skillQueueId: string,
  identity: v.InferInput<typeof CustomerIdentitySchema>,
  now: number,
  ttlMs = CUSTOMER_TICKET_TTL_MS,
): Promise<string> {
  const payload = { jti: newToken().slice(0, 32), exp: now + ttlMs, q: skillQueueId, who: identity };
  const body = encode(new TextEncoder().encode(JSON.stringify(payload)));
  const signature = await hmac(await ticketKey(env), `${PREFIX}${body}`);
  return `${PREFIX}${body}.${encode(new Uint8Array(signature))}`;
}

/**
 * The ticket's content when its signature is ours and it has not expired (`now < exp`: at `exp`
 * it is refused); null otherwise. Whether it was used already is the queue object's check.
 */
export async function verifyCustomerTicket(
  env: Secrets,
  ticket: string,
  now: number,
): Promise<CustomerTicket | null> {
  if (ticket.length > MAX_CUSTOMER_TICKET_LENGTH || !ticket.startsWith(PREFIX)) return null;
  const [body, signature, ...rest] = ticket.slice(PREFIX.length).split(".");
  if (!body || !signature || rest.length > 0) return null;
  const sig = decode(signature);
  const json = decode(body);
  if (!sig || !json) return null;
  const signed = new TextEncoder().encode(`${PREFIX}${body}`);
  if (!(await crypto.subtle.verify("HMAC", await ticketKey(env), sig, signed))) return null;
  let parsed: v.SafeParseResult<typeof PayloadSchema>;
  try {
    parsed = v.safeParse(PayloadSchema, JSON.parse(new TextDecoder().decode(json)));
  } catch {
    return null;
  }
  if (!parsed.success || now >= parsed.output.exp) return null;
  const { jti, exp, q, who } = parsed.output;
  return { jti, exp, skillQueueId: q, identity: who };
}

/** Whether a ticket is of the signed customer kind (agent and call tickets are random D1 tokens). */
export function isCustomerTicket(ticket: string): boolean {
  return ticket.startsWith(PREFIX);
}

/** The `TICKET_HEADER` value of a verified ticket. */
export function ticketHeader(t: Pick<CustomerTicket, "jti" | "exp">): string {
  return `${t.jti}:${t.exp}`;
}

/** Reads `TICKET_HEADER`; null when absent or malformed. */
export function readTicketHeader(value: string | null): { jti: string; exp: number } | null {
  const m = value?.match(/^([A-Za-z0-9_-]{16,64}):(\d{1,16})$/);
  return m?.[1] && m[2] ? { jti: m[1], exp: Number(m[2]) } : null;
}

function encode(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decode(part: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part) || part.length % 4 === 1) return null;
  const binary = atob(part.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
