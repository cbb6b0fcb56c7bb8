/** Single use of signed customer tickets in the queue object's own SQLite (store/used-tickets.ts). */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Store } from "../store";
import { USED_TICKET_PRUNE_MS } from "../store/used-tickets";
import { queueStub } from "./fixtures";

const JTI = "a".repeat(32);
const OTHER = "b".repeat(32);
const THIRD = "c".repeat(32);
const FOURTH = "d".repeat(32);

describe("used customer tickets", () => {
  it("a ticket id is claimed once; expired ids go at the next prune, at most every USED_TICKET_PRUNE_MS", async () => {
    await runInDurableObject(queueStub(`used-tickets-${Date.now()}`), (_i, state) => {
      const store = new Store(state.storage.sql);
      const t0 = 1_000_000;
      expect(store.usedTickets.claim(JTI, t0 + 60_000, t0)).toBe(true);
      expect(store.usedTickets.claim(JTI, t0 + 60_000, t0 + 1)).toBe(false);
      // a millisecond before its expiry the id is still kept (this claim prunes: nothing expired)
      const pruned = t0 + 59_999;
      expect(store.usedTickets.claim(OTHER, t0 + 120_000, pruned)).toBe(true);
      expect(store.usedTickets.count()).toBe(2);
      expect(store.usedTickets.claim(OTHER, t0 + 120_000, t0 + 60_000)).toBe(false);
      // expired ids wait for the next prune (the Worker refuses an expired ticket anyway)
      expect(store.usedTickets.claim(THIRD, t0 + 130_000, pruned + USED_TICKET_PRUNE_MS - 1)).toBe(true);
      expect(store.usedTickets.count()).toBe(3);
      expect(store.usedTickets.claim(FOURTH, t0 + 130_000, pruned + USED_TICKET_PRUNE_MS)).toBe(true);
      expect(store.usedTickets.count()).toBe(3);
    });
  });
});
