/**
 * The one place that reads an archived conversation's stored content (transcript and staff
 * notes) for a customer's data export (`export-customer.ts`), next to `eraseConversations`, so a
 * new place a transcript is kept only has to be read here.
 */
import { and, asc, eq } from "drizzle-orm";
import { conversationMessages, conversationNotes } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import type { AttachmentMeta } from "../schemas/attachment-meta";

export type StoredMessage = {
  seq: number;
  sender: string;
  senderName: string | null;
  text: string;
  createdAt: number;
  attachment: AttachmentMeta | null;
};
export type StoredNote = { seq: number; authorName: string; text: string; createdAt: number };

/** The conversation's messages and notes in order (empty for an unknown id or another tenant's). */
export async function readConversationContent(
  env: Pick<Env, "DB">,
  tenantId: string,
  conversationId: string,
): Promise<{ messages: StoredMessage[]; notes: StoredNote[] }> {
  const db = database(env.DB);
  const [messages, notes] = await db.batch([
    db
      .select({
        seq: conversationMessages.seq,
        sender: conversationMessages.sender,
        senderName: conversationMessages.senderName,
        text: conversationMessages.text,
        createdAt: conversationMessages.createdAt,
        attachment: conversationMessages.attachment,
      })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.tenantId, tenantId),
          eq(conversationMessages.conversationId, conversationId),
        ),
      )
      .orderBy(asc(conversationMessages.seq)),
    db
      .select({
        seq: conversationNotes.seq,
        authorName: conversationNotes.authorName,
        text: conversationNotes.text,
        createdAt: conversationNotes.createdAt,
      })
      .from(conversationNotes)
      .where(
        and(eq(conversationNotes.tenantId, tenantId), eq(conversationNotes.conversationId, conversationId)),
      )
      .orderBy(asc(conversationNotes.seq)),
  ]);
  return { messages, notes };
}
