/**
 * Test fixtures for the realtime plane: config rows inserted straight into D1 (tenant, employees
 * with sessions, access code, skill queues, called route, channel, robot, agents), plus a small
 * WebSocket client and helpers to connect customers and agents through the real Worker.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { createSession } from "../../../worker/auth/session";
import { newId } from "../../../worker/db/ids";
import {
  accessCodes,
  agentSkillQueues,
  agents,
  type BusyAction,
  type ChannelConfig,
  calledRoutes,
  channels,
  employees,
  type Intent,
  type QueueAction,
  robots,
  skillQueues,
  tenants,
} from "../../../worker/db/schema";
import { database } from "../../../worker/db/tenant-db";
import type { ServerEvent } from "../../../worker/realtime/protocol";
import { type Client, client } from "../../../worker/test/helpers";
import { presenceOf } from "../../agent-presence";
import type { ConversationRow, MessageRow, Store } from "../store";
import type { TimerKind } from "../timers";

export const db = () => database(env.DB);
let n = 0;
const seq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

const release: QueueAction = { action: "release", transferType: "skillQueue", targetId: null };
export const defaultBusy: BusyAction = {
  ...release,
  queueUsage: 80,
  forwardingCondition: "deviceUsage",
  threshold: 100,
  maxQueuingMethod: "fixed",
  maxQueuing: 100,
};

export type QueueOptions = Partial<
  Pick<
    typeof skillQueues.$inferInsert,
    "maxWaitingTime" | "maxCallDuration" | "wrapUpDuration" | "maxCallsInQueue" | "type"
  >
> & { timeout?: QueueAction; busy?: Partial<BusyAction>; noAgent?: QueueAction };

export type ChannelOptions = Partial<
  Omit<ChannelConfig, "chatbot" | "dialogEnd" | "workTime" | "queueReminder" | "leaveMessage">
> & {
  chatbot?: Partial<ChannelConfig["chatbot"]>;
  dialogEnd?: Partial<ChannelConfig["dialogEnd"]>;
  workTime?: Partial<ChannelConfig["workTime"]>;
  queueReminder?: Partial<ChannelConfig["queueReminder"]>;
  thirdPartyAuth?: { secretKey: string };
  leaveMessage?: Partial<NonNullable<ChannelConfig["leaveMessage"]>>;
};

export type AgentSpec = {
  maxConcurrentChats?: number;
  platformRole?: "common" | "qualityChecker" | "callout";
  agentType?: "audio" | "video" | "multimedia" | "versatile";
};

export type Staff = {
  employeeId: string;
  name: string;
  token: string;
  /** The employee row (`/api/v1/employees/:id`). */
  rowId: string;
  /** The agent configuration row (`/api/v1/agents/:id`). */
  agentId: string;
};

export type Fixture = {
  tenantId: string;
  queueId: string;
  channelId: string;
  agents: Staff[];
  /** Adds another skill queue of this tenant (a transfer target), optionally served by `servedBy`. */
  addQueue(options?: QueueOptions, servedBy?: Staff[]): Promise<string>;
  /** Adds an agent (and employee) serving the given queues. */
  addAgent(queueIds: string[], spec?: AgentSpec): Promise<Staff>;
};

export async function insertQueue(tenantId: string, o: QueueOptions = {}): Promise<string> {
  const id = newId("sq");
  await db()
    .insert(skillQueues)
    .values({
      id,
      tenantId,
      name: `Queue ${id}`,
      type: o.type ?? "multimedia",
      channels: [],
      maxWaitingTime: o.maxWaitingTime ?? 60,
      maxCallDuration: o.maxCallDuration ?? 86400,
      wrapUpDuration: o.wrapUpDuration ?? 0,
      maxCallsInQueue: o.maxCallsInQueue ?? 100,
      queuing: {
        timeout: o.timeout ?? release,
        busy: { ...defaultBusy, ...o.busy },
        noAgent: o.noAgent ?? release,
      },
      prompts: null,
    });
  return id;
}

