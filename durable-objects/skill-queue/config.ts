/**
 * The queue's configuration, read from D1 (the system of record) and cached in memory.
 * `invalidate()` (the DO's `invalidateConfig()` RPC, called by the config API after a change)
 * drops the cache so the next event sees the new settings without a restart; as a safety
 * net the cache also expires after `CONFIG_TTL_MS`.
 */
import { and, eq } from "drizzle-orm";
import { calledRoutes, channels, robots, skillQueues, tags, tenants } from "../../worker/db/schema";
import { database } from "../../worker/db/tenant-db";
import { agentsOfQueue, type QueueAgent } from "../../worker/realtime/queue-agents";
import { loadSubscriptions, type Subscription } from "../../worker/webhooks/fan-out";

export const CONFIG_TTL_MS = 60_000;

export type QueueRow = typeof skillQueues.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type RobotRow = typeof robots.$inferSelect;
export type TenantRow = typeof tenants.$inferSelect;

export type QueueConfig = {
  loadedAt: number;
  queue: QueueRow;
  tenant: TenantRow;
  agents: Map<string, QueueAgent>;
};

/** The platform role `employeeId` is configured with for this queue (null: not configured). */
export function configuredRole(config: QueueConfig, employeeId: string): QueueAgent["platformRole"] | null {
  return config.agents.get(employeeId)?.platformRole ?? null;
}

export class ConfigCache {
  private current: QueueConfig | null = null;
  private changes = 0;
  private readonly channels = new Map<string, ChannelRow | null>();
  private readonly robots = new Map<string, RobotRow | null>();
  /** The tenant's tag ids, loaded on first use. */
  private tags: ReadonlySet<string> | null = null;
  /** The skill queue of each called route asked for (the robot assistant's SilentAgent route). */
  private readonly routes = new Map<string, string | null>();
  private subs: { list: Subscription[]; loadedAt: number } | null = null;

  constructor(
    private readonly d1: D1Database,
    private readonly queueId: () => string,
  ) {}

  /** Grows with each load and each `invalidate()`: a changed value means staff need a fresh check. */
  get generation(): number {
    return this.changes;
  }

  /** Drops every cached row; the next access reloads from D1. */
  invalidate(): void {
    this.changes++;
    this.current = null;
    this.channels.clear();
    this.robots.clear();
    this.tags = null;
    this.routes.clear();
    this.subs = null;
  }

  /** The configuration last loaded, however old (null before the first load). */
  cached(): QueueConfig | null {
    return this.current;
  }

  /**
   * The tenant's webhook subscriptions as last loaded (with the configuration, or by
   * `subscriptions`), without waiting; null when unknown (after a start or an `invalidate()`).
   */
  knownSubscriptions(): readonly Subscription[] | null {
    return this.subs?.list ?? null;
  }

  /** The tenant's webhook subscriptions, reloaded when unknown or older than `CONFIG_TTL_MS`. */
  async subscriptions(tenantId: string, now: number): Promise<readonly Subscription[]> {
    if (this.subs && now - this.subs.loadedAt < CONFIG_TTL_MS) return this.subs.list;
    const list = await loadSubscriptions(database(this.d1), tenantId);
    this.subs = { list, loadedAt: now };
    return list;
  }

  /** The queue's configuration; null when the queue no longer exists. */
  async get(now: number): Promise<QueueConfig | null> {
    if (this.current && now - this.current.loadedAt < CONFIG_TTL_MS) return this.current;
    const db = database(this.d1);
    const [queue] = await db.select().from(skillQueues).where(eq(skillQueues.id, this.queueId())).limit(1);
    if (!queue) return null;
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, queue.tenantId)).limit(1);
    if (!tenant) return null;
    const [agents, subscriptions] = await Promise.all([
      agentsOfQueue(db, queue.tenantId, queue.id),
      loadSubscriptions(db, queue.tenantId),
    ]);
    this.subs = { list: subscriptions, loadedAt: now };
    if (this.current) {
      this.channels.clear();
      this.robots.clear();
      this.tags = null;
      this.routes.clear();
    }
    this.changes++;
    this.current = {
      loadedAt: now,
      queue,
      tenant,
      agents: new Map(agents.map((a) => [a.employeeId, a])),
    };
    return this.current;
  }

  /** Like `get`, but throws when the queue is gone (for paths that cannot continue without it). */
  async require(now: number): Promise<QueueConfig> {
    const c = await this.get(now);
    if (!c) throw new Error("This skill queue no longer exists");
    return c;
  }

  async channel(tenantId: string, id: string): Promise<ChannelRow | null> {
    if (this.channels.has(id)) return this.channels.get(id) ?? null;
    const [row] = await database(this.d1)
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id)))
      .limit(1);
    this.channels.set(id, row ?? null);
    return row ?? null;
  }

  /** The robot of `kind` with this access code (a chatbot by default); null when there is none. */
  async robot(
    tenantId: string,
    accessCode: string,
    kind: RobotRow["kind"] = "chatbot",
  ): Promise<RobotRow | null> {
    const key = `${kind}:${accessCode}`;
    if (this.robots.has(key)) return this.robots.get(key) ?? null;
    const [row] = await database(this.d1)
      .select()
      .from(robots)
      .where(and(eq(robots.tenantId, tenantId), eq(robots.accessCode, accessCode), eq(robots.kind, kind)))
      .limit(1);
    this.robots.set(key, row ?? null);
    return row ?? null;
  }

  /** The ids of the tenant's conversation tags (reloaded with the configuration). */
  async tagIds(tenantId: string): Promise<ReadonlySet<string>> {
    if (this.tags) return this.tags;
    const rows = await database(this.d1)
      .select({ id: tags.id })
      .from(tags)
      .where(eq(tags.tenantId, tenantId));
    this.tags = new Set(rows.map((r) => r.id));
    return this.tags;
  }

  /** The skill queue a called route leads to; null when the route is gone. */
  async routeQueue(tenantId: string, routeId: string): Promise<string | null> {
    if (this.routes.has(routeId)) return this.routes.get(routeId) ?? null;
    const [row] = await database(this.d1)
      .select({ skillQueueId: calledRoutes.skillQueueId })
      .from(calledRoutes)
      .where(and(eq(calledRoutes.tenantId, tenantId), eq(calledRoutes.id, routeId)))
      .limit(1);
    this.routes.set(routeId, row?.skillQueueId ?? null);
    return row?.skillQueueId ?? null;
  }

  /** Another queue of the same tenant (transfer targets); not cached. */
  async otherQueue(tenantId: string, id: string): Promise<QueueRow | null> {
    const [row] = await database(this.d1)
      .select()
      .from(skillQueues)
      .where(and(eq(skillQueues.tenantId, tenantId), eq(skillQueues.id, id)))
      .limit(1);
    return row ?? null;
  }
}
