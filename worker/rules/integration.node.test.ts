import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyIdentityToken } from "../realtime/identity-token";
import { integrationOf } from "./integration";

describe("channel integration", () => {
  const integration = integrationOf("ch_abc", "https://cs.example", true);

  it("embeds the widget script with the channel id and links the Try page", () => {
    expect(integration.snippet).toBe(
      '<script src="https://cs.example/widget.js" data-channel="ch_abc" async></script>',
    );
    expect(integration.tryUrl).toBe("https://cs.example/try/ch_abc");
    expect(integration.identityToken).toMatchObject({ required: true, algorithm: "HS256" });
  });

  it("the example signs a valid HS256 token with the documented claims", async () => {
    const dir = mkdtempSync(join(tmpdir(), "identity-token-"));
    const file = join(dir, "sign.mjs");
    writeFileSync(file, integration.identityToken.example);
    const { identityToken } = await import(/* @vite-ignore */ pathToFileURL(file).href);
    const secret = "0123456789abcdef0123";
    const token: string = identityToken({ id: 42, name: "Ada" }, secret);

    const [header, payload, signature] = token.split(".");
    const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
    expect(signature).toBe(expected);
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" });
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    expect(claims).toMatchObject({ sub: "42", name: "Ada", channel: "ch_abc" });
    const now = Date.now() / 1000;
    expect(claims.exp).toBeGreaterThan(now + 200);
    expect(claims.exp).toBeLessThanOrEqual(now + 301);
    expect(Math.abs(claims.iat - now)).toBeLessThan(2);
    expect(await verifyIdentityToken(token, secret, "ch_abc", Date.now())).toEqual({
      ok: true,
      sub: "42",
      name: "Ada",
    });
  });
});
