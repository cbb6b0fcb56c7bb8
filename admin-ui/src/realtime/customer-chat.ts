/**
 * The customer's side of one web-channel chat, without any view: connection, the conversation,
 * its messages (ordered, deduplicated), delivery states, queue position, typing, evaluation.
 * Messages survive reconnects: unacknowledged ones are resent with their `clientMsgId`, and the
 * gap is replayed from the last `seq` held, page by page (paced, and again after `retryAfterMs` when
 * the server's pull budget refuses a page) while the server says `more`. The widget renders it;
 * tests drive it with a fake socket.
 */
import type { FormToFill } from "../../../worker/realtime/pre-chat-admission";
import type {
  CallMedia,
  ChatMessage,
  ConversationSummary,
  CustomerEvent,
  EndReason,
} from "../../../worker/realtime/protocol";
import type { AttachmentMeta } from "../../../worker/schemas/attachment-meta";
import { type Bubble, bubbles, type PendingText } from "./bubbles";
import { Observable } from "./observable";
import { newClientMsgId, Outbox } from "./outbox";
import { PagePacer, RETRY_AFTER_DEFAULT_MS } from "./page-pacer";
import { parseCustomerEvent } from "./parse-event";
import {
  type ConnectionState,
  FatalTicketError,
  ReliableSocket,
  type ReliableSocketOptions,
  type SocketFactory,
  type StopReason,
} from "./reliable-socket";
import { SeqLog } from "./seq-log";
import { wsUrl } from "./ws-url";

/** The pre-chat form's values by field key. */
export type PreChatValues = Record<string, string>;
/** Who the customer is, as sent with each ticket request: only the keys that are set. */
export type CustomerUser = { name?: string; identityToken?: string; preChat?: PreChatValues };
/** The server's answer asking for the pre-chat form (422 with `preChatForm`), with the last try's errors. */
export type PreChatRequest = { preChatForm: FormToFill; errors?: Record<string, string[]> };

/** The page the customer is on, as the agent is told (`page.viewed`). */
export type PageReport = { url: string; title: string; referrer: string };

export type CustomerChatOptions = {
  /** Where the API lives (the widget script's own origin). */
  apiOrigin: string;
  channelId: string;
  /** Anonymous visitor id kept by the page (16–64 URL-safe chars) so a reload continues the chat. */
  visitorId: string;
  user: () => CustomerUser;
  createSocket: SocketFactory;
  fetch: typeof fetch;
  /** Tuning for tests. */
  socket?: Pick<ReliableSocketOptions, "heartbeatMs" | "heartbeatTimeoutMs" | "backoff" | "random">;
  /** Least time between the page requests of a replay (default 100 ms). */
  pageIntervalMs?: number;
  /** While true, (re)connect only to continue an existing conversation (`resumeOnly`): never start one. */
  resumeOnly?: () => boolean;
};

export type QueueInfo = { position: number; estimatedWaitSeconds: number };

type SendFrame = { type: "message.send"; clientMsgId: string; text: string; attachmentId?: string };

/** The attachment token of the latest `session.welcome` and the channel's file limits. */
export type AttachmentOffer = NonNullable<Extract<CustomerEvent, { type: "session.welcome" }>["attachments"]>;

/** Events the widget re-emits on `window.EdgeChat`. */
export type CustomerChatEvents = {
  message: (m: ChatMessage) => void;
  stateChange: (s: { connection: ConnectionState; conversation: ConversationSummary | null }) => void;
};

export class CustomerChat extends Observable {
  connection: ConnectionState = "connecting";
  stopReason: StopReason | null = null;
  conversation: ConversationSummary | null = null;
  endReason: EndReason | null = null;
  queue: QueueInfo | null = null;
  /** Latest filled-in queue reminder, shown until the customer is connected. */
  reminder: string | null = null;
  agentTyping = false;
  /** Highest seq the agent has read. */
  readSeq = 0;
  evaluation: { rating: number; comment: string } | null = null;
  /** Last refusal from the server, for a short notice. */
  notice: string | null = null;
  /** A refusal of the ticket (unknown channel, foreign origin, bad identity token). */
  refused: string | null = null;
  /** The pre-chat form to fill before the chat starts, while the server asks for it. */
  form: PreChatRequest | null = null;
  /** The calls the channel offers (click to dial); the call part does the rest. */
  calls: CallMedia[] = [];
  /** Every frame as it arrived, for optional parts with frames of their own (the call part). */
  readonly frames = new Set<(frame: unknown) => void>();
  /** Files: the token for this conversation's files and the channel's limits (none when off). */
  attachments: AttachmentOffer | null = null;

  private log = new SeqLog<ChatMessage>();
  private readonly outbox = new Outbox<SendFrame>();
  private readonly pendingMeta = new Map<string, PendingText>();
  private readonly acked = new Map<number, PendingText>();
  private readonly socket: ReliableSocket;
  private readonly pacer: PagePacer;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly handlers: { [K in keyof CustomerChatEvents]: Set<CustomerChatEvents[K]> } = {
    message: new Set(),
    stateChange: new Set(),
  };

