/**
 * Resolves the identifier of a data-protection request to the customer it names in one tenant
 * (`CustomerMatch`). A `sub` or a `customerId` is the customer id itself; a widget `visitorId`
 * gives one derived customer id per channel of the tenant (`anonymousCustomerId`); an email gives
 * the customer ids of every conversation or case that carries it, and matches those rows itself.
 */
import { and, eq } from "drizzle-orm";
import { anonymousCustomerId } from "../api/chat-tickets";
import { cases, channels, conversations } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import type { PrivacyRequest } from "../schemas/privacy";
import { type CustomerMatch, casesOf, conversationsOf } from "./customer-match";

export async function identify(
  env: Pick<Env, "DB">,
  tenantId: string,
  request: PrivacyRequest,
): Promise<CustomerMatch> {
  const db = database(env.DB);
  const match = (customerIds: string[], email: string | null = null): CustomerMatch => ({
    tenantId,
    customerIds,
    email,
  });
  switch (request.kind) {
    case "customerId":
    case "sub":
      return match([request.value]);
    case "visitorId": {
      const rows = await db.select({ id: channels.id }).from(channels).where(eq(channels.tenantId, tenantId));
      return match(await Promise.all(rows.map((ch) => anonymousCustomerId(ch.id, request.value))));
    }
    case "email": {
      const byEmail = match([], request.value);
      const [fromConversations, fromCases] = await db.batch([
        db
          .selectDistinct({ id: conversations.customerId })
          .from(conversations)
          .where(and(eq(conversations.tenantId, tenantId), conversationsOf(byEmail))),
        db
          .selectDistinct({ id: cases.customerId })
          .from(cases)
          .where(and(eq(cases.tenantId, tenantId), casesOf(byEmail))),
      ]);
      const ids = new Set([...fromConversations, ...fromCases].map((r) => r.id));
      return match([...ids].sort(), request.value);
    }
  }
}
