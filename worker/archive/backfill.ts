/**
 * Moves transcripts archived before R2 (`conversation_messages`, `conversation_notes` rows in D1)
 * into R2 objects, one bounded batch per call: the legacy rows themselves are the work list, so a
 * batch takes the first conversations that still have any, writes each one's object, then deletes
 * its rows. Idempotent and resumable: a batch cut short after a put finds the object on the next
 * call and only deletes the rows; an object already there (the conversation was archived again
 * after transcripts went to R2, e.g. a left message answered later) is newer and kept as it is.
 */
import { transcriptKey } from "./transcript";
import { type ArchiveEnv, legacyTranscripts, PARALLEL_READS, writeTranscript } from "./transcripts";

/** Conversations moved per call (each a head and maybe a put in R2). */
export const BACKFILL_BATCH = 50;

/** The ids as one JSON parameter (D1 binds at most 100 per statement). */
const IN_IDS = "conversation_id IN (SELECT value FROM json_each(?))";

type Pending = { tenant_id: string; conversation_id: string; started_at: number };

/** Up to `limit` conversations with legacy rows, with their start (from the index row, else their first line). */
async function pending(d1: D1Database, limit: number): Promise<Pending[]> {
  const sql = (table: string, time: string) =>
    `SELECT l.tenant_id, l.conversation_id, coalesce(c.started_at, min(l.${time})) AS started_at
       FROM ${table} l LEFT JOIN conversations c ON c.id = l.conversation_id AND c.tenant_id = l.tenant_id
      GROUP BY l.conversation_id LIMIT ?`;
  const withMessages = await d1
    .prepare(sql("conversation_messages", "created_at"))
    .bind(limit)
    .all<Pending>();
  const rows = withMessages.results;
  if (rows.length < limit) {
    const onlyNotes = await d1
      .prepare(sql("conversation_notes", "created_at"))
      .bind(limit - rows.length)
      .all<Pending>();
    for (const r of onlyNotes.results)
      if (!rows.some((p) => p.conversation_id === r.conversation_id)) rows.push(r);
  }
  return rows;
}

/** Moves one batch; `done` once no legacy row is left. */
export async function backfillBatch(
  env: ArchiveEnv,
  limit = BACKFILL_BATCH,
): Promise<{ moved: number; done: boolean }> {
  const batch = await pending(env.DB, limit);
  const byTenant = new Map<string, Pending[]>();
  for (const p of batch) byTenant.set(p.tenant_id, [...(byTenant.get(p.tenant_id) ?? []), p]);
  for (const [tenantId, rows] of byTenant) {
    const refs = rows.map((r) => ({ tenantId, id: r.conversation_id, startedAt: r.started_at }));
    const transcripts = await legacyTranscripts(env.DB, tenantId, refs);
    for (let i = 0; i < refs.length; i += PARALLEL_READS)
      await Promise.all(
        refs.slice(i, i + PARALLEL_READS).map(async (ref) => {
          if (await env.ARCHIVE.head(transcriptKey(ref))) return;
          const t = transcripts.get(ref.id);
          if (t) await writeTranscript(env.ARCHIVE, t);
        }),
      );
    const ids = refs.map((r) => r.id);
    await env.DB.batch(
      ["conversation_messages", "conversation_notes"].map((table) =>
        env.DB.prepare(`DELETE FROM ${table} WHERE tenant_id = ? AND ${IN_IDS}`).bind(
          tenantId,
          JSON.stringify(ids),
        ),
      ),
    );
  }
  return { moved: batch.length, done: batch.length < limit };
}
