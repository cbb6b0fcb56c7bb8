import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newTenant } from "../test/helpers";

describe("configuration changes reach running queues", () => {
  it("reloads every queue of the tenant after a successful robot or tenant write, not after a refused one", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const queue = await t.post("/skill-queues", { name: "Chat", type: "multimedia" });
    const foreign = await other.post("/skill-queues", { name: "Chat", type: "multimedia" });
    const stub = env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(queue.body.id));
    const foreignStub = env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(foreign.body.id));
    const before = await stub.invalidateConfig();
    const foreignBefore = await foreignStub.invalidateConfig();

    const robot = { name: "Bot", accessCode: "bot_1", kind: "chatbot", intents: [] };
    expect((await t.post("/robots", robot)).status).toBe(201);
    expect((await t.patch("/tenant", { calendar: { holidays: ["2026-12-25"] } })).status).toBe(200);
    expect((await t.patch("/tenant", { timezone: "Nowhere/Else" })).status).toBe(422);

    expect(await stub.invalidateConfig()).toBe(before + 3);
    expect(await foreignStub.invalidateConfig()).toBe(foreignBefore + 1);
  });
});
