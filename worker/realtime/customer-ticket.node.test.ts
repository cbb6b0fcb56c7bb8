import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./chat-ticket-limit";
import {
  CUSTOMER_TICKET_TTL_MS,
  issueCustomerTicket,
  MAX_CUSTOMER_TICKET_LENGTH,
  readTicketHeader,
  ticketHeader,
  verifyCustomerTicket,
} from "./customer-ticket";

const who = {
  kind: "customer" as const,
  tenantId: "tn_1",
  channelId: "ch_1",
  customerId: "anon_1",
  customerName: "Ada",
  conversationId: null,
  preChat: [{ key: "topic", label: "Topic", value: "Billing", verified: false }],
};
const key = { TICKET_SECRET: "test-ticket-secret" };
const T0 = 1_800_000_000_000;

describe("signed customer tickets", () => {
  it("carry the queue, the identity and the pre-chat values", async () => {
    const t = await issueCustomerTicket(key, "sq_1", who, T0);
    const v = await verifyCustomerTicket(key, t, T0);
    expect(v).toMatchObject({ skillQueueId: "sq_1", exp: T0 + CUSTOMER_TICKET_TTL_MS, identity: who });
    expect(v?.jti).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each([
    [CUSTOMER_TICKET_TTL_MS - 1, true],
    [CUSTOMER_TICKET_TTL_MS, false],
    [CUSTOMER_TICKET_TTL_MS + 1, false],
  ])("verified %i ms after issue → valid %s (expires at exp)", async (after, valid) => {
    const t = await issueCustomerTicket(key, "sq_1", who, T0);
    expect((await verifyCustomerTicket(key, t, T0 + after)) !== null).toBe(valid);
  });

  it("a key derived from PLATFORM_TOKEN works and differs from TICKET_SECRET's", async () => {
    const platform = { PLATFORM_TOKEN: "platform" };
    const t = await issueCustomerTicket(platform, "sq_1", who, T0);
    expect(await verifyCustomerTicket(platform, t, T0)).not.toBeNull();
    expect(await verifyCustomerTicket({ TICKET_SECRET: "platform" }, t, T0)).toBeNull();
    expect(await verifyCustomerTicket({ ...platform, ...key }, t, T0)).toBeNull();
    await expect(issueCustomerTicket({}, "sq_1", who, T0)).rejects.toThrow(/TICKET_SECRET/);
  });

  it("refuses a changed payload, another key, other shapes and over-long tickets", async () => {
    const t = await issueCustomerTicket(key, "sq_1", who, T0);
    const [, body, sig] = t.split(".");
    const forged = btoa(JSON.stringify({ ...JSON.parse(atob(body ?? "")), q: "sq_2" })).replace(/=+$/, "");
    for (const bad of [
      `c1.${forged}.${sig}`,
      `c1.${body}.${sig}x`,
      `c1.${body}`,
      `c2.${body}.${sig}`,
      `${t}.x`,
      "",
      "c1..",
      `c1.${"A".repeat(MAX_CUSTOMER_TICKET_LENGTH)}.${sig}`,
    ])
      expect(await verifyCustomerTicket(key, bad, T0)).toBeNull();
    expect(await verifyCustomerTicket({ TICKET_SECRET: "other" }, t, T0)).toBeNull();
  });

  it("the forwarded header round-trips and refuses junk", () => {
    expect(readTicketHeader(ticketHeader({ jti: "a".repeat(32), exp: T0 }))).toEqual({
      jti: "a".repeat(32),
      exp: T0,
    });
    for (const bad of [
      null,
      "",
      "short:1",
      `${"a".repeat(32)}:`,
      `${"a".repeat(32)}:1:2`,
      `a b${"a".repeat(20)}:1`,
    ])
      expect(readTicketHeader(bad)).toBeNull();
  });
});

describe("Retry-After of the ticket rate limit", () => {
  it.each([
    [0, 60],
    [1, 60],
    [999, 60],
    [1000, 59],
    [59_000, 1],
    [59_999, 1],
    [60_000, 60],
  ])("%i ms into a minute → %i s", (into, seconds) => {
    expect(retryAfterSeconds(T0 - (T0 % 60_000) + into)).toBe(seconds);
  });
});
