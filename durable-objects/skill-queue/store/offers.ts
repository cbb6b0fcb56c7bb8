/**
 * Chats offered to callout agents (`offers`: one row per offered conversation) and who rejected
 * whom (`offer_rejections`, kept while the rule `rules/offer.ts` can still need them).
 */
import type { OfferRow } from "./rows";

export class OfferStore {
  constructor(private readonly sql: SqlStorage) {}

  get(conversationId: string): OfferRow | null {
    return (
      this.sql
        .exec<OfferRow>("SELECT * FROM offers WHERE conversation_id = ?", conversationId)
        .toArray()[0] ?? null
    );
  }

  all(): OfferRow[] {
    return this.sql.exec<OfferRow>("SELECT * FROM offers ORDER BY offered_at").toArray();
  }

  ofAgent(employeeId: string): OfferRow[] {
    return this.sql.exec<OfferRow>("SELECT * FROM offers WHERE employee_id = ?", employeeId).toArray();
  }

  /** Employees with an open offer. */
  offeredAgents(): Set<string> {
    return new Set(
      this.sql
        .exec<{ employee_id: string }>("SELECT employee_id FROM offers")
        .toArray()
        .map((r) => r.employee_id),
    );
  }

  add(conversationId: string, employeeId: string, at: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO offers (conversation_id, employee_id, offered_at) VALUES (?, ?, ?)",
      conversationId,
      employeeId,
      at,
    );
  }

  delete(conversationId: string): void {
    this.sql.exec("DELETE FROM offers WHERE conversation_id = ?", conversationId);
  }

  /** Records that `employeeId` rejected (or let run out) the offer of `conversationId` at `at`. */
  reject(conversationId: string, employeeId: string, at: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO offer_rejections (conversation_id, employee_id, rejected_at) VALUES (?, ?, ?)",
      conversationId,
      employeeId,
      at,
    );
  }

  /** When each employee last rejected `conversationId`. */
  rejectionsOf(conversationId: string): Map<string, number> {
    return new Map(
      this.sql
        .exec<{ employee_id: string; rejected_at: number }>(
          "SELECT employee_id, rejected_at FROM offer_rejections WHERE conversation_id = ?",
          conversationId,
        )
        .toArray()
        .map((r) => [r.employee_id, r.rejected_at]),
    );
  }

  /** Drops rejections made at or before `before` (they no longer block anything). */
  forgetRejections(before: number): void {
    this.sql.exec("DELETE FROM offer_rejections WHERE rejected_at <= ?", before);
  }

  /**
   * The first waiting conversation in order that is not offered to anyone and not in `skip`
   * (customers every available agent rejected, passed over in this dispatch).
   */
  nextWaiting(skip: ReadonlySet<string>): string | null {
    const rows = this.sql
      .exec<{ conversation_id: string }>(
        `SELECT w.conversation_id FROM waiting w
         WHERE NOT EXISTS (SELECT 1 FROM offers o WHERE o.conversation_id = w.conversation_id)
         ORDER BY w.ord LIMIT ?`,
        skip.size + 1,
      )
      .toArray();
    return rows.find((r) => !skip.has(r.conversation_id))?.conversation_id ?? null;
  }
}
