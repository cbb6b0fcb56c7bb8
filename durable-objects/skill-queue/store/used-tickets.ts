/**
 * Single use of signed customer tickets (worker/realtime/customer-ticket.ts): the id of each
 * ticket admitted here, kept until the ticket expires. The queue object is the only writer, so
 * claiming is a plain insert; a ticket is only valid for the queue it names, so no other object
 * can admit it.
 */
/** Expired ids are dropped at most this often (a delete per arrival was one statement of each). */
export const USED_TICKET_PRUNE_MS = 10_000;

export class UsedTicketStore {
  /** When expired ids were last dropped (0: not since the object started). */
  private prunedAt = 0;

  constructor(private readonly sql: SqlStorage) {}

  /**
   * Records ticket `jti` (valid until `expiresAt`) as used; false when it was used already.
   * Drops the ids of tickets expired by `now` first, at most every `USED_TICKET_PRUNE_MS` (an
   * expired ticket is refused before its id is looked at, so an expired id kept a little longer
   * changes nothing).
   */
  claim(jti: string, expiresAt: number, now: number): boolean {
    if (now - this.prunedAt >= USED_TICKET_PRUNE_MS) {
      this.sql.exec("DELETE FROM used_tickets WHERE expires_at <= ?", now);
      this.prunedAt = now;
    }
    const inserted = this.sql.exec(
      "INSERT INTO used_tickets (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING",
      jti,
      expiresAt,
    );
    return inserted.rowsWritten > 0;
  }

  /** How many ids are kept (for tests and stats). */
  count(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM used_tickets").one().n;
  }
}
