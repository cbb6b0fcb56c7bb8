/**
 * The desk's chats across all signed-in queues, the one that needs attention first: who the
 * customer is (verified name, typed name marked unverified, or their visitor alias), the last
 * message, unread count, how long they have been waiting (or since their last message), the
 * queue and the page they are on. The current one is marked.
 */
import { useEffect, useState } from "preact/hooks";
import type { ChatMessage } from "../../../../worker/realtime/protocol";
import { previewOf } from "../../realtime/preview";
import { customerDisplay } from "../../shared/customer-name";
import { waitLabel } from "../attention";
import type { ListedChat } from "../desks";

/** How often the waiting times count on. */
const TICK_MS = 5000;

export function ChatList({
  chats,
  selected,
  onSelect,
  label,
}: {
  chats: ListedChat[];
  selected: { queueId: string; conversationId: string } | null;
  onSelect: (c: ListedChat) => void;
  label: string;
}) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), TICK_MS);
    return () => clearInterval(t);
  }, []);
  return (
    <ul class="list" aria-label={label}>
      {chats.length === 0 ? (
        <li class="muted" style="padding:12px">
          No chats yet.
        </li>
      ) : null}
      {chats.map((c) => {
        const s = c.chat.summary;
        const who = customerDisplay(s);
        const last = c.chat.log.items().at(-1);
        const wait = waitLabel(c.facts, Date.now() + c.desk.clockOffset);
        const page = c.chat.context?.pageTitle || c.chat.context?.pageUrl;
        const current = selected?.queueId === c.queueId && selected.conversationId === s.conversationId;
        return (
          <li key={`${c.queueId}/${s.conversationId}`}>
            <button
              type="button"
              aria-pressed={current}
              class={c.facts.waitingSince !== null ? "waiting" : undefined}
              onClick={() => onSelect(c)}
            >
              <span class="row">
                <span class="name">
                  {who.name}
                  {who.source === "typed" ? <span class="tag unverified"> (unverified)</span> : null}
                  {who.source === "verified" ? <span class="tag verified"> (verified)</span> : null}
                </span>
                {c.chat.unread ? (
                  <span class="badge">
                    {c.chat.unread}
                    <span class="sr"> unread</span>
                  </span>
                ) : null}
              </span>
              <span class="preview">
                {last ? `${lastBy(c, last)}${previewOf(last.text)}` : "No messages yet"}
              </span>
              <span class="row muted">
                <span>{c.chat.closed ? "closed" : wait || s.state}</span>
                <span class="queue">{c.queueName}</span>
              </span>
              {page ? <span class="page muted">{page}</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

const WHO: Record<ChatMessage["sender"], string> = {
  customer: "",
  agent: "Agent: ",
  robot: "Chatbot: ",
  system: "",
  checker: "Checker: ",
};

/** Who wrote the last message, as the preview's prefix ("You: ", "Agent: ", none for the customer). */
function lastBy(c: ListedChat, m: ChatMessage): string {
  return c.desk.isMine(m) ? "You: " : WHO[m.sender];
}
