/** Single use of signed customer tickets in the queue object's own SQLite (store/used-tickets.ts). */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Store } from "../store";
import { queueStub } from "./fixtures";

const JTI = "a".repeat(32);
const OTHER = "b".repeat(32);

describe("used customer tickets", () => {
  it("a ticket id is claimed once; its row goes once the ticket expired, not before", async () => {
    await runInDurableObject(queueStub(`used-tickets-${Date.now()}`), (_i, state) => {
      const store = new Store(state.storage.sql);
      const t0 = 1_000_000;
      expect(store.usedTickets.claim(JTI, t0 + 60_000, t0)).toBe(true);
      expect(store.usedTickets.claim(JTI, t0 + 60_000, t0 + 1)).toBe(false);
      // a millisecond before its expiry the id is still kept
      expect(store.usedTickets.claim(OTHER, t0 + 120_000, t0 + 59_999)).toBe(true);
      expect(store.usedTickets.count()).toBe(2);
      // at its expiry it is dropped (the Worker refuses the ticket from then on)
      expect(store.usedTickets.claim(OTHER, t0 + 120_000, t0 + 60_000)).toBe(false);
      expect(store.usedTickets.count()).toBe(1);
    });
  });
});
