/**
 * The object's WebSockets: accepted through the Hibernation API with tags, identity in the
 * attachment (kept well under the 2 KB limit), rebuilt from `getWebSockets()` after a wake.
 * Tags: `customer` + `conv:<conversationId>`; `agent` or `checker` + `emp:<employeeId>`; a
 * customer's call socket `caller` + `call:<callId>`.
 * Also owns the per-socket flood counter (in memory: it resets on wake, which only forgives).
 */
import {
  CloseCode,
  MAX_FRAME_BYTES,
  RATE_LIMIT_FRAMES,
  RATE_WINDOW_MS,
  type ServerEvent,
} from "../../worker/realtime/protocol";
import type { Steps } from "./steps";

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

export class Sessions {
  private readonly rate = new WeakMap<WebSocket, { start: number; count: number }>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly steps: Steps,
  ) {}

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
    return (ws.deserializeAttachment() as Attachment | null) ?? null;
  }

  /** Replaces a socket's attachment once the open step commits. */
  setAttachment(ws: WebSocket, a: Attachment): void {
    const copy = structuredClone(a);
    this.steps.effect(() => ws.serializeAttachment(copy));
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

  /** Sends `event` to `ws` once the open step commits (at once outside a step). */
  send(ws: WebSocket, event: ServerEvent): void {
    this.sendAll([ws], event);
  }

  /** Sends `event` to each socket once the open step commits (at once outside a step). */
  sendAll(sockets: WebSocket[], event: ServerEvent): void {
    if (sockets.length === 0) return;
    const text = JSON.stringify(event);
    this.steps.effect(() => {
      for (const ws of sockets) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        try {
          ws.send(text);
        } catch {
          // The peer went away between the lookup and the send; its close handler cleans up.
        }
      }
    });
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
    const bytes = typeof raw === "string" ? utf8Length(raw) : raw.byteLength;
    if (bytes > MAX_FRAME_BYTES) {
      this.close(ws, CloseCode.tooBig, `Frames are limited to ${MAX_FRAME_BYTES} bytes`);
      return false;
    }
    const r = this.rate.get(ws);
    if (!r || now - r.start >= RATE_WINDOW_MS) {
      this.rate.set(ws, { start: now, count: 1 });
      return true;
    }
    r.count++;
    if (r.count > RATE_LIMIT_FRAMES) {
      this.close(ws, CloseCode.policyViolation, "Too many frames; slow down");
      return false;
    }
    return true;
  }
}

function utf8Length(s: string): number {
  if (s.length * 3 <= MAX_FRAME_BYTES) return s.length;
  return new TextEncoder().encode(s).byteLength;
}
