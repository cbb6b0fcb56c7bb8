/**
 * AgentPresence: one small Durable Object per agent (named `tenantId:employeeId`) that makes an
 * agent's concurrent-chat limit, chosen status and wrap-up hold across every skill queue they
 * serve. Queue DOs `reserve` a slot before assigning a chat and free it when the chat leaves the
 * agent (`release`, or `chatEnded`, which also starts the wrap-up). A reservation is idempotent per
 * conversation, and every check-and-write runs without an await in between, so two queues racing
 * for the last slot cannot both win, and no queue can slip a chat in between a chat's end and its
 * wrap-up.
 *
 * Queues the agent is signed in to register (`signIn`). When a slot frees up, the other queues are
 * nudged; when the agent's state changes (status chosen or forced, a wrap-up started), they are
 * told (`presenceChanged`). Both without waiting for them. Rules: `rules/wrap-up.ts`.
 *
 * Calls (click to dial) have a slot of their own: an agent takes at most one call at a time
 * (`reserveCall`), a call uses no chat slot, and the status and wrap-up are the same one state:
 * only an idle agent is rung, and a call that ends starts the wrap-up like a chat (`callEnded`).
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env";
import { statusAtFreshSignIn, statusChoice } from "../skill-queue/rules/forced-busy";
import {
  type ChosenStatus,
  type PresenceState,
  presenceState,
  wrapUpAfterChat,
} from "../skill-queue/rules/wrap-up";

export type { ChosenStatus, PresenceState };

/** The agent's state with, while a quality checker holds them busy, that checker's name. */
export type AgentState = PresenceState & { forcedBy?: string };

/** A reservation's answer, with the agent's state (a refused queue adopts it). */
export type Reservation = { ok: boolean; active: number } & AgentState;

/** The answer to the agent's own choice of status: refused while they are forced busy. */
export type Choice = { ok: true; state: AgentState } | { ok: false; message: string };

