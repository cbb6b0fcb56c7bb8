/**
 * Top bar: connection, the agent's status picker (idle/rest; busy and arranging are shown), who set
 * a forced busy (the agent cannot leave it: a quality checker releases them), the wrap-up
 * countdown, the sound switch and sign-out.
 */
import { useEffect, useState } from "preact/hooks";
import type { DeskSet } from "../desks";
import { setSoundOn, soundOn } from "../notify";

export function StatusBar({
  set,
  userName,
  onSignOut,
}: {
  set: DeskSet;
  userName: string;
  onSignOut: () => void;
}) {
  const [, tick] = useState(0);
  const [sound, setSound] = useState(soundOn());
  const me = set.me();
  const clock = [...set.desks.values()].find((d) => d.me);
  const left = clock?.wrapUpSecondsLeft() ?? 0;
  useEffect(() => {
    if (left <= 0) return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [left > 0]);
  const desks = [...set.desks.values()];
  const open = desks.filter((d) => d.connection === "open").length;
  const connection =
    desks.length === 0
      ? "no queue"
      : open === desks.length
        ? "open"
        : open > 0
          ? `open in ${open} of ${desks.length}`
          : (desks[0]?.connection ?? "closed");
  const status = me?.status;
  const forced = status === "busy";
  return (
    <div class="top">
      <h1>Online Chat Workbench</h1>
      <span
        class={`pill ${open === desks.length && open > 0 ? "open" : "connecting"}`}
        role="status"
        aria-label="Connection"
      >
        {connection}
      </span>
      {set.role() === "agent" && me ? (
        <>
          <label for="agent-status">Status</label>
          <select
            id="agent-status"
            value={status === "rest" ? "rest" : status === "idle" ? "idle" : ""}
            onChange={(e) => set.setStatus(e.currentTarget.value === "rest" ? "rest" : "idle")}
            disabled={!set.online || forced}
            aria-describedby={forced ? "forced-busy" : undefined}
          >
            {status === "busy" || status === "arranging" ? <option value="">{status}</option> : null}
            <option value="idle">Idle</option>
            <option value="rest">Rest</option>
          </select>
          {forced ? (
            <span class="pill forced" id="forced-busy" role="status">
              Set busy by {me.forcedBy ?? "a quality checker"}: only a quality checker can release you
            </span>
          ) : null}
          {status === "arranging" ? (
            <span class="pill" role="timer" aria-label="Wrap-up time left">
              Wrap-up: {left} s
            </span>
          ) : null}
          <span class="muted" style="color:#cbd5e1">
            {me.activeChats}/{me.maxConcurrentChats} chats
          </span>
        </>
      ) : null}
      <span class="spacer" />
      <label class="switch">
        <input
          type="checkbox"
          checked={sound}
          onChange={(e) => {
            setSoundOn(e.currentTarget.checked);
            setSound(e.currentTarget.checked);
          }}
        />
        Sound
      </label>
      <span>{userName}</span>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  );
}
