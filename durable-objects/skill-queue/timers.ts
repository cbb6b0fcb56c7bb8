/**
 * Timers are rows `(kind, ref, due_at)`; the object's single alarm is set to the earliest row.
 * Alarms are at-least-once, so handlers must be idempotent: each re-checks the state it acts on.
 * `runDue` deletes a row before running its handler (in its own atomic step) and re-arms in
 * `finally`; a handler that fails is rolled back and its timer tried again `TIMER_RETRY_MS` later.
 */
export const TIMER_KINDS = [
  /** Max waiting time of a queued conversation. */
  "wait",
  /** Periodic queue reminder to a waiting customer. */
  "reminder",
  /** No-reply dialog end of a connected conversation. */
  "noReply",
  /** Max call duration of a conversation (from its start). */
  "maxDuration",
  /** Robot idle timeout of a conversation still with the chatbot. */
  "robotIdle",
  /** End of an agent's wrap-up (arranging) period. */
  "wrapUp",
  /** Sign-out of an agent whose sockets all closed, after the grace period. */
  "signOutGrace",
  /** Route a conversation that arrived by transfer. */
  "route",
  /** Queue a conversation an agent handed over from another queue (no admission, no handling). */
  "handOver",
  /** Retry of archive writes to D1. */
  "archive",
  /** Drop an ended conversation after its evaluation window. */
  "purge",
  /** Next agent work-time change of a channel with waiting customers (ref: the channel id). */
  "workTime",
  /** A left message nobody picked up within the channel's pending days expires. */
  "leftExpiry",
  /** A click-to-dial call rang an agent this long without an answer (ref: the call id). */
  "callRing",
  /** Max waiting time of a queued click-to-dial call. */
  "callWait",
  /** Max call duration of a connected click-to-dial call. */
  "callMaxDuration",
  /** A call's change still has to reach the chat's queue or D1; once there, drop the ended call. */
  "callSync",
  /** End of a callout agent's time to answer an offered chat (ref: the conversation id). */
  "offer",
  /** Retry of handing webhook events to the delivery queue (`events.ts`). */
  "webhooks",
  /** The `message.left` event stops waiting for the customer's contact details (`leave-message.ts`). */
  "leftEvent",
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** A timer whose handler failed is tried again this much later. */
export const TIMER_RETRY_MS = 30_000;

export type DueTimer = { kind: TimerKind; ref: string; due_at: number };

export class Timers {
  constructor(
    private readonly sql: SqlStorage,
    private readonly storage: DurableObjectStorage,
  ) {}

  /** The earliest due time of any timer, as last read (undefined: a timer changed since). */
  private next: number | null | undefined;

  /** The earliest due time of any timer (null when there is none). */
  earliest(): number | null {
    if (this.next === undefined)
      this.next = this.sql.exec<{ at: number | null }>("SELECT MIN(due_at) AS at FROM timers").one().at;
    return this.next;
  }

  /** Schedules (or moves) the timer `(kind, ref)`. */
  set(kind: TimerKind, ref: string, dueAt: number): void {
    this.next = undefined;
    this.sql.exec(
      "INSERT INTO timers (kind, ref, due_at) VALUES (?, ?, ?) ON CONFLICT (kind, ref) DO UPDATE SET due_at = excluded.due_at",
      kind,
      ref,
      Math.round(dueAt),
    );
  }

  cancel(kind: TimerKind, ref: string): void {
    this.next = undefined;
    this.sql.exec("DELETE FROM timers WHERE kind = ? AND ref = ?", kind, ref);
  }

  /** Cancels every timer of `ref` among `kinds`. */
  cancelAll(ref: string, kinds: TimerKind[]): void {
    for (const kind of kinds) this.cancel(kind, ref);
  }

  get(kind: TimerKind, ref: string): number | null {
    return (
      this.sql
        .exec<{ due_at: number }>("SELECT due_at FROM timers WHERE kind = ? AND ref = ?", kind, ref)
        .toArray()[0]?.due_at ?? null
    );
  }

  /** The refs of every timer of `kind`. */
  refs(kind: TimerKind): string[] {
    return this.sql
      .exec<{ ref: string }>("SELECT ref FROM timers WHERE kind = ? ORDER BY ref", kind)
      .toArray()
      .map((r) => r.ref);
  }

  /** Timers due at `now`, earliest first, capped so one alarm cannot run forever. */
  due(now: number, limit = 200): DueTimer[] {
    return this.sql
      .exec<DueTimer>(
        "SELECT kind, ref, due_at FROM timers WHERE due_at <= ? ORDER BY due_at LIMIT ?",
        now,
        limit,
      )
      .toArray();
  }

  /** The alarm time this instance knows is set (null: none; undefined: unknown, read it once). */
  private armed: number | null | undefined;

  /**
   * Makes sure the alarm rings by the earliest timer. An alarm already set at or before it (and
   * still ahead) is kept: ringing early only runs nothing and re-arms, which is cheaper than an
   * alarm write whenever a timer moves later. Deletes the alarm when no timer is left.
   */
  async arm(): Promise<void> {
    const next = this.earliest();
    if (this.armed === undefined) this.armed = await this.storage.getAlarm();
    if (next === null) {
      if (this.armed !== null) await this.storage.deleteAlarm();
      this.armed = null;
      return;
    }
    const now = Date.now();
    if (this.armed !== null && this.armed <= next && this.armed > now) return;
    await this.storage.setAlarm(Math.max(next, now));
    this.armed = Math.max(next, now);
  }

  /** The alarm rang (the runtime cleared it). */
  disarmed(): void {
    this.armed = null;
  }

  /**
   * Runs every due timer with `handle`, one at a time; a failing handler is logged and retried
   * later. Due timers of a kind in `batches` are handled together, in one call with all their refs
   * (so a deep queue's reminders take one pass), and retried together.
   */
  async runDue(
    now: number,
    handle: (t: DueTimer) => Promise<void>,
    batches: Partial<Record<TimerKind, (refs: string[]) => Promise<void>>> = {},
  ): Promise<void> {
    this.disarmed();
    this.next = undefined;
    try {
      for (const [kind, run] of Object.entries(batches) as [TimerKind, (refs: string[]) => Promise<void>][]) {
        const refs = this.sql
          .exec<{ ref: string }>("DELETE FROM timers WHERE kind = ? AND due_at <= ? RETURNING ref", kind, now)
          .toArray()
          .map((r) => r.ref);
        if (refs.length === 0) continue;
        this.next = undefined;
        try {
          await run(refs);
        } catch (err) {
          console.error("timer failed", kind, err);
          for (const ref of refs) if (this.get(kind, ref) === null) this.set(kind, ref, now + TIMER_RETRY_MS);
        }
      }
      for (const t of this.due(now)) {
        const current = this.get(t.kind, t.ref);
        if (current === null || current > now) continue;
        this.cancel(t.kind, t.ref);
        try {
          await handle(t);
        } catch (err) {
          // the handler's changes were rolled back: try again later (handlers are idempotent)
          console.error("timer failed", t.kind, err);
          if (this.get(t.kind, t.ref) === null) this.set(t.kind, t.ref, now + TIMER_RETRY_MS);
        }
      }
    } finally {
      await this.arm();
    }
  }
}
