/** Reading and seeding archived transcripts in tests (the archive's own functions, real R2 and D1). */
import { env } from "cloudflare:workers";
import type { Transcript } from "../archive/transcript";
import { readTranscript } from "../archive/transcripts";

/** The archived transcript of conversation `id` (located through its index row). */
export async function archivedTranscript(id: string): Promise<Transcript> {
  const row = await env.DB.prepare("SELECT tenant_id, started_at FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ tenant_id: string; started_at: number }>();
  if (!row) throw new Error(`conversation ${id} is not archived`);
  return readTranscript(env, { tenantId: row.tenant_id, id, startedAt: row.started_at });
}
