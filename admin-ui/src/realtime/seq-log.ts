/**
 * One conversation's messages as the server numbered them: kept in `seq` order, each `seq` once,
 * whatever order or how many times frames arrive (live fan-out, resume replay, transcript).
 */

export type Sequenced = { seq: number };

export class SeqLog<M extends Sequenced> {
  private readonly list: M[] = [];
  private readonly seen = new Set<number>();

  /** Adds a message; false when its `seq` is already held (a duplicate is ignored). */
  add(m: M): boolean {
    if (this.seen.has(m.seq)) return false;
    this.seen.add(m.seq);
    let i = this.list.length;
    while (i > 0 && this.list[i - 1]!.seq > m.seq) i--;
    this.list.splice(i, 0, m);
    return true;
  }

  /** Adds many; the number actually added. */
  addAll(ms: readonly M[]): number {
    let added = 0;
    for (const m of ms) if (this.add(m)) added++;
    return added;
  }

  has(seq: number): boolean {
    return this.seen.has(seq);
  }

  /** Highest `seq` held (0 when empty). */
  get lastSeq(): number {
    return this.list.length ? this.list[this.list.length - 1]!.seq : 0;
  }

  /** Lowest `seq` held (0 when empty): where `history.fetch` continues backwards from. */
  get firstSeq(): number {
    return this.list[0]?.seq ?? 0;
  }

  /**
   * The end of the unbroken run of seqs that starts at the lowest one held (0 when empty): what
   * `session.resume` asks the server to continue after. A live message that arrived while a paged
   * replay was cut short by a reconnect lies beyond a hole, so it must not be resumed after.
   */
  get resumeFrom(): number {
    let end = this.firstSeq;
    for (let i = 1; i < this.list.length && this.list[i]!.seq === end + 1; i++) end++;
    return end;
  }

  get size(): number {
    return this.list.length;
  }

  /** The messages in `seq` order (a copy). */
  items(): M[] {
    return this.list.slice();
  }
}