export class AgentPresence extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS slots (conversation_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS queues (queue_id TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS calls (call_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, at INTEGER NOT NULL);
    `);
  }

  private get(key: string): string | null {
    return (
      this.sql.exec<{ value: string }>("SELECT value FROM state WHERE key = ?", key).toArray()[0]?.value ??
      null
    );
  }

  private put(key: string, value: string | null): void {
    if (value === null) this.sql.exec("DELETE FROM state WHERE key = ?", key);
    else
      this.sql.exec(
        "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        key,
        value,
      );
  }

  private chosen(): ChosenStatus {
    return (this.get("status") as ChosenStatus | null) ?? "idle";
  }

  private wrapUpUntil(): number | null {
    const v = this.get("wrapUpUntil");
    return v === null ? null : Number(v);
  }

  /** The state every queue of the agent shows now. */
  state(): AgentState {
    const state = presenceState(this.chosen(), this.wrapUpUntil(), Date.now());
    const forcedBy = state.status === "busy" ? this.get("forcedBy") : null;
    return forcedBy === null ? state : { ...state, forcedBy };
  }

  private active(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM slots").one().n;
  }

  /**
   * Takes one of the agent's `max` chat slots for `conversationId` unless they are full, not idle
   * or wrapping up. Idempotent: a slot already held for the conversation is kept.
   */
  reserve(queueId: string, conversationId: string, max: number): Reservation {
    const state = this.state();
    const held = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM slots WHERE conversation_id = ?", conversationId)
      .one().n;
    if (held) return { ok: true, active: this.active(), ...state };
    const active = this.active();
    if (state.status !== "idle" || active >= max) return { ok: false, active, ...state };
    this.sql.exec(
      "INSERT INTO slots (conversation_id, queue_id, at) VALUES (?, ?, ?)",
      conversationId,
      queueId,
      Date.now(),
    );
    return { ok: true, active: active + 1, ...state };
  }

  /** Frees the slot of `conversationId` (no-op when not held) and nudges the agent's other queues. */
  release(conversationId: string, fromQueueId?: string): number {
    const freed = this.free(conversationId);
    if (freed !== null && this.state().status === "idle") this.nudge(fromQueueId ?? freed);
    return this.active();
  }

  /** Deletes the slot of `conversationId`; the queue that held it, null when none. */
  private free(conversationId: string): string | null {
    return (
      this.sql
        .exec<{ queue_id: string }>(
          "DELETE FROM slots WHERE conversation_id = ? RETURNING queue_id",
          conversationId,
        )
        .toArray()[0]?.queue_id ?? null
    );
  }

  /**
   * A chat of `queueId` ended: its slot is freed and, in the same step, the agent's wrap-up is
   * started or extended to `wrapUpUntil` (null: that queue has none; see `wrapUpAfterChat`). The
   * other queues are told of a new wrap-up end, or nudged when the agent can take a chat now.
   */
  chatEnded(
    queueId: string,
    employeeId: string,
    conversationId: string,
    wrapUpUntil: number | null,
  ): AgentState {
    return this.workEnded(queueId, employeeId, this.free(conversationId), wrapUpUntil);
  }

  private workEnded(
    queueId: string,
    employeeId: string,
    freed: string | null,
    wrapUpUntil: number | null,
  ): AgentState {
    this.put("employeeId", employeeId);
    const before = this.wrapUpUntil();
    const until = wrapUpAfterChat(this.chosen(), before, wrapUpUntil, Date.now());
    this.put("wrapUpUntil", until === null ? null : String(until));
    const state = this.state();
    if (state.status === "arranging" && until !== before) this.tell(queueId);
    else if (state.status === "idle" && freed !== null) this.nudge(queueId);
    return state;
  }

  /** The call the agent holds (ringing or talking), null when none. */
  private heldCall(): string | null {
    return this.sql.exec<{ call_id: string }>("SELECT call_id FROM calls").toArray()[0]?.call_id ?? null;
  }

  /**
   * Takes the agent's one call slot for `callId` unless they hold another call or are not idle
   * (rest, forced busy, wrapping up). Idempotent per call. Chat slots are not involved.
   */
  reserveCall(queueId: string, callId: string): Reservation {
    const state = this.state();
    const held = this.heldCall();
    const active = this.active();
    if (held === callId) return { ok: true, active, ...state };
    if (held !== null || state.status !== "idle") return { ok: false, active, ...state };
    this.sql.exec("INSERT INTO calls (call_id, queue_id, at) VALUES (?, ?, ?)", callId, queueId, Date.now());
    return { ok: true, active, ...state };
  }

  /** Frees the call slot of a call that was never answered (declined, missed, cancelled). */
  releaseCall(callId: string, fromQueueId: string | null = null): AgentState {
    const freed = this.freeCall(callId);
    if (freed !== null && this.state().status === "idle") this.nudge(fromQueueId ?? freed);
    return this.state();
  }

  /**
   * An answered call of `queueId` ended: the call slot is freed and the agent wraps up until
   * `wrapUpUntil` (that queue's wrap-up after the call), as after a chat.
   */
  callEnded(queueId: string, employeeId: string, callId: string, wrapUpUntil: number | null): AgentState {
    return this.workEnded(queueId, employeeId, this.freeCall(callId), wrapUpUntil);
  }

  /** Frees the call slots a queue holds except for `keep` (the agent (re)connected or signed out there). */
  releaseQueueCalls(queueId: string, keep: string[] = []): void {
    for (const row of this.sql
      .exec<{ call_id: string }>("SELECT call_id FROM calls WHERE queue_id = ?", queueId)
      .toArray()) {
      if (!keep.includes(row.call_id)) this.releaseCall(row.call_id, queueId);
    }
  }

  private freeCall(callId: string): string | null {
    return (
      this.sql
        .exec<{ queue_id: string }>("DELETE FROM calls WHERE call_id = ? RETURNING queue_id", callId)
        .toArray()[0]?.queue_id ?? null
    );
  }

  /**
   * The agent connected to `queueId`. When it is the first queue they are signed in to, this is
   * a fresh start: a rest left from before is over (a running wrap-up goes on), but a forced busy
   * holds until a quality checker releases it (`rules/forced-busy.ts`). Otherwise the agent keeps
   * the state their other queues show.
   */
  signIn(queueId: string, employeeId: string): AgentState {
    this.put("employeeId", employeeId);
    const registered = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM queues").one().n;
    if (registered === 0) this.put("status", statusAtFreshSignIn(this.chosen()));
    this.sql.exec("INSERT OR IGNORE INTO queues (queue_id) VALUES (?)", queueId);
    return this.state();
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

  /** Tells the agent's other queues that their state changed (each reads it with `state`). */
  private tell(exceptQueueId: string | null): void {
    const employeeId = this.get("employeeId");
    if (employeeId === null) {
      this.nudge(exceptQueueId);
      return;
    }
    for (const queueId of this.otherQueues(exceptQueueId)) {
      const stub = this.env.SKILL_QUEUE.get(this.env.SKILL_QUEUE.idFromName(queueId));
      this.ctx.waitUntil(
        stub
          .presenceChanged(employeeId)
          .catch((err: unknown) => console.error("status notice failed", queueId, err)),
      );
    }
  }

  /** Frees every slot a queue holds (the agent signed out of it), except those of `keep`. */
  releaseQueue(queueId: string, keep: string[] = []): number {
    for (const row of this.sql
      .exec<{ conversation_id: string }>("SELECT conversation_id FROM slots WHERE queue_id = ?", queueId)
      .toArray()) {
      if (!keep.includes(row.conversation_id)) this.release(row.conversation_id);
    }
    return this.active();
  }

  /**
   * The status the agent chose (or a quality checker forced: `busy` with the checker's name in
   * `forcedBy`; or released: `idle`), shared by all their queues. It replaces a running wrap-up
   * (`idle` ends it early). When the state changes, the agent's other signed-in queues are told
   * (without waiting for them), so their live views show it and, on `idle`, they offer the agent
   * waiting customers.
   */
  setStatus(
    status: ChosenStatus,
    fromQueueId: string | null = null,
    employeeId: string | null = null,
    forcedBy: string | null = null,
  ): AgentState {
    if (employeeId !== null) this.put("employeeId", employeeId);
    const before = this.state();
    this.put("status", status);
    this.put("forcedBy", status === "busy" ? forcedBy : null);
    this.put("wrapUpUntil", null);
    const after = this.state();
    if (after.status !== before.status || after.forcedBy !== before.forcedBy) this.tell(fromQueueId);
    return after;
  }

  /**
   * The agent's own choice of idle or rest, checked and applied in one step: refused while a
   * quality checker holds them busy (`rules/forced-busy.ts`), so a force arriving from another
   * queue at the same moment cannot be undone by it.
   */
  choose(status: "idle" | "rest", fromQueueId: string, employeeId: string): Choice {
    const choice = statusChoice(this.chosen(), this.get("forcedBy"), status);
    if (!choice.ok) return choice;
    return { ok: true, state: this.setStatus(status, fromQueueId, employeeId) };
  }

  private otherQueues(exceptQueueId: string | null): string[] {
    return this.sql
      .exec<{ queue_id: string }>("SELECT queue_id FROM queues WHERE queue_id IS NOT ?", exceptQueueId)
      .toArray()
      .map((r) => r.queue_id);
  }

  snapshot(): AgentState & {
    active: number;
    call: string | null;
    slots: { conversationId: string; queueId: string }[];
  } {
    return {
      ...this.state(),
      active: this.active(),
      call: this.heldCall(),
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
