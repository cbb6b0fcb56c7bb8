/**
 * `/api/v1/privacy`: data-protection requests about one customer, named by one identifier
 * (`schemas/privacy.ts`): what is stored (`lookup`), all of it as a streamed JSON download
 * (`export`), and erasing it from every store (`erase`, idempotent, audited without the
 * identifier). Tenant administrators, and API tokens with `privacy:manage`. Every request is a
 * POST so the identifier, personal data itself, stays out of URLs and access logs.
 */
import { Hono } from "hono";
import { recordErasure } from "../audit/erasure";
import { adminOnly } from "../auth/session";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { body } from "../http/validate";
import { eraseCustomer, lookup } from "../privacy/customer-data";
import { exportCustomer } from "../privacy/export-customer";
import { identify } from "../privacy/identify";
import { type PrivacyAnswer, PrivacyAnswerSchema, PrivacyRequestSchema } from "../schemas/privacy";
import { caller } from "./context";

export const privacyApi = new Hono<AppEnv>()
  .use(adminOnly)
  .post("/lookup", async (c) => {
    const request = await body(c, PrivacyRequestSchema);
    const match = await identify(c.env, caller(c).tenantId, request);
    const answer: PrivacyAnswer = {
      kind: request.kind,
      customerIds: match.customerIds,
      counts: await lookup(c.env, match),
    };
    return c.json(answer, 200);
  })
  .post("/export", async (c) => {
    const request = await body(c, PrivacyRequestSchema);
    const match = await identify(c.env, caller(c).tenantId, request);
    return exportCustomer(c.env, match, request.kind, Date.now());
  })
  .post("/erase", async (c) => {
    const request = await body(c, PrivacyRequestSchema);
    const who = caller(c);
    const match = await identify(c.env, who.tenantId, request);
    const counts = await eraseCustomer(c.env, match);
    await recordErasure(
      c.env,
      who,
      c.req.header("cf-connecting-ip") ?? null,
      request.kind,
      counts,
      Date.now(),
    );
    const answer: PrivacyAnswer = { kind: request.kind, customerIds: match.customerIds, counts };
    return c.json(answer, 200);
  });

const tag = "Privacy";
const IDENTIFIER =
  "The body names the customer by one identifier: `customerId` (as the history shows it), `visitorId` (an anonymous widget visitor's id, 16–64 URL-safe characters; it gives one customer id per channel), `sub` (an identity token's sub, 1–32 characters) or `email` (an address given in a pre-chat form, with a left message or on a case; compared without case, and the customer ids of those rows are included). An identifier that matches nothing answers zero counts, not 404. 422 names the field (`kind` or `value`) and the rule.";
document(
  {
    method: "post",
    path: "/api/v1/privacy/lookup",
    summary: "Count what is stored about one customer",
    description: `Nothing changes. ${IDENTIFIER}`,
    tag,
    body: PrivacyRequestSchema,
    response: PrivacyAnswerSchema,
    auth: "admin",
    operationId: "lookupCustomerData",
  },
  {
    method: "post",
    path: "/api/v1/privacy/export",
    summary: "Export one customer's data as JSON",
    description: `A streamed JSON download: \`{exportedAt, identifierKind, customerIds, conversations: [...], cases: [...], leftMessages: [...]}\`. Each archived conversation has its summary, tag names, messages, internal notes (staff notes are data kept about the customer, so they are included), click-to-dial calls and the files it holds (id, name, content type, size; download them through the conversation's attachment route). Conversations still live in a queue appear once they end. ${IDENTIFIER}`,
    tag,
    body: PrivacyRequestSchema,
    rawResponse: "The customer's data as one JSON document",
    auth: "admin",
    operationId: "exportCustomerData",
  },
  {
    method: "post",
    path: "/api/v1/privacy/erase",
    summary: "Erase one customer's data everywhere",
    description: `Ends the customer's live conversations in every skill queue (their sockets close with 4009) and erases every conversation (messages, notes, tags, calls, files), left message, case and unused chat ticket of the customer. Idempotent: a second erase answers zero counts. The audit log records who asked, when, the identifier's kind and the counts, never the identifier. ${IDENTIFIER}`,
    tag,
    body: PrivacyRequestSchema,
    response: PrivacyAnswerSchema,
    auth: "admin",
    operationId: "eraseCustomerData",
  },
);
