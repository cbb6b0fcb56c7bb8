/**
 * The agent's (or quality checker's) side of one skill queue, without any view: presence and
 * status, the live conversations with ordered deduplicated transcripts, unread counts, typing and
 * read state, evaluations, and for checkers the queue snapshot and watched conversations.
 * Survives reconnects: watched conversations are watched again, every conversation resumes from
 * its last `seq` (page by page, paced, while the server says `more`), and unacknowledged messages
 * are resent with their `clientMsgId`. A transcript arrives as its latest page; `loadEarlier`
 * fetches the page before it. History pages are fetched one at a time, paced; a pull the server's
 * budget refuses (`rate_limited`) is asked for again after its `retryAfterMs`.
 * Private notes and tags live in `notes` (`desk-notes.ts`). A callout agent's open offers
 * (`conversation.offered`, answered with `acceptOffer` / `rejectOffer`) and the robot assistant's
 * latest suggestions per chat are kept too.
 */
import type {
  AgentCommand,
  AgentPresence,
  CallEvent,
  CallSummary,
  ChatMessage,
  ConversationSummary,
  CustomerContext,
  ServerEvent,
} from "../../../worker/realtime/protocol";
import type { AttachmentMeta } from "../../../worker/schemas/attachment-meta";
import { type Bubble, bubbles, type PendingText } from "./bubbles";
import { DeskNotes } from "./desk-notes";
import { Observable } from "./observable";
import { newClientMsgId, Outbox } from "./outbox";
import { PagePacer, RETRY_AFTER_DEFAULT_MS } from "./page-pacer";
import { parseServerEvent } from "./parse-event";
import {
  type ConnectionState,
  ReliableSocket,
  type ReliableSocketOptions,
  type SocketFactory,
  type StopReason,
} from "./reliable-socket";
import { SeqLog } from "./seq-log";

export type DeskChat = {
  summary: ConversationSummary;
  log: SeqLog<ChatMessage>;
  acked: Map<number, PendingText>;
  failed: PendingText[];
  unread: number;
  customerTyping: boolean;
  /** Highest seq the customer has read. */
  customerReadSeq: number;
  evaluation: { rating: number; comment: string } | null;
  /** Set when the conversation left this desk (ended, transferred, intercepted, unwatched). */
  closed: string | null;
  /** A checker's watched conversation rather than one of the agent's own. */
  watched: boolean;
  /** The server holds messages before the earliest one here (`loadEarlier` fetches them). */
  hasEarlier: boolean;
  /** A `history.fetch` is on its way. */
  loadingEarlier: boolean;
  /** The chat's click-to-dial call as last heard (state `ended` once over), null when none. */
  call: CallSummary | null;
  /** The customer's page, browser and language, when known. */
  context: CustomerContext | null;
};

/** Conversations one `session.resume` may list. */
const RESUME_MAX = 100;
/**
 * Least time between history requests: with the replay's 100 ms this keeps both chains together
 * under 34 of the 40 frames per 2 s a socket may send, leaving room for replies and typing.
 */
const HISTORY_INTERVAL_MS = 150;

type SendFrame =
  | { type: "message.send"; conversationId: string; clientMsgId: string; text: string; attachmentId?: string }
  | { type: "checker.insert"; conversationId: string; clientMsgId: string; text: string };

/** A chat offered to a callout agent, open until `expiresAt` (server time). */
export type DeskOffer = { summary: ConversationSummary; expiresAt: number; preview: string | null };

/** The robot assistant's suggested replies to the customer message `seq`, best first. */
export type DeskSuggestions = { seq: number; suggestions: { reply: string; confidence: number }[] };

export type QueueSnapshot = {
  conversations: ConversationSummary[];
  agents: AgentPresence[];
  waiting: number;
};

/** One left message of the queue's Messages inbox (`leftMessages.updated`). */
export type LeftMessageItem = Extract<ServerEvent, { type: "leftMessages.updated" }>["items"][number];

