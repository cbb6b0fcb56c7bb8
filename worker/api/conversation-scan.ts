/**
 * Text search in archived transcripts without one SQL scan over every message: the index filters
 * (visibility, queue, agent, tag, rating, time…) pick the candidate conversations in D1, newest
 * first, and their transcripts are read from the archive (`PARALLEL_READS` R2 objects at a time)
 * and searched here, at most `SCAN_BUDGET` conversations per request. A page therefore holds the
 * matches among the conversations scanned so far (maybe none) with a cursor that resumes the scan
 * after the last one scanned, and says how far it searched.
 */

import { asciiLower, transcriptMentions } from "../archive/transcript";
import type { ArchiveEnv } from "../archive/transcripts";
import { readTranscripts } from "../archive/transcripts";
import type { Searched } from "../schemas/conversations";

/** Conversations scanned at most per request (one R2 read each, unless the name already matches or it has no message). */
export const SCAN_BUDGET = 100;
/** Candidates read from the index per round. */
export const SCAN_BATCH = 25;

/** What the scan needs of an index row. */
export type Candidate = {
  id: string;
  startedAt: number;
  endedAt: number;
  customerName: string | null;
  messageCount: number;
};

export type { Searched } from "../schemas/conversations";

/**
 * One page of conversations whose customer name or messages contain `text` (case-insensitive for
 * ASCII letters), among the candidates `next(cursor, n)` gives in order. `nextCursor` is null once
 * every candidate was scanned.
 */
export async function scanForText<T extends Candidate>(
  env: ArchiveEnv,
  tenantId: string,
  text: string,
  next: (cursor: string | undefined, n: number) => Promise<T[]>,
  limit: number,
  cursor: string | undefined,
  budget = SCAN_BUDGET,
): Promise<{ items: T[]; nextCursor: string | null; searched: Searched }> {
  const needle = text.toLowerCase();
  const items: T[] = [];
  let scanned = 0;
  let last: T | undefined;
  let at = cursor;
  let done = false;
  while (!done && items.length < limit && scanned < budget) {
    const want = Math.min(SCAN_BATCH, budget - scanned);
    const batch = await next(at, want);
    const named = (c: T) => c.customerName !== null && asciiLower(c.customerName).includes(needle);
    const transcripts = await readTranscripts(
      env,
      tenantId,
      batch.filter((c) => !named(c) && c.messageCount > 0),
    );
    let i = 0;
    for (; i < batch.length && items.length < limit; i++) {
      const c = batch[i]!;
      scanned++;
      last = c;
      const t = transcripts.get(c.id);
      if (named(c) || (t && transcriptMentions(t, needle))) items.push(c);
    }
    if (last) at = `${last.endedAt}:${last.id}`;
    // the selection ends here when the index gave fewer than asked and all of them were scanned
    done = batch.length < want && i === batch.length;
  }
  return {
    items,
    nextCursor: done ? null : (at ?? null),
    searched: { scanned, through: last?.endedAt ?? null },
  };
}
