import { describe, expect, it } from "vitest";
import { credentialTtl, mintIceServers, usableIceServers } from "./ice-servers";

const TURN = { TURN_KEY_ID: "key-1", TURN_KEY_API_TOKEN: "secret-token" };

/** Plays the TURN key API: records each request and answers `body` with `status`. */
function api(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const doFetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { calls, doFetch };
}

describe("ICE servers for a call", () => {
  it("hands out none, and asks nobody, when TURN is not configured", async () => {
    const { calls, doFetch } = api(201, {});
    expect(await mintIceServers({}, 600, doFetch)).toEqual([]);
    expect(await mintIceServers({ TURN_KEY_ID: "key-1" }, 600, doFetch)).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it("mints short-lived credentials with the key's token; the token never reaches the answer", async () => {
    const { calls, doFetch } = api(201, {
      iceServers: [
        { urls: ["stun:stun.cloudflare.com:3478", "stun:stun.cloudflare.com:53"] },
        {
          urls: ["turn:turn.cloudflare.com:3478?transport=udp", "turn:turn.cloudflare.com:53?transport=udp"],
          username: "u1",
          credential: "c1",
        },
      ],
    });
    const servers = await mintIceServers(TURN, 600, doFetch);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(
      "https://rtc.live.cloudflare.com/v1/turn/keys/key-1/credentials/generate-ice-servers",
    );
    expect(calls[0]!.init.method).toBe("POST");
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe("Bearer secret-token");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ ttl: 900 });
    // port 53 is refused by browsers: dropped
    expect(servers).toEqual([
      { urls: ["stun:stun.cloudflare.com:3478"] },
      { urls: ["turn:turn.cloudflare.com:3478?transport=udp"], username: "u1", credential: "c1" },
    ]);
    expect(JSON.stringify(servers)).not.toContain("secret-token");
  });

  it("accepts the single-object answer", async () => {
    const { doFetch } = api(201, {
      iceServers: { urls: "turn:turn.example:3478", username: "u", credential: "c" },
    });
    expect(await mintIceServers(TURN, 600, doFetch)).toEqual([
      { urls: ["turn:turn.example:3478"], username: "u", credential: "c" },
    ]);
  });

  it.each([
    ["an HTTP error", api(401, { errors: ["bad token"] })],
    ["an unexpected answer", api(201, { servers: [] })],
  ])("goes on without servers after %s", async (_label, { doFetch }) => {
    expect(await mintIceServers(TURN, 600, doFetch)).toEqual([]);
  });

  it("credentials outlive the queue's longest call, within the API's 48 h", () => {
    expect(credentialTtl(600)).toBe(900);
    expect(credentialTtl(1)).toBe(360);
    expect(credentialTtl(86400)).toBe(86700);
    expect(credentialTtl(10 * 86400)).toBe(48 * 3600);
  });

  it("drops a server left without URLs", () => {
    expect(usableIceServers([{ urls: "stun:example:53" }, { urls: "stun:example:3478" }])).toEqual([
      { urls: ["stun:example:3478"] },
    ]);
  });
});
