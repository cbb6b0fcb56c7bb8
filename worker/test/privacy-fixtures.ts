/** One customer's rows in every D1 table and R2, for the privacy and retention tests. */
import { env } from "cloudflare:workers";
import { and, count, eq } from "drizzle-orm";
import * as v from "valibot";
import { TranscriptSchema } from "../archive/transcript";
import { readTranscript, writeTranscript } from "../archive/transcripts";
import { attachmentKey } from "../attachments/bucket";
import { newId } from "../db/ids";
import {
  auditLog,
  cases,
  chatTickets,
  conversationCalls,
  conversationMessages,
  conversationNotes,
  conversations,
  conversationTags,
  tags,
} from "../db/schema";
import { addConversation, type ConversationFixture, db } from "./config-fixtures";

/**
 * An archived conversation with two messages (the second carries a file stored in R2), a staff
 * note, a tag and a click-to-dial call.
 */
export async function archivedConversation(tenantId: string, values: ConversationFixture = {}) {
  const note = { authorEmployeeId: "1001", authorName: "Lin", text: "VIP", createdAt: 1 };
  const row = await addConversation(tenantId, {
    messages: ["hello", "here is the invoice"],
    notes: [note],
    ...values,
  });
  const { id } = row;
  const attachmentId = newId("at");
  const meta = {
    id: attachmentId,
    name: "invoice.pdf",
    contentType: "application/pdf",
    size: 4,
    kind: "file" as const,
  };
  await env.ATTACHMENTS.put(attachmentKey(tenantId, id, attachmentId), "%PDF", {
    customMetadata: { meta: JSON.stringify(meta) },
  });
  const tagId = newId("tg");
  if (values.legacy)
    await db()
      .update(conversationMessages)
      .set({ attachment: meta })
      .where(and(eq(conversationMessages.conversationId, id), eq(conversationMessages.seq, 2)));
  else {
    const t = await readTranscript(env, { tenantId, id, startedAt: row.startedAt });
    await writeTranscript(env.ARCHIVE, {
      ...t,
      messages: t.messages.map((m) => (m.seq === 2 ? { ...m, attachment: meta } : m)),
    });
  }
  await db().batch([
    db()
      .insert(tags)
      .values({ id: tagId, tenantId, name: `Tag ${tagId}` }),
    db().insert(conversationTags).values({ tenantId, conversationId: id, tagId }),
    db()
      .insert(conversationCalls)
      .values({
        id: newId("cl"),
        tenantId,
        conversationId: id,
        skillQueueId: "sq_x",
        media: "voice",
        outcome: "hangup",
        placedAt: 1,
        endedAt: 2,
        durationSeconds: 1,
      }),
  ]);
  return id;
}

/** A case of the customer. */
export async function addCase(
  tenantId: string,
  customerId: string,
  values: Partial<typeof cases.$inferInsert> = {},
) {
  const id = newId("cs");
  await db()
    .insert(cases)
    .values({
      id,
      tenantId,
      conversationId: "cv_x",
      channelId: "ch_x",
      customerId,
      createdByEmployeeId: "1001",
      createdByName: "Lin",
      title: "Refund",
      category: "billing",
      priority: "normal",
      status: "open",
      customerName: "Ada",
      phone: "",
      email: "",
      orderNumber: "",
      description: "",
      updatedAt: Date.now(),
      ...values,
    });
  return id;
}

/** An unused customer chat ticket. */
export async function addCustomerTicket(tenantId: string, customerId: string) {
  await db()
    .insert(chatTickets)
    .values({
      ticketHash: newId("tk"),
      tenantId,
      kind: "customer",
      skillQueueId: "sq_x",
      subject: { kind: "customer", tenantId, customerId },
      expiresAt: Date.now() + 60_000,
    });
}

/** The messages and notes a conversation's transcript holds: its R2 object, else its legacy D1 rows. */
async function transcriptOf(conversationId: string) {
  const keys = (await env.ARCHIVE.list({ prefix: "t/" })).objects.map((o) => o.key);
  const key = keys.find((k) => k.endsWith(`/${conversationId}.json`));
  if (key) {
    const t = v.parse(TranscriptSchema, await (await env.ARCHIVE.get(key))?.json());
    return { messages: t.messages.length, notes: t.notes.length };
  }
  const n = async (table: typeof conversationMessages | typeof conversationNotes) =>
    (await db().select({ n: count() }).from(table).where(eq(table.conversationId, conversationId)))[0]?.n ??
    0;
  return { messages: await n(conversationMessages), notes: await n(conversationNotes) };
}

/** How much is stored about a conversation (of any tenant): its index row, transcript, tags and calls. */
export async function rowsOf(conversationId: string) {
  const n = async (table: typeof conversationTags | typeof conversationCalls) =>
    (await db().select({ n: count() }).from(table).where(eq(table.conversationId, conversationId)))[0]?.n ??
    0;
  const [summary] = await db()
    .select({ n: count() })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return {
    conversations: summary?.n ?? 0,
    ...(await transcriptOf(conversationId)),
    tags: await n(conversationTags),
    calls: await n(conversationCalls),
  };
}

/** The tenant's audit entries of one resource, oldest first. */
export async function auditEntries(tenantId: string, resource: string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.resource, resource)))
    .orderBy(auditLog.id);
}
