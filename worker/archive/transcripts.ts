/**
 * The transcript archive: one R2 object per ended conversation (`ARCHIVE`, see `transcript.ts`),
 * with the legacy D1 rows (`conversation_messages`, `conversation_notes`) read for conversations
 * the backfill has not moved yet. The one module that writes, reads and deletes transcripts:
 * history, search, erase and retention go through it.
 */
import { and, asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { inList } from "../db/in-list";
import { conversationMessages, conversationNotes } from "../db/schema";
import { database } from "../db/tenant-db";
import {
  TRANSCRIPT_VERSION,
  type Transcript,
  type TranscriptRef,
  TranscriptSchema,
  transcriptKey,
} from "./transcript";

/** The bindings the archive uses. */
export type ArchiveEnv = { DB: D1Database; ARCHIVE: R2Bucket };

/** R2 reads in flight at once (a Worker has at most 6 simultaneous connections per request). */
export const PARALLEL_READS = 6;

/** Writes (or rewrites whole) a conversation's transcript; a put of the same key is idempotent. */
export async function writeTranscript(bucket: R2Bucket, t: Omit<Transcript, "v">): Promise<void> {
  const body: Transcript = { v: TRANSCRIPT_VERSION, ...t };
  await bucket.put(
    transcriptKey({ tenantId: t.tenantId, id: t.conversationId, startedAt: t.startedAt }),
    JSON.stringify(body),
    {
      httpMetadata: { contentType: "application/json" },
    },
  );
}

/** The R2 object of one transcript, or null when there is none (not archived there yet). */
async function fromR2(bucket: R2Bucket, ref: TranscriptRef): Promise<Transcript | null> {
  const object = await bucket.get(transcriptKey(ref));
  if (!object) return null;
  const parsed = v.safeParse(TranscriptSchema, await object.json());
  if (!parsed.success) throw new Error(`transcript ${transcriptKey(ref)} has an unknown shape`);
  return parsed.output;
}

/**
 * The legacy D1 rows of the given conversations of one tenant as transcripts (conversations
 * without any row get an empty one): what was archived before transcripts went to R2.
 */
export async function legacyTranscripts(
  d1: D1Database,
  tenantId: string,
  refs: readonly TranscriptRef[],
): Promise<Map<string, Transcript>> {
  const out = new Map<string, Transcript>();
  if (!refs.length) return out;
  for (const r of refs)
    out.set(r.id, {
      v: TRANSCRIPT_VERSION,
      tenantId,
      conversationId: r.id,
      startedAt: r.startedAt,
      messages: [],
      notes: [],
    });
  const db = database(d1);
  const ids = refs.map((r) => r.id);
  const [messages, notes] = await db.batch([
    db
      .select()
      .from(conversationMessages)
      .where(
        and(eq(conversationMessages.tenantId, tenantId), inList(conversationMessages.conversationId, ids)),
      )
      .orderBy(asc(conversationMessages.conversationId), asc(conversationMessages.seq)),
    db
      .select()
      .from(conversationNotes)
      .where(and(eq(conversationNotes.tenantId, tenantId), inList(conversationNotes.conversationId, ids)))
      .orderBy(asc(conversationNotes.conversationId), asc(conversationNotes.seq)),
  ]);
  for (const m of messages)
    out.get(m.conversationId)?.messages.push({
      seq: m.seq,
      sender: m.sender,
      senderName: m.senderName,
      text: m.text,
      clientMsgId: m.clientMsgId,
      createdAt: m.createdAt,
      notice: m.notice,
      attachment: m.attachment,
    });
  for (const n of notes)
    out.get(n.conversationId)?.notes.push({
      seq: n.seq,
      authorEmployeeId: n.authorEmployeeId,
      authorName: n.authorName,
      text: n.text,
      createdAt: n.createdAt,
    });
  return out;
}

/**
 * The transcripts of conversations of one tenant, by id: R2 objects read `PARALLEL_READS` at a
 * time, and those without an object from the legacy D1 rows (one query for all of them).
 */
export async function readTranscripts(
  env: ArchiveEnv,
  tenantId: string,
  refs: readonly Omit<TranscriptRef, "tenantId">[],
): Promise<Map<string, Transcript>> {
  const out = new Map<string, Transcript>();
  const missing: TranscriptRef[] = [];
  for (let i = 0; i < refs.length; i += PARALLEL_READS) {
    const batch = refs.slice(i, i + PARALLEL_READS).map((r) => ({ ...r, tenantId }));
    const found = await Promise.all(batch.map((r) => fromR2(env.ARCHIVE, r)));
    batch.forEach((r, j) => {
      const t = found[j];
      if (t) out.set(r.id, t);
      else missing.push(r);
    });
  }
  for (const [id, t] of await legacyTranscripts(env.DB, tenantId, missing)) out.set(id, t);
  return out;
}

/** One conversation's transcript (R2, else the legacy rows; empty when it has none). */
export async function readTranscript(env: ArchiveEnv, ref: TranscriptRef): Promise<Transcript> {
  const t = (await readTranscripts(env, ref.tenantId, [ref])).get(ref.id);
  if (!t) throw new Error(`no transcript for ${ref.id}`);
  return t;
}

/** How many messages, files and staff notes the transcripts of these conversations of one tenant hold. */
export async function transcriptFigures(
  env: ArchiveEnv,
  tenantId: string,
  refs: readonly Omit<TranscriptRef, "tenantId">[],
): Promise<{ messages: number; attachments: number; notes: number }> {
  const figures = { messages: 0, attachments: 0, notes: 0 };
  for (const t of (await readTranscripts(env, tenantId, refs)).values()) {
    figures.messages += t.messages.length;
    figures.attachments += t.messages.filter((m) => m.attachment).length;
    figures.notes += t.notes.length;
  }
  return figures;
}

/**
 * Deletes the transcripts of the given conversations of one tenant: their R2 objects and any
 * legacy D1 rows. Each object's key comes from the ref's start (as the conversation's index row
 * holds it; the caller read those rows). Idempotent. Scoped to `tenantId` whatever the refs say:
 * keys are built under the tenant's prefix and the rows deleted are the tenant's, so a ref of
 * another tenant deletes nothing.
 */
export async function deleteTranscripts(
  env: ArchiveEnv,
  tenantId: string,
  refs: readonly Omit<TranscriptRef, "tenantId">[],
): Promise<void> {
  if (!refs.length) return;
  const db = database(env.DB);
  const keys = refs.map((r) => transcriptKey({ tenantId, id: r.id, startedAt: r.startedAt }));
  const conversationIds = refs.map((r) => r.id);
  // R2 deletes at most 1,000 keys per call
  for (let i = 0; i < keys.length; i += 1000) await env.ARCHIVE.delete(keys.slice(i, i + 1000));
  await db.batch([
    db
      .delete(conversationMessages)
      .where(
        and(
          eq(conversationMessages.tenantId, tenantId),
          inList(conversationMessages.conversationId, conversationIds),
        ),
      ),
    db
      .delete(conversationNotes)
      .where(
        and(
          eq(conversationNotes.tenantId, tenantId),
          inList(conversationNotes.conversationId, conversationIds),
        ),
      ),
  ]);
}