export type AgentDeskOptions = {
  /** Returns the absolute WebSocket URL with a fresh agent ticket. */
  ticket: () => Promise<string>;
  createSocket: SocketFactory;
  /** A new conversation was assigned to this agent (for notifications). */
  onNewChat?: (c: ConversationSummary) => void;
  /** A customer message arrived in a conversation (for notifications). */
  onCustomerMessage?: (m: ChatMessage) => void;
  /** A conversation this agent asked for (an accepted offer, a picked-up message) arrived: show it. */
  onOpen?: (conversationId: string) => void;
  /** A call event on this socket (a click-to-dial queue's; see `CallDesk`). */
  onCallEvent?: (e: CallEvent) => void;
  socket?: Pick<ReliableSocketOptions, "heartbeatMs" | "heartbeatTimeoutMs" | "backoff" | "random">;
  /** Least time between the page requests of a replay (default 100 ms). */
  pageIntervalMs?: number;
  /** Least time between history requests (default 150 ms). */
  historyIntervalMs?: number;
  /** Select a newly assigned chat when none is selected (default true; a desk set selects itself). */
  autoSelect?: boolean;
};

export class AgentDesk extends Observable {
  connection: ConnectionState = "connecting";
  stopReason: StopReason | null = null;
  role: "agent" | "qualityChecker" | "customer" | null = null;
  me: AgentPresence | null = null;
  /** Server clock minus local clock, for countdowns against server timestamps. */
  clockOffset = 0;
  readonly chats = new Map<string, DeskChat>();
  selected: string | null = null;
  snapshot: QueueSnapshot | null = null;
  notice: string | null = null;
  /** The queue's Messages inbox: left messages nobody picked up yet (oldest first), and how many in all. */
  leftMessages: LeftMessageItem[] = [];
  leftTotal = 0;
  /** The left message this agent asked to pick up, opened when it arrives. */
  private pickingUp: string | null = null;
  /** Private notes and tags of the conversations (staff only). */
  readonly notes: DeskNotes;
  /** Open offers to this (callout) agent, by conversation. */
  readonly offers = new Map<string, DeskOffer>();
  /** The robot assistant's latest suggestions, by conversation. */
  readonly suggestions = new Map<string, DeskSuggestions>();
  /** Offers accepted whose `conversation.assigned` is still to come. */
  private readonly answered = new Set<string>();

  private readonly outbox = new Outbox<SendFrame>();
  private readonly pendingMeta = new Map<string, PendingText>();
  private readonly socket: ReliableSocket;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pacer: PagePacer;
  /** Conversations of the `session.resume` in flight (with the seq asked from), each until its `session.resumed` (or error). */
  private resuming = new Map<string, number>();
  private readonly historyPacer: PagePacer;
  /** Chats waiting for a history page, in order, with the seq to fetch before. */
  private historyQueue = new Map<string, number>();
  /** The chat whose history page is on its way. */
  private historyInFlight: string | null = null;
  /** Where each conversation continues in the next `session.resume` (the server said `more`). */
  private resumeNext = new Map<string, number>();

