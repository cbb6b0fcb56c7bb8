/**
 * SkillQueue: one Durable Object per skill queue, the single writer of its live state (waiting
 * list, signed-in agents, conversations, messages, timers). This class is only transport: it
 * accepts hibernatable WebSockets, decodes frames, runs one event at a time through the handler
 * modules, and re-arms the alarm after each event. See docs/protocol.md and docs/realtime.md.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env";
import { problemResponse } from "../../worker/http/problem";
import type { CustomerMatch } from "../../worker/privacy/customer-match";
import { readTicketHeader, TICKET_HEADER } from "../../worker/realtime/customer-ticket";
import { type Identity, QUEUE_HEADER, readIdentity } from "../../worker/realtime/identity";
import {
  AgentCommandSchema,
  type CallEndReason,
  CallerCommandSchema,
  CloseCode,
  CustomerCommandSchema,
  decodeFrame,
  HEARTBEAT_REPLY,
  HEARTBEAT_REQUEST,
  PULL_COMMANDS,
  type ServerEvent,
} from "../../worker/realtime/protocol";
import type { AttachmentMeta } from "../../worker/schemas/attachment-meta";
import type { LiveStats } from "../../worker/schemas/realtime";
import { onStaffCommand, onStaffConnect } from "./agent";
import { agentDisconnected, presenceChanged } from "./agents";
import { onTimer } from "./alarm";
import { flushOutbox } from "./archive";
import {
  beginUpload,
  dropUpload,
  finishUpload,
  staffMaySee,
  type UploadGrant,
  type UploadRefusal,
  type UploadRequest,
} from "./attachments";
import { callChanged } from "./calls/chat-side";
import { agentLeft, callerLeft, onCallerCommand, onCallerConnect } from "./calls/party";
import {
  type CallTransfer,
  finishCall,
  type PlaceCallAnswer,
  type PlaceCallRequest,
  placeCall,
  route,
  takeCall,
} from "./calls/routing";
import { type CallNotice, type CallNoticeAnswer, syncSoon } from "./calls/sync";
import { ConfigCache } from "./config";
import type { QueueContext } from "./context";
import { SINGLE_WRITE_COMMANDS } from "./conversation";
import { onCustomerCommand, onCustomerConnect } from "./customer";
import { dispatch } from "./dispatch";
import { flushSoon } from "./events";
import { type HandOverStatus, handOverArrived, handOverStatus } from "./hand-over";
import { remind } from "./positions";
import { countCustomer, eraseCustomer } from "./privacy";
import { liveStats, requestAgent, usageIfOneMore } from "./queue";
import { queueDeleted, refuseConnection } from "./queue-deleted";
import { graceForAgentsWithoutSockets } from "./recovery";
import { recheckDue, recheckStaff, revokeEmployee } from "./revocation";
import type { HandOverRefusal } from "./rules/hand-over";
import { quickAgentSend, quickCustomerSend } from "./rules/message-frame";
import { Sessions } from "./sessions";
import { Steps } from "./steps";
import { Store } from "./store";
import { Timers } from "./timers";
import type { TranscriptChunk, TransferPayload } from "./transfer";
import { recheckWorkTime } from "./work-time-timer";

/** A staged transcript whose move never completed is dropped after this long. */
const STAGING_TTL_MS = 60 * 60_000;

/** The Worker forwards each kind of upgrade to its own path. */
const CONNECT_PATHS: Record<string, Identity["kind"]> = {
  "/connect/customer": "customer",
  "/connect/agent": "agent",
  "/connect/caller": "caller",
};

/** Close codes a server must never send (they only describe what happened). */
const RESERVED_CLOSE = new Set([1005, 1006, 1015]);

