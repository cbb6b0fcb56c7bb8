/**
 * Retention through the real housekeeping object, D1 and local R2: the tenant's setting at its
 * boundaries, an alarm run erasing conversations older than the period and keeping younger ones,
 * a second run erasing nothing more, bounded batches, audit entries and counters pruned.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversationPrefix } from "../../worker/attachments/bucket";
import { newId } from "../../worker/db/ids";
import { auditLog, loginAttempts } from "../../worker/db/schema";
import { housekeepingOf } from "../../worker/privacy/housekeeping";
import { CATCH_UP_MS, HOUSEKEEPING_INTERVAL_MS, RETENTION_BATCH } from "../../worker/rules/retention";
import { r2Keys } from "../../worker/test/attachment-helpers";
import { addConversation, db } from "../../worker/test/config-fixtures";
import { login, newTenant } from "../../worker/test/helpers";
import { archivedConversation, rowsOf } from "../../worker/test/privacy-fixtures";
import { adminOf, setupQueue } from "../skill-queue/test/fixtures";

const DAY = 24 * 3600_000;

describe("the transcript retention setting", () => {
  it.each([0, 3651, 1.5, -1, "30", true])("refuses %j naming the field", async (days) => {
    const t = await newTenant();
    const res = await t.patch("/tenant", { transcriptRetentionDays: days });
    expect(res.status).toBe(422);
    expect(res.body.errors.transcriptRetentionDays[0]).toMatch(/from 1 to 3650, or null/);
  });

  it("takes 1 and 3650 days, and null to keep conversations forever (the default)", async () => {
    const t = await newTenant();
    expect((await t.get("/tenant")).body.transcriptRetentionDays).toBeNull();
    for (const days of [1, 3650, null]) {
      const res = await t.patch("/tenant", { transcriptRetentionDays: days });
      expect(res.status).toBe(200);
      expect(res.body.transcriptRetentionDays).toBe(days);
    }
  });

  it("a new tenant's housekeeping is armed from its creation", async () => {
    const t = await newTenant();
    expect(await housekeepingOf(env, t.tenantId).nextRunAt()).not.toBeNull();
  });

  it("a tenant whose housekeeping is not armed (created before it existed) is armed at the next sign-in", async () => {
    const t = await newTenant();
    const stub = housekeepingOf(env, t.tenantId);
    await runInDurableObject(stub, (_, state) => state.storage.deleteAlarm());
    expect(await stub.nextRunAt()).toBeNull();
    await login(t.account, t.password);
    expect(await stub.nextRunAt()).not.toBeNull();
  });
});

describe("the housekeeping alarm", () => {
  it("erases ended conversations older than the period with their files, keeps younger ones and waiting left messages; a second run erases nothing", async () => {
    const fx = await setupQueue();
    const now = Date.now();
    const old = await archivedConversation(fx.tenantId, { endedAt: now - 31 * DAY });
    const young = await archivedConversation(fx.tenantId, { endedAt: now - 29 * DAY });
    const waiting = (
      await addConversation(fx.tenantId, {
        endedAt: now - 40 * DAY,
        leftAt: now - 40 * DAY,
        outcome: "leftMessage",
      })
    ).id;
    // another tenant keeps everything
    const other = await setupQueue();
    const theirs = await archivedConversation(other.tenantId, { endedAt: now - 400 * DAY });

    const admin = await adminOf(fx);
    expect((await admin.patch("/tenant", { transcriptRetentionDays: 30 })).status).toBe(200);
    const stub = housekeepingOf(env, fx.tenantId);
    expect(await stub.nextRunAt()).toBeLessThanOrEqual(Date.now());
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    expect(await rowsOf(old)).toEqual({ conversations: 0, messages: 0, notes: 0, tags: 0, calls: 0 });
    expect(await r2Keys(conversationPrefix(fx.tenantId, old))).toEqual([]);
    expect(await rowsOf(young)).toEqual({ conversations: 1, messages: 2, notes: 1, tags: 1, calls: 1 });
    expect(await r2Keys(conversationPrefix(fx.tenantId, young))).toHaveLength(1);
    expect((await rowsOf(waiting)).conversations).toBe(1);
    expect((await rowsOf(theirs)).conversations).toBe(1);
    // re-armed for the next hour
    const next = (await stub.nextRunAt()) ?? 0;
    expect(next - Date.now()).toBeGreaterThan(HOUSEKEEPING_INTERVAL_MS - 60_000);

    const again = await stub.run();
    expect(again?.erased.conversations).toBe(0);
    expect((await rowsOf(young)).conversations).toBe(1);
  });

  it("erases a backlog in bounded batches, the next one soon after", async () => {
    const fx = await setupQueue();
    const endedAt = Date.now() - 2 * DAY;
    for (let i = 0; i <= RETENTION_BATCH; i++)
      await addConversation(fx.tenantId, { endedAt: endedAt - i, messages: ["hi"] });
    const admin = await adminOf(fx);
    await admin.patch("/tenant", { transcriptRetentionDays: 1 });
    const stub = housekeepingOf(env, fx.tenantId);
    const first = await stub.run();
    expect(first?.erased).toMatchObject({ conversations: RETENTION_BATCH, messages: RETENTION_BATCH });
    expect(((await stub.nextRunAt()) ?? 0) - Date.now()).toBeLessThanOrEqual(CATCH_UP_MS);
    const second = await stub.run();
    expect(second?.erased.conversations).toBe(1);
    expect((await stub.run())?.erased.conversations).toBe(0);
  });

  it("prunes audit entries older than a year and attempt counters past every window", async () => {
    const fx = await setupQueue();
    const now = Date.now();
    const entry = (id: string, at: number) => ({
      id,
      tenantId: fx.tenantId,
      at,
      actorType: "employee" as const,
      actorId: "em_x",
      actorName: "Admin",
      method: "PATCH",
      path: "/tenant",
      resource: "tenant",
      action: "update" as const,
      status: 200,
      changes: [],
    });
    const [kept, pruned] = [newId("au"), newId("au")];
    await db()
      .insert(auditLog)
      .values([entry(kept, now - 364 * DAY), entry(pruned, now - 366 * DAY)]);
    const [fresh, stale] = [`test:${newId("k")}`, `test:${newId("k")}`];
    await db()
      .insert(loginAttempts)
      .values([
        { key: fresh, windowStart: now - 60_000, failures: 1 },
        { key: stale, windowStart: now - 2 * DAY, failures: 3 },
      ]);
    const admin = await adminOf(fx);
    await admin.patch("/tenant", { name: "Renamed" });
    const run = await housekeepingOf(env, fx.tenantId).run();
    expect(run?.auditEntriesPruned).toBe(1);
    const ids = (
      await db().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.tenantId, fx.tenantId))
    ).map((r) => r.id);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(pruned);
    expect(await db().select().from(loginAttempts).where(eq(loginAttempts.key, fresh))).toHaveLength(1);
    expect(await db().select().from(loginAttempts).where(eq(loginAttempts.key, stale))).toHaveLength(0);
  });
});
