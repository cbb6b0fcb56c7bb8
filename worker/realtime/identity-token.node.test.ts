import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CLOCK_SKEW_MS,
  type IdentityClaims,
  type IdentityVerdict,
  MAX_LIFETIME_SECONDS,
  signIdentityToken,
  verifyIdentityToken,
} from "./identity-token";

const key = "s3cr3t-key-of-the-channel";
const now = Date.UTC(2025, 2, 5, 8, 0, 0);
const exp = now / 1000 + 600;
const claims: IdentityClaims = { sub: "cust-42", name: "Li Lei", channel: "ch_1", exp };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Signs arbitrary header and payload with node:crypto, an implementation independent of the module. */
const forge = (header: unknown, payload: unknown, secret = key) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
};
const hs256 = { alg: "HS256", typ: "JWT" };

describe("identity token", () => {
  it("accepts a token signed by the recipe and returns the customer", async () => {
    const token = await signIdentityToken(claims, key);
    expect(await verifyIdentityToken(token, key, "ch_1", now)).toEqual({
      ok: true,
      sub: "cust-42",
      name: "Li Lei",
    });
  });

  it("signs exactly like an independent HS256 implementation", async () => {
    const token = await signIdentityToken(claims, key);
    const [head, body] = token.split(".");
    expect(token).toBe(forge(JSON.parse(Buffer.from(head!, "base64url").toString()), claims));
    expect(JSON.parse(Buffer.from(body!, "base64url").toString())).toEqual(claims);
  });

  it("verifies the well-known jwt.io HS256 example's signature (then refuses it for lacking exp)", async () => {
    const token =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    expect(await verifyIdentityToken(token, "your-256-bit-secret", "ch_1", now)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(await verifyIdentityToken(token, "another-secret", "ch_1", now)).toEqual({
      ok: false,
      reason: "signature",
    });
  });

  const good = { sub: "c1", channel: "ch_1", exp };
  it.each<[string, () => string | Promise<string>, IdentityVerdict]>([
    ["no name", () => forge(hs256, good), { ok: true, sub: "c1", name: null }],
    ["header without typ", () => forge({ alg: "HS256" }, good), { ok: true, sub: "c1", name: null }],
    ["alg none", () => `${b64({ alg: "none" })}.${b64(good)}.`, { ok: false, reason: "malformed" }],
    ["alg none with a signature part", () => forge({ alg: "none" }, good), { ok: false, reason: "alg" }],
    ["alg HS512", () => forge({ alg: "HS512" }, good), { ok: false, reason: "alg" }],
    ["alg RS256", () => forge({ alg: "RS256" }, good), { ok: false, reason: "alg" }],
    ["alg in lower case", () => forge({ alg: "hs256" }, good), { ok: false, reason: "alg" }],
    ["another key", () => forge(hs256, good, "other-key"), { ok: false, reason: "signature" }],
    [
      "payload swapped after signing",
      () => {
        const [h, , s] = forge(hs256, good).split(".");
        return `${h}.${b64({ ...good, sub: "admin" })}.${s}`;
      },
      { ok: false, reason: "signature" },
    ],
    ["signature truncated", () => forge(hs256, good).slice(0, -4), { ok: false, reason: "signature" }],
    [
      "two parts",
      () => forge(hs256, good).split(".").slice(0, 2).join("."),
      { ok: false, reason: "malformed" },
    ],
    ["four parts", () => `${forge(hs256, good)}.x`, { ok: false, reason: "malformed" }],
    ["not base64url", () => `${b64(hs256)}.${b64(good)}.ab+c/d==`, { ok: false, reason: "malformed" }],
    [
      "payload not JSON",
      () => `${b64(hs256)}.${Buffer.from("{nope").toString("base64url")}.AAAA`,
      { ok: false, reason: "malformed" },
    ],
    ["payload an array", () => forge(hs256, [good]), { ok: false, reason: "malformed" }],
    ["empty", () => "", { ok: false, reason: "malformed" }],
    ["over-long", () => forge(hs256, { ...good, pad: "x".repeat(5000) }), { ok: false, reason: "malformed" }],
    ["exp missing", () => forge(hs256, { sub: "c1", channel: "ch_1" }), { ok: false, reason: "malformed" }],
    ["exp a string", () => forge(hs256, { ...good, exp: String(exp) }), { ok: false, reason: "malformed" }],
    [
      "exp + 30 s skew still ahead by 1 ms",
      () => forge(hs256, { ...good, exp: (now - 29_999) / 1000 }),
      { ok: true, sub: "c1", name: null },
    ],
    [
      "exp exactly 30 s ago",
      () => forge(hs256, { ...good, exp: (now - 30_000) / 1000 }),
      { ok: false, reason: "expired" },
    ],
    ["exp long ago", () => forge(hs256, { ...good, exp: 1 }), { ok: false, reason: "expired" }],
    ["another channel", () => forge(hs256, { ...good, channel: "ch_2" }), { ok: false, reason: "channel" }],
    ["channel missing", () => forge(hs256, { sub: "c1", exp }), { ok: false, reason: "channel" }],
    ["sub missing", () => forge(hs256, { channel: "ch_1", exp }), { ok: false, reason: "sub" }],
    ["sub empty", () => forge(hs256, { ...good, sub: "" }), { ok: false, reason: "sub" }],
    ["sub blank", () => forge(hs256, { ...good, sub: "   " }), { ok: false, reason: "sub" }],
    ["sub a number", () => forge(hs256, { ...good, sub: 42 }), { ok: false, reason: "sub" }],
    [
      "sub 32 chars",
      () => forge(hs256, { ...good, sub: "a".repeat(32) }),
      { ok: true, sub: "a".repeat(32), name: null },
    ],
    ["sub 33 chars", () => forge(hs256, { ...good, sub: "a".repeat(33) }), { ok: false, reason: "sub" }],
    [
      "sub 32 CJK chars",
      () => forge(hs256, { ...good, sub: "客".repeat(32) }),
      { ok: true, sub: "客".repeat(32), name: null },
    ],
    [
      "name 100 chars",
      () => forge(hs256, { ...good, name: "n".repeat(100) }),
      { ok: true, sub: "c1", name: "n".repeat(100) },
    ],
    [
      "name 101 chars",
      () => forge(hs256, { ...good, name: "n".repeat(101) }),
      { ok: false, reason: "malformed" },
    ],
    ["name not a string", () => forge(hs256, { ...good, name: 7 }), { ok: false, reason: "malformed" }],
    [
      "email and phone claims",
      () => forge(hs256, { ...good, email: " ada@example.com ", phone: "+44 20 7946 0000" }),
      { ok: true, sub: "c1", name: null, email: "ada@example.com", phone: "+44 20 7946 0000" },
    ],
    [
      "email 254 chars",
      () => forge(hs256, { ...good, email: "e".repeat(254) }),
      { ok: true, sub: "c1", name: null, email: "e".repeat(254) },
    ],
    [
      "email 255 chars",
      () => forge(hs256, { ...good, email: "e".repeat(255) }),
      { ok: false, reason: "malformed" },
    ],
    [
      "phone 32 chars",
      () => forge(hs256, { ...good, phone: "1".repeat(32) }),
      { ok: true, sub: "c1", name: null, phone: "1".repeat(32) },
    ],
    [
      "phone 33 chars",
      () => forge(hs256, { ...good, phone: "1".repeat(33) }),
      { ok: false, reason: "malformed" },
    ],
    ["phone a number", () => forge(hs256, { ...good, phone: 4420 }), { ok: false, reason: "malformed" }],
  ])("%s", async (_, make, verdict) => {
    expect(await verifyIdentityToken(await make(), key, "ch_1", now)).toEqual(verdict);
  });

  const ok: IdentityVerdict = { ok: true, sub: "c1", name: null };
  const sec = (ms: number) => ms / 1000;
  const cap = MAX_LIFETIME_SECONDS;
  const skew = CLOCK_SKEW_MS;
  it.each<[string, Record<string, unknown>, IdentityVerdict]>([
    ["nbf now", { nbf: sec(now) }, ok],
    ["nbf in the past", { nbf: sec(now) - 3600 }, ok],
    ["nbf 30 s ahead (within the skew)", { nbf: sec(now + skew) }, ok],
    ["nbf 30 s + 1 ms ahead", { nbf: sec(now + skew + 1) }, { ok: false, reason: "nbf" }],
    ["nbf an hour ahead", { nbf: sec(now) + 3600 }, { ok: false, reason: "nbf" }],
    ["nbf a string", { nbf: String(sec(now)) }, { ok: false, reason: "malformed" }],
    ["iat now", { iat: sec(now) }, ok],
    ["iat 30 s ahead (within the skew)", { iat: sec(now + skew) }, ok],
    ["iat 30 s + 1 ms ahead", { iat: sec(now + skew + 1) }, { ok: false, reason: "iat" }],
    [
      "iat a day ahead",
      { iat: sec(now) + 86_400, exp: sec(now) + 86_400 + 60 },
      { ok: false, reason: "iat" },
    ],
    ["iat null", { iat: null }, { ok: false, reason: "malformed" }],
    ["lifetime exactly the cap", { iat: sec(now), exp: sec(now) + cap }, ok],
    ["lifetime the cap + 1 s", { iat: sec(now), exp: sec(now) + cap + 1 }, { ok: false, reason: "lifetime" }],
    [
      "lifetime the cap + 1 s, issued long ago",
      { iat: sec(now) - 86_400, exp: sec(now) - 86_400 + cap + 1 },
      { ok: false, reason: "expired" },
    ],
    ["no iat: exp at now + cap + skew", { exp: sec(now + skew) + cap }, ok],
    ["no iat: exp 1 ms later", { exp: sec(now + skew + 1) + cap }, { ok: false, reason: "lifetime" }],
    ["no iat: exp a year ahead", { exp: sec(now) + 365 * 86_400 }, { ok: false, reason: "lifetime" }],
  ])("%s", async (_, extra, verdict) => {
    expect(await verifyIdentityToken(forge(hs256, { ...good, ...extra }), key, "ch_1", now)).toEqual(verdict);
  });

  it("refuses every token when the channel has no secretKey", async () => {
    expect(await verifyIdentityToken(forge(hs256, good, ""), "", "ch_1", now)).toEqual({
      ok: false,
      reason: "signature",
    });
  });
});
