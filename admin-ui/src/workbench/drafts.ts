/**
 * Reply drafts per chat, kept in the browser (localStorage, one entry per employee) so a half-typed
 * answer survives switching chats and reloading the page. Bounded: at most `MAX_DRAFTS` drafts (the
 * least recently edited go first) of at most `MAX_TEXT_CHARS` characters each.
 */
import { MAX_TEXT_CHARS } from "../../../worker/realtime/protocol";

export const MAX_DRAFTS = 50;

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

type Entry = { text: string; at: number };

export class Drafts {
  private readonly key: string;
  private entries: Record<string, Entry>;

  constructor(
    private readonly storage: KeyValueStorage | null,
    employeeId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = `ecs.drafts.${employeeId}`;
    this.entries = this.load();
  }

  get(conversationId: string): string {
    return this.entries[conversationId]?.text ?? "";
  }

  /** Keeps `text` as the draft of the chat (an empty one removes it). */
  set(conversationId: string, text: string): void {
    const next = { ...this.entries };
    if (text.trim()) next[conversationId] = { text: text.slice(0, MAX_TEXT_CHARS), at: this.now() };
    else delete next[conversationId];
    const ids = Object.keys(next).sort((a, b) => next[b]!.at - next[a]!.at);
    for (const id of ids.slice(MAX_DRAFTS)) delete next[id];
    this.entries = next;
    this.save();
  }

  delete(conversationId: string): void {
    if (conversationId in this.entries) this.set(conversationId, "");
  }

  private load(): Record<string, Entry> {
    try {
      const raw = JSON.parse(this.storage?.getItem(this.key) ?? "{}") as unknown;
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
      const out: Record<string, Entry> = {};
      for (const [id, e] of Object.entries(raw as Record<string, Partial<Entry>>)) {
        if (typeof e?.text === "string" && typeof e.at === "number") out[id] = { text: e.text, at: e.at };
      }
      return out;
    } catch {
      return {};
    }
  }

  private save(): void {
    try {
      if (Object.keys(this.entries).length) this.storage?.setItem(this.key, JSON.stringify(this.entries));
      else this.storage?.removeItem(this.key);
    } catch {
      // storage full or blocked: the draft lives on in memory for this page
    }
  }
}
