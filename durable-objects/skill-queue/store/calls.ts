/**
 * Click-to-dial calls owned by this (click-to-dial) queue: one row per call, its state, the agent
 * it rings or who took it, its place in the queue (`queue_ord`, the front for a call whose ring was
 * missed) and how far its changes reached the chat's queue (`notified_version`) and D1 (`archived`).
 */
import type { CallEndReason, CallMedia, CallState } from "../../../worker/realtime/protocol";

export type CallRow = {
  id: string;
  tenant_id: string;
  conversation_id: string;
  /** The skill queue holding the text chat (where its transcript gets the call's events). */
  chat_queue_id: string;
  channel_id: string;
  customer_id: string;
  customer_name: string | null;
  customer_name_verified: number;
  media: CallMedia;
  state: CallState;
  agent_id: string | null;
  agent_name: string | null;
  chat_agent_id: string | null;
  chat_agent_name: string | null;
  placed_at: number;
  /** When the queue's admission queued it (null: never queued, e.g. it rang the chat's agent at once). */
  queued_at: number | null;
  queue_ord: number | null;
  rang_at: number | null;
  connected_at: number | null;
  ended_at: number | null;
  end_reason: CallEndReason | null;
  ended_by: "customer" | "agent" | "system" | null;
  /** JSON: agents who declined or missed this call. */
  excluded: string;
  /** JSON: click-to-dial queues this call was transferred out of. */
  hops: string;
  /** JSON: the latest messages of the chat, for an agent who is not in it. */
  context: string;
  /** Grows with each change; the chat's queue keeps the highest it saw. */
  version: number;
  notified_version: number;
  archived: number;
};

export class CallStore {
  constructor(private readonly sql: SqlStorage) {}

  get(id: string): CallRow | null {
    return this.sql.exec<CallRow>("SELECT * FROM calls WHERE id = ?", id).toArray()[0] ?? null;
  }

  /** The call of a conversation that has not ended, if any (one at a time). */
  liveOfConversation(conversationId: string): CallRow | null {
    return (
      this.sql
        .exec<CallRow>("SELECT * FROM calls WHERE conversation_id = ? AND state != 'ended'", conversationId)
        .toArray()[0] ?? null
    );
  }

  /** Calls ringing `employeeId` or connected with them. */
  ofAgent(employeeId: string): CallRow[] {
    return this.sql
      .exec<CallRow>(
        "SELECT * FROM calls WHERE agent_id = ? AND state IN ('ringing', 'connected') ORDER BY placed_at",
        employeeId,
      )
      .toArray();
  }

  /**
   * Calls the queue holds, in queue order. A call in state `queued` without `queued_at` is not
   * admitted yet (being routed) and is not among them.
   */
  queued(): CallRow[] {
    return this.sql
      .exec<CallRow>(
        "SELECT * FROM calls WHERE state = 'queued' AND queued_at IS NOT NULL ORDER BY queue_ord",
      )
      .toArray();
  }

  /** How many calls the queue holds and since when the longest has waited (null when none). */
  queuedSummary(): { count: number; oldest: number | null } {
    return this.sql
      .exec<{ count: number; oldest: number | null }>(
        "SELECT COUNT(*) AS count, MIN(queued_at) AS oldest FROM calls WHERE state = 'queued' AND queued_at IS NOT NULL",
      )
      .one();
  }

  /** Calls whose changes still have to reach the chat's queue or D1. */
  unsynced(): CallRow[] {
    return this.sql
      .exec<CallRow>(
        "SELECT * FROM calls WHERE notified_version < version OR (state = 'ended' AND archived = 0)",
      )
      .toArray();
  }

  /** Inserts a call at `version` (a call handed over from another queue counts on from its own). */
  insert(c: Omit<CallRow, "version" | "notified_version" | "archived">, version = 1): void {
    const row = { ...c, version, notified_version: 0, archived: 0 };
    const keys = Object.keys(row) as (keyof CallRow)[];
    this.sql.exec(
      `INSERT INTO calls (${keys.join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`,
      ...keys.map((k) => row[k]),
    );
  }

  /** Changes a call and counts a new version (the chat's queue is told of it). */
  update(id: string, patch: Partial<Omit<CallRow, "id" | "version">>): void {
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    this.sql.exec(
      `UPDATE calls SET ${keys.map((k) => `${k} = ?`).join(", ")}${keys.length ? ", " : ""}version = version + 1 WHERE id = ?`,
      ...keys.map((k) => patch[k] ?? null),
      id,
    );
  }

  /** The next place at the back (or the front) of the queue. */
  nextOrd(front: boolean): number {
    const r = this.sql
      .exec<{ lo: number | null; hi: number | null }>(
        "SELECT MIN(queue_ord) AS lo, MAX(queue_ord) AS hi FROM calls WHERE state = 'queued'",
      )
      .one();
    return front ? (r.lo ?? 0) - 1 : (r.hi ?? 0) + 1;
  }

  /** Records what reached the chat's queue and D1 (without counting a new version). */
  synced(id: string, notifiedVersion: number, archived: boolean): void {
    this.sql.exec(
      "UPDATE calls SET notified_version = MAX(notified_version, ?), archived = MAX(archived, ?) WHERE id = ?",
      notifiedVersion,
      archived ? 1 : 0,
      id,
    );
  }

  /** Moves the chat to another queue (it was transferred there); its next notice goes there. */
  chatMoved(id: string, chatQueueId: string): void {
    this.sql.exec("UPDATE calls SET chat_queue_id = ?, notified_version = 0 WHERE id = ?", chatQueueId, id);
  }

  delete(id: string): void {
    this.sql.exec("DELETE FROM calls WHERE id = ?", id);
  }

  /**
   * The call moved to another queue: dropped here, and a customer whose call socket arrives late
   * is sent on to `url` (a fresh ticket there). Records older than `keepMs` are forgotten.
   */
  moved(id: string, url: string, now: number, keepMs: number): void {
    this.delete(id);
    this.sql.exec("DELETE FROM moved_calls WHERE at < ?", now - keepMs);
    this.sql.exec(
      "INSERT INTO moved_calls (call_id, url, at) VALUES (?, ?, ?) ON CONFLICT (call_id) DO UPDATE SET url = excluded.url, at = excluded.at",
      id,
      url,
      now,
    );
  }

  /** Where a call that moved away went (its customer's ticket there), if it moved lately. */
  movedTo(id: string): string | null {
    return (
      this.sql.exec<{ url: string }>("SELECT url FROM moved_calls WHERE call_id = ?", id).toArray()[0]?.url ??
      null
    );
  }
}
