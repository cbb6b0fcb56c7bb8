/**
 * One conversation on the desk: transcript, customer typing, read state, the customer's
 * evaluation, and the agent's actions (reply, end, transfer to another skill queue of the same
 * type). For a quality checker's watched conversation: insert a message, intercept, stop watching.
 */
import { useState } from "preact/hooks";
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import { customerLabel } from "../../shared/customer-name";
import type { QueueInfo } from "../session";
import { MessageLog } from "./message-log";
import { ReplyBox } from "./reply-box";

const CLOSED: Record<string, string> = {
  ended: "The conversation has ended.",
  customerLeft: "The customer left.",
  agentEnded: "You ended the conversation.",
  noReply: "Ended: nobody replied in time.",
  maxDuration: "Ended: the maximum call duration was reached.",
  transferred: "Transferred to another skill queue.",
  intercepted: "A quality checker took over this conversation.",
};

export function ChatPane({
  desk,
  chat,
  transferTargets,
}: {
  desk: AgentDesk;
  chat: DeskChat;
  transferTargets: QueueInfo[];
}) {
  const id = chat.summary.conversationId;
  const [target, setTarget] = useState("");
  const live = !chat.closed && chat.summary.state === "connected";
  const name = customerLabel(chat.summary, "Customer");
  return (
    <section class="pane" aria-label={`Chat with ${name}`}>
      <header>
        <h2>
          {name}{" "}
          <span class="muted">
            {chat.watched ? `with ${chat.summary.agentName ?? "—"}` : chat.summary.state}
          </span>
        </h2>
        {chat.watched ? (
          <>
            <button type="button" disabled={!live} onClick={() => desk.intercept(id)}>
              Intercept
            </button>
            <button type="button" onClick={() => desk.unwatch(id)}>
              Stop watching
            </button>
          </>
        ) : live ? (
          <>
            <label class="sr" for={`transfer-${id}`}>
              Transfer to skill queue
            </label>
            <select id={`transfer-${id}`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="">Transfer to…</option>
              {transferTargets.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
            <button type="button" disabled={!target} onClick={() => target && desk.transfer(id, target)}>
              Transfer
            </button>
            <button type="button" class="danger" onClick={() => desk.end(id)}>
              End chat
            </button>
          </>
        ) : null}
      </header>
      {chat.closed ? (
        <div class="notice" role="status">
          {CLOSED[chat.closed] ?? `Closed (${chat.closed}).`}{" "}
          <button type="button" onClick={() => desk.dismiss(id)}>
            Close tab
          </button>
        </div>
      ) : null}
      {chat.evaluation ? (
        <div class="evaluation" role="status" aria-label="Customer evaluation">
          Customer evaluation: {"★".repeat(chat.evaluation.rating)}
          {"☆".repeat(5 - chat.evaluation.rating)} ({chat.evaluation.rating}/5)
          {chat.evaluation.comment ? ` — ${chat.evaluation.comment}` : ""}
        </div>
      ) : null}
      {chat.hasEarlier ? (
        <button
          type="button"
          class="earlier"
          disabled={chat.loadingEarlier}
          onClick={() => desk.loadEarlier(id)}
        >
          {chat.loadingEarlier ? "Loading earlier messages…" : "Load earlier messages"}
        </button>
      ) : null}
      <MessageLog items={desk.bubbles(id)} label={`Messages with ${name}`} />
      <div class="typing">{chat.customerTyping && !chat.closed ? `${name} is typing…` : ""}</div>
      <ReplyBox
        id={`reply-${id}`}
        label={chat.watched ? "Insert message" : "Reply"}
        disabled={!live}
        onSend={(text) => desk.send(id, text)}
        onTyping={chat.watched ? undefined : (t) => desk.setTyping(id, t)}
      />
    </section>
  );
}
