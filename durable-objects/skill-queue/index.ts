/**
 * SkillQueue: one Durable Object per skill queue, the single writer of its live state (waiting
 * list, signed-in agents, conversations, messages, timers). This class is only transport: it
 * accepts hibernatable WebSockets, decodes frames, runs one event at a time through the handler
 * modules, and re-arms the alarm after each event. See docs/protocol.md and docs/realtime.md.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env";
import { QUEUE_HEADER, readIdentity } from "../../worker/realtime/identity";
import {
  AgentCommandSchema,
  CloseCode,
  CustomerCommandSchema,
  decodeFrame,
  HEARTBEAT_REPLY,
  HEARTBEAT_REQUEST,
  PULL_COMMANDS,
  type ServerEvent,
} from "../../worker/realtime/protocol";
import type { LiveStats } from "../../worker/schemas/realtime";
import { onStaffCommand, onStaffConnect } from "./agent";
import { agentDisconnected, presenceChanged } from "./agents";
import { onTimer } from "./alarm";
import { flushOutbox } from "./archive";
import { ConfigCache } from "./config";
import type { QueueContext } from "./context";
import { SINGLE_WRITE_COMMANDS } from "./conversation";
import { onCustomerCommand, onCustomerConnect } from "./customer";
import { dispatch } from "./dispatch";
import { remind } from "./positions";
import { liveStats, requestAgent, usageIfOneMore } from "./queue";
import { Sessions } from "./sessions";
import { Steps } from "./steps";
import { Store } from "./store";
import { Timers } from "./timers";
import type { TranscriptChunk, TransferPayload } from "./transfer";
import { recheckWorkTime } from "./work-time-timer";

/** A staged transcript whose move never completed is dropped after this long. */
const STAGING_TTL_MS = 60 * 60_000;

/** Close codes a server must never send (they only describe what happened). */
const RESERVED_CLOSE = new Set([1005, 1006, 1015]);

