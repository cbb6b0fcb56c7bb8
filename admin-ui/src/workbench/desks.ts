/**
 * The agent's workbench across all their skill queues: one `AgentDesk` (one socket, one ticket)
 * per queue they are signed in to, switched on and off per queue, with one chat list sorted by
 * need of attention (`attention.ts`), one selected chat, one status (their presence holds it in
 * every queue, so it is set through any one open desk) and the signed-in set remembered per
 * employee (`queue-choice.ts`) so a reload signs in to the same queues again.
 */
import type { AgentPresence, ChatMessage, ConversationSummary } from "../../../worker/realtime/protocol";
import type { AgentDesk, DeskChat } from "../realtime/agent-desk";
import { Observable } from "../realtime/observable";
import { type AttentionFacts, attentionFacts, byAttention } from "./attention";

export type QueueRef = { id: string; name: string };

/** A chat as the list shows it: its queue, its desk and its attention facts. */
export type ListedChat = {
  queueId: string;
  queueName: string;
  desk: AgentDesk;
  chat: DeskChat;
  facts: AttentionFacts;
};

export type Selection = { queueId: string; conversationId: string };

/** What a desk reports back to the set (new chats and customer messages, for notifications). */
export type DeskHooks = {
  onNewChat: (c: ConversationSummary) => void;
  onCustomerMessage: (m: ChatMessage) => void;
  onOpen: (conversationId: string) => void;
};

export type DeskSetOptions = {
  /** The queues the agent serves, in the order of their configuration. */
  queues: QueueRef[];
  /** A desk for one queue, not started; it must pass `hooks` on and not select chats itself. */
  createDesk: (queueId: string, hooks: DeskHooks) => AgentDesk;
  /** The signed-in set changed (to remember it). */
  onSignedIn?: (queueIds: string[]) => void;
  /** The selection changed (to remember it). */
  onSelect?: (s: Selection | null) => void;
  /** A new chat arrived in `queueId`. */
  onNewChat?: (queueId: string, c: ConversationSummary) => void;
  /** A customer wrote; `inView` is whether that chat is the selected one. */
  onCustomerMessage?: (queueId: string, m: ChatMessage, inView: boolean) => void;
};

export class DeskSet extends Observable {
  readonly desks = new Map<string, AgentDesk>();
  selected: Selection | null = null;
  /** A selection to restore once its chat is back (after a reload). */
  private wanted: Selection | null = null;
  private readonly unsubscribe = new Map<string, () => void>();

  constructor(private readonly o: DeskSetOptions) {
    super();
  }

  get queues(): QueueRef[] {
    return this.o.queues;
  }

  queueName(queueId: string): string {
    return this.o.queues.find((q) => q.id === queueId)?.name ?? queueId;
  }

  /** Signs in to `queueIds` (those the agent serves), restoring `selection` when its chat comes back. */
  start(queueIds: readonly string[], selection: Selection | null = null): void {
    this.wanted = selection;
    for (const q of this.o.queues) if (queueIds.includes(q.id)) this.open(q.id);
    this.remember();
    this.changed();
  }

  isSignedIn(queueId: string): boolean {
    return this.desks.has(queueId);
  }

  /** The per-queue toggle: signs in to or out of one queue. */
  setSignedIn(queueId: string, on: boolean): void {
    if (on === this.desks.has(queueId) || !this.o.queues.some((q) => q.id === queueId)) return;
    if (on) this.open(queueId);
    else {
      const desk = this.desks.get(queueId);
      desk?.signOut();
      this.close(queueId);
      if (this.selected?.queueId === queueId) this.setSelected(null);
    }
    this.remember();
    this.changed();
  }

  /** Signs out of every queue. */
  signOut(): void {
    for (const desk of this.desks.values()) desk.signOut();
    this.stop();
  }

  /** Closes every socket without signing out (leaving the page: the queues' grace keeps the chats). */
  stop(): void {
    for (const id of [...this.desks.keys()]) this.close(id);
  }

