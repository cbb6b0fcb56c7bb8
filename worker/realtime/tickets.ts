/**
 * WebSocket tickets: random, single-use, 60-second admission tokens. D1 stores only their SHA-256;
 * consuming one is a single `DELETE … RETURNING`, so two upgrades racing with one ticket cannot
 * both win.
 */
import { and, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import * as v from "valibot";
import { newToken, sha256Hex } from "../db/ids";
import { chatTickets } from "../db/schema";
import type { Db } from "../db/tenant-db";
import { type Identity, type IdentityInput, IdentitySchema } from "./identity";

export const TICKET_TTL_MS = 60_000;

/** Issues a ticket admitting `identity` to `skillQueueId`'s Durable Object; returns the raw ticket. */
export async function issueTicket(
  db: Db,
  skillQueueId: string,
  identity: IdentityInput,
  now: number,
): Promise<string> {
  const ticket = newToken();
  await db.batch([
    db.delete(chatTickets).where(lt(chatTickets.expiresAt, now)),
    db.insert(chatTickets).values({
      ticketHash: await sha256Hex(ticket),
      tenantId: identity.tenantId,
      kind: identity.kind,
      skillQueueId,
      subject: identity,
      expiresAt: now + TICKET_TTL_MS,
    }),
  ]);
  return ticket;
}

/** Consumes a ticket of the given kind; null when unknown, expired, already used or of another kind. */
export async function consumeTicket(
  db: Db,
  ticket: string,
  kind: Identity["kind"],
  now: number,
): Promise<{ skillQueueId: string; identity: Identity } | null> {
  if (!ticket || ticket.length > 100) return null;
  const [row] = await db
    .delete(chatTickets)
    .where(and(eq(chatTickets.ticketHash, await sha256Hex(ticket)), gt(chatTickets.expiresAt, now)))
    .returning();
  if (!row || row.kind !== kind) return null;
  const parsed = v.safeParse(IdentitySchema, row.subject);
  return parsed.success ? { skillQueueId: row.skillQueueId, identity: parsed.output } : null;
}

/**
 * Deletes the unused agent tickets of an employee (put it in the same D1 batch as a password
 * change or a deletion, so a ticket issued before that change can no longer open a socket).
 * `also` are further conditions of the batch (guards), so the tickets go only if the change does.
 */
export function deleteAgentTickets(
  db: Db,
  tenantId: string,
  employeeId: string,
  ...also: (SQL | undefined)[]
) {
  return db
    .delete(chatTickets)
    .where(
      and(
        eq(chatTickets.tenantId, tenantId),
        eq(chatTickets.kind, "agent"),
        sql`json_extract(${chatTickets.subject}, '$.employeeId') = ${employeeId}`,
        ...also,
      ),
    );
}

/** The relative URL a client opens with a ticket. */
export function ticketUrl(kind: Identity["kind"], ticket: string): string {
  const path = { customer: "chat", agent: "agent", caller: "call" }[kind];
  return `/ws/${path}?ticket=${encodeURIComponent(ticket)}`;
}
