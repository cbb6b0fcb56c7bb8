/**
 * Which rows belong to one customer of a data-protection request: conversations whose customer id
 * is one of `customerIds`, or that carry `email` in their pre-chat form or as a left message's
 * contact, and cases of those customer ids or with that email. Shared by D1 (here, as SQL) and the
 * queue objects (`durable-objects/skill-queue/privacy.ts`), so both mean the same customer.
 */
import { or, type SQL, sql } from "drizzle-orm";
import { inList } from "../db/in-list";
import { cases, conversations } from "../db/schema";

export type CustomerMatch = { tenantId: string; customerIds: string[]; email: string | null };

/** The customer's conversations among a tenant's (add the tenant condition). */
export function conversationsOf(match: CustomerMatch): SQL {
  const email = match.email;
  return or(
    inList(conversations.customerId, match.customerIds),
    email === null
      ? undefined
      : sql`(lower(${conversations.contact}) = ${email} or exists (select 1 from json_each(${conversations.preChat}) where lower(json_extract(value, '$.value')) = ${email}))`,
  ) as SQL;
}

/** The customer's cases among a tenant's (add the tenant condition). */
export function casesOf(match: CustomerMatch): SQL {
  return or(
    inList(cases.customerId, match.customerIds),
    match.email === null ? undefined : sql`lower(${cases.email}) = ${match.email}`,
  ) as SQL;
}
