/**
 * One conversation on the desk: transcript, customer typing, read state, the customer's
 * evaluation, and the agent's actions (reply, end, transfer to another skill queue of the same
 * type, the picker showing who is signed in, idle and waiting there; a queue that would refuse the
 * chat cannot be picked). For a quality checker's watched conversation: insert a message,
 * intercept, stop watching.
 */
import { useState } from "preact/hooks";
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import { customerLabel } from "../../shared/customer-name";
import { type TransferTargets, targetLabel, targetWarning } from "../transfer-targets";
import { useModel } from "../use-model";
import { AttachButton } from "./attach-button";
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
  /** null: no transfer picker (a checker's view). */
  transferTargets: TransferTargets | null;
}) {
  useModel(transferTargets);
  const id = chat.summary.conversationId;
  const [target, setTarget] = useState("");
  const chosen = target ? transferTargets?.get(target) : undefined;
  const warning = chosen ? targetWarning(chosen) : null;
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
            {transferTargets ? (
              <>
                <label class="sr" for={`transfer-${id}`}>
                  Transfer to skill queue
                </label>
                <select
                  id={`transfer-${id}`}
                  value={target}
                  onFocus={() => void transferTargets.refresh()}
                  onChange={(e) => setTarget(e.currentTarget.value)}
                >
                  <option value="">{transferTargets.items ? "Transfer to…" : "Loading skill queues…"}</option>
                  {(transferTargets.items ?? []).map((q) => (
                    <option key={q.id} value={q.id} disabled={!q.accepts} title={q.message ?? undefined}>
                      {targetLabel(q)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  disabled={!chosen?.accepts}
                  onClick={() => chosen?.accepts && desk.transfer(id, chosen.id)}
                >
                  Transfer
                </button>
              </>
            ) : null}
            <button type="button" class="danger" onClick={() => desk.end(id)}>
              End chat
            </button>
          </>
        ) : null}
      </header>
      {live && (warning || transferTargets?.error) ? (
        <p class="hint" role="status">
          {warning ?? `Could not load the skill queues: ${transferTargets?.error}`}
        </p>
      ) : null}
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
      <MessageLog
        items={desk.bubbles(id)}
        label={`Messages with ${name}`}
        fileUrl={(f) =>
          `/api/v1/conversations/${id}/attachments/${f.id}?skillQueueId=${encodeURIComponent(chat.summary.skillQueueId)}`
        }
      />
      <div class="typing">{chat.customerTyping && !chat.closed ? `${name} is typing…` : ""}</div>
      <ReplyBox
        id={`reply-${id}`}
        label={chat.watched ? "Insert message" : "Reply"}
        disabled={!live}
        onSend={(text) => desk.send(id, text)}
        onTyping={chat.watched ? undefined : (t) => desk.setTyping(id, t)}
      />
      {chat.watched ? null : (
        <AttachButton
          conversationId={id}
          skillQueueId={chat.summary.skillQueueId}
          disabled={!live}
          onUploaded={(file) => desk.send(id, "", file)}
        />
      )}
    </section>
  );
}
