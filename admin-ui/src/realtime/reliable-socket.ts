/**
 * A WebSocket that stays connected: each connection uses a fresh single-use ticket, a heartbeat
 * ("ping" every 20 s, answered "pong" by the runtime without waking the Durable Object) detects
 * dead links, and any unexpected close reconnects with jittered exponential backoff. The close
 * codes of the protocol decide what happens next: 4002 (replaced by another tab), 4003
 * (conversation closed), 4009 (customer's data erased), 4005 (access revoked) and 4010 (skill
 * queue deleted, the server's reason shown like a revocation's) stop; 4004 (moved) reconnects at once to the URL
 * the server gave; 4008 (over the outbound budget, e.g. a tab that stopped reading) reconnects with
 * backoff like any other close, and the resume picks up where the client's transcript ends.
 *
 * Framework-free and transport-injected so it runs in the widget, the workbench and Node tests.
 */
import { CloseCode, HEARTBEAT_REPLY, HEARTBEAT_REQUEST } from "../../../worker/realtime/protocol";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff";

/** The subset of the browser `WebSocket` this client uses. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
};

export type SocketFactory = (url: string) => SocketLike;

export type ConnectionState =
  /** First connection in progress. */
  | "connecting"
  | "open"
  /** Lost; waiting for the next attempt or reconnecting. */
  | "reconnecting"
  /** Stopped for good: closed by the caller, replaced by another connection, or refused. */
  | "closed";

/** Why the socket stopped for good (with `state === "closed"`). */
export type StopReason = "client" | "replaced" | "conversationClosed" | "refused" | "revoked";

/** Thrown by a ticket provider when retrying cannot help (unknown channel, foreign origin, no access). */
export class FatalTicketError extends Error {
  override name = "FatalTicketError";
}

export type ReliableSocketOptions = {
  /** Returns the absolute ws(s) URL with a fresh ticket. Throw `FatalTicketError` to give up. */
  ticket: () => Promise<string>;
  createSocket: SocketFactory;
  /** Called with every parsed JSON frame. */
  onFrame: (frame: unknown) => void;
  /** Called right after each (re)connect, before anything queued is flushed: send `session.resume` here. */
  onOpen: (isReconnect: boolean) => void;
  /** `detail`: the server's close reason (or the ticket refusal) when the socket stopped for good. */
  onState?: (state: ConnectionState, stop?: StopReason, detail?: string) => void;
  heartbeatMs?: number;
  /** A connection that answers nothing for this long after a ping is considered dead. */
  heartbeatTimeoutMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
};

/** Close code this client uses when it gives up on a silent connection (private range 4000–4999). */
export const CLIENT_TIMEOUT_CODE = 4000;

export class ReliableSocket {
  private ws: SocketLike | null = null;
  private attempt = 0;
  private everOpened = false;
  private stopped = false;
  private nextUrl: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private deadTimer: ReturnType<typeof setTimeout> | null = null;
  private current: ConnectionState = "connecting";
  private readonly o: Required<Omit<ReliableSocketOptions, "onState">> &
    Pick<ReliableSocketOptions, "onState">;

  constructor(options: ReliableSocketOptions) {
    this.o = {
      heartbeatMs: 20_000,
      heartbeatTimeoutMs: 10_000,
      backoff: DEFAULT_BACKOFF,
      random: Math.random,
      ...options,
    };
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Opens the first connection. */
  start(): void {
    this.stopped = false;
    this.setState(this.everOpened ? "reconnecting" : "connecting");
    void this.connect();
  }

  /** Sends a command when connected; false (nothing sent) otherwise. */
  send(frame: object): boolean {
    if (this.ws?.readyState !== 1 || this.current !== "open") return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** The server moved the conversation: the next connection uses `url` (already ticketed). */
  moveTo(url: string): void {
    this.nextUrl = url;
  }

  /** Skips the backoff wait (for example when the browser reports it is online again). */
  reconnectNow(): void {
    if (this.stopped || this.current === "open") return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      void this.connect();
    }
  }

  /** Closes for good. */
  stop(): void {
    this.halt("client");
    this.ws?.close(CloseCode.normal, "bye");
  }

  private setState(state: ConnectionState, stop?: StopReason, detail?: string) {
    if (state === this.current && !stop) return;
    this.current = state;
    this.o.onState?.(state, stop, detail);
  }

  private halt(reason: StopReason, detail?: string) {
    this.stopped = true;
    this.clearTimers();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setState("closed", reason, detail);
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    let url: string;
    try {
      url = this.nextUrl ?? (await this.o.ticket());
      this.nextUrl = null;
    } catch (err) {
      if (err instanceof FatalTicketError) return this.halt("refused", err.message);
      return this.scheduleRetry();
    }
    if (this.stopped) return;
    let ws: SocketLike;
    try {
      ws = this.o.createSocket(url);
    } catch {
      return this.scheduleRetry();
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      const isReconnect = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setState("open");
      this.startHeartbeat(ws);
      this.o.onOpen(isReconnect);
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.alive();
      if (typeof ev.data !== "string" || ev.data === HEARTBEAT_REPLY) return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      this.o.onFrame(frame);
    };
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimers();
      if (this.stopped) return;
      if (ev.code === CloseCode.replaced) return this.halt("replaced");
      // the conversation is gone (closed, or erased by a data-protection request): nothing to resume
      if (ev.code === CloseCode.conversationClosed || ev.code === CloseCode.erased)
        return this.halt("conversationClosed");
      // access withdrawn (configuration, role or password changed): retrying would only be refused
      // access withdrawn with the queue itself: its conversations ended, nothing to come back to
      if (ev.code === CloseCode.revoked || ev.code === CloseCode.queueDeleted)
        return this.halt("revoked", ev.reason);
      if (ev.code === CloseCode.moved) {
        this.setState("reconnecting");
        void this.connect();
        return;
      }
      this.scheduleRetry();
    };
  }

  private scheduleRetry() {
    if (this.stopped) return;
    this.setState(this.everOpened ? "reconnecting" : "connecting");
    const delay = backoffDelay(this.attempt++, this.o.random, this.o.backoff);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private startHeartbeat(ws: SocketLike) {
    this.clearTimers();
    this.pingTimer = setInterval(() => {
      if (ws.readyState !== 1) return;
      ws.send(HEARTBEAT_REQUEST);
      if (!this.deadTimer) {
        this.deadTimer = setTimeout(() => {
          this.deadTimer = null;
          // A half-open link never delivers a close event: treat silence as one.
          const onclose = ws.onclose;
          ws.close(CLIENT_TIMEOUT_CODE, "heartbeat timeout");
          onclose?.({ code: CLIENT_TIMEOUT_CODE, reason: "heartbeat timeout" } as CloseEvent);
        }, this.o.heartbeatTimeoutMs);
      }
    }, this.o.heartbeatMs);
  }

  private alive() {
    if (this.deadTimer) clearTimeout(this.deadTimer);
    this.deadTimer = null;
  }

  private clearTimers() {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.deadTimer) clearTimeout(this.deadTimer);
    this.pingTimer = null;
    this.deadTimer = null;
  }
}
