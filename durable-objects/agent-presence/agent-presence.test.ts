import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "./index";

const fresh = () => presenceOf(env, `tn_${crypto.randomUUID()}`, "1001");

describe("AgentPresence", () => {
  it("reserves up to the limit across queues, idempotently per conversation", async () => {
    const p = fresh();
    expect(await p.reserve("sq_a", "cv_1", 2)).toMatchObject({ ok: true, active: 1 });
    expect(await p.reserve("sq_a", "cv_1", 2)).toMatchObject({ ok: true, active: 1 });
    expect(await p.reserve("sq_b", "cv_2", 2)).toMatchObject({ ok: true, active: 2 });
    expect(await p.reserve("sq_b", "cv_3", 2)).toMatchObject({ ok: false, active: 2 });
    expect(await p.release("cv_1")).toBe(1);
    expect(await p.reserve("sq_b", "cv_3", 2)).toMatchObject({ ok: true, active: 2 });
  });

  it("parallel reservations for the last slot: exactly one wins", async () => {
    const p = fresh();
    const results = await Promise.all(
      ["cv_1", "cv_2", "cv_3", "cv_4"].map((id, i) => p.reserve(`sq_${i}`, id, 1)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it.each(["rest", "busy"] as const)("refuses every reservation while the agent is %s", async (status) => {
    const p = fresh();
    await p.setStatus(status);
    expect(await p.reserve("sq_a", "cv_1", 5)).toMatchObject({ ok: false, status });
    await p.setStatus("idle");
    expect((await p.reserve("sq_a", "cv_1", 5)).ok).toBe(true);
  });

  it("releaseQueue frees one queue's slots only", async () => {
    const p = fresh();
    await p.reserve("sq_a", "cv_1", 5);
    await p.reserve("sq_a", "cv_2", 5);
    await p.reserve("sq_b", "cv_3", 5);
    expect(await p.releaseQueue("sq_a")).toBe(1);
    expect((await p.snapshot()).slots).toEqual([{ conversationId: "cv_3", queueId: "sq_b" }]);
  });

  it("a chat's end frees its slot and starts the wrap-up in one step; reservations wait for its end", async () => {
    const p = fresh();
    await p.reserve("sq_a", "cv_1", 1);
    const until = Date.now() + 10_000;
    expect(await p.chatEnded("sq_a", "1001", "cv_1", until)).toEqual({
      status: "arranging",
      wrapUpUntil: until,
    });
    expect(await p.reserve("sq_b", "cv_2", 1)).toMatchObject({
      ok: false,
      active: 0,
      status: "arranging",
      wrapUpUntil: until,
    });
    // a repeated end (retry) changes nothing
    expect(await p.chatEnded("sq_a", "1001", "cv_1", until)).toEqual({
      status: "arranging",
      wrapUpUntil: until,
    });
  });

  it("overlapping wrap-ups: the later end wins", async () => {
    const p = fresh();
    const later = Date.now() + 20_000;
    await p.chatEnded("sq_b", "1001", "cv_1", later);
    expect(await p.chatEnded("sq_a", "1001", "cv_2", Date.now() + 10_000)).toMatchObject({
      wrapUpUntil: later,
    });
    expect(await p.chatEnded("sq_c", "1001", "cv_3", null)).toMatchObject({ wrapUpUntil: later });
    const latest = Date.now() + 30_000;
    expect(await p.chatEnded("sq_a", "1001", "cv_4", latest)).toMatchObject({ wrapUpUntil: latest });
  });

  it("a wrap-up whose end has passed is over: the agent is idle and can be reserved", async () => {
    const p = fresh();
    await p.chatEnded("sq_a", "1001", "cv_1", Date.now() + 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await p.state()).toEqual({ status: "idle", wrapUpUntil: null });
    expect((await p.reserve("sq_b", "cv_2", 1)).ok).toBe(true);
  });

  it.each(["rest", "busy"] as const)(
    "%s replaces a running wrap-up and holds after its end",
    async (status) => {
      const p = fresh();
      await p.chatEnded("sq_a", "1001", "cv_1", Date.now() + 10_000);
      expect(await p.setStatus(status, "sq_a", "1001")).toEqual({ status, wrapUpUntil: null });
      // a chat ending at rest or forced busy starts no wrap-up
      expect(await p.chatEnded("sq_a", "1001", "cv_2", Date.now() + 10_000)).toEqual({
        status,
        wrapUpUntil: null,
      });
      expect(await p.setStatus("idle", "sq_a", "1001")).toEqual({ status: "idle", wrapUpUntil: null });
    },
  );

  it("idle ends a running wrap-up early", async () => {
    const p = fresh();
    await p.chatEnded("sq_a", "1001", "cv_1", Date.now() + 10_000);
    expect(await p.setStatus("idle", "sq_b", "1001")).toEqual({ status: "idle", wrapUpUntil: null });
    expect((await p.reserve("sq_b", "cv_2", 1)).ok).toBe(true);
  });

  it("the first queue signed in to starts fresh (idle); a further one keeps the agent's state", async () => {
    const p = fresh();
    await p.setStatus("rest");
    expect(await p.signIn("sq_a", "1001")).toEqual({ status: "idle", wrapUpUntil: null });
    await p.setStatus("rest", "sq_a", "1001");
    expect(await p.signIn("sq_b", "1001")).toEqual({ status: "rest", wrapUpUntil: null });
    // signing in again to a queue still registered (a reconnect) is no fresh start either
    await p.register("sq_b", false);
    expect(await p.signIn("sq_a", "1001")).toEqual({ status: "rest", wrapUpUntil: null });
  });

  it("a forced busy holds at a fresh sign-in and refuses the agent's own idle or rest until released", async () => {
    const p = fresh();
    expect(await p.setStatus("busy", "sq_a", "1001", "Quinn")).toEqual({
      status: "busy",
      wrapUpUntil: null,
      forcedBy: "Quinn",
    });
    expect(await p.signIn("sq_a", "1001")).toMatchObject({ status: "busy", forcedBy: "Quinn" });
    expect(await p.choose("idle", "sq_a", "1001")).toMatchObject({ ok: false });
    expect(await p.choose("rest", "sq_b", "1001")).toMatchObject({ ok: false });
    expect((await p.reserve("sq_a", "cv_1", 5)).ok).toBe(false);
    expect(await p.setStatus("idle", "sq_a", "1001")).toEqual({ status: "idle", wrapUpUntil: null });
    expect(await p.choose("rest", "sq_a", "1001")).toEqual({
      ok: true,
      state: { status: "rest", wrapUpUntil: null },
    });
  });
});