  constructor(private readonly o: AgentDeskOptions) {
    super();
    this.pacer = new PagePacer(o.pageIntervalMs);
    this.historyPacer = new PagePacer(o.historyIntervalMs ?? HISTORY_INTERVAL_MS);
    this.notes = new DeskNotes((frame) => this.socket.send(frame));
    this.socket = new ReliableSocket({
      ...o.socket,
      ticket: o.ticket,
      createSocket: o.createSocket,
      onFrame: (f) => {
        const e = parseServerEvent(f);
        if (e) this.onEvent(e);
      },
      onOpen: () => {},
      onState: (s, stop, detail) => {
        this.connection = s;
        this.stopReason = stop ?? null;
        if (stop === "revoked")
          this.notice = `${detail || "Your access to this skill queue was withdrawn"}. Ask your administrator if this is unexpected.`;
        this.changed();
      },
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.pacer.cancel();
    this.historyPacer.cancel();
    this.socket.stop();
  }

  reconnectNow(): void {
    this.socket.reconnectNow();
  }

  /** Live and recently closed chats, newest first. */
  list(): DeskChat[] {
    return [...this.chats.values()].sort((a, b) => b.summary.startedAt - a.summary.startedAt);
  }

  select(conversationId: string | null): void {
    this.selected = conversationId;
    const chat = conversationId ? this.chats.get(conversationId) : undefined;
    if (chat) {
      chat.unread = 0;
      this.markRead(chat);
    }
    this.changed();
  }

  /** Removes a closed chat from the list. */
  dismiss(conversationId: string): void {
    const chat = this.chats.get(conversationId);
    if (!chat?.closed) return;
    this.chats.delete(conversationId);
    this.notes.forget(conversationId);
    if (this.selected === conversationId) this.selected = null;
    this.changed();
  }

  bubbles(conversationId: string): Bubble[] {
    const chat = this.chats.get(conversationId);
    if (!chat) return [];
    const pending = this.outbox
      .frames()
      .filter((f) => f.conversationId === conversationId)
      .map((f) => this.pendingMeta.get(f.clientMsgId)!);
    const ownSender = this.role === "qualityChecker" && chat.watched ? "checker" : "agent";
    return bubbles(
      chat.log.items(),
      chat.acked,
      [...pending, ...chat.failed],
      (m) => this.isMine(m),
      ownSender,
      chat.customerReadSeq,
    );
  }

  /**
   * Whether the viewer wrote `m`: a staff message (agent or checker) under the viewer's own name.
   * The sender kind alone is not enough: after an intercept or a transfer the chat holds another
   * agent's messages too. Before the desk knows the viewer's name, every agent message counts.
   */
  isMine(m: { sender: ChatMessage["sender"]; senderName?: string | null }): boolean {
    if (m.sender !== "agent" && m.sender !== "checker") return false;
    const name = this.me?.name ?? this.selfName;
    if (name === null) return m.sender === (this.role === "qualityChecker" ? "checker" : "agent");
    return m.senderName === name;
  }

  /**
   * Sends a reply (or, for a checker in a watched conversation, an inserted message). An agent's
   * reply may be an uploaded file with an optional caption.
   */
  send(conversationId: string, text: string, attachment?: AttachmentMeta): string | null {
    const trimmed = text.trim();
    const chat = this.chats.get(conversationId);
    if ((!trimmed && !attachment) || !chat || (attachment && chat.watched)) return null;
    const clientMsgId = newClientMsgId();
    const frame: SendFrame = chat.watched
      ? { type: "checker.insert", conversationId, clientMsgId, text: trimmed }
      : { type: "message.send", conversationId, clientMsgId, text: trimmed };
    if (attachment && frame.type === "message.send") frame.attachmentId = attachment.id;
    this.outbox.add(frame);
    this.pendingMeta.set(clientMsgId, { clientMsgId, text: trimmed, at: Date.now(), attachment });
    this.socket.send(frame);
    this.changed();
    return clientMsgId;
  }

  setStatus(status: "idle" | "rest"): boolean {
    return this.socket.send({ type: "status.set", status });
  }

  setTyping(conversationId: string, isTyping: boolean): void {
    this.socket.send({ type: "typing.set", conversationId, isTyping });
  }

  end(conversationId: string): boolean {
    return this.socket.send({ type: "conversation.end", conversationId });
  }

  transfer(conversationId: string, skillQueueId: string): boolean {
    return this.socket.send({ type: "conversation.transfer", conversationId, skillQueueId });
  }

  /** Picks up a left message of the inbox; the first agent wins (others get a conflict notice). */
  pickUp(conversationId: string): boolean {
    this.pickingUp = conversationId;
    return this.socket.send({ type: "leftMessage.pickUp", conversationId });
  }

  signOut(): void {
    this.socket.send({ type: "agent.signOut" });
  }

  /** Sends a command of another model on this socket (`CallDesk`'s call commands); false while disconnected. */
  command(frame: AgentCommand): boolean {
    return this.socket.send(frame);
  }

  watch(conversationId: string): boolean {
    return this.socket.send({ type: "conversation.watch", conversationId });
  }

  unwatch(conversationId: string): boolean {
    return this.socket.send({ type: "conversation.unwatch", conversationId });
  }

  intercept(conversationId: string): boolean {
    return this.socket.send({ type: "conversation.intercept", conversationId });
  }

  /** Fetches the page before the earliest message held; false when there is none or one is on its way. */
  loadEarlier(conversationId: string): boolean {
    const chat = this.chats.get(conversationId);
    if (!chat?.hasEarlier || chat.loadingEarlier) return false;
    if (!this.fetchHistory(chat, chat.log.firstSeq || chat.summary.lastSeq + 1)) return false;
    this.changed();
    return true;
  }

  /** Accepts an offered chat (`conversation.assigned` follows). */
  acceptOffer(conversationId: string): boolean {
    return this.socket.send({ type: "offer.accept", conversationId });
  }

  /** Rejects an offered chat: the customer goes to the next agent. */
  rejectOffer(conversationId: string): boolean {
    return this.socket.send({ type: "offer.reject", conversationId });
  }

  /** Seconds left to answer an offer. */
  offerSecondsLeft(offer: DeskOffer, now = Date.now()): number {
    return Math.max(0, Math.ceil((offer.expiresAt - (now + this.clockOffset)) / 1000));
  }

  forceBusy(employeeId: string): boolean {
    return this.socket.send({ type: "agent.forceBusy", employeeId });
  }

  /** A checker ends an agent's forced busy. */
  release(employeeId: string): boolean {
    return this.socket.send({ type: "agent.release", employeeId });
  }

  /** Seconds left in wrap-up (0 when not arranging). */
  wrapUpSecondsLeft(now = Date.now()): number {
    const until = this.me?.status === "arranging" ? this.me.wrapUpUntil : null;
    return until ? Math.max(0, Math.ceil((until - (now + this.clockOffset)) / 1000)) : 0;
  }

  private markRead(chat: DeskChat) {
    const seq = chat.log.lastSeq;
    if (seq > 0 && !chat.watched && !chat.closed) {
      this.socket.send({ type: "read.mark", conversationId: chat.summary.conversationId, seq });
    }
  }

  private upsert(summary: ConversationSummary, watched: boolean): DeskChat {
    const existing = this.chats.get(summary.conversationId);
    if (existing) {
      existing.summary = summary;
      existing.closed = summary.state === "ended" ? (existing.closed ?? "ended") : null;
      existing.watched = watched;
      if (summary.evaluation) existing.evaluation = summary.evaluation;
      return existing;
    }
    const chat: DeskChat = {
      summary,
      log: new SeqLog<ChatMessage>(),
      acked: new Map(),
      failed: [],
      unread: 0,
      customerTyping: false,
      customerReadSeq: 0,
      evaluation: summary.evaluation,
      closed: summary.state === "ended" ? "ended" : null,
      watched,
      hasEarlier: false,
      loadingEarlier: false,
      call: null,
      context: null,
    };
    this.chats.set(summary.conversationId, chat);
    return chat;
  }

  /** Adds a page of a transcript; the page that reaches furthest back decides `hasEarlier`. */
  private addPage(chat: DeskChat, messages: readonly ChatMessage[], hasEarlier: boolean) {
    chat.log.addAll(messages);
    const first = messages[0];
    if (first ? first.seq <= chat.log.firstSeq : chat.log.size === 0) chat.hasEarlier = hasEarlier;
  }

  /** Queues a history request for `chat` (one is on its way at a time, paced); false when offline. */
  private fetchHistory(chat: DeskChat, beforeSeq: number): boolean {
    if (this.socket.state !== "open") return false;
    chat.loadingEarlier = true;
    this.historyQueue.set(chat.summary.conversationId, beforeSeq);
    this.nextHistory();
    return true;
  }

  private nextHistory() {
    if (this.historyInFlight !== null) return;
    const next = this.historyQueue.entries().next();
    if (next.done) return;
    const [conversationId, beforeSeq] = next.value;
    this.historyQueue.delete(conversationId);
    this.historyInFlight = conversationId;
    this.historyPacer.run(() => {
      if (this.socket.send({ type: "history.fetch", conversationId, beforeSeq })) return;
      const chat = this.chats.get(conversationId);
      if (chat) chat.loadingEarlier = false;
      this.historyInFlight = null;
    });
  }

  /** The history request for `conversationId` was answered (a page or an error): the next may go. */
  private historyAnswered(conversationId: string) {
    const chat = this.chats.get(conversationId);
    if (chat && !this.historyQueue.has(conversationId)) chat.loadingEarlier = false;
    if (this.historyInFlight !== conversationId) return;
    this.historyInFlight = null;
    this.nextHistory();
  }

  /** Forgets history requests (the connection they were asked on is gone). */
  private resetHistory() {
    this.historyPacer.cancel();
    this.historyQueue.clear();
    this.historyInFlight = null;
    for (const chat of this.chats.values()) chat.loadingEarlier = false;
  }

  /** Sends the next `session.resume` (paced) once every conversation of the last one is answered. */
  private resumeMore() {
    if (this.resuming.size > 0 || this.resumeNext.size === 0) return;
    this.pacer.run(() => this.sendResume());
  }

  private sendResume() {
    const entries = [...this.resumeNext].slice(0, RESUME_MAX);
    for (const [id] of entries) this.resumeNext.delete(id);
    const conversations = entries.map(([conversationId, lastSeq]) => ({
      conversationId,
      lastSeq,
      lastNoteSeq: this.notes.resumeFrom(conversationId),
    }));
    this.resuming = new Map(entries);
    if (conversations.length && !this.socket.send({ type: "session.resume", conversations }))
      this.resuming.clear();
  }

  /** The server's pull budget refused the resume in flight: the same one goes again after `afterMs`. */
  private resumeRefused(afterMs: number) {
    this.resumeNext = new Map([...this.resuming, ...this.resumeNext]);
    this.resuming.clear();
    this.pacer.retry(afterMs);
  }

  private resumeAnswered(conversationId: string, more: number | null) {
    const awaited = this.resuming.delete(conversationId);
    if (more !== null) this.resumeNext.set(conversationId, more);
    if (awaited || more !== null) this.resumeMore();
  }

  private onEvent(e: ServerEvent): void {
    const annotated = this.notes.onEvent(e);
    switch (e.type) {
      case "session.welcome": {
        this.role = e.role;
        this.me = e.agent;
        // the server sends the offers still open again after the welcome
        this.offers.clear();
        this.clockOffset = e.serverTime - Date.now();
        const live = new Set(e.conversations.map((c) => c.conversationId));
        const rewatch: string[] = [];
        this.resetHistory();
        for (const chat of this.chats.values()) {
          if (chat.watched && !chat.closed) rewatch.push(chat.summary.conversationId);
          else if (!live.has(chat.summary.conversationId) && !chat.closed) chat.closed = "ended";
        }
        const fresh = e.conversations.filter((c) => !this.chats.has(c.conversationId));
        for (const c of e.conversations) this.upsert(c, false);
        for (const id of rewatch) this.socket.send({ type: "conversation.watch", conversationId: id });
        // held conversations continue where their unbroken run ends; new ones start from their latest page
        this.resuming.clear();
        this.resumeNext = new Map();
        for (const id of [...e.conversations.map((c) => c.conversationId), ...rewatch]) {
          const chat = this.chats.get(id);
          if (!chat || fresh.some((c) => c.conversationId === id)) continue;
          if (!chat.watched || chat.log.size > 0) this.resumeNext.set(id, chat.log.resumeFrom);
        }
        // new ones too, from their end: what they bring is their notes and tags
        for (const c of fresh) this.resumeNext.set(c.conversationId, c.lastSeq);
        this.pacer.runNow(() => this.sendResume());
        for (const c of fresh) {
          const chat = this.chats.get(c.conversationId);
          if (chat) chat.hasEarlier = c.lastSeq > 0;
          if (chat?.hasEarlier) this.fetchHistory(chat, c.lastSeq + 1);
        }
        for (const f of this.outbox.frames()) this.socket.send(f);
        this.notes.resend();
        break;
      }
      case "conversation.assigned": {
        const isNew =
          !this.chats.has(e.conversation.conversationId) ||
          !!this.chats.get(e.conversation.conversationId)?.closed;
        const watched =
          this.role === "qualityChecker" && e.conversation.agentEmployeeId !== this.myEmployeeId();
        const chat = this.upsert(e.conversation, watched);
        this.addPage(chat, e.messages, e.hasEarlier);
        if (e.context) chat.context = e.context;
        const id = e.conversation.conversationId;
        const answered = this.answered.delete(id);
        if (isNew && !watched && !answered) this.o.onNewChat?.(e.conversation);
        const asked = answered || this.pickingUp === id;
        if (asked) this.o.onOpen?.(id);
        if ((!this.selected && this.o.autoSelect !== false) || asked) this.selected = id;
        break;
      }
      case "customer.context": {
        const chat = this.chats.get(e.conversationId);
        if (!chat) return;
        chat.context = e.context;
        break;
      }
      case "leftMessages.updated":
        this.leftMessages = e.items;
        this.leftTotal = e.total;
        break;
      case "message": {
        const m = e.message;
        const chat = this.chats.get(m.conversationId);
        if (!chat?.log.add(m)) return;
        if (m.clientMsgId) this.settle(chat, m.clientMsgId, m.seq);
        if (m.sender === "customer") {
          chat.customerTyping = false;
          // suggestions answer an earlier message: gone (new ones, if any, follow this message)
          if ((this.suggestions.get(m.conversationId)?.seq ?? m.seq) < m.seq)
            this.suggestions.delete(m.conversationId);
          if (this.selected === m.conversationId && isVisible()) this.markRead(chat);
          else chat.unread++;
          this.o.onCustomerMessage?.(m);
        }
        break;
      }
      case "message.acked": {
        const chat = this.chats.get(e.conversationId);
        if (chat) this.settle(chat, e.clientMsgId, e.seq);
        break;
      }
      case "session.resumed":
        this.resumeAnswered(e.conversationId, e.more ? e.lastSeq : null);
        break;
      case "history.page": {
        const chat = this.chats.get(e.conversationId);
        this.historyAnswered(e.conversationId);
        if (!chat) return;
        this.addPage(chat, e.messages, e.hasEarlier);
        break;
      }
      case "conversation.updated": {
        const chat = this.chats.get(e.conversation.conversationId);
        if (!chat) return;
        this.upsert(e.conversation, chat.watched);
        if (e.conversation.state === "ended") {
          chat.closed = e.reason ?? "ended";
          chat.customerTyping = false;
        }
        break;
      }
      case "conversation.removed": {
        const chat = this.chats.get(e.conversationId);
        if (!chat) return;
        if (e.reason === "unwatched") this.chats.delete(e.conversationId);
        else chat.closed = e.reason;
        break;
      }
      case "typing": {
        const chat = this.chats.get(e.conversationId);
        if (!chat || e.from !== "customer") return;
        chat.customerTyping = e.isTyping;
        const old = this.typingTimers.get(e.conversationId);
        if (old) clearTimeout(old);
        if (e.isTyping)
          this.typingTimers.set(
            e.conversationId,
            setTimeout(() => {
              chat.customerTyping = false;
              this.changed();
            }, 8000),
          );
        break;
      }
      case "read": {
        const chat = this.chats.get(e.conversationId);
        if (chat && e.by === "customer") chat.customerReadSeq = Math.max(chat.customerReadSeq, e.seq);
        break;
      }
      case "evaluation.recorded": {
        const chat = this.chats.get(e.conversationId);
        if (chat) chat.evaluation = { rating: e.rating, comment: e.comment };
        break;
      }
      case "agent.updated":
        if (this.me && e.agent.employeeId === this.me.employeeId) this.me = e.agent;
        if (this.snapshot) {
          this.snapshot.agents = this.snapshot.agents.map((a) =>
            a.employeeId === e.agent.employeeId ? e.agent : a,
          );
        }
        break;
      case "conversation.offered":
        this.offers.set(e.conversation.conversationId, {
          summary: e.conversation,
          expiresAt: e.expiresAt,
          preview: e.preview,
        });
        this.o.onNewChat?.(e.conversation);
        break;
      case "offer.ended":
        this.offers.delete(e.conversationId);
        // the agent was told when it was offered: no second "new chat" for its assignment
        if (e.reason === "accepted") this.answered.add(e.conversationId);
        break;
      case "assistant.suggested": {
        // The queue object works suggestions out after reading its configuration, so they can
        // come after the customer's next message (or its suggestions): then they answer an
        // earlier question and are dropped.
        const log = this.chats.get(e.conversationId)?.log;
        const newer = log?.items().some((m) => m.sender === "customer" && m.seq > e.seq);
        if (newer || (this.suggestions.get(e.conversationId)?.seq ?? 0) > e.seq) break;
        this.suggestions.set(e.conversationId, { seq: e.seq, suggestions: e.suggestions });
        break;
      }
      case "queue.snapshot":
        this.snapshot = { conversations: e.conversations, agents: e.agents, waiting: e.waiting };
        break;
      case "conversation.call": {
        const chat = this.chats.get(e.conversationId);
        if (chat) chat.call = e.call;
        break;
      }
      case "call.placed":
      case "call.welcome":
      case "call.incoming":
      case "call.updated":
      case "call.signalled":
      case "call.moved":
        this.o.onCallEvent?.(e);
        return;
      case "error": {
        if (e.code === "rate_limited" && (e.ref === "session.resume" || e.ref === "history.fetch")) {
          // the budget is the socket's: both chains wait, the refused request goes again first
          const afterMs = e.retryAfterMs ?? RETRY_AFTER_DEFAULT_MS;
          if (e.ref === "session.resume") {
            this.historyPacer.hold(afterMs);
            this.resumeRefused(afterMs);
          } else {
            this.pacer.hold(afterMs);
            this.historyPacer.retry(afterMs);
          }
          return;
        }
        this.notice = e.message;
        if (e.ref) this.historyAnswered(e.ref);
        if (e.ref) this.resumeAnswered(e.ref, null);
        if (e.ref && this.outbox.has(e.ref)) {
          const frame = this.outbox.ack(e.ref)!;
          const meta = this.pendingMeta.get(e.ref);
          this.pendingMeta.delete(e.ref);
          const chat = this.chats.get(frame.conversationId);
          if (meta && chat) chat.failed.push({ ...meta, failed: e.message });
        }
        break;
      }
      default:
        if (!annotated) return;
    }
    this.changed();
  }

  private myEmployeeId(): string | null {
    return this.me?.employeeId ?? this.checkerId;
  }

  /** A checker has no presence; the desk learns its employee id and name from the page (see `setSelf`). */
  private checkerId: string | null = null;
  private checkerName: string | null = null;

  /** Tells the desk who is signed in (a checker's own conversations after an intercept are not "watched"). */
  setSelf(employeeId: string, name: string | null = null): void {
    this.checkerId = employeeId;
    this.checkerName = name;
  }

  /** The signed-in employee's name (for `{agent.name}` in canned responses). */
  get selfName(): string | null {
    return this.me?.name ?? this.checkerName;
  }

  private settle(chat: DeskChat, clientMsgId: string, seq: number) {
    const frame = this.outbox.ack(clientMsgId);
    const meta = this.pendingMeta.get(clientMsgId);
    if (frame && meta && !chat.log.has(seq)) chat.acked.set(seq, meta);
    if (chat.log.has(seq)) chat.acked.delete(seq);
    this.pendingMeta.delete(clientMsgId);
  }
}

function isVisible(): boolean {
  return typeof document === "undefined" || document.visibilityState !== "hidden";
}
