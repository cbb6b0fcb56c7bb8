/**
 * The waiting list's order kept in memory (store/waiting.ts) against SQLite, its source of truth:
 * positions, count, oldest and tail after arrivals at the back and front and departures, the same
 * after a fresh start reads the table, and after a rolled-back step.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Steps } from "../steps";
import { Store } from "../store";
import { queueStub } from "./fixtures";

/** What SQLite says: ids in order and each one's enqueue time. */
function fromSql(sql: SqlStorage) {
  return sql
    .exec<{ conversation_id: string; enqueued_at: number }>(
      "SELECT conversation_id, enqueued_at FROM waiting ORDER BY ord",
    )
    .toArray();
}

function expectMatchesSql(store: Store, sql: SqlStorage) {
  const rows = fromSql(sql);
  const ids = rows.map((r) => r.conversation_id);
  expect(store.waiting.idsFrom(1)).toEqual(ids);
  expect(store.waiting.summary()).toEqual({
    count: rows.length,
    oldest: rows.length ? Math.min(...rows.map((r) => r.enqueued_at)) : null,
  });
  for (const [i, id] of ids.entries()) expect(store.waiting.position(id)).toBe(i + 1);
  expect(store.waiting.idsFrom(rows.length)).toEqual(ids.slice(-1));
}

describe("the waiting list kept in memory", () => {
  it("follows arrivals at both ends and departures, and a fresh start reads the same list", async () => {
    await runInDurableObject(queueStub(`waiting-memory-${Date.now()}`), (_i, state) => {
      const sql = state.storage.sql;
      const store = new Store(sql);
      store.migrate((step) => state.storage.transactionSync(step));
      for (let i = 0; i < 6; i++) store.waiting.enqueue(`c${i}`, 1_000 + i);
      store.waiting.enqueue("back-at-front", 5_000, true);
      store.waiting.enqueue("c2", 9_000); // already waiting: stays where it is
      expectMatchesSql(store, sql);
      expect(store.waiting.position("back-at-front")).toBe(1);
      expect(store.waiting.position("c5")).toBe(7);
      store.waiting.dequeue("c0"); // the oldest leaves: the next oldest is found
      store.waiting.dequeue("c3");
      store.conversations.delete("c4"); // a deleted conversation leaves the list too
      expectMatchesSql(store, sql);
      expect(store.waiting.summary()).toEqual({ count: 4, oldest: 1_001 });
      expect(store.waiting.position("c0")).toBeNull();
      expect(store.waiting.has("c5")).toBe(true);
      store.waiting.enqueue("late", 8_000);
      expect(store.waiting.position("late")).toBe(5);
      // a fresh object (after eviction) rebuilds the same from SQLite
      const fresh = new Store(sql);
      expectMatchesSql(fresh, sql);
      expect(fresh.waiting.idsFrom(1)).toEqual(store.waiting.idsFrom(1));
    });
  });

  it("a rolled-back step leaves memory as SQLite: the arrival it queued is not counted", async () => {
    await runInDurableObject(queueStub(`waiting-rollback-${Date.now()}`), async (_i, state) => {
      const sql = state.storage.sql;
      const store = new Store(sql);
      store.migrate((step) => state.storage.transactionSync(step));
      const steps = new Steps(state.storage);
      steps.onEveryRollback(() => store.waiting.forget());
      store.waiting.enqueue("first", 1_000);
      await expect(
        steps.atomic(async () => {
          store.waiting.enqueue("rolled-back", 2_000);
          store.waiting.dequeue("first");
          expect(store.waiting.summary().count).toBe(1);
          throw new Error("the step fails");
        }),
      ).rejects.toThrow("the step fails");
      expect(fromSql(sql).map((r) => r.conversation_id)).toEqual(["first"]);
      expectMatchesSql(store, sql);
      expect(store.waiting.position("rolled-back")).toBeNull();
      expect(store.waiting.position("first")).toBe(1);
    });
  });
});
