import { describe, expect, it } from "vitest";
import {
  type AttachmentGrant,
  attachmentSigningKey,
  signAttachmentToken,
  verifyAttachmentToken,
} from "./attachment-token";
import { encodeBase64Url } from "./identity-token";

const KEY = "k".repeat(32);
const NOW = 1_767_225_600_000;
const grant: AttachmentGrant = {
  tenantId: "tn_1",
  channelId: "ch_1",
  queueId: "sq_1",
  conversationId: "cv_1",
  customerId: "anon_1",
  expiresAt: NOW + 1000,
};

describe("attachment tokens", () => {
  it("round-trips a grant until just before it expires", async () => {
    const token = await signAttachmentToken(grant, KEY);
    expect(await verifyAttachmentToken(token, KEY, NOW)).toEqual(grant);
    expect(await verifyAttachmentToken(token, KEY, NOW + 999)).toEqual(grant);
    expect(await verifyAttachmentToken(token, KEY, NOW + 1000)).toBeNull();
  });

  it("refuses another key, a changed claim, a changed signature and garbage", async () => {
    const token = await signAttachmentToken(grant, KEY);
    const [payload, mac] = token.split(".") as [string, string];
    const forged = encodeBase64Url(
      new TextEncoder().encode(
        JSON.stringify({ t: "tn_2", ch: "ch_1", q: "sq_1", c: "cv_1", u: "anon_1", e: NOW + 1000 }),
      ),
    );
    const flipped = `${mac.slice(0, -2)}${mac.endsWith("AA") ? "AB" : "AA"}`;
    for (const bad of [
      await signAttachmentToken(grant, "x".repeat(32)),
      `${forged}.${mac}`,
      `${payload}.${flipped}`,
      `${payload}.${mac}.x`,
      payload,
      "",
      ".",
      "%%%.%%%",
      `${payload}.${mac}${"A".repeat(1024)}`,
    ]) {
      expect(await verifyAttachmentToken(bad, KEY, NOW)).toBeNull();
    }
  });

  it("refuses a correctly signed token with missing claims", async () => {
    const { createHmac } = await import("node:crypto");
    const payload = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ t: "tn_1", e: NOW + 1000 })));
    const mac = createHmac("sha256", KEY).update(`attachments.${payload}`).digest("base64url");
    expect(await verifyAttachmentToken(`${payload}.${mac}`, KEY, NOW)).toBeNull();
  });

  it("treats a missing or short signing key as attachments off", () => {
    expect(attachmentSigningKey({})).toBeNull();
    expect(attachmentSigningKey({ ATTACHMENT_SIGNING_KEY: "k".repeat(31) })).toBeNull();
    expect(attachmentSigningKey({ ATTACHMENT_SIGNING_KEY: KEY })).toBe(KEY);
  });
});