  constructor(readonly o: CustomerChatOptions) {
    super();
    this.pacer = new PagePacer(o.pageIntervalMs);
    this.socket = new ReliableSocket({
      ...o.socket,
      ticket: () => this.ticket(),
      createSocket: o.createSocket,
      onFrame: (f) => {
        const e = parseCustomerEvent(f);
        if (e) this.onEvent(e);
        for (const fn of this.frames) fn(f);
      },
      onOpen: () => {},
      onState: (s, stop) => {
        this.connection = s;
        this.stopReason = stop ?? null;
        this.emitState();
        this.changed();
      },
    });
  }

  on<K extends keyof CustomerChatEvents>(event: K, fn: CustomerChatEvents[K]): () => void {
    this.handlers[event].add(fn);
    return () => this.handlers[event].delete(fn);
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.pacer.cancel();
    this.socket.stop();
  }

  /**
   * After the conversation ended and the socket stopped, or the pre-chat form was filled: start
   * over with a fresh conversation (the ticket request sends the user's values as they are now).
   */
  restart(): void {
    this.resetConversation();
    this.refused = this.form = null;
    this.socket.start();
    this.changed();
  }

  reconnectNow(): void {
    this.socket.reconnectNow();
  }

  /** Everything to render, in order. */
  bubbles(): Bubble[] {
    return bubbles(
      this.log.items(),
      this.acked,
      [...this.outbox.frames().map((f) => this.pendingMeta.get(f.clientMsgId)!), ...this.failed],
      (m) => m.sender === "customer",
      "customer",
      this.readSeq,
    );
  }

  /**
   * Queues a message, a text or an uploaded file with an optional caption; it is sent now or as
   * soon as the connection is back.
   */
  send(text: string, attachment?: AttachmentMeta): string | null {
    const trimmed = text.trim();
    if (!trimmed && !attachment) return null;
    const frame: SendFrame = { type: "message.send", clientMsgId: newClientMsgId(), text: trimmed };
    if (attachment) frame.attachmentId = attachment.id;
    this.outbox.add(frame);
    this.pendingMeta.set(frame.clientMsgId, {
      clientMsgId: frame.clientMsgId,
      text: trimmed,
      at: Date.now(),
      attachment,
    });
    this.socket.send(frame);
    this.changed();
    return frame.clientMsgId;
  }

  /** The "Transfer to Agent" button. */
  requestAgent(): boolean {
    return this.socket.send({ type: "agent.request" });
  }

  setTyping(isTyping: boolean): void {
    if (this.conversation && this.conversation.state !== "ended")
      this.socket.send({ type: "typing.set", isTyping });
  }

  /** The highest seq held. */
  get lastSeq(): number {
    return this.log.lastSeq;
  }

  /** Tells the agent everything up to the latest message was read. */
  markRead(): void {
    if (this.log.lastSeq > 0) this.socket.send({ type: "read.mark", seq: this.log.lastSeq });
  }

  evaluate(rating: number, comment: string): boolean {
    return this.socket.send({ type: "evaluation.submit", rating, comment });
  }

  leave(): void {
    this.socket.send({ type: "conversation.leave" });
  }

  /** Leaves a message (after the wait ended without an agent); the conversation's `leaveMessage.left` confirms it. */
  leaveMessage(text: string, contact: string): boolean {
    return this.socket.send({ type: "message.leave", clientMsgId: newClientMsgId(), text, contact });
  }

  /** Sends a command of an optional part (`call.start`); false while disconnected. */
  command(frame: { type: string; [key: string]: unknown }): boolean {
    return this.socket.send(frame);
  }

  /**
   * Tells the agent which page the customer is on (`p`; null when it cannot be reported, e.g. not
   * http/https), when it changed since the last report on this connection. The widget calls it
   * every few seconds; after the end the server ignores reports.
   */
  reportPage(p: PageReport | null): void {
    const key = p && p.url + p.title;
    if (p && key !== this.pageSent && this.socket.send({ type: "page.viewed", ...p })) this.pageSent = key;
  }

  /** The last page reported on this connection (address and title). */
  private pageSent: string | null | undefined = null;

  /** Whether an evaluation makes sense: an agent took part in this conversation. */
  get canEvaluate(): boolean {
    const c = this.conversation;
    return !!c && (c.connectedAt !== null || c.agentEmployeeId !== null);
  }

