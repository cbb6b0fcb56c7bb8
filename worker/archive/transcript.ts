/**
 * The archived transcript of one conversation as it is stored in R2 (one JSON object per
 * conversation): its messages with their attachments' metadata and the staff's private notes.
 * Versioned by `v` so a later shape can be read next to this one; parsed with a schema on every
 * read, never trusted as written.
 */
import * as v from "valibot";
import { AttachmentMetaSchema } from "../schemas/attachment-meta";

export const TRANSCRIPT_VERSION = 1;

export const ArchivedMessageSchema = v.object({
  seq: v.number(),
  sender: v.picklist(["customer", "agent", "robot", "system", "checker"]),
  senderName: v.nullable(v.string()),
  text: v.string(),
  clientMsgId: v.nullable(v.string()),
  createdAt: v.number(),
  /** A system message's stable code and parameters, as in the protocol. */
  notice: v.nullable(v.object({ code: v.string(), params: v.record(v.string(), v.string()) })),
  attachment: v.nullable(AttachmentMetaSchema),
});
export type ArchivedMessage = v.InferOutput<typeof ArchivedMessageSchema>;

export const ArchivedNoteSchema = v.object({
  seq: v.number(),
  authorEmployeeId: v.string(),
  authorName: v.string(),
  text: v.string(),
  createdAt: v.number(),
});
export type ArchivedNote = v.InferOutput<typeof ArchivedNoteSchema>;

export const TranscriptSchema = v.object({
  v: v.literal(TRANSCRIPT_VERSION),
  tenantId: v.string(),
  conversationId: v.string(),
  startedAt: v.number(),
  /** In seq order. */
  messages: v.array(ArchivedMessageSchema),
  /** In seq order (numbered apart from the messages). */
  notes: v.array(ArchivedNoteSchema),
});
export type Transcript = v.InferOutput<typeof TranscriptSchema>;

/** What locates a transcript: its tenant, its conversation and when that started (the key's month). */
export type TranscriptRef = { tenantId: string; id: string; startedAt: number };

/**
 * `t/<tenantId>/<yyyy-mm>/<conversationId>.json`, the month (UTC) of the conversation's start: it
 * never changes, also when a left message is archived again at its end, so a rewrite lands on the
 * same key; per tenant and month so retention and a tenant's removal are prefix operations.
 */
export function transcriptKey(ref: TranscriptRef): string {
  const month = new Date(ref.startedAt).toISOString().slice(0, 7);
  return `t/${ref.tenantId}/${month}/${ref.id}.json`;
}

/** The prefix of every transcript of a tenant. */
export const tenantPrefix = (tenantId: string) => `t/${tenantId}/`;

/** True when `needle` (already lower-cased) is in one of the messages, case-insensitive for ASCII letters as before. */
export function transcriptMentions(t: Pick<Transcript, "messages">, needle: string): boolean {
  return t.messages.some((m) => asciiLower(m.text).includes(needle));
}

/** SQLite's lower(): only ASCII letters change, so search answers as the D1 search did. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
