/** Top bar: queue, connection, the agent's status picker (idle/rest; busy and arranging are shown), the wrap-up countdown, sign-out. */
import { useEffect, useState } from "preact/hooks";
import type { AgentDesk } from "../../realtime/agent-desk";

export function StatusBar({
  desk,
  queueName,
  userName,
  onSignOut,
}: {
  desk: AgentDesk;
  queueName: string;
  userName: string;
  onSignOut: () => void;
}) {
  const [, tick] = useState(0);
  const left = desk.wrapUpSecondsLeft();
  useEffect(() => {
    if (left <= 0) return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [left > 0]);
  const status = desk.me?.status;
  return (
    <div class="top">
      <h1>Online Chat Workbench · {queueName}</h1>
      <span class={`pill ${desk.connection}`} role="status" aria-label="Connection">
        {desk.connection === "closed"
          ? `disconnected${desk.stopReason ? ` (${desk.stopReason})` : ""}`
          : desk.connection}
      </span>
      {desk.role === "agent" && desk.me ? (
        <>
          <label for="agent-status">Status</label>
          <select
            id="agent-status"
            value={status === "rest" ? "rest" : status === "idle" ? "idle" : ""}
            onChange={(e) => desk.setStatus(e.currentTarget.value === "rest" ? "rest" : "idle")}
            disabled={desk.connection !== "open"}
          >
            {status === "busy" || status === "arranging" ? <option value="">{status}</option> : null}
            <option value="idle">Idle</option>
            <option value="rest">Rest</option>
          </select>
          {status === "arranging" ? (
            <span class="pill" role="timer" aria-label="Wrap-up time left">
              Wrap-up: {left} s
            </span>
          ) : null}
          <span class="muted" style="color:#cbd5e1">
            {desk.me.activeChats}/{desk.me.maxConcurrentChats} chats
          </span>
        </>
      ) : null}
      <span>{userName}</span>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  );
}
