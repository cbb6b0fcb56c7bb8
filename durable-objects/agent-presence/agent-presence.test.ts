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
});
