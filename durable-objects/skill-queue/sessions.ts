/**
 * The object's WebSockets: accepted through the Hibernation API with tags, identity in the
 * attachment (kept well under the 2 KB limit), rebuilt from `getWebSockets()` after a wake.
 * Tags: `customer` + `conv:<conversationId>`; `agent` or `checker` + `emp:<employeeId>`; a
 * customer's call socket `caller` + `call:<callId>`.
 * Also owns the per-socket limits: the inbound flood counter and the outbound budget
 * (`rules/outbound-budget.ts`), both in memory: they reset on wake, which only forgives.
 */
import {
  CloseCode,
  MAX_FRAME_BYTES,
  RATE_LIMIT_FRAMES,
  RATE_WINDOW_MS,
  type ServerEvent,
} from "../../worker/realtime/protocol";
import {
  admitPull,
  type Bucket,
  charge,
  newAccount,
  newSharedBucket,
  type OutboundAccount,
  watchUnsent,
} from "./rules/outbound-budget";
import type { Steps } from "./steps";
import { utf8Length } from "./utf8";

export type CustomerAttachment = {
  role: "customer";
  tenantId: string;
  channelId: string;
  customerId: string;
  conversationId: string;
};
export type StaffAttachment = {
  role: "agent" | "qualityChecker";
  tenantId: string;
  employeeId: string;
  name: string;
  /** Conversations a quality checker watches (bounded by `MAX_WATCHED`). */
  watching: string[];
};
/** A customer's socket for one click-to-dial call this queue owns. */
export type CallerAttachment = {
  role: "caller";
  tenantId: string;
  customerId: string;
  conversationId: string;
  callId: string;
};
export type Attachment = CustomerAttachment | StaffAttachment | CallerAttachment;

export const MAX_WATCHED = 20;

/**
 * The runtime's unsent queue of a socket is read after every this many bytes sent to it: often
 * enough to see a peer that is not reading within one page of the cap, rarely enough to stay off
 * the path of small live frames.
 */
const UNSENT_CHECK_BYTES = 64 * 1024;

/** Per-socket limits, kept in memory. */
type Limits = OutboundAccount & {
  /** Inbound flood window start and frames in it. */
  frameStart: number;
  frames: number;
  /** Bytes sent since the unsent queue was last read, and since when it has been over the cap. */
  unchecked: number;
  unsentOverSince: number | null;
};

