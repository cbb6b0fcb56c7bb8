/**
 * The widget's state outside the view: open or closed, the customer set by the page, the chat
 * session (created on first open, kept while the page lives), what arrived while the dialog was
 * closed (unread count and a short preview of the latest reply), and the events of the public
 * `window.EdgeChat` API.
 */
import type { ChatMessage, ConversationSummary } from "../../../worker/realtime/protocol";
import { CustomerChat, type CustomerUser, type PageReport } from "../realtime/customer-chat";
import { Observable } from "../realtime/observable";
import { previewOf } from "../realtime/preview";
import type { ConnectionState, SocketFactory } from "../realtime/reliable-socket";
import { en, type Texts } from "./i18n";
import { keptPreChat, leftSeen, rememberLeft, rememberOpen, visitorId, wasOpen } from "./visitor";

export type WidgetConfig = {
  apiOrigin: string;
  channelId: string;
  locale: "en" | "zh";
  /** The browser's WebSocket and fetch unless a test plays the server. */
  createSocket?: SocketFactory;
  fetch?: typeof fetch;
};

/** How often the open chat looks whether the page (address or title) changed. */
const PAGE_CHECK_MS = 3000;
/** The page check, started with the first chat (one widget per page). */
// biome-ignore lint/correctness/noUnusedVariables: read by `??=` so that only one check runs
let pageCheck: ReturnType<typeof setInterval> | undefined;

/** An http(s) address the server takes (at most 2048 characters), else "". */
const reportable = (u = "") => (/^https?:/.test(u) && u.length <= 2048 ? u : "");

/** The page the customer is on, for the agent; null when its address cannot be reported. */
function currentPage(): PageReport | null {
  const url = reportable(globalThis.location?.href);
  return url ? { url, title: document.title.slice(0, 200), referrer: reportable(document.referrer) } : null;
}

/** Payloads of the public events. */
export type WidgetEvents = {
  open: () => void;
  close: () => void;
  message: (m: {
    seq: number;
    sender: ChatMessage["sender"];
    senderName: string | null;
    text: string;
    at: number;
  }) => void;
  stateChange: (s: {
    connection: ConnectionState;
    state: ConversationSummary["state"] | null;
    agentName: string | null;
  }) => void;
};
export type WidgetEvent = keyof WidgetEvents;
export const WIDGET_EVENTS: readonly WidgetEvent[] = ["open", "close", "message", "stateChange"];

export class WidgetController extends Observable {
  isOpen = false;
  chat: CustomerChat | null = null;
  /** Messages from the service side that arrived while the dialog was closed. */
  unread = 0;
  /** The latest of them, shortened, until the customer opens the chat or dismisses it. */
  preview: string | null = null;
  /** English until the page's language part (`zh`) has come, before the widget shows. */
  t: Texts = en;
  private user: CustomerUser = {};
  /** The seq of a left message's conversation the customer has seen; null when none is followed. */
  private seen: number | null;
  private readonly handlers = new Map<WidgetEvent, Set<(arg?: unknown) => void>>();

  constructor(readonly cfg: WidgetConfig) {
    super();
    this.seen = leftSeen(cfg.channelId);
    globalThis.addEventListener?.("online", () => this.chat?.reconnectNow());
  }

  /**
   * Reopens after a reload when the customer had the chat open; after a left message, checks in
   * the background (resume-only) for a reply, counted on the launcher's badge.
   */
  restore(): void {
    if (wasOpen(this.cfg.channelId)) this.open();
    else if (this.seen !== null) this.ensureChat();
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.unread = 0;
    this.preview = null;
    rememberOpen(this.cfg.channelId, true);
    // a background check that found nothing to continue: start a chat for real
    if (this.chat?.stopReason === "conversationClosed" && !this.chat.conversation) this.chat = null;
    this.ensureChat();
    this.emit("open");
    this.changed();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    rememberOpen(this.cfg.channelId, false);
    this.emit("close");
    this.changed();
  }

  dismissPreview(): void {
    this.preview = null;
    this.changed();
  }

  /** Sets who the customer is; a changed identity starts a new session with it. */
  setUser(u: unknown): void {
    const next: CustomerUser = {};
    if (u && typeof u === "object") {
      const { name, identityToken } = u as Record<string, unknown>;
      if (typeof name === "string" && name.trim()) next.name = name.trim().slice(0, 100);
      if (typeof identityToken === "string" && identityToken) next.identityToken = identityToken;
    }
    const changed = next.identityToken !== this.user.identityToken || next.name !== this.user.name;
    this.user = next;
    if (changed && this.chat) {
      this.chat.stop();
      this.chat = null;
      if (this.isOpen) this.ensureChat();
      this.changed();
    }
  }

  on(event: string, cb: unknown): () => void {
    if (!WIDGET_EVENTS.includes(event as WidgetEvent) || typeof cb !== "function") {
      throw new TypeError(`EdgeChat.on: unknown event "${event}" or callback is not a function`);
    }
    const set = this.handlers.get(event as WidgetEvent) ?? new Set();
    set.add(cb as (arg?: unknown) => void);
    this.handlers.set(event as WidgetEvent, set);
    return () => set.delete(cb as (arg?: unknown) => void);
  }

  private emit(event: WidgetEvent, arg?: unknown) {
    for (const cb of this.handlers.get(event) ?? []) {
      try {
        cb(arg);
      } catch (err) {
        // A faulty page callback must not break the chat.
        console.warn("EdgeChat listener failed", err);
      }
    }
  }

  private ensureChat() {
    if (this.chat) return;
    const chat = new CustomerChat({
      apiOrigin: this.cfg.apiOrigin,
      channelId: this.cfg.channelId,
      visitorId: visitorId(this.cfg.channelId),
      // the pre-chat values filled in this page session go with every ticket request
      user: () => ({ ...this.user, preChat: keptPreChat(this.cfg.channelId) }),
      createSocket: this.cfg.createSocket ?? ((url) => new WebSocket(url)),
      fetch: this.cfg.fetch ?? ((input, init) => fetch(input, init)),
      resumeOnly: () => !this.isOpen,
    });
    // page changes (single-page apps, hash links, titles) reach the agent within PAGE_CHECK_MS
    pageCheck ??= setInterval(() => this.chat?.reportPage(currentPage()), PAGE_CHECK_MS);
    chat.on("message", (m) => {
      if (!this.isOpen && m.sender !== "customer" && m.seq > (this.seen ?? 0)) {
        this.unread++;
        // a file without a caption previews as its name
        this.preview = previewOf(m.text || m.attachment?.name || "");
      }
      this.emit("message", {
        seq: m.seq,
        sender: m.sender,
        senderName: m.senderName,
        text: m.text,
        at: m.at,
      });
    });
    chat.on("stateChange", (s) =>
      this.emit("stateChange", {
        connection: s.connection,
        state: s.conversation?.state ?? null,
        agentName: s.conversation?.agentName ?? null,
      }),
    );
    chat.subscribe(() => {
      // follows a left message across visits: what the customer saw of it with the dialog open;
      // dropped once they saw it end, or when a background check found nothing to continue
      const c = chat.conversation;
      const s = this.seen;
      const next = !c
        ? chat.stopReason === "conversationClosed"
          ? null
          : s
        : !this.isOpen
          ? (s ?? (c.state === "pending" ? 0 : null))
          : c.state !== "ended" && (s !== null || c.state === "pending")
            ? chat.lastSeq
            : null;
      if (next !== s) {
        this.seen = next;
        rememberLeft(this.cfg.channelId, next);
      }
      this.changed();
    });
    this.chat = chat;
    chat.start();
  }
}