  /** Every chat of every signed-in queue, the one that needs attention first. */
  list(): ListedChat[] {
    const out: ListedChat[] = [];
    for (const [queueId, desk] of this.desks) {
      for (const chat of desk.chats.values()) {
        const facts = attentionFacts({
          messages: chat.log.items(),
          connectedAt: chat.summary.connectedAt,
          startedAt: chat.summary.startedAt,
          unread: chat.unread,
          closed: chat.closed !== null,
        });
        out.push({ queueId, queueName: this.queueName(queueId), desk, chat, facts });
      }
    }
    return out.sort((a, b) => byAttention(a.facts, b.facts));
  }

  /** The selected chat, if it is still there. */
  current(): ListedChat | null {
    const s = this.selected;
    if (!s) return null;
    return (
      this.list().find(
        (c) => c.queueId === s.queueId && c.chat.summary.conversationId === s.conversationId,
      ) ?? null
    );
  }

  select(queueId: string, conversationId: string): void {
    this.wanted = null;
    this.setSelected({ queueId, conversationId });
  }

  /** The agent's presence (the same in every queue); null for a quality checker or before a welcome. */
  me(): AgentPresence | null {
    for (const desk of this.desks.values()) if (desk.me && desk.connection === "open") return desk.me;
    for (const desk of this.desks.values()) if (desk.me) return desk.me;
    return null;
  }

  role(): AgentDesk["role"] {
    for (const desk of this.desks.values()) if (desk.role) return desk.role;
    return null;
  }

  /** Sets the agent's status through one open desk (their presence tells the other queues). */
  setStatus(status: "idle" | "rest"): boolean {
    for (const desk of this.desks.values()) if (desk.connection === "open") return desk.setStatus(status);
    return false;
  }

  /** Whether any desk is connected. */
  get online(): boolean {
    return [...this.desks.values()].some((d) => d.connection === "open");
  }

  private setSelected(s: Selection | null): void {
    this.selected = s;
    for (const [queueId, desk] of this.desks)
      desk.select(s && s.queueId === queueId ? s.conversationId : null);
    this.o.onSelect?.(s);
    this.changed();
  }

  private open(queueId: string): void {
    const desk = this.o.createDesk(queueId, {
      onNewChat: (c) => {
        if (!this.selected && !this.wanted)
          queueMicrotask(() => this.selectIfFree(queueId, c.conversationId));
        this.o.onNewChat?.(queueId, c);
      },
      // a chat the agent asked for (accepted, picked up) is shown at once
      onOpen: (conversationId) => queueMicrotask(() => this.select(queueId, conversationId)),
      onCustomerMessage: (m) =>
        this.o.onCustomerMessage?.(
          queueId,
          m,
          this.selected?.queueId === queueId && this.selected.conversationId === m.conversationId,
        ),
    });
    this.desks.set(queueId, desk);
    this.unsubscribe.set(
      queueId,
      desk.subscribe(() => {
        this.restoreWanted(queueId, desk);
        this.changed();
      }),
    );
    desk.start();
  }

  private close(queueId: string): void {
    this.unsubscribe.get(queueId)?.();
    this.unsubscribe.delete(queueId);
    this.desks.get(queueId)?.stop();
    this.desks.delete(queueId);
  }

  private selectIfFree(queueId: string, conversationId: string): void {
    if (!this.selected && this.desks.get(queueId)?.chats.has(conversationId))
      this.setSelected({ queueId, conversationId });
  }

  private restoreWanted(queueId: string, desk: AgentDesk): void {
    const w = this.wanted;
    if (w?.queueId === queueId && desk.chats.has(w.conversationId)) {
      this.wanted = null;
      this.setSelected(w);
    }
  }

  private remember(): void {
    this.o.onSignedIn?.(this.o.queues.filter((q) => this.desks.has(q.id)).map((q) => q.id));
  }
}