  private async ticket(): Promise<string> {
    const res = await this.o.fetch(`${this.o.apiOrigin}/api/v1/chat/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        channelId: this.o.channelId,
        visitorId: this.o.visitorId,
        ...this.o.user(),
      }),
    });
    const data = (await res.json().catch(() => null)) as
      | (Partial<PreChatRequest> & { url?: unknown; detail?: unknown })
      | null;
    if (res.status === 201 && typeof data?.url === "string")
      return wsUrl(data.url + (this.o.resumeOnly?.() ? "&resumeOnly" : ""), this.o.apiOrigin);
    if (data?.preChatForm) {
      this.form = data as PreChatRequest;
      throw new FatalTicketError("preChat");
    }
    if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 422) {
      this.refused = typeof data?.detail === "string" ? data.detail : `HTTP ${res.status}`;
      // for the integrator: the customer only reads that the chat is unavailable here
      console.error(`EdgeChat: ${this.refused}`);
      throw new FatalTicketError(this.refused);
    }
    throw new Error(`chat ticket: HTTP ${res.status}`);
  }

  private resetConversation() {
    this.pacer.cancel();
    this.log = new SeqLog<ChatMessage>();
    this.acked.clear();
    this.conversation = null;
    this.endReason = null;
    this.queue = null;
    this.reminder = null;
    this.agentTyping = false;
    this.readSeq = 0;
    this.evaluation = null;
  }

  private onEvent(e: CustomerEvent): void {
    switch (e.type) {
      case "session.welcome": {
        const c = e.conversations[0] ?? null;
        if (c && this.conversation && c.conversationId !== this.conversation.conversationId)
          this.resetConversation();
        this.conversation = c;
        this.calls = e.calls;
        this.attachments = e.attachments ?? null;
        this.evaluation = c?.evaluation ?? this.evaluation;
        if (c?.state === "ended") this.endReason ??= null;
        const lastSeq = this.log.resumeFrom;
        this.pacer.runNow(() => this.socket.send({ type: "session.resume", lastSeq }));
        for (const f of this.outbox.frames()) this.socket.send(f);
        // a new connection (maybe to another queue) reports the page again at the next check
        this.pageSent = null;
        this.emitState();
        break;
      }
      case "message": {
        const m = e.message;
        if (this.conversation && m.conversationId !== this.conversation.conversationId) return;
        if (!this.log.add(m)) return;
        if (m.clientMsgId && m.sender === "customer") this.settle(m.clientMsgId, m.seq);
        if (m.sender === "agent") this.agentTyping = false;
        for (const fn of this.handlers.message) fn(m);
        break;
      }
      case "message.acked":
        this.settle(e.clientMsgId, e.seq);
        break;
      case "session.resumed": {
        const { more, lastSeq, conversationId } = e;
        if (more && conversationId === this.conversation?.conversationId)
          this.pacer.run(() => this.socket.send({ type: "session.resume", lastSeq }));
        break;
      }
      case "conversation.updated":
        if (this.conversation && e.conversation.conversationId !== this.conversation.conversationId) return;
        this.conversation = e.conversation;
        if (e.conversation.evaluation) this.evaluation = e.conversation.evaluation;
        if (e.conversation.state !== "queued") {
          this.queue = null;
          this.reminder = null;
        }
        if (e.conversation.state === "ended") {
          this.endReason = e.reason;
          this.agentTyping = false;
        }
        this.emitState();
        break;
      case "queue.position":
        this.queue = { position: e.position, estimatedWaitSeconds: e.estimatedWaitSeconds };
        if (e.reminder) this.reminder = e.reminder;
        break;
      case "typing":
        if (e.from === "customer") return;
        this.agentTyping = e.isTyping;
        if (this.typingTimer) clearTimeout(this.typingTimer);
        // A lost "stopped typing" frame must not leave the indicator on forever.
        if (e.isTyping)
          this.typingTimer = setTimeout(() => {
            this.agentTyping = false;
            this.changed();
          }, 8000);
        break;
      case "read":
        if (e.by !== "customer") this.readSeq = Math.max(this.readSeq, e.seq);
        break;
      case "evaluation.recorded":
        this.evaluation = { rating: e.rating, comment: e.comment };
        break;
      case "session.moved":
        this.socket.moveTo(wsUrl(e.url, this.o.apiOrigin));
        break;
      case "error":
        if (e.code === "rate_limited" && e.ref === "session.resume") {
          // the server's pull budget: the same page is asked for again once it allows
          this.pacer.retry(e.retryAfterMs ?? RETRY_AFTER_DEFAULT_MS);
          return;
        }
        this.notice = e.message;
        if (e.ref && this.outbox.has(e.ref)) {
          this.outbox.ack(e.ref);
          const meta = this.pendingMeta.get(e.ref);
          this.pendingMeta.delete(e.ref);
          if (meta) this.failed.push({ ...meta, failed: e.message });
        }
        break;
      default:
        return;
    }
    this.changed();
  }

  /** Messages the server refused (for example after the conversation ended), shown as not sent. */
  private readonly failed: PendingText[] = [];

  private settle(clientMsgId: string, seq: number) {
    const frame = this.outbox.ack(clientMsgId);
    const meta = this.pendingMeta.get(clientMsgId);
    if (frame && meta && !this.log.has(seq)) this.acked.set(seq, meta);
    if (this.log.has(seq)) this.acked.delete(seq);
    this.pendingMeta.delete(clientMsgId);
  }

  private emitState() {
    for (const fn of this.handlers.stateChange)
      fn({ connection: this.connection, conversation: this.conversation });
  }
}