export function channelConfig(o: ChannelOptions = {}): ChannelConfig {
  return {
    transferKeywords: o.transferKeywords ?? ["human", "人工"],
    allowedOrigins: o.allowedOrigins ?? ["https://shop.example"],
    clickToDial: o.clickToDial ?? null,
    dialogEnd: { enabled: false, noReplyMinutes: 5, conclusion: "", ...o.dialogEnd },
    workTime: {
      workday: [{ start: "00:00", end: "24:00" }],
      nonWorkday: [{ start: "00:00", end: "24:00" }],
      nonWorkingNotice: "We are closed.",
      ...o.workTime,
    },
    queueReminder: { intervalSeconds: 10, content: "You are number {position}.", ...o.queueReminder },
    chatbot: {
      enabled: false,
      avatar: "",
      name: "Robo",
      gender: "unspecified",
      robotAccessCode: "",
      defaultReply: "",
      timeoutReply: "Bye from the robot.",
      transferPrompt: "Connecting you to an agent.",
      ...o.chatbot,
    },
    assistant: { enabled: false, accessCode: "", silentAgentRouteId: null },
    ...(o.leaveMessage
      ? { leaveMessage: { enabled: true, contact: "optional", pendingDays: 7, ...o.leaveMessage } }
      : {}),
    ...(o.preChatForm ? { preChatForm: o.preChatForm } : {}),
  };
}

/** One tenant with a multimedia queue, a called route, a web channel and `agentSpecs.length` agents. */
export async function setupQueue(
  options: {
    queue?: QueueOptions;
    channel?: ChannelOptions;
    agents?: AgentSpec[];
    robot?: { intents: Intent[]; defaultReply?: string | null };
    timezone?: string;
    calendar?: { workdays: number[]; holidays: string[]; extraWorkdays: string[] };
  } = {},
): Promise<Fixture> {
  const tenantId = newId("tn");
  await db()
    .insert(tenants)
    .values({
      id: tenantId,
      name: `Tenant ${tenantId}`,
      timezone: options.timezone ?? "UTC",
      quotas: { multimediaAgents: 50, videoAgents: 0, versatileAgents: 0, intelligentAgents: 0 },
      calendar: options.calendar ?? { workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [], extraWorkdays: [] },
    });
  const queueId = await insertQueue(tenantId, options.queue);
  const accessCodeId = newId("ac");
  const routeId = newId("cr");
  const channelId = newId("ch");
  const robotCode = `bot${seq()}`;
  const config = channelConfig({
    ...options.channel,
    chatbot: { ...options.channel?.chatbot, robotAccessCode: options.robot ? robotCode : "" },
  });
  await db().batch([
    db()
      .insert(accessCodes)
      .values({ id: accessCodeId, tenantId, code: `9${Date.now() % 100000}${n++}`, mediaType: "multimedia" }),
    db()
      .insert(calledRoutes)
      .values({ id: routeId, tenantId, accessCodeId, deviceType: "skillQueue", skillQueueId: queueId }),
    db()
      .insert(channels)
      .values({
        id: channelId,
        tenantId,
        accessCode: `web_${seq()}`,
        type: "web",
        routeId,
        config,
        thirdPartyAuthEnabled: !!options.channel?.thirdPartyAuth,
        secretKey: options.channel?.thirdPartyAuth?.secretKey ?? null,
      }),
  ]);
  if (options.robot) {
    await db()
      .insert(robots)
      .values({
        id: newId("rb"),
        tenantId,
        name: "Robo",
        accessCode: robotCode,
        kind: "chatbot",
        intents: options.robot.intents,
        defaultReply: options.robot.defaultReply ?? null,
      });
  }
  const fx: Fixture = {
    tenantId,
    queueId,
    channelId,
    agents: [],
    addQueue: async (o, servedBy = []) => {
      const id = await insertQueue(tenantId, o);
      for (const s of servedBy) await linkAgent(tenantId, s.employeeId, id);
      return id;
    },
    addAgent: async (queueIds, spec = {}) => {
      const s = await insertAgent(tenantId, queueIds, spec);
      fx.agents.push(s);
      return s;
    },
  };
  for (const spec of options.agents ?? [{}]) await fx.addAgent([queueId], spec);
  return fx;
}

