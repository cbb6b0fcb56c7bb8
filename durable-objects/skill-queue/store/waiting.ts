/**
 * The waiting list: queued conversations in order (`ord`), the front for returned chats.
 *
 * SQLite is the source of truth; the object also keeps the list's order in memory (read from
 * SQLite once, on first use after a start, and kept in step with every write here), so the count,
 * a position, the tail and the next `ord` cost no statement. Counting in SQLite walks the whole
 * list (`COUNT(*)` visits every index entry, a position every entry ahead), and an arrival needed
 * several such counts: at 10,000 waiting that was most of an arrival's time. Every write to the
 * `waiting` table goes through this class; `forget()` drops the memory when a storage transaction
 * rolls back (the next read loads it again).
 */
import type { WaitingRow } from "./rows";

/** The list in queue order, with each conversation's entry by id. */
type Mirror = {
  order: WaitingRow[];
  byId: Map<string, WaitingRow>;
  /** The earliest `enqueued_at` (null: nobody waits; undefined: to be found again). */
  oldest: number | null | undefined;
};

export class WaitingStore {
  private mirror: Mirror | null = null;

  constructor(private readonly sql: SqlStorage) {}

  /** Drops the in-memory order (after a rolled-back transaction); the next read loads it again. */
  forget(): void {
    this.mirror = null;
  }

  private list(): Mirror {
    if (!this.mirror) {
      const order = this.sql
        .exec<WaitingRow>("SELECT conversation_id, ord, enqueued_at FROM waiting ORDER BY ord")
        .toArray();
      this.mirror = { order, byId: new Map(order.map((w) => [w.conversation_id, w])), oldest: undefined };
    }
    return this.mirror;
  }

  /** The 0-based index of `ord` in the list (or where it would go). */
  private indexOf(order: WaitingRow[], ord: number): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((order[mid] as WaitingRow).ord < ord) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  all(): WaitingRow[] {
    return [...this.list().order];
  }

  /** The first waiting conversation (the next to be served), if any. */
  head(): WaitingRow | null {
    return this.list().order[0] ?? null;
  }

  /** How many conversations wait, and since when the longest has waited (null when none). */
  summary(): { count: number; oldest: number | null } {
    const m = this.list();
    if (m.oldest === undefined) {
      let oldest: number | null = null;
      for (const w of m.order) if (oldest === null || w.enqueued_at < oldest) oldest = w.enqueued_at;
      m.oldest = oldest;
    }
    return { count: m.order.length, oldest: m.oldest };
  }

  has(conversationId: string): boolean {
    return this.list().byId.has(conversationId);
  }

  /** The 1-based position of a waiting conversation, or null when it is not waiting. */
  position(conversationId: string): number | null {
    const m = this.list();
    const w = m.byId.get(conversationId);
    return w ? this.indexOf(m.order, w.ord) + 1 : null;
  }

  /** The ids of the waiting conversations from 1-based `position` on, in order. */
  idsFrom(position: number): string[] {
    return this.list()
      .order.slice(Math.max(0, position - 1))
      .map((w) => w.conversation_id);
  }

  enqueue(conversationId: string, at: number, front = false): void {
    const m = this.list();
    if (m.byId.has(conversationId)) return;
    const first = m.order[0];
    const last = m.order[m.order.length - 1];
    const ord = front ? (first ? first.ord - 1 : 0) : last ? last.ord + 1 : 0;
    const inserted = this.sql.exec(
      "INSERT OR IGNORE INTO waiting (conversation_id, ord, enqueued_at) VALUES (?, ?, ?)",
      conversationId,
      ord,
      at,
    );
    // already there after all (the memory was stale): read the list again when next needed
    if (inserted.rowsWritten === 0) {
      this.forget();
      return;
    }
    const row = { conversation_id: conversationId, ord, enqueued_at: at };
    if (front) m.order.unshift(row);
    else m.order.push(row);
    m.byId.set(conversationId, row);
    if (m.oldest !== undefined) m.oldest = m.oldest === null ? at : Math.min(m.oldest, at);
  }

  dequeue(conversationId: string): void {
    this.sql.exec("DELETE FROM waiting WHERE conversation_id = ?", conversationId);
    const m = this.mirror;
    const w = m?.byId.get(conversationId);
    if (!m || !w) return;
    m.order.splice(this.indexOf(m.order, w.ord), 1);
    m.byId.delete(conversationId);
    if (m.oldest === w.enqueued_at) m.oldest = undefined;
  }
}
