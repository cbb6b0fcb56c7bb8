/**
 * The object's schema migrations: each step applies once, in order, with the version it reaches in
 * the same transaction; a failing step leaves nothing half-applied and is tried again next start.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Store } from "../store";
import { queueStub } from "./fixtures";

const STEPS = [
  "ALTER TABLE agents ADD COLUMN note TEXT",
  "CREATE TABLE probe (id TEXT PRIMARY KEY); INSERT INTO probe (id) VALUES ('a')",
];

describe("store migrations", () => {
  it("applies each step once, in order, and records the version", async () => {
    await runInDurableObject(queueStub(`migrate-${Date.now()}`), (_i, state) => {
      // the object migrated itself on start: count these steps from an object at version 0
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'schemaVersion'");
      const store = new Store(state.storage.sql);
      const tx = (step: () => void) => state.storage.transactionSync(step);
      store.migrate(tx, STEPS.slice(0, 1));
      expect(store.meta.get("schemaVersion")).toBe("1");
      store.migrate(tx, STEPS);
      store.migrate(tx, STEPS);
      expect(store.meta.get("schemaVersion")).toBe("2");
      expect(state.storage.sql.exec("SELECT COUNT(*) AS n FROM probe").one().n).toBe(1);
      const columns = state.storage.sql.exec<{ name: string }>("PRAGMA table_info(agents)").toArray();
      expect(columns.map((c) => c.name)).toContain("note");
    });
  });

  it("rolls a failing step back whole and keeps the version before it", async () => {
    await runInDurableObject(queueStub(`migrate-fail-${Date.now()}`), (_i, state) => {
      // the object migrated itself on start: count these steps from an object at version 0
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'schemaVersion'");
      const store = new Store(state.storage.sql);
      const tx = (step: () => void) => state.storage.transactionSync(step);
      const broken = ["CREATE TABLE half (id TEXT); INSERT INTO nowhere VALUES (1)"];
      expect(() => store.migrate(tx, broken)).toThrow();
      expect(store.meta.get("schemaVersion")).toBeNull();
      const tables = state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'half'").toArray();
      expect(tables).toEqual([]);
      store.migrate(tx, ["CREATE TABLE half (id TEXT)"]);
      expect(store.meta.get("schemaVersion")).toBe("1");
    });
  });
});
