/**
 * The queue's Messages inbox: messages customers left when no agent could take their chat
 * (issue 15), oldest first, with the customer, their contact details, a preview and how long
 * ago it was left. "Pick up" opens it as a chat; the first agent wins, others see it vanish.
 */
import type { AgentDesk } from "../../realtime/agent-desk";
import { customerLabel } from "../../shared/customer-name";
import { dateTime } from "../../shared/i18n";
import { age } from "../message-age";

export function MessagesInbox({
  desk,
  queueName = null,
  now = Date.now(),
}: {
  desk: AgentDesk;
  /** Named when the agent works several queues. */
  queueName?: string | null;
  now?: number;
}) {
  const items = desk.leftMessages;
  const serverNow = now + desk.clockOffset;
  return (
    <section class="inbox" aria-label={queueName ? `Messages of ${queueName}` : "Messages"}>
      <h2>
        Messages{queueName ? ` · ${queueName}` : ""} <span class="muted">({desk.leftTotal})</span>
      </h2>
      {items.length === 0 ? <p class="muted">No left messages.</p> : null}
      <ul>
        {items.map((m) => (
          <li key={m.conversationId}>
            <div class="name">
              {customerLabel(m, "Customer")}
              {m.contact ? <span class="muted"> · {m.contact}</span> : null}
            </div>
            <p class="preview">{m.preview || "—"}</p>
            <div class="meta">
              <time dateTime={new Date(m.leftAt).toISOString()} title={dateTime(m.leftAt)}>
                {age(serverNow - m.leftAt)}
              </time>
              <button
                type="button"
                disabled={desk.connection !== "open"}
                onClick={() => desk.pickUp(m.conversationId)}
                aria-label={`Pick up the message from ${customerLabel(m, "Customer")}`}
              >
                Pick up
              </button>
            </div>
          </li>
        ))}
      </ul>
      {desk.leftTotal > items.length ? (
        <p class="muted">{desk.leftTotal - items.length} more after these.</p>
      ) : null}
    </section>
  );
}