/** Adds a web channel (with its access code and called route) routed to `queueId`. */
export async function addChannel(tenantId: string, queueId: string): Promise<string> {
  const ac = newId("ac");
  const route = newId("cr");
  const id = newId("ch");
  await db().batch([
    db()
      .insert(accessCodes)
      .values({ id: ac, tenantId, code: `8${Date.now() % 100000}${n++}`, mediaType: "multimedia" }),
    db()
      .insert(calledRoutes)
      .values({ id: route, tenantId, accessCodeId: ac, deviceType: "skillQueue", skillQueueId: queueId }),
    db()
      .insert(channels)
      .values({ id, tenantId, accessCode: `w_${id}`, type: "web", routeId: route, config: channelConfig() }),
  ]);
  return id;
}

async function insertAgent(tenantId: string, queueIds: string[], spec: AgentSpec): Promise<Staff> {
  const employeeId = `${Date.now() % 1_000_000}${n++}`;
  const rowId = newId("em");
  const name = `Agent ${employeeId}`;
  const agentId = newId("ag");
  await db().batch([
    db()
      .insert(employees)
      .values({
        id: rowId,
        tenantId,
        account: `agent_${seq()}`,
        name,
        employeeId,
        role: "agent",
        accessibleOus: [],
        passwordHash: "x",
      }),
    db()
      .insert(agents)
      .values({
        id: agentId,
        tenantId,
        employeeId,
        platformRole: spec.platformRole ?? "common",
        agentType: spec.agentType ?? "multimedia",
        skillType: "skillQueue",
        defaultSkillQueueId: queueIds[0] ?? null,
        maxConcurrentChats: spec.maxConcurrentChats ?? 5,
      }),
  ]);
  for (const q of queueIds) await linkAgent(tenantId, employeeId, q);
  const session = await createSession(db(), { id: rowId, tenantId }, 3600, Date.now());
  return { employeeId, name, token: session.token, rowId, agentId };
}

/** A tenant administrator of the fixture's tenant, calling the REST API through the real Worker. */
export async function adminOf(fx: { tenantId: string }): Promise<Client> {
  const id = newId("em");
  await db()
    .insert(employees)
    .values({
      id,
      tenantId: fx.tenantId,
      account: `admin_${seq()}`,
      name: "Admin",
      employeeId: `9${Date.now() % 1_000_000}${n++}`,
      role: "tenantAdmin",
      accessibleOus: [],
      passwordHash: "x",
    });
  const session = await createSession(db(), { id, tenantId: fx.tenantId }, 3600, Date.now());
  return client(session.token, fx.tenantId);
}

async function linkAgent(tenantId: string, employeeId: string, queueId: string) {
  const [row] = await db().select().from(agents).where(eqAgent(tenantId, employeeId));
  if (!row) throw new Error("no agent");
  await db()
    .insert(agentSkillQueues)
    .values({ tenantId, agentId: row.id, skillQueueId: queueId, position: 0 });
}

import { and, eq } from "drizzle-orm";

const eqAgent = (tenantId: string, employeeId: string) =>
  and(eq(agents.tenantId, tenantId), eq(agents.employeeId, employeeId));

/* ───────────── HTTP and WebSocket clients ───────────── */

export function fetchApp(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://local.test${path}`, init));
}

