/**
 * Housekeeping: one small Durable Object per tenant (named after the tenant id) whose alarm runs
 * the tenant's retention (`worker/privacy/retention.ts`): transcripts past the tenant's retention
 * period, old audit entries, expired attempt counters. An alarm rather than a cron trigger, so it
 * runs the same under `wrangler dev` as deployed. `arm` is called when the tenant is created and
 * whenever its settings are saved, `keep` on each staff sign-in (for tenants older than this
 * object); each run re-arms the alarm itself (soon while a backlog remains, else after an hour),
 * until the tenant no longer exists.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env";
import { type HousekeepingRun, housekeep } from "../../worker/privacy/retention";
import { nextRun } from "../../worker/rules/retention";

const TENANT_KEY = "tenantId";

export class Housekeeping extends DurableObject<Env> {
  /** Binds the object to its tenant and makes sure a run is due now (an earlier alarm stays). */
  async arm(tenantId: string): Promise<void> {
    const bound = await this.ctx.storage.get<string>(TENANT_KEY);
    if (bound && bound !== tenantId) throw new Error("This object keeps house for another tenant");
    if (!bound) await this.ctx.storage.put(TENANT_KEY, tenantId);
    const now = Date.now();
    const due = await this.ctx.storage.getAlarm();
    if (due === null || due > now) await this.ctx.storage.setAlarm(now);
  }

  /**
   * Arms the object if it is not armed (a tenant created before housekeeping existed, or whose
   * object lost its state): called on each staff sign-in, so every tenant in use keeps house.
   */
  async keep(tenantId: string): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.arm(tenantId);
  }

  /** When the next run is due (null: not armed). */
  async nextRunAt(): Promise<number | null> {
    return this.ctx.storage.getAlarm();
  }

  override async alarm(): Promise<void> {
    await this.run();
  }

  /** One run now, re-arming for the next; what it did (also for tests and operators). */
  async run(): Promise<HousekeepingRun | null> {
    const tenantId = await this.ctx.storage.get<string>(TENANT_KEY);
    if (!tenantId) return null;
    const now = Date.now();
    const result = await housekeep(this.env, tenantId, now);
    if (!result.tenantExists) {
      await this.ctx.storage.deleteAll();
      return result;
    }
    await this.ctx.storage.setAlarm(nextRun(result.erased.conversations, now));
    return result;
  }
}
