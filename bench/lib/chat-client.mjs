// A protocol client for benches and reliability tests: gets a ticket over REST, opens the socket,
// keeps per-conversation state (last seq, every seq seen, acks by clientMsgId, unacked outbox) and
// on reconnect resumes from the last seq and resends what was never acknowledged.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { call } from "./api.mjs";
import { BENCH_ORIGIN } from "./setup.mjs";
import { openSocket, WebSocket } from "./sockets.mjs";

/** A random widget visitor id (16–64 URL-safe characters). */
export const visitorId = () => randomBytes(16).toString("base64url");

export class ChatClient {
  /**
   * `kind`: "customer" (needs `channelId`, optional `visitor`) or "agent" (needs `token`,
   * `skillQueueId`). `onEvent(event, client)` sees every parsed server frame.
   */
  constructor({ origin, kind, channelId, visitor, token, skillQueueId, onEvent, pageOrigin = BENCH_ORIGIN }) {
    Object.assign(this, { origin, kind, channelId, token, skillQueueId, onEvent, pageOrigin });
    this.visitor = visitor ?? (kind === "customer" ? visitorId() : undefined);
    this.ws = null;
    /** conversationId → highest seq seen */
    this.lastSeq = new Map();
    /** conversationId → Set of seqs seen (for duplicate detection) */
    this.seen = new Map();
    this.duplicates = 0;
    /** conversationId → Map(seq → message) */
    this.transcripts = new Map();
    /** clientMsgId → seq */
    this.acks = new Map();
    /** clientMsgId → frame not yet acknowledged */
    this.outbox = new Map();
    this.conversationId = null;
    this.assigned = [];
    this.closes = [];
    this.welcome = null;
    /** The last `session.resume` sent, asked for again if the server's pull budget refuses it. */
    this.lastResume = null;
  }

  async ticket() {
    const res =
      this.kind === "customer"
        ? await call(this.origin, "POST", "/chat/tickets", {
            body: { channelId: this.channelId, visitorId: this.visitor },
            headers: { origin: this.pageOrigin },
          })
        : await call(this.origin, "POST", "/agent/tickets", {
            token: this.token,
            body: { skillQueueId: this.skillQueueId },
          });
    if (res.status !== 201) throw new Error(`ticket → ${res.status} ${JSON.stringify(res.data)}`);
    return res.data;
  }

  /** Opens (or reopens) the socket and resolves after `session.welcome`. */
  async connect({ timeoutMs = 20_000 } = {}) {
    this.connectStartAt = performance.now();
    const { url } = await this.ticket();
    let welcomed;
    const ws = await openSocket(`${this.origin.replace(/^http/, "ws")}${url}`, {
      origin: this.kind === "customer" ? this.pageOrigin : undefined,
      timeoutMs,
      setup: (ws) => {
        welcomed = new Promise((ok, fail) => {
          const timer = setTimeout(
            () => fail(new Error(`${this.kind}: no welcome within ${timeoutMs} ms`)),
            timeoutMs,
          );
          this._welcomed = (e) => {
            clearTimeout(timer);
            ok(e);
          };
          ws.once("close", (code, reason) => {
            clearTimeout(timer);
            fail(new Error(`${this.kind}: closed ${code} ${reason} before welcome`));
          });
        });
        welcomed.catch(() => {});
        ws.on("message", (data, isBinary) => this.receive(data, isBinary));
        ws.on("close", (code, reason) => this.closes.push({ code, reason: String(reason), at: Date.now() }));
        ws.on("error", () => {});
      },
    });
    this.ws = ws;
    return welcomed;
  }

  receive(data, isBinary) {
    if (isBinary) return;
    const text = data.toString();
    if (text === "pong") return this.onEvent?.({ type: "pong" }, this);
    let e;
    try {
      e = JSON.parse(text);
    } catch {
      return;
    }
    switch (e.type) {
      case "session.welcome":
        this.welcome = e;
        this.welcomeAt = performance.now();
        if (this.kind === "customer") this.conversationId = e.conversations[0]?.conversationId ?? null;
        for (const c of e.conversations)
          if (!this.lastSeq.has(c.conversationId)) this.lastSeq.set(c.conversationId, 0);
        this._welcomed?.(e);
        break;
      case "message":
        this.note(e.message);
        break;
      case "conversation.assigned":
        this.assigned.push(e.conversation.conversationId);
        for (const m of e.messages) this.note(m);
        break;
      case "message.acked":
        this.acks.set(e.clientMsgId, e.seq);
        this.outbox.delete(e.clientMsgId);
        break;
      case "error":
        // the server's pull budget refused the resume: ask again when it says
        if (e.code === "rate_limited" && e.ref === "session.resume" && this.lastResume) {
          const frame = this.lastResume;
          const ws = this.ws;
          setTimeout(() => this.ws === ws && this.send(frame), e.retryAfterMs ?? 1000);
        }
        break;
    }
    this.onEvent?.(e, this);
  }

  note(m) {
    let seen = this.seen.get(m.conversationId);
    if (!seen) {
      seen = new Set();
      this.seen.set(m.conversationId, seen);
    }
    if (seen.has(m.seq)) {
      this.duplicates++;
      return;
    }
    seen.add(m.seq);
    let t = this.transcripts.get(m.conversationId);
    if (!t) {
      t = new Map();
      this.transcripts.set(m.conversationId, t);
    }
    t.set(m.seq, m);
    if (m.seq > (this.lastSeq.get(m.conversationId) ?? 0)) this.lastSeq.set(m.conversationId, m.seq);
  }

  get open() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  send(frame) {
    if (this.open) this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Sends a chat message with an idempotency key; it stays in the outbox until acknowledged. */
  say(text, clientMsgId, conversationId) {
    const frame =
      this.kind === "customer"
        ? { type: "message.send", clientMsgId, text }
        : { type: "message.send", conversationId, clientMsgId, text };
    this.outbox.set(clientMsgId, frame);
    this.send(frame);
  }

  /** After a reconnect: ask for the gap since the last seen seq, then resend the unacknowledged. */
  resume() {
    this.lastResume =
      this.kind === "customer"
        ? { type: "session.resume", lastSeq: this.lastSeq.get(this.conversationId) ?? 0 }
        : {
            type: "session.resume",
            conversations: [...this.lastSeq]
              .slice(0, 100)
              .map(([conversationId, lastSeq]) => ({ conversationId, lastSeq })),
          };
    this.send(this.lastResume);
    for (const frame of this.outbox.values()) this.send(frame);
  }

  close() {
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000);
  }
}
