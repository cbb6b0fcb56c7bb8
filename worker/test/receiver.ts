/** The loopback webhook receiver of the tests (`webhook-receiver.ts`), seen from the Workers runtime. */
import { inject } from "vitest";
import { unique } from "./helpers";

export type Received = { headers: Record<string, string>; body: string; at: number };

/** A fresh bucket: its URL (with `query`, e.g. `fail=2`) and its log. */
export function bucket(query = "") {
  const name = `b${unique()}`;
  const base = inject("webhookReceiver");
  return {
    url: `${base}/in/${name}${query ? `?${query}` : ""}`,
    log: async (): Promise<Received[]> => (await fetch(`${base}/log/${name}`)).json(),
    /** Waits until the bucket holds at least `n` requests (or `timeoutMs` passed). */
    async waitFor(n: number, timeoutMs = 10_000): Promise<Received[]> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const got = await this.log();
        if (got.length >= n || Date.now() > until) return got;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** Checks an `X-EdgeCS-Signature` the way a receiver should (HMAC-SHA256 over `t.body`). */
export async function verifies(secret: string, header: string, body: string): Promise<boolean> {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const mac = Uint8Array.from((parts.v1 ?? "").match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  return crypto.subtle.verify("HMAC", key, mac, enc.encode(`${parts.t}.${body}`));
}
