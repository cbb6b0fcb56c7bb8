import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { skillQueues } from "../db/schema";
import { database, TenantDb } from "../db/tenant-db";
import { newTenant } from "../test/helpers";
import { addAgent, addChannel, addGroup, removeRow } from "../test/queue-route-fixtures";
import { firstQueueReference, queueUnreferenced } from "./skill-queue-references";

type Add = (tenantId: string, queueId: string) => Promise<() => Promise<void>>;

describe("skill queue references", () => {
  it.each<[string, Add]>([
    ["an agent", async (t, q) => removeRow.bind(null, "agents", await addAgent(t, q, "member"))],
    [
      "an agent (as default skill queue)",
      async (t, q) => removeRow.bind(null, "agents", await addAgent(t, q, "default")),
    ],
    ["a skill queue group", async (t, q) => removeRow.bind(null, "skill_queue_groups", await addGroup(t, q))],
    [
      "a web channel (as click-to-dial skill queue)",
      async (t, q) => removeRow.bind(null, "channels", await addChannel(t, { clickToDialQueueId: q })),
    ],
  ])("%s blocks the guarded delete itself, not only the check", async (what, add) => {
    const t = await newTenant();
    const created = await t.post("/skill-queues", { name: "Q", type: "multimedia" });
    const id: string = created.body.id;
    const db = new TenantDb(database(env.DB), t.tenantId);
    const remove = await add(t.tenantId, id);
    expect(await firstQueueReference(db, id)).toBe(what);
    expect(
      (await db.delete(skillQueues, eq(skillQueues.id, id), queueUnreferenced(db, id))).meta.changes,
    ).toBe(0);
    await remove();
    expect(await firstQueueReference(db, id)).toBeNull();
    expect(
      (await db.delete(skillQueues, eq(skillQueues.id, id), queueUnreferenced(db, id))).meta.changes,
    ).toBe(1);
  });

  it("finds another queue's transfer target inside the JSON and ignores other tenants' rows", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const target = (await t.post("/skill-queues", { name: "T", type: "video" })).body.id as string;
    const transfer = { action: "transfer", transferType: "skillQueue", targetId: target };
    const source = await t.post("/skill-queues", {
      name: "S",
      type: "video",
      queuing: { noAgent: transfer },
    });
    expect(source.status).toBe(201);
    const db = new TenantDb(database(env.DB), t.tenantId);
    expect(await firstQueueReference(db, target)).toBe("another skill queue (as transfer target)");
    expect(await firstQueueReference(db, source.body.id)).toBeNull();

    await addChannel(other.tenantId, { clickToDialQueueId: source.body.id });
    expect(await firstQueueReference(db, source.body.id)).toBeNull();
    const guarded = db.delete(
      skillQueues,
      eq(skillQueues.id, source.body.id),
      queueUnreferenced(db, source.body.id),
    );
    expect((await guarded).meta.changes).toBe(1);
  });
});