export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetchApp(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

type Frame = ServerEvent;

/** A WebSocket opened through the Worker, collecting server frames. */
export class TestSocket {
  readonly frames: Frame[] = [];
  /** Non-JSON text frames (the heartbeat reply). */
  readonly raw: string[] = [];
  private cursor = 0;
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      const text = typeof e.data === "string" ? e.data : new TextDecoder().decode(e.data as ArrayBuffer);
      if (text.startsWith("{")) this.frames.push(JSON.parse(text));
      else this.raw.push(text);
      this.wake();
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const res = await fetchApp(url, { headers: { upgrade: "websocket", ...headers } });
    if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    return new TestSocket(res.webSocket);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The next not yet consumed frame of `type` (matching `where`), waiting up to `ms`. */
  next<T extends Frame["type"]>(
    type: T,
    where: (f: Extract<Frame, { type: T }>) => boolean = () => true,
    ms = 3000,
  ): Promise<Extract<Frame, { type: T }>> {
    return this.nextOf([type], where as (f: Frame) => boolean, ms) as Promise<Extract<Frame, { type: T }>>;
  }

  /** The next not yet consumed frame of any of `types` (matching `where`), waiting up to `ms`. */
  async nextOf<T extends Frame["type"]>(
    types: T[],
    where: (f: Extract<Frame, { type: T }>) => boolean = () => true,
    ms = 3000,
  ): Promise<Extract<Frame, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      for (let i = this.cursor; i < this.frames.length; i++) {
        const f = this.frames[i] as Frame;
        if ((types as string[]).includes(f.type) && where(f as Extract<Frame, { type: T }>)) {
          this.frames.splice(i, 1);
          return f as Extract<Frame, { type: T }>;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no ${types.join("/")} frame within ${ms} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Frames of `type` received so far (not consumed). */
  all<T extends Frame["type"]>(type: T): Extract<Frame, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<Frame, { type: T }>[];
  }

  async waitClosed(ms = 3000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("socket did not close");
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.closed;
  }

  /** Waits until no frame arrived for `quietMs`. */
  async settle(quietMs = 100): Promise<void> {
    let count = -1;
    while (count !== this.frames.length) {
      count = this.frames.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  close(): void {
    try {
      this.ws.close(1000, "bye");
    } catch {
      // already closed
    }
  }
}

/** A customer: a chat ticket for the channel, then the WebSocket. */
export async function connectCustomer(
  fx: { channelId: string },
  options: { visitorId?: string; name?: string; resumeOnly?: boolean } = {},
): Promise<TestSocket & { customerId: string }> {
  const res = await postJson(
    "/api/v1/chat/tickets",
    {
      channelId: fx.channelId,
      visitorId: options.visitorId ?? `visitor${seq()}abcdefghij`,
      ...(options.name ? { name: options.name } : {}),
    },
    { "cf-connecting-ip": `198.51.100.${n++ % 250}` },
  );
  if (res.status !== 201) throw new Error(`ticket ${res.status} ${JSON.stringify(res.body)}`);
  const socket = await TestSocket.open(`${res.body.url}${options.resumeOnly ? "&resumeOnly" : ""}`);
  return Object.assign(socket, { customerId: res.body.customerId as string });
}

/** An agent or quality checker signing in to a queue. */
export async function connectAgent(staff: Staff, queueId: string): Promise<TestSocket> {
  const res = await postJson(
    "/api/v1/agent/tickets",
    { skillQueueId: queueId },
    { authorization: `Bearer ${staff.token}` },
  );
  if (res.status !== 201) throw new Error(`agent ticket ${res.status} ${JSON.stringify(res.body)}`);
  return TestSocket.open(res.body.url);
}

export function queueStub(queueId: string) {
  return env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(queueId));
}

/** Makes timers of `kind` (optionally only `ref`) due now and runs the alarm. */
export async function fire(queueId: string, kind: TimerKind, ref?: string): Promise<void> {
  const stub = queueStub(queueId);
  await runInDurableObject(stub, (_instance, state) => {
    if (ref) state.storage.sql.exec("UPDATE timers SET due_at = 0 WHERE kind = ? AND ref = ?", kind, ref);
    else state.storage.sql.exec("UPDATE timers SET due_at = 0 WHERE kind = ?", kind);
    return state.storage.setAlarm(Date.now());
  });
  await runDurableObjectAlarm(stub);
}

/**
 * Ends an agent's wrap-up now: the wrap-up end held by their presence object is moved to the
 * past, then the `wrapUp` timers of `queueIds` run (what happens when the wrap-up time is up).
 */
export async function endWrapUp(tenantId: string, employeeId: string, queueIds: string[]): Promise<void> {
  await runInDurableObject(presenceOf(env, tenantId, employeeId), (_instance, state) => {
    state.storage.sql.exec("UPDATE state SET value = '1' WHERE key = 'wrapUpUntil'");
  });
  for (const queueId of queueIds) await fire(queueId, "wrapUp", employeeId);
}

/**
 * A queued conversation row of the fixture's channel, with `lastSeq` messages from the customer
 * (`messageRow`), as another queue hands it over (for calling `acceptTransfer` directly).
 */
export function conversationRow(
  fx: { tenantId: string; channelId: string },
  id: string,
  lastSeq: number,
): ConversationRow {
  return {
    id,
    tenant_id: fx.tenantId,
    channel_id: fx.channelId,
    customer_id: `anon_${id}`,
    customer_name: null,
    customer_name_verified: 0,
    state: "queued",
    agent_id: null,
    agent_name: null,
    started_at: Date.now(),
    queued_at: null,
    connected_at: null,
    ended_at: null,
    end_reason: null,
    last_seq: lastSeq,
    rating: null,
    comment: null,
    hops: "[]",
    last_customer_at: Date.now(),
    pre_chat: "[]",
  };
}

/** The customer's message `seq` ("m<seq>") of conversation `id`. */
export function messageRow(id: string, seq: number): MessageRow {
  return {
    conversation_id: id,
    seq,
    sender: "customer",
    sender_name: null,
    text: `m${seq}`,
    client_msg_id: null,
    at: seq,
    notice: null,
  };
}

/** Appends `n` customer messages straight into the object's SQLite (fast); returns the new last seq. */
export function addMessages(
  queueId: string,
  conversationId: string,
  n: number,
  text = (s: number) => `bulk ${s}`,
) {
  return runInDurableObject(queueStub(queueId), (_i, state) => {
    const db = state.storage.sql;
    const from = db
      .exec<{ last_seq: number }>("SELECT last_seq FROM conversations WHERE id = ?", conversationId)
      .one().last_seq;
    for (let s = from + 1; s <= from + n; s++)
      db.exec(
        "INSERT INTO messages (conversation_id, seq, sender, sender_name, text, client_msg_id, at) VALUES (?, ?, 'customer', 'Ann', ?, NULL, ?)",
        conversationId,
        s,
        text(s),
        Date.now(),
      );
    db.exec("UPDATE conversations SET last_seq = ? WHERE id = ?", from + n, conversationId);
    return from + n;
  });
}

/** Reads the object's SQLite. */
export function sql<T extends Record<string, SqlStorageValue>>(
  queueId: string,
  query: string,
  ...args: SqlStorageValue[]
): Promise<T[]> {
  return runInDurableObject(queueStub(queueId), (_i, state) =>
    state.storage.sql.exec<T>(query, ...args).toArray(),
  );
}

/**
 * Changes the waiting table behind the object's back (a test's time travel or breakage) and drops
 * the order the object keeps of it in memory, so it reads the table again as after a restart.
 */
export function sqlOnWaiting(queueId: string, query: string, ...args: SqlStorageValue[]): Promise<void> {
  return runInDurableObject(queueStub(queueId), (instance, state) => {
    state.storage.sql.exec(query, ...args);
    (instance as unknown as { q: { store: Store } }).q.store.waiting.forget();
  });
}

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/**
 * Drops every table and trigger of an object's SQLite but `keep`, to build an object of an older
 * schema: `Store` creates the first schema again and `migrate` replays the steps asked for.
 */
export function dropSchema(db: SqlStorage, keep: readonly string[] = []): void {
  const found = db
    .exec<{ type: string; name: string }>(
      "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY type DESC",
    )
    .toArray();
  for (const { type, name } of found)
    if (!keep.includes(name)) db.exec(`DROP ${type === "trigger" ? "TRIGGER" : "TABLE"} ${name}`);
}
