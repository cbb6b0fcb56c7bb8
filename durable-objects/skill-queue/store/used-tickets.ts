/**
 * Single use of signed customer tickets (worker/realtime/customer-ticket.ts): the id of each
 * ticket admitted here, kept until the ticket expires. The queue object is the only writer, so
 * claiming is a plain insert; a ticket is only valid for the queue it names, so no other object
 * can admit it.
 */
export class UsedTicketStore {
  constructor(private readonly sql: SqlStorage) {}

  /**
   * Records ticket `jti` (valid until `expiresAt`) as used; false when it was used already.
   * Drops the ids of tickets expired by `now` first (they can no longer be presented).
   */
  claim(jti: string, expiresAt: number, now: number): boolean {
    this.sql.exec("DELETE FROM used_tickets WHERE expires_at <= ?", now);
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
