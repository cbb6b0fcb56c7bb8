/**
 * A conversation's private notes: written by its agent and the quality checkers watching it, shown
 * to them only, never sent to the customer. Notes are taken while the chat is live; a note on its
 * way says so, a refused one says why.
 */
import { useState } from "preact/hooks";
import { MAX_NOTE_CHARS, MAX_NOTES } from "../../../../worker/realtime/protocol";
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";

const STATE = { sending: "Saving…", sent: "", failed: "Not saved" } as const;
const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function NotesPanel({ desk, chat }: { desk: AgentDesk; chat: DeskChat }) {
  const id = chat.summary.conversationId;
  const notes = desk.notes.notes(id);
  const [text, setText] = useState("");
  const live = !chat.closed && chat.summary.state !== "ended";
  const full = notes.filter((n) => n.state !== "failed").length >= MAX_NOTES;
  const add = (e: Event) => {
    e.preventDefault();
    if (!live || full || !desk.notes.add(id, text)) return;
    setText("");
  };
  return (
    <details class="notes" open={notes.length > 0 || undefined}>
      <summary>
        Private notes ({notes.length}) <span class="muted">· staff only, never sent to the customer</span>
      </summary>
      {notes.length ? (
        <ol aria-label="Private notes">
          {notes.map((n) => (
            <li key={n.key} class={`note ${n.state}`}>
              <span class="note-who">
                {n.authorName ?? "You"} · {time(n.at)}
                {STATE[n.state] ? <span class={`state ${n.state}`}> · {STATE[n.state]}</span> : null}
              </span>
              <span class="note-text">{n.text}</span>
              {n.failed ? <span class="state failed">{n.failed}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {live ? (
        <form class="note-form" onSubmit={add}>
          <label class="sr" for={`note-${id}`}>
            Add a private note
          </label>
          <textarea
            id={`note-${id}`}
            value={text}
            maxLength={MAX_NOTE_CHARS}
            placeholder={
              full ? `This chat has ${MAX_NOTES} notes, the most it can hold` : "Add a private note"
            }
            disabled={full}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.isComposing) add(e);
            }}
          />
          <button type="submit" disabled={full || !text.trim()}>
            Add note
          </button>
        </form>
      ) : null}
    </details>
  );
}
