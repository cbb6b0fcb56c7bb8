import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { presenceOf } from "./index";

const fresh = () => presenceOf(env, `tn_${crypto.randomUUID()}`, "1001");

describe("AgentPresence: the call slot (click to dial)", () => {
  it("one call at a time across queues, idempotently per call", async () => {
    const p = fresh();
    expect((await p.reserveCall("sq_ctd_a", "cl_1")).ok).toBe(true);
    expect((await p.reserveCall("sq_ctd_a", "cl_1")).ok).toBe(true);
    expect((await p.reserveCall("sq_ctd_b", "cl_2")).ok).toBe(false);
    await p.releaseCall("cl_1");
    expect((await p.reserveCall("sq_ctd_b", "cl_2")).ok).toBe(true);
  });

  it("parallel calls for a free agent: exactly one rings them", async () => {
    const p = fresh();
    const results = await Promise.all(["cl_1", "cl_2", "cl_3"].map((id, i) => p.reserveCall(`sq_${i}`, id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("a call uses no chat slot, and chats do not keep the agent from a call", async () => {
    const p = fresh();
    expect((await p.reserve("sq_chat", "cv_1", 1)).ok).toBe(true);
    expect((await p.reserveCall("sq_ctd", "cl_1")).ok).toBe(true);
    expect(await p.snapshot()).toMatchObject({ active: 1, call: "cl_1" });
    expect((await p.reserve("sq_chat", "cv_2", 2)).ok).toBe(true);
  });

  it.each(["rest", "busy"] as const)("no call rings an agent who is %s", async (status) => {
    const p = fresh();
    await p.setStatus(status);
    expect(await p.reserveCall("sq_ctd", "cl_1")).toMatchObject({ ok: false, status });
  });

  it("an answered call that ends starts the wrap-up, which holds for chats and calls alike", async () => {
    const p = fresh();
    await p.reserveCall("sq_ctd", "cl_1");
    const state = await p.callEnded("sq_ctd", "1001", "cl_1", Date.now() + 10_000);
    expect(state.status).toBe("arranging");
    expect((await p.snapshot()).call).toBeNull();
    expect((await p.reserve("sq_chat", "cv_1", 5)).ok).toBe(false);
    expect((await p.reserveCall("sq_ctd", "cl_2")).ok).toBe(false);
    await p.setStatus("idle");
    expect((await p.reserveCall("sq_ctd", "cl_2")).ok).toBe(true);
  });

  it("releaseQueueCalls frees that queue's call unless kept", async () => {
    const p = fresh();
    await p.reserveCall("sq_ctd", "cl_1");
    await p.releaseQueueCalls("sq_ctd", ["cl_1"]);
    expect((await p.snapshot()).call).toBe("cl_1");
    await p.releaseQueueCalls("sq_other");
    expect((await p.snapshot()).call).toBe("cl_1");
    await p.releaseQueueCalls("sq_ctd");
    expect((await p.snapshot()).call).toBeNull();
  });
});