export class SkillQueue extends DurableObject<Env> {
  private readonly q: QueueContext;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const store = new Store(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => store.migrate());
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_REQUEST, HEARTBEAT_REPLY));
    const timers = new Timers(ctx.storage.sql, ctx.storage);
    const steps = new Steps(ctx.storage);
    this.q = {
      get queueId() {
        return store.meta("queueId") ?? "";
      },
      store,
      sessions: new Sessions(ctx, steps),
      steps,
      timers,
      config: new ConfigCache(env.DB, () => store.meta("queueId") ?? ""),
      env,
      now: () => Date.now(),
    };
  }

  /** Runs events one at a time (assignment spans awaits on other objects), re-arming the alarm after each. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.then(
      () => this.afterEvent(),
      () => this.afterEvent(),
    );
    return run;
  }

  private async afterEvent(): Promise<void> {
    try {
      const now = this.q.now();
      const earliest = this.q.timers.earliest();
      const due = earliest !== null && earliest <= now ? this.q.timers.get("archive", "outbox") : null;
      if (due !== null && due <= now) {
        this.q.timers.cancel("archive", "outbox");
        await this.q.steps.atomic(() => flushOutbox(this.q));
      }
    } catch (err) {
      console.error("outbox flush failed", err);
    }
    try {
      await this.q.timers.arm();
    } catch (err) {
      console.error("alarm not re-armed", err);
    }
  }

  /** Binds this object to its queue on first contact (it is named after the queue id). */
  private bind(queueId: string | null, tenantId: string): void {
    if (!queueId) return;
    const current = this.q.store.meta("queueId");
    if (current && current !== queueId) throw new Error("This object serves another skill queue");
    if (!current) {
      this.q.store.setMeta("queueId", queueId);
      this.q.store.setMeta("tenantId", tenantId);
    }
  }

  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request);
    const path = new URL(request.url).pathname;
    if (!identity || request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Not found", { status: 404 });
    }
    const kind = path === "/connect/customer" ? "customer" : path === "/connect/agent" ? "agent" : null;
    if (kind !== identity.kind) return new Response("Not found", { status: 404 });
    this.bind(request.headers.get(QUEUE_HEADER), identity.tenantId);
    const pair = new WebSocketPair();
    const server = pair[1];
    await this.serial(async () => {
      try {
        if (identity.kind === "customer") await onCustomerConnect(this.q, server, identity);
        else await this.q.steps.atomic(() => onStaffConnect(this.q, server, identity));
      } catch (err) {
        console.error("connect failed", err);
        if (this.ctx.getWebSockets().includes(server)) {
          this.q.sessions.send(server, internalError(null));
          this.q.sessions.close(server, CloseCode.internalError, "Could not open the session");
        } else {
          server.accept();
          server.close(CloseCode.internalError, "Could not open the session");
        }
      }
    });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.serial(async () => {
      const a = this.q.sessions.attachment(ws);
      if (!a || !this.q.sessions.admitFrame(ws, message, this.q.now())) return;
      const reply = (event: ServerEvent) => this.q.sessions.send(ws, event);
      try {
        if (a.role === "customer") {
          const decoded = decodeFrame(CustomerCommandSchema, message);
          if (!decoded.ok) return reply(decoded.error);
          if (!this.admitPull(ws, decoded.command.type)) return;
          await this.step(decoded.command.type, () =>
            onCustomerCommand(this.q, ws, a, decoded.command, reply),
          );
        } else {
          const decoded = decodeFrame(AgentCommandSchema, message);
          if (!decoded.ok) return reply(decoded.error);
          if (!this.admitPull(ws, decoded.command.type)) return;
          await this.step(decoded.command.type, () => onStaffCommand(this.q, ws, a, decoded.command, reply));
        }
      } catch (err) {
        console.error("handler failed", err);
        reply(internalError(typeof message === "string" ? frameType(message) : null));
      }
    });
  }

  /** Whether a command may run under the socket's pull budget (only pulls are counted). */
  private admitPull(ws: WebSocket, type: string): boolean {
    return !PULL_COMMANDS.has(type) || this.q.sessions.admitPull(ws, type, this.q.now());
  }

  /** A command's step: without a transaction when its handler writes at most one statement. */
  private step(type: string, handle: () => Promise<void>): Promise<void> {
    return SINGLE_WRITE_COMMANDS.has(type) ? this.q.steps.run(handle) : this.q.steps.atomic(handle);
  }

  override async webSocketClose(
    ws: WebSocket,
    code: number,
    _reason: string,
    _wasClean: boolean,
  ): Promise<void> {
    await this.serial(async () => {
      const a = this.q.sessions.attachment(ws);
      if (a && a.role === "agent")
        await this.q.steps.atomic(async () => agentDisconnected(this.q, a.employeeId, ws));
      try {
        ws.close(RESERVED_CLOSE.has(code) ? CloseCode.normal : code, "closed");
      } catch {
        // already closed by the runtime
      }
    });
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error("websocket error", error);
    await this.serial(async () => {
      const a = this.q.sessions.attachment(ws);
      if (a && a.role === "agent")
        await this.q.steps.atomic(async () => agentDisconnected(this.q, a.employeeId, ws));
    });
  }

  override async alarm(): Promise<void> {
    await this.serial(() =>
      this.q.timers.runDue(this.q.now(), (t) => this.q.steps.atomic(() => onTimer(this.q, t)), {
        reminder: (refs) => this.q.steps.atomic(() => remind(this.q, refs)),
      }),
    );
  }

  /* ───── RPC (from the Worker and from other queues' objects) ───── */

  /**
   * The queue's configuration changed in D1: reload it before the next event and re-dispatch.
   * Returns the object's configuration version (persisted, so it only ever grows).
   */
  async invalidateConfig(): Promise<number> {
    this.q.config.invalidate();
    const version = Number(this.q.store.meta("configVersion") ?? "0") + 1;
    this.q.store.setMeta("configVersion", String(version));
    if (this.q.store.meta("queueId"))
      await this.serial(() =>
        this.q.steps.atomic(async () => {
          recheckWorkTime(this.q);
          await dispatch(this.q);
        }),
      );
    return version;
  }

  /** Something outside changed (an agent's slot freed in another queue): offer waiting customers again. */
  async nudge(): Promise<void> {
    if (this.q.store.meta("queueId")) await this.serial(() => this.q.steps.atomic(() => dispatch(this.q)));
  }

  /** The agent's status changed in another of their queues: show it here (and offer chats on idle). */
  async presenceChanged(employeeId: string, status: "idle" | "rest" | "busy"): Promise<void> {
    if (this.q.store.meta("queueId"))
      await this.serial(() => this.q.steps.atomic(() => presenceChanged(this.q, employeeId, status)));
  }

  /** Whether a conversation is here and not ended (asked by the queue it moved away from). */
  async isLive(conversationId: string): Promise<boolean> {
    const c = this.q.store.conversation(conversationId);
    return c !== null && c.state !== "ended";
  }

  /** Live statistics; read-only, so it does not wait behind running events. */
  async liveStats(queueId: string, tenantId: string): Promise<LiveStats | null> {
    this.bind(queueId, tenantId);
    const config = await this.q.config.get(this.q.now());
    return config ? liveStats(this.q, config) : null;
  }

  /** This queue's device usage if one more customer arrived (asked by a transferring queue). */
  async usageAfterTransfer(queueId: string, tenantId: string): Promise<number> {
    this.bind(queueId, tenantId);
    const config = await this.q.config.require(this.q.now());
    return usageIfOneMore(this.q, config);
  }

  /** Stages a page of a transcript that is about to move here (see `acceptTransfer`); idempotent. */
  async stageTranscript(chunk: TranscriptChunk): Promise<void> {
    this.bind(chunk.queueId, chunk.tenantId);
    if (this.q.store.conversation(chunk.conversationId)) return;
    const now = this.q.now();
    this.ctx.storage.transactionSync(() =>
      this.q.store.stageMessages(chunk.messages, now, now - STAGING_TTL_MS),
    );
  }

  /**
   * Takes over a conversation from another queue (idempotent per conversation id): its staged
   * transcript plus the last page, only when that makes exactly `payload.total` messages (else it
   * refuses and forgets the staging, and the sender keeps the conversation). It is routed right
   * after this call returns, never inside it, so two queues transferring to each other cannot wait
   * on each other; the `route` timer is the fallback if the object is evicted first.
   */
  async acceptTransfer(payload: TransferPayload): Promise<boolean> {
    this.bind(payload.queueId, payload.tenantId);
    const id = payload.conversation.id;
    if (!this.q.store.conversation(id)) {
      const now = this.q.now();
      const complete = this.ctx.storage.transactionSync(() => {
        this.q.store.stageMessages(payload.messages, now, now - STAGING_TTL_MS);
        if (this.q.store.stagedCount(id) !== payload.total) {
          this.q.store.dropStaged(id);
          return false;
        }
        this.q.store.insertConversation(payload.conversation);
        this.q.store.adoptStaged(id);
        this.q.timers.set("route", id, now);
        return true;
      });
      if (!complete) return false;
      await this.q.timers.arm();
    }
    this.ctx.waitUntil(this.serial(() => this.q.steps.atomic(() => requestAgent(this.q, id))));
    return true;
  }
}

function internalError(ref: string | null): ServerEvent {
  return {
    type: "error",
    code: "internal",
    message: "Something went wrong handling that frame; nothing was changed by it",
    ref,
  };
}

function frameType(raw: string): string | null {
  try {
    const data = JSON.parse(raw) as { type?: unknown };
    return typeof data.type === "string" ? data.type.slice(0, 40) : null;
  } catch {
    return null;
  }
}