export class SkillQueue extends DurableObject<Env> {
  private readonly q: QueueContext;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const store = new Store(ctx.storage.sql);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_REQUEST, HEARTBEAT_REPLY));
    const timers = new Timers(ctx.storage.sql, ctx.storage);
    const steps = new Steps(ctx.storage);
    // what the store keeps in memory (conversation rows, the waiting list's order, meta facts)
    // follows SQLite back after a rollback
    steps.onEveryRollback(() => store.dropKept());
    // the meta store keeps what it read in memory: no SQLite read per event and frame
    const queueId = () => store.meta.get("queueId") ?? "";
    this.q = {
      get queueId() {
        return queueId();
      },
      store,
      sessions: new Sessions(ctx, steps),
      steps,
      timers,
      config: new ConfigCache(env.DB, queueId),
      env,
      now: () => Date.now(),
      detach: (work) =>
        ctx.waitUntil(work().catch((err: unknown) => console.error("background work failed", err))),
      enqueue: (fn) => this.serial(fn),
    };
    void ctx.blockConcurrencyWhile(async () => {
      store.migrate((step) => store.transactionSync(ctx.storage, step));
      // after a crash or deploy no socket survived: agents still signed in start their grace
      if (graceForAgentsWithoutSockets(this.q) > 0) await timers.arm();
      // webhook events recorded before a stop are handed to the delivery queue now
      if (store.events.count() > 0) flushSoon(this.q);
    });
  }

  /**
   * Runs events one at a time (assignment spans awaits on other objects), re-arming the alarm after
   * each. Before an event, staff are checked against a configuration loaded since the last check.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const event = async () => {
      await this.recheck();
      return fn();
    };
    const run = this.chain.then(event, event);
    this.chain = run.then(
      () => this.afterEvent(),
      () => this.afterEvent(),
    );
    return run;
  }

  private async recheck(): Promise<void> {
    // in-memory test first: the frame path pays nothing between checks
    if (!recheckDue(this.q) || !this.q.queueId) return;
    try {
      await recheckStaff(this.q);
    } catch (err) {
      console.error("staff recheck failed", err);
    }
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
    const current = this.q.store.meta.get("queueId");
    if (current && current !== queueId) throw new Error("This object serves another skill queue");
    if (!current) {
      this.q.store.meta.set("queueId", queueId);
      this.q.store.meta.set("tenantId", tenantId);
    }
  }

  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request);
    const path = new URL(request.url).pathname;
    if (!identity || request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Not found", { status: 404 });
    }
    const kind = CONNECT_PATHS[path] ?? null;
    if (kind !== identity.kind) return new Response("Not found", { status: 404 });
    this.bind(request.headers.get(QUEUE_HEADER), identity.tenantId);
    if (identity.kind === "customer" && !this.claimTicket(request)) {
      return problemResponse(401, "The ticket is invalid, expired or already used");
    }
    const pair = new WebSocketPair();
    const server = pair[1];
    await this.serial(async () => {
      if (queueDeleted(this.q)) return refuseConnection(server);
      try {
        if (identity.kind === "customer")
          await onCustomerConnect(
            this.q,
            server,
            identity,
            new URL(request.url).searchParams.has("resumeOnly"),
            {
              userAgent: request.headers.get("user-agent"),
              acceptLanguage: request.headers.get("accept-language"),
            },
          );
        else if (identity.kind === "caller")
          await this.q.steps.atomic(async () => onCallerConnect(this.q, server, identity));
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

  /**
   * Single use of a customer's signed ticket: this object is the only one that admits it (the
   * ticket names its queue), so it records the ticket's id until the ticket expires.
   */
  private claimTicket(request: Request): boolean {
    const ticket = readTicketHeader(request.headers.get(TICKET_HEADER));
    const now = this.q.now();
    return ticket !== null && ticket.exp > now && this.q.store.usedTickets.claim(ticket.jti, ticket.exp, now);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.serial(async () => {
      const a = this.q.sessions.attachment(ws);
      if (!a || !this.q.sessions.admitFrame(ws, message, this.q.now())) return;
      const reply = (event: ServerEvent) => this.q.sessions.send(ws, event);
      try {
        if (a.role === "customer") {
          const quick = quickCustomerSend(message);
          const decoded = quick
            ? { ok: true as const, command: quick }
            : decodeFrame(CustomerCommandSchema, message);
          if (!decoded.ok) return reply(decoded.error);
          if (!this.admitPull(ws, decoded.command.type)) return;
          await this.step(decoded.command.type, () =>
            onCustomerCommand(this.q, ws, a, decoded.command, reply),
          );
        } else if (a.role === "caller") {
          const decoded = decodeFrame(CallerCommandSchema, message);
          if (!decoded.ok) return reply(decoded.error);
          await this.step(decoded.command.type, () => onCallerCommand(this.q, a, decoded.command, reply));
        } else {
          const quick = quickAgentSend(message);
          const decoded = quick
            ? { ok: true as const, command: quick }
            : decodeFrame(AgentCommandSchema, message);
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
      await this.partyLeft(ws);
      try {
        ws.close(RESERVED_CLOSE.has(code) ? CloseCode.normal : code, "closed");
      } catch {
        // already closed by the runtime
      }
    });
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error("websocket error", error);
    await this.serial(() => this.partyLeft(ws));
  }

  /** A socket went away: an agent's sign-out grace starts; a call of its party ends (`calls/party.ts`). */
  private async partyLeft(ws: WebSocket): Promise<void> {
    const a = this.q.sessions.attachment(ws);
    if (a?.role === "caller") await this.q.steps.atomic(() => callerLeft(this.q, a));
    if (a?.role !== "agent") return;
    await this.q.steps.atomic(async () => {
      agentDisconnected(this.q, a.employeeId, ws);
      await agentLeft(this.q, a.employeeId);
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
    const version = Number(this.q.store.meta.get("configVersion") ?? "0") + 1;
    this.q.store.meta.set("configVersion", String(version));
    if (this.q.store.meta.get("queueId"))
      await this.serial(() =>
        this.q.steps.atomic(async () => {
          recheckWorkTime(this.q);
          await dispatch(this.q);
        }),
      );
    return version;
  }

  /**
   * The employee's password changed or the employee was removed: close their sockets here (4005)
   * and sign them out, whatever their configuration says.
   */
  async revokeEmployee(employeeId: string): Promise<void> {
    if (this.q.store.meta.get("queueId"))
      await this.serial(() => this.q.steps.atomic(() => revokeEmployee(this.q, employeeId)));
  }

  /** Something outside changed (an agent's slot freed in another queue): offer waiting customers again. */
  async nudge(): Promise<void> {
    if (this.q.store.meta.get("queueId"))
      await this.serial(() => this.q.steps.atomic(() => dispatch(this.q)));
  }

  /** The agent's state changed in another of their queues: show it here (and offer chats on idle). */
  async presenceChanged(employeeId: string): Promise<void> {
    if (this.q.store.meta.get("queueId"))
      await this.serial(() => this.q.steps.atomic(() => presenceChanged(this.q, employeeId)));
  }

  /* ───── data-protection requests (see privacy.ts) ───── */

  /** How many of a customer's conversations this queue holds; read-only. */
  async customerConversations(match: CustomerMatch): Promise<number> {
    return countCustomer(this.q, match);
  }

  /** Erases a customer's conversations and calls here (closing their sockets with 4009); idempotent. */
  async eraseCustomer(match: CustomerMatch): Promise<string[]> {
    return this.serial(() => this.q.steps.atomic(() => eraseCustomer(this.q, match)));
  }

  /* ───── click to dial (see calls/) ───── */

  /** Places a call of a chat in this click-to-dial queue (asked by the chat's queue). */
  async placeCall(req: PlaceCallRequest): Promise<PlaceCallAnswer> {
    this.bind(req.queueId, req.tenantId);
    return this.serial(() => this.q.steps.atomic(() => placeCall(this.q, req)));
  }

  /** Ends a call this queue owns (its chat ended). */
  async endCall(callId: string, reason: CallEndReason): Promise<void> {
    await this.serial(() => this.q.steps.atomic(() => finishCall(this.q, callId, reason, "system")));
  }

  /** The chat of a call moved to another queue: the call's notices go there. */
  async chatMoved(callId: string, chatQueueId: string): Promise<void> {
    await this.serial(() =>
      this.q.steps.atomic(async () => {
        if (!this.q.store.calls.get(callId)) return;
        this.q.store.calls.chatMoved(callId, chatQueueId);
        syncSoon(this.q, callId);
      }),
    );
  }

  /**
   * Takes a call another click-to-dial queue's handling transfers here; routed right after this
   * call returns, never inside it (two queues transferring to each other cannot wait on each other).
   */
  async acceptCall(t: CallTransfer): Promise<{ url: string }> {
    this.bind(t.queueId, t.tenantId);
    const answer = await takeCall(this.q, t);
    await this.q.timers.arm();
    this.ctx.waitUntil(this.serial(() => this.q.steps.atomic(() => route(this.q, t.call.id))));
    return answer;
  }

  /** A call of one of this queue's chats changed (told by the click-to-dial queue that owns it). */
  async callChanged(notice: CallNotice): Promise<CallNoticeAnswer> {
    return this.serial(() => this.q.steps.atomic(() => callChanged(this.q, notice)));
  }

  /** Whether a conversation is here and not ended (asked by the queue it moved away from). */
  async isLive(conversationId: string): Promise<boolean> {
    const c = this.q.store.conversations.get(conversationId);
    return c !== null && c.state !== "ended";
  }

  /** What a case records about a conversation still here (asked by the cases API); read-only. */
  async caseFacts(conversationId: string): Promise<CaseFacts | null> {
    const c = this.q.store.conversations.get(conversationId);
    if (!c) return null;
    return {
      tenantId: c.tenant_id,
      channelId: c.channel_id,
      customerId: c.customer_id,
      agentEmployeeId: c.agent_id,
    };
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
    if (this.q.store.conversations.get(chunk.conversationId)) return;
    const now = this.q.now();
    this.q.store.transactionSync(this.ctx.storage, () =>
      this.q.store.staging.stage(chunk.messages, now, now - STAGING_TTL_MS),
    );
  }

  /*
   * Attachments (`attachments.ts`): the Worker streams a file to R2 between `beginUpload` and
   * `finishUpload`. None of these waits behind running events: each reads and writes in one
   * synchronous stretch, after any wait for configuration.
   */

  /** Starts an upload to a live conversation here (refused with the status the Worker answers). */
  async beginUpload(request: UploadRequest): Promise<UploadGrant | UploadRefusal> {
    this.bind(request.queueId, request.tenantId);
    return beginUpload(this.q, request);
  }

  /** The file is in R2: messages of the conversation may now carry it. */
  async finishUpload(conversationId: string, meta: AttachmentMeta): Promise<{ ok: true } | UploadRefusal> {
    return finishUpload(this.q, conversationId, meta);
  }

  /** The upload failed: it no longer counts against the conversation. */
  async dropUpload(attachmentId: string): Promise<void> {
    dropUpload(this.q, attachmentId);
  }

  /** Whether an employee sees a conversation here now (its agent, or a quality checker of the queue). */
  async staffMaySee(tenantId: string, conversationId: string, employeeId: string): Promise<boolean> {
    return staffMaySee(this.q, tenantId, conversationId, employeeId);
  }

  /** This queue as the target of an agent's hand-over (`hand-over.ts`); read-only, not queued behind events. */
  async handOverStatus(queueId: string, tenantId: string): Promise<HandOverStatus> {
    this.bind(queueId, tenantId);
    return handOverStatus(this.q, await this.q.config.require(this.q.now()));
  }

  /**
   * Takes over a conversation from another queue (idempotent per conversation id): its staged
   * transcript plus the last page, only when that makes exactly `payload.total` messages (else it
   * refuses and forgets the staging, and the sender keeps the conversation). An agent's hand-over
   * is taken only when the hand-over rule says so, checked in the same synchronous step as the
   * insert. It is routed right after this call returns, never inside it, so two queues
   * transferring to each other cannot wait on each other; the `route` (or `handOver`) timer is the
   * fallback if the object is evicted first.
   */
  async acceptTransfer(payload: TransferPayload): Promise<TransferAnswer> {
    this.bind(payload.queueId, payload.tenantId);
    const id = payload.conversation.id;
    const timer = payload.handOver ? "handOver" : "route";
    if (!this.q.store.conversations.get(id)) {
      const now = this.q.now();
      const config = payload.handOver ? await this.q.config.require(now) : null;
      const answer = this.q.store.transactionSync(this.ctx.storage, (): TransferAnswer => {
        this.q.store.staging.stage(payload.messages, now, now - STAGING_TTL_MS);
        const refusal =
          this.q.store.staging.count(id) !== payload.total
            ? "incomplete"
            : config
              ? handOverStatus(this.q, config).refusal
              : null;
        if (refusal) {
          this.q.store.staging.drop(id);
          return { taken: false, refusal };
        }
        this.q.store.conversations.insert(payload.conversation);
        this.q.store.staging.adopt(id);
        this.q.store.notes.adopt(payload.notes ?? []);
        this.q.store.attachments.adopt(payload.attachments ?? []);
        this.q.timers.set(timer, id, now);
        return { taken: true };
      });
      if (!answer.taken) return answer;
      await this.q.timers.arm();
    }
    const route = payload.handOver ? handOverArrived : requestAgent;
    this.ctx.waitUntil(this.serial(() => this.q.steps.atomic(() => route(this.q, id))));
    return { taken: true };
  }
}

/** A conversation as a case created from it records it. */
export type CaseFacts = {
  tenantId: string;
  channelId: string;
  customerId: string;
  agentEmployeeId: string | null;
};

/** A target's answer to `acceptTransfer`. */
export type TransferAnswer = { taken: true } | { taken: false; refusal: HandOverRefusal | "incomplete" };

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
