/**
 * Atomic steps. Every frame, alarm timer and RPC event changes the object's SQLite inside one
 * storage transaction (`atomic`): a handler that throws midway leaves nothing half-applied. Socket
 * effects (sends, closes, attachment changes) are collected during the step and applied only after
 * the commit, so nobody hears about a change that was rolled back.
 *
 * A command whose handler writes at most one SQL statement runs as a step without a transaction
 * (`run`): SQLite applies a single statement whole or not at all, and the runtime commits it with
 * the writes around it before any output leaves (output gate). An explicit transaction costs a
 * commit of its own (with an fsync locally) per event, which the message path cannot afford.
 * A handler inside such a step that needs more than one statement opens `atomic` for that part.
 *
 * A storage transaction holds the object's input lock while it awaits, so a step may await leaf
 * resources (D1, an agent's presence object) but never another skill queue: two queues waiting on
 * each other inside transactions would deadlock. Work that calls another queue is registered with
 * `later` and runs after the commit, outside any transaction, opening its own steps as needed.
 */

type Frame = {
  /** Whether a storage transaction is open for this step. */
  transaction: boolean;
  effects: (() => void)[];
  later: (() => Promise<void>)[];
  closing: Set<WebSocket>;
  undo: (() => void)[];
};

export class Steps {
  private frame: Frame | null = null;
  /** Told whenever a storage transaction rolls back (memory kept in step with SQLite). */
  private readonly rolledBack: (() => void)[] = [];

  constructor(private readonly storage: DurableObjectStorage) {}

  /** Registers `fn` to run whenever a storage transaction of a step rolls back, for good. */
  onEveryRollback(fn: () => void): void {
    this.rolledBack.push(fn);
  }

  /** One storage transaction; the rollback listeners run if it throws. */
  private async transaction<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.storage.transaction(() => fn());
    } catch (err) {
      for (const listener of this.rolledBack) listener();
      throw err;
    }
  }

  /** Whether a step is open (its effects are being collected). */
  get active(): boolean {
    return this.frame !== null;
  }

  /**
   * Runs `fn` as one transaction, then applies its socket effects and runs its `later` work. Inside
   * a step it runs as part of it, in a transaction of its own if the step has none. Rethrows after
   * a rollback (nothing is applied).
   */
  async atomic<T>(fn: () => Promise<T>): Promise<T> {
    const frame = this.frame;
    if (!frame) return this.step(fn, true);
    if (frame.transaction) return fn();
    frame.transaction = true;
    try {
      return await this.transaction(fn);
    } finally {
      frame.transaction = false;
    }
  }

  /**
   * Runs `fn` as a step without a transaction: only for handlers that write at most one SQL
   * statement (or open `atomic` for more). Effects are applied once it returns, dropped if it throws.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    return this.frame ? fn() : this.step(fn, false);
  }

  private async step<T>(fn: () => Promise<T>, transaction: boolean): Promise<T> {
    const frame: Frame = { transaction, effects: [], later: [], closing: new Set(), undo: [] };
    this.frame = frame;
    let result: T;
    try {
      result = await (transaction ? this.transaction(fn) : fn());
    } catch (err) {
      for (const undo of frame.undo) undo();
      throw err;
    } finally {
      this.frame = null;
    }
    for (const effect of frame.effects) {
      try {
        effect();
      } catch (err) {
        console.error("socket effect failed", err);
      }
    }
    for (const work of frame.later) {
      try {
        await work();
      } catch (err) {
        console.error("follow-up failed", err);
      }
    }
    return result;
  }

  /** A socket effect: applied after the open step commits (dropped if it rolls back), at once otherwise. */
  effect(fn: () => void): void {
    if (this.frame) this.frame.effects.push(fn);
    else fn();
  }

  /** Undoes in-memory state of the open step if it fails (nothing to undo outside a step). */
  onRollback(fn: () => void): void {
    this.frame?.undo.push(fn);
  }

  /** Marks a socket as closing in the open step, so the step no longer counts it as open. */
  closing(ws: WebSocket): void {
    this.frame?.closing.add(ws);
  }

  /** Whether the open step is going to close `ws`. */
  isClosing(ws: WebSocket): boolean {
    return this.frame?.closing.has(ws) ?? false;
  }

  /**
   * Work outside any transaction after the open step commits (calls to other skill queues); it
   * opens its own steps. Outside a step it starts at once (its failure is logged).
   */
  later(work: () => Promise<void>): void {
    if (this.frame) this.frame.later.push(work);
    else void work().catch((err: unknown) => console.error("follow-up failed", err));
  }
}
