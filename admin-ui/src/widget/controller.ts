/**
 * The widget's state outside the view: open or closed, the customer set by the page, the chat
 * session (created on first open, kept while the page lives), what arrived while the dialog was
 * closed (unread count and a short preview of the latest reply), and the events of the public
 * `window.EdgeChat` API.
 */
import type { ChatMessage, ConversationSummary } from "../../../worker/realtime/protocol";
import { CustomerChat, type CustomerUser } from "../realtime/customer-chat";
import { Observable } from "../realtime/observable";
import type { ConnectionState, SocketFactory } from "../realtime/reliable-socket";
import { type Texts, texts } from "./i18n";
import { rememberOpen, visitorId, wasOpen } from "./visitor";

export type WidgetConfig = {
  apiOrigin: string;
  channelId: string;
  locale: "en" | "zh";
  /** The browser's WebSocket and fetch unless a test plays the server. */
  createSocket?: SocketFactory;
  fetch?: typeof fetch;
};

/** Characters of a reply shown in the launcher's preview bubble. */
export const PREVIEW_CHARS = 80;

/** The preview of a message: whitespace collapsed, at most 80 characters (code points), cut text ending in "…". */
export function previewOf(text: string): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > PREVIEW_CHARS
    ? `${chars
        .slice(0, PREVIEW_CHARS - 1)
        .join("")
        .trimEnd()}…`
    : chars.join("");
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
  readonly t: Texts;
  private user: CustomerUser = {};
  private readonly handlers = new Map<WidgetEvent, Set<(arg?: unknown) => void>>();

  constructor(readonly cfg: WidgetConfig) {
    super();
    this.t = texts(cfg.locale);
    globalThis.addEventListener?.("online", () => this.chat?.reconnectNow());
  }

  /** Reopens after a reload when the customer had the chat open. */
  restore(): void {
    if (wasOpen(this.cfg.channelId)) this.open();
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.unread = 0;
    this.preview = null;
    rememberOpen(this.cfg.channelId, true);
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
      user: () => this.user,
      createSocket: this.cfg.createSocket ?? ((url) => new WebSocket(url)),
      fetch: this.cfg.fetch ?? ((input, init) => fetch(input, init)),
    });
    chat.on("message", (m) => {
      if (!this.isOpen && m.sender !== "customer") {
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
    chat.subscribe(() => this.changed());
    this.chat = chat;
    chat.start();
  }
}