export class Sessions {
  private readonly limits = new WeakMap<WebSocket, Limits>();
  /**
   * Attachments as last deserialized or set, so a frame does not deserialize its socket's
   * attachment again. `setAttachment` drops the entry at once and puts the new copy once the step
   * commits, so a rolled-back change (or a handler's edit of the object it was given) never stays.
   */
  private readonly attachments = new WeakMap<WebSocket, Attachment>();
  /** The object's pull bucket, shared by all its sockets. */
  private readonly sharedPulls: Bucket;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly steps: Steps,
    private readonly now: () => number = Date.now,
  ) {
    this.sharedPulls = newSharedBucket(now());
  }

  acceptCustomer(ws: WebSocket, a: CustomerAttachment): void {
    this.ctx.acceptWebSocket(ws, ["customer", `conv:${a.conversationId}`]);
    ws.serializeAttachment(a);
  }

  acceptStaff(ws: WebSocket, a: StaffAttachment): void {
    this.ctx.acceptWebSocket(ws, [a.role === "agent" ? "agent" : "checker", `emp:${a.employeeId}`]);
    ws.serializeAttachment(a);
  }

  acceptCaller(ws: WebSocket, a: CallerAttachment): void {
    this.ctx.acceptWebSocket(ws, ["caller", `call:${a.callId}`]);
    ws.serializeAttachment(a);
  }

  callerSockets(callId: string): WebSocket[] {
    return this.sockets(`call:${callId}`);
  }

  attachment(ws: WebSocket): Attachment | null {
    const known = this.attachments.get(ws);
    if (known) return known;
    const a = (ws.deserializeAttachment() as Attachment | null) ?? null;
    if (a) this.attachments.set(ws, a);
    return a;
  }

  /** Replaces a socket's attachment once the open step commits. */
  setAttachment(ws: WebSocket, a: Attachment): void {
    const copy = structuredClone(a);
    this.attachments.delete(ws);
    this.steps.effect(() => {
      ws.serializeAttachment(copy);
      this.attachments.set(ws, copy);
    });
  }

  /** Open sockets with `tag` (all sockets when omitted), excluding `except` and those being closed. */
  sockets(tag?: string, except?: WebSocket): WebSocket[] {
    return this.ctx
      .getWebSockets(tag)
      .filter((ws) => ws !== except && ws.readyState === WebSocket.OPEN && !this.steps.isClosing(ws));
  }

  customerSockets(conversationId: string): WebSocket[] {
    return this.sockets(`conv:${conversationId}`);
  }

  employeeSockets(employeeId: string): WebSocket[] {
    return this.sockets(`emp:${employeeId}`);
  }

  checkers(): WebSocket[] {
    return this.sockets("checker");
  }

  /**
   * Sends `event` to `ws` once the open step commits (at once outside a step). `pulled`: it answers
   * a pull (a page, a replay, a transcript snapshot) and counts toward the pull budget.
   */
  send(ws: WebSocket, event: ServerEvent, pulled = false): void {
    this.sendAll([ws], event, pulled);
  }

  /**
   * Sends `event` to each socket once the open step commits (at once outside a step), charging
   * each socket's outbound budget; a socket over it is closed with 4008. The text and its UTF-8
   * length are computed once per event, not per recipient.
   */
  sendAll(sockets: WebSocket[], event: ServerEvent, pulled = false): void {
    if (sockets.length === 0) return;
    const text = JSON.stringify(event);
    const bytes = utf8Length(text);
    this.steps.effect(() => {
      const now = this.now();
      for (const ws of sockets) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        try {
          ws.send(text);
        } catch {
          // The peer went away between the lookup and the send; its close handler cleans up.
          continue;
        }
        this.charge(ws, bytes, pulled, now);
      }
    });
  }

  /** Counts a frame just sent; closes the socket once it is over its window's total or not reading. */
  private charge(ws: WebSocket, bytes: number, pulled: boolean, now: number): void {
    const l = this.limitsOf(ws, now);
    if (!charge(l, this.sharedPulls, bytes, pulled, now)) {
      this.closeOverBudget(ws, "Too much data sent to this connection");
      return;
    }
    l.unchecked += bytes;
    if (l.unchecked < UNSENT_CHECK_BYTES) return;
    l.unchecked = 0;
    // `bufferedAmount` is what the runtime still holds for the peer (undefined where not reported).
    const unsent = (ws as { bufferedAmount?: number }).bufferedAmount;
    if (typeof unsent !== "number") return;
    const seen = watchUnsent(l.unsentOverSince, unsent, now);
    if (seen === "close") this.closeOverBudget(ws, "This connection is not reading what it is sent");
    else l.unsentOverSince = seen;
  }

  /**
   * Pull admission (`PULL_COMMANDS`): true to answer it. Otherwise the client gets `rate_limited`
   * with `retryAfterMs` and nothing else, or, past `EARLY_PULLS_MAX` pulls sent before the time it
   * was given, the socket is closed with 4008.
   */
  admitPull(ws: WebSocket, type: string, now: number): boolean {
    const decision = admitPull(this.limitsOf(ws, now), this.sharedPulls, now);
    if (decision.kind === "serve") return true;
    if (decision.kind === "close") {
      this.closeOverBudget(ws, "Too much data requested; reconnect and ask more slowly");
      return false;
    }
    const why = decision.shared ? "This queue is sending a lot of data" : "Too much data requested";
    this.send(ws, {
      type: "error",
      code: "rate_limited",
      message: `${why}; ask again in ${decision.retryAfterMs} ms`,
      ref: type,
      retryAfterMs: decision.retryAfterMs,
    });
    return false;
  }

  private closeOverBudget(ws: WebSocket, reason: string): void {
    this.close(ws, CloseCode.outboundBudget, reason);
  }

  private limitsOf(ws: WebSocket, now: number): Limits {
    let l = this.limits.get(ws);
    if (!l) {
      l = { ...newAccount(now), frameStart: now, frames: 0, unchecked: 0, unsentOverSince: null };
      this.limits.set(ws, l);
    }
    return l;
  }

  /** Closes `ws` once the open step commits; the step no longer counts it as open. */
  close(ws: WebSocket, code: number, reason: string): void {
    this.steps.closing(ws);
    this.steps.effect(() => {
      try {
        ws.close(code, reason.slice(0, 120));
      } catch {
        // already closed
      }
    });
  }

  /**
   * Frame admission: oversized frames close with 1009, floods with 1008. Returns false when the
   * socket was closed and the frame must be dropped.
   */
  admitFrame(ws: WebSocket, raw: string | ArrayBuffer, now: number): boolean {
    // a socket this object already closed (over a limit) is not served while its peer catches up
    if (ws.readyState !== WebSocket.OPEN) return false;
    const bytes = typeof raw === "string" ? frameBytes(raw) : raw.byteLength;
    if (bytes > MAX_FRAME_BYTES) {
      this.close(ws, CloseCode.tooBig, `Frames are limited to ${MAX_FRAME_BYTES} bytes`);
      return false;
    }
    const l = this.limitsOf(ws, now);
    if (l.frames === 0 || now - l.frameStart >= RATE_WINDOW_MS) {
      l.frameStart = now;
      l.frames = 1;
      return true;
    }
    l.frames++;
    if (l.frames > RATE_LIMIT_FRAMES) {
      this.close(ws, CloseCode.policyViolation, "Too many frames; slow down");
      return false;
    }
    return true;
  }
}

/** A frame's UTF-8 size as far as the size limit needs it (a short frame cannot be over it). */
function frameBytes(s: string): number {
  return s.length * 3 <= MAX_FRAME_BYTES ? s.length : utf8Length(s);
}
