/**
 * One conversation on the desk: transcript, customer typing, read state, the customer's
 * evaluation, and the agent's actions (reply, end, transfer to another skill queue of the same
 * type, the picker showing who is signed in, idle and waiting there; a queue that would refuse the
 * chat cannot be picked). For a quality checker's watched conversation: insert a message,
 * intercept, stop watching. Ending a chat and intercepting one ask for confirmation first; the
 * reply draft is kept per chat. Staff-only tools: tags, private notes, canned responses (`/`), the
 * robot assistant's suggestions; an agent can create a case from the chat (`case-form.tsx`).
 */
import { useState } from "preact/hooks";
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import type { CallDesk } from "../../realtime/call-desk";
import { confirm } from "../../shared/confirm";
import { customerLabel, visitorAlias } from "../../shared/customer-name";
import type { Drafts } from "../drafts";
import { type TransferTargets, targetLabel, targetWarning } from "../transfer-targets";
import { useModel } from "../use-model";
import { AttachButton } from "./attach-button";
import { CallNote, ChatCall } from "./call-panel";
import { useCanned } from "./canned-picker";
import { CaseForm } from "./case-form";
import { MessageLog } from "./message-log";
import { NotesPanel } from "./notes";
import { PreChatValues } from "./pre-chat-values";
import { ReplyBox } from "./reply-box";
import { Suggestions } from "./suggestions";
import { TagsBar } from "./tags";

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
  calls = null,
  drafts = null,
  cases,
}: {
  desk: AgentDesk;
  chat: DeskChat;
  /** null: no transfer picker (a checker's view). */
  transferTargets: TransferTargets | null;
  /** The agent's click-to-dial calls (null: they take none). */
  calls?: CallDesk | null;
  /** Where reply drafts are kept (none: they live only while the pane does). */
  drafts?: Drafts | null;
  /** The agent's case form: the desk's queue and whether Smart Form Filling pre-fills it; none for a checker. */
  cases?: { skillQueueId: string; smartFormFilling: boolean };
}) {
  useModel(transferTargets);
  useModel(calls);
  const id = chat.summary.conversationId;
  const [target, setTarget] = useState("");
  const [caseOpen, setCaseOpen] = useState(false);
  const [caseNote, setCaseNote] = useState<string | null>(null);
  const [preset, setPreset] = useState<{ text: string } | null>(null);
  const suggested = chat.watched ? undefined : desk.suggestions.get(id);
  const chosen = target ? transferTargets?.get(target) : undefined;
  const warning = chosen ? targetWarning(chosen) : null;
  const live = !chat.closed && chat.summary.state === "connected";
  const name = customerLabel(chat.summary, visitorAlias(chat.summary.customerId));
  const canned = useCanned(desk, chat);
  const endChat = async () => {
    const ok = await confirm({
      title: "End this chat?",
      message: `The chat with ${name} ends for both of you.`,
      confirmLabel: "End chat",
    });
    if (ok) desk.end(id);
  };
  const intercept = async () => {
    const ok = await confirm({
      title: "Intercept this chat?",
      message: `You take the chat with ${name} over from ${chat.summary.agentName ?? "its agent"}, who can no longer answer in it.`,
      confirmLabel: "Intercept",
    });
    if (ok) desk.intercept(id);
  };
  return (
    <section class="pane" aria-label={`Chat with ${name}`}>
      <header>
        <h2>
          {name}{" "}
          <span class="muted">
            {chat.watched ? `with ${chat.summary.agentName ?? "—"}` : chat.summary.state}
          </span>
          {chat.summary.contact ? <span class="muted"> · {chat.summary.contact}</span> : null}
        </h2>
        {cases && !chat.watched ? (
          <button type="button" disabled={caseOpen} onClick={() => setCaseOpen(true)}>
            Create case
          </button>
        ) : null}
        {chat.watched ? (
          <>
            <button type="button" disabled={!live} onClick={() => void intercept()}>
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
            <button type="button" class="danger" onClick={() => void endChat()}>
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
      {calls?.ofChat(id) && !chat.watched ? (
        <ChatCall calls={calls} conversationId={id} />
      ) : (
        <CallNote call={chat.call} />
      )}
      {cases && caseOpen ? (
        <CaseForm
          key={id}
          chat={chat}
          skillQueueId={cases.skillQueueId}
          smartFormFilling={cases.smartFormFilling}
          onClose={(note) => {
            setCaseOpen(false);
            setCaseNote(note);
          }}
        />
      ) : null}
      {caseNote ? (
        <p class="hint" role="status">
          {caseNote}
        </p>
      ) : null}
      {chat.closed ? (
        <div class="notice" role="status">
          {CLOSED[chat.closed] ?? `Closed (${chat.closed}).`}{" "}
          <button
            type="button"
            onClick={() => {
              drafts?.delete(id);
              desk.dismiss(id);
            }}
          >
            Close tab
          </button>
        </div>
      ) : null}
      <PreChatValues values={chat.summary.preChat} />
      {chat.evaluation ? (
        <div class="evaluation" role="status" aria-label="Customer evaluation">
          Customer evaluation: {"★".repeat(chat.evaluation.rating)}
          {"☆".repeat(5 - chat.evaluation.rating)} ({chat.evaluation.rating}/5)
          {chat.evaluation.comment ? ` — ${chat.evaluation.comment}` : ""}
        </div>
      ) : null}
      <TagsBar desk={desk} chat={chat} />
      <NotesPanel desk={desk} chat={chat} />
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
      {suggested && live ? (
        <Suggestions
          suggested={suggested}
          disabled={!live}
          onUse={(text) => setPreset({ text })}
          onSend={(text) => desk.send(id, text)}
        />
      ) : null}
      <ReplyBox
        key={id}
        id={`reply-${id}`}
        preset={preset}
        label={chat.watched ? "Insert message" : "Reply"}
        disabled={!live}
        draft={drafts?.get(id) ?? ""}
        onDraft={(text) => drafts?.set(id, text)}
        onSend={(text) => desk.send(id, text)}
        onTyping={chat.watched ? undefined : (t) => desk.setTyping(id, t)}
        canned={canned}
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
