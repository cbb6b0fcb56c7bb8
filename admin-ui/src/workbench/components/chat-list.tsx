/** The desk's concurrent chats: customer, state and unread count; the current one is marked. */
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import { customerLabel } from "../../shared/customer-name";

export function ChatList({ desk, chats, label }: { desk: AgentDesk; chats: DeskChat[]; label: string }) {
  return (
    <ul class="list" aria-label={label}>
      {chats.length === 0 ? (
        <li class="muted" style="padding:12px">
          No chats yet.
        </li>
      ) : null}
      {chats.map((c) => (
        <li key={c.summary.conversationId}>
          <button
            type="button"
            aria-pressed={desk.selected === c.summary.conversationId}
            onClick={() => desk.select(c.summary.conversationId)}
          >
            <span class="name">
              {customerLabel(c.summary, "Customer")}
              <br />
              <span class="muted">{c.closed ? "closed" : c.summary.state}</span>
            </span>
            {c.unread ? (
              <span class="badge">
                {c.unread}
                <span class="sr"> unread</span>
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
