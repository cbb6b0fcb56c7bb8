/**
 * The staff-only side of the desk's conversations: private notes and tags. Notes are kept by their
 * own `seq` (each once, whatever order or how often they arrive: live, in `conversation.assigned`,
 * in a resume); a note being written stays pending until `note.acked` and is sent again after a
 * reconnect with its `clientMsgId` (the server stores it once). Tags are whatever the server said
 * last (`conversation.tagged`, `conversation.assigned`). Driven by `AgentDesk`, which forwards
 * every event and asks for `resumeFrom` when it resumes.
 */
import type { Note, ServerEvent } from "../../../worker/realtime/protocol";
import { newClientMsgId, Outbox } from "./outbox";
import { SeqLog } from "./seq-log";

type NoteFrame = { type: "note.add"; conversationId: string; clientMsgId: string; text: string };

/** A note as the desk shows it: stored (`sent`), on its way (`sending`) or refused (`failed`). */
export type NoteView = {
  key: string;
  text: string;
  authorName: string | null;
  at: number;
  state: "sent" | "sending" | "failed";
  /** Why it was refused. */
  failed?: string;
};

/** A note written here: `seq` once acknowledged (shown as sent until the note itself arrives). */
type Pending = { frame: NoteFrame; at: number; seq?: number; failed?: string };

export class DeskNotes {
  private readonly logs = new Map<string, SeqLog<Note>>();
  private readonly tags = new Map<string, string[]>();
  private readonly outbox = new Outbox<NoteFrame>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly send: (
      frame: NoteFrame | { type: "tags.set"; conversationId: string; tagIds: string[] },
    ) => boolean,
  ) {}

  private log(conversationId: string): SeqLog<Note> {
    const held = this.logs.get(conversationId);
    if (held) return held;
    const log = new SeqLog<Note>();
    this.logs.set(conversationId, log);
    return log;
  }

  /** Stored notes in seq order, then the ones on their way or refused. */
  notes(conversationId: string): NoteView[] {
    const stored: NoteView[] = this.log(conversationId)
      .items()
      .map((n) => ({ key: `n${n.seq}`, text: n.text, authorName: n.authorName, at: n.at, state: "sent" }));
    const log = this.log(conversationId);
    const mine: NoteView[] = [...this.pending.values()]
      .filter((p) => p.frame.conversationId === conversationId && !(p.seq !== undefined && log.has(p.seq)))
      .map((p) => ({
        key: p.frame.clientMsgId,
        text: p.frame.text,
        authorName: null,
        at: p.at,
        state: p.failed ? "failed" : p.seq !== undefined ? "sent" : "sending",
        ...(p.failed ? { failed: p.failed } : {}),
      }));
    return [...stored, ...mine];
  }

  tagIds(conversationId: string): string[] {
    return this.tags.get(conversationId) ?? [];
  }

  /** Where a resume continues the conversation's notes (the end of the unbroken run held). */
  resumeFrom(conversationId: string): number {
    return this.logs.get(conversationId)?.resumeFrom ?? 0;
  }

  /** Writes a note; null when it is empty. */
  add(conversationId: string, text: string): string | null {
    const trimmed = text.trim();
    if (!trimmed) return null;
    const frame: NoteFrame = {
      type: "note.add",
      conversationId,
      clientMsgId: newClientMsgId(),
      text: trimmed,
    };
    this.outbox.add(frame);
    this.pending.set(frame.clientMsgId, { frame, at: Date.now() });
    this.send(frame);
    return frame.clientMsgId;
  }

  /** Asks for the conversation's whole tag list; the server's `conversation.tagged` shows it. */
  setTags(conversationId: string, tagIds: string[]): boolean {
    return this.send({ type: "tags.set", conversationId, tagIds });
  }

  /** Sends every unacknowledged note again (after a reconnect). */
  resend(): void {
    for (const f of this.outbox.frames()) this.send(f);
  }

  forget(conversationId: string): void {
    this.logs.delete(conversationId);
    this.tags.delete(conversationId);
    for (const [id, p] of this.pending) if (p.frame.conversationId === conversationId) this.settle(id);
  }

  /** Takes what concerns notes and tags from a server event; true when anything changed. */
  onEvent(e: ServerEvent): boolean {
    switch (e.type) {
      case "conversation.assigned":
        this.log(e.conversation.conversationId).addAll(e.notes);
        this.tags.set(e.conversation.conversationId, e.tagIds);
        return true;
      case "note":
        this.settle(e.note.clientMsgId);
        this.log(e.note.conversationId).add(e.note);
        return true;
      case "note.acked": {
        const p = this.pending.get(e.clientMsgId);
        this.outbox.ack(e.clientMsgId);
        if (!p) return false;
        if (this.log(e.conversationId).has(e.seq)) this.pending.delete(e.clientMsgId);
        else p.seq = e.seq;
        return true;
      }
      case "conversation.tagged":
        this.tags.set(e.conversationId, e.tagIds);
        return true;
      case "error": {
        const p = e.ref ? this.pending.get(e.ref) : undefined;
        if (!p || !e.ref) return false;
        this.outbox.ack(e.ref);
        p.failed = e.message;
        return true;
      }
      default:
        return false;
    }
  }

  private settle(clientMsgId: string): boolean {
    this.outbox.ack(clientMsgId);
    return this.pending.delete(clientMsgId);
  }
}
