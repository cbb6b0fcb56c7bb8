/**
 * ICE servers for click-to-dial calls. In production the two browsers usually need a TURN relay;
 * with `TURN_KEY_ID` and the secret `TURN_KEY_API_TOKEN` set (a Cloudflare Realtime TURN key),
 * the Worker mints short-lived credentials for each party of each call through the TURN key API,
 * so no long-lived secret ever reaches a browser. Unset (local development, tests), no servers are
 * handed out and the browsers use host candidates, which is enough on one machine or a LAN.
 */
import * as v from "valibot";
import type { Env } from "../env";
import { type IceServer, IceServerSchema } from "./protocol";

/** How long minting may take before the call goes on without servers. */
export const MINT_TIMEOUT_MS = 5000;
/** Credentials outlive the longest call by this margin (TURN allocations are refreshed during a call). */
const TTL_MARGIN_SECONDS = 300;
/** The API's upper bound for a credential's lifetime. */
const MAX_TTL_SECONDS = 48 * 3600;

const AnswerSchema = v.object({
  iceServers: v.union([v.array(IceServerSchema), IceServerSchema]),
});

/** Lifetime of credentials for a call of a queue whose longest call lasts `maxCallSeconds`. */
export function credentialTtl(maxCallSeconds: number): number {
  return Math.min(MAX_TTL_SECONDS, Math.max(60, Math.round(maxCallSeconds)) + TTL_MARGIN_SECONDS);
}

/**
 * Browsers refuse port 53 (DNS) for TURN and STUN, so those URLs only slow ICE down: drop them,
 * and drop a server left without URLs.
 */
export function usableIceServers(servers: readonly IceServer[]): IceServer[] {
  const out: IceServer[] = [];
  for (const s of servers) {
    const urls = (Array.isArray(s.urls) ? s.urls : [s.urls]).filter((u) => !/:53(\?|$)/.test(u));
    if (urls.length) out.push({ ...s, urls });
  }
  return out;
}

/**
 * Mints ICE servers for one party of one call: [] when TURN is not configured or the TURN API
 * fails (the call then tries host candidates; the failure is logged).
 */
export async function mintIceServers(
  env: Pick<Env, "TURN_KEY_ID" | "TURN_KEY_API_TOKEN">,
  maxCallSeconds: number,
  doFetch: typeof fetch = fetch,
): Promise<IceServer[]> {
  if (!env.TURN_KEY_ID || !env.TURN_KEY_API_TOKEN) return [];
  try {
    const res = await doFetch(
      `https://rtc.live.cloudflare.com/v1/turn/keys/${encodeURIComponent(env.TURN_KEY_ID)}/credentials/generate-ice-servers`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${env.TURN_KEY_API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ ttl: credentialTtl(maxCallSeconds) }),
        signal: AbortSignal.timeout(MINT_TIMEOUT_MS),
      },
    );
    if (!res.ok) throw new Error(`TURN credentials: HTTP ${res.status}`);
    const parsed = v.safeParse(AnswerSchema, await res.json());
    if (!parsed.success) throw new Error("TURN credentials: unexpected answer");
    const servers = parsed.output.iceServers;
    return usableIceServers(Array.isArray(servers) ? servers : [servers]);
  } catch (err) {
    console.error("minting ICE servers failed", err);
    return [];
  }
}
