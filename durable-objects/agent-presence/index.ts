/**
 * AgentPresence: one small Durable Object per agent (named `tenantId:employeeId`) that makes an
 * agent's concurrent-chat limit and chosen status hold across every skill queue they serve.
 * Queue DOs `reserve` a slot before assigning a chat and `release` it when the chat leaves the
 * agent. A reservation is idempotent per conversation, and the check-and-insert runs without an
 * await between them, so two queues racing for the last slot cannot both win.
 *
 * Queues the agent is signed in to `register`; when a slot frees up or the agent becomes idle,
 * the other registered queues are nudged (without waiting for them) so a customer waiting in
 * queue B is offered to the agent as soon as their chat in queue A ends.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env";

export type PresenceStatus = "idle" | "rest" | "busy";

export type Reservation = { ok: boolean; active: number; status: PresenceStatus };

export class AgentPresence extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS slots (conversation_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS queues (queue_id TEXT PRIMARY KEY);
    `);
  }

  private status(): PresenceStatus {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM state WHERE key = 'status'").toArray()[0];
    return (row?.value as PresenceStatus | undefined) ?? "idle";
  }

  private active(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM slots").one().n;
  }

  /** Takes one of the agent's `max` chat slots for `conversationId` unless they are full or not idle. */
  reserve(queueId: string, conversationId: string, max: number): Reservation {
    const status = this.status();
    const held = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM slots WHERE conversation_id = ?", conversationId)
      .one().n;
    if (held) return { ok: true, active: this.active(), status };
    const active = this.active();
    if (status !== "idle" || active >= max) return { ok: false, active, status };
    this.sql.exec(
      "INSERT INTO slots (conversation_id, queue_id, at) VALUES (?, ?, ?)",
      conversationId,
      queueId,
      Date.now(),
    );
    return { ok: true, active: active + 1, status };
  }

  /** Frees the slot of `conversationId` (no-op when not held) and nudges the agent's other queues. */
  release(conversationId: string, fromQueueId?: string): number {
    const freed = this.sql
      .exec<{ queue_id: string }>(
        "DELETE FROM slots WHERE conversation_id = ? RETURNING queue_id",
        conversationId,
      )
      .toArray()[0];
    if (freed) this.nudge(fromQueueId ?? freed.queue_id);
    return this.active();
  }

  /** The agent signed in to (or out of) a queue. */
  register(queueId: string, signedIn: boolean): void {
    if (signedIn) this.sql.exec("INSERT OR IGNORE INTO queues (queue_id) VALUES (?)", queueId);
    else this.sql.exec("DELETE FROM queues WHERE queue_id = ?", queueId);
  }

  private nudge(exceptQueueId: string | null): void {
    for (const queue_id of this.otherQueues(exceptQueueId)) {
      const stub = this.env.SKILL_QUEUE.get(this.env.SKILL_QUEUE.idFromName(queue_id));
      this.ctx.waitUntil(stub.nudge().catch((err: unknown) => console.error("nudge failed", queue_id, err)));
    }
  }

  /** Frees every slot a queue holds (the agent signed out of it). */
  releaseQueue(queueId: string, keep: string[] = []): number {
    for (const row of this.sql
      .exec<{ conversation_id: string }>("SELECT conversation_id FROM slots WHERE queue_id = ?", queueId)
      .toArray()) {
      if (!keep.includes(row.conversation_id)) this.release(row.conversation_id);
    }
    return this.active();
  }

  /**
   * The status the agent chose (or a quality checker forced), shared by all their queues. When it
   * changes, the agent's other signed-in queues are told (without waiting for them), so their live
   * views show it and, on `idle`, they offer the agent waiting customers.
   */
  setStatus(
    status: PresenceStatus,
    fromQueueId: string | null = null,
    employeeId: string | null = null,
  ): void {
    const before = this.status();
    this.sql.exec(
      "INSERT INTO state (key, value) VALUES ('status', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      status,
    );
    if (status === before) return;
    if (employeeId === null) {
      if (status === "idle") this.nudge(fromQueueId);
      return;
    }
    for (const queueId of this.otherQueues(fromQueueId)) {
      const stub = this.env.SKILL_QUEUE.get(this.env.SKILL_QUEUE.idFromName(queueId));
      this.ctx.waitUntil(
        stub
          .presenceChanged(employeeId, status)
          .catch((err: unknown) => console.error("status notice failed", queueId, err)),
      );
    }
  }

  private otherQueues(exceptQueueId: string | null): string[] {
    return this.sql
      .exec<{ queue_id: string }>("SELECT queue_id FROM queues WHERE queue_id IS NOT ?", exceptQueueId)
      .toArray()
      .map((r) => r.queue_id);
  }

  snapshot(): {
    status: PresenceStatus;
    active: number;
    slots: { conversationId: string; queueId: string }[];
  } {
    return {
      status: this.status(),
      active: this.active(),
      slots: this.sql
        .exec<{ conversation_id: string; queue_id: string }>(
          "SELECT conversation_id, queue_id FROM slots ORDER BY at",
        )
        .toArray()
        .map((r) => ({ conversationId: r.conversation_id, queueId: r.queue_id })),
    };
  }
}

/** The presence object of an agent. */
export function presenceOf(env: Env, tenantId: string, employeeId: string): DurableObjectStub<AgentPresence> {
  return env.AGENT_PRESENCE.get(env.AGENT_PRESENCE.idFromName(`${tenantId}:${employeeId}`));
}
