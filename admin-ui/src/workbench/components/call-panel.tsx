/**
 * Where calls show on the desk: the call of a chat beside that chat (`ChatCall`), and calls of
 * chats that are not on this desk (a click-to-dial agent taking a call from another agent's chat)
 * with the chat's latest messages for context (`OtherCalls`). A quality checker watching a chat
 * sees that a call is in progress (`CallNote`).
 */
import type { CallSummary } from "../../../../worker/realtime/protocol";
import type { CallDesk } from "../../realtime/call-desk";
import { customerLabel } from "../../shared/customer-name";
import { useModel } from "../use-model";
import { CallControls } from "./call-controls";

export function ChatCall({ calls, conversationId }: { calls: CallDesk; conversationId: string }) {
  useModel(calls);
  const call = calls.ofChat(conversationId);
  return call ? <CallControls calls={calls} call={call} /> : null;
}

export function OtherCalls({ calls, chatIds }: { calls: CallDesk; chatIds: ReadonlySet<string> }) {
  useModel(calls);
  const list = calls.others(chatIds);
  if (list.length === 0) return null;
  return (
    <section class="other-calls" aria-label="Calls">
      <h2>Calls</h2>
      {list.map((c) => (
        <div key={c.summary.callId}>
          <CallControls calls={calls} call={c} />
          {c.context.length ? (
            <ul class="call-context" aria-label={`Chat with ${customerLabel(c.summary, "Customer")}`}>
              {c.context.map((m) => (
                <li key={m.seq}>
                  <strong>{m.senderName ?? m.sender}:</strong> {m.text}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}

const STATE: Record<CallSummary["state"], string> = {
  ringing: "ringing",
  queued: "waiting for an agent",
  connected: "in progress",
  ended: "ended",
};

/** What a watching checker (or the chat's agent on another line) sees of the chat's call. */
export function CallNote({ call }: { call: CallSummary | null }) {
  if (!call || call.state === "ended") return null;
  const kind = call.media === "video" ? "Video call" : "Voice call";
  return (
    <p class="call-note" role="status">
      {kind} {STATE[call.state]}
      {call.agentName ? ` with ${call.agentName}` : ""}
    </p>
  );
}
