/**
 * A click-to-dial call beside the chat: ringing (accept / decline), then the customer's video or
 * voice, the agent's own preview, the call timer, mute, camera off and hang up; after the call,
 * how it ended.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { formatCallDuration } from "../../../../durable-objects/skill-queue/rules/calls";
import type { CallDesk, DeskCall } from "../../realtime/call-desk";
import { customerLabel } from "../../shared/customer-name";
import "./call.css";

const ENDED: Record<string, string> = {
  hangup: "The call ended.",
  declined: "You declined the call.",
  cancelled: "The customer cancelled the call.",
  timeout: "Nobody took the call in time.",
  busy: "The call was released: all agents busy.",
  noAgent: "The call was released: no agent on duty.",
  maxDuration: "The call reached its maximum duration.",
  connectionLost: "The call's connection was lost.",
  chatEnded: "The chat ended, and with it the call.",
};

/** Plays a stream in a `<video>` or `<audio>` element. */
function Media({
  stream,
  kind,
  label,
  muted = false,
}: {
  stream: MediaStream | null;
  kind: "video" | "audio";
  label: string;
  muted?: boolean;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && el.srcObject !== stream) el.srcObject = stream;
  }, [stream]);
  return kind === "video" ? (
    <video ref={ref} class={muted ? "self" : "remote"} autoplay playsinline muted={muted} aria-label={label}>
      <track kind="captions" />
    </video>
  ) : (
    <audio ref={ref} autoplay aria-label={label}>
      <track kind="captions" />
    </audio>
  );
}

/** A timer that re-renders every second while `on`. */
function useTick(on: boolean): void {
  const [, set] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => set((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [on]);
}

export function CallControls({ calls, call }: { calls: CallDesk; call: DeskCall }) {
  const s = call.summary;
  const id = s.callId;
  const kind = s.media === "video" ? "Video call" : "Voice call";
  const name = customerLabel(s, "Customer");
  useTick(s.state === "connected");
  if (s.state === "ringing")
    return (
      <div class="call ringing" role="alertdialog" aria-label={`Incoming ${kind.toLowerCase()}`}>
        <strong>
          Incoming {kind.toLowerCase()} from {name}
        </strong>
        {s.chatAgentEmployeeId !== s.agentEmployeeId ? (
          <span class="muted"> (chatting with {s.chatAgentName ?? "another agent"})</span>
        ) : null}
        <div class="row">
          <button
            type="button"
            class="primary"
            disabled={call.answering}
            onClick={() => void calls.accept(id)}
          >
            {call.answering ? "Answering…" : "Accept"}
          </button>
          <button type="button" class="danger" onClick={() => calls.decline(id)}>
            Decline
          </button>
        </div>
        {call.error ? (
          <p class="error" role="alert">
            {call.error}
          </p>
        ) : null}
      </div>
    );
  if (s.state === "ended") {
    const talked = s.connectedAt !== null && s.endedAt !== null ? s.endedAt - s.connectedAt : null;
    return (
      <div class="call ended" role="status" aria-label={kind}>
        <span>
          {talked !== null
            ? `${kind} ended (${formatCallDuration(talked)})`
            : `${kind}: ${ENDED[s.endReason ?? "hangup"]}`}
        </span>
        <button type="button" onClick={() => calls.dismiss(id)}>
          Close
        </button>
      </div>
    );
  }
  const seconds = call.connectedAt === null ? 0 : Math.floor((Date.now() - call.connectedAt) / 1000);
  const video = s.media === "video";
  return (
    <section class="call live" aria-label={`${kind} with ${name}`}>
      {video ? (
        <div class="stage">
          <Media stream={call.remote} kind="video" label={`${name}'s video`} />
          <Media stream={call.local} kind="video" label="Your camera" muted />
        </div>
      ) : (
        <Media stream={call.remote} kind="audio" label={`${name}'s voice`} />
      )}
      <div class="row">
        <span class="call-status" role="timer" aria-label="Call time">
          {kind} · {formatClock(seconds)}
        </span>
        {!call.customerMedia.audio ? <span class="muted">Customer muted</span> : null}
        <button type="button" aria-pressed={!call.micOn} onClick={() => calls.toggleMic(id)}>
          {call.micOn ? "Mute" : "Unmute"}
        </button>
        {video ? (
          <button type="button" aria-pressed={!call.camOn} onClick={() => calls.toggleCam(id)}>
            {call.camOn ? "Camera off" : "Camera on"}
          </button>
        ) : null}
        <button type="button" class="hangup" onClick={() => calls.hangUp(id)}>
          Hang up
        </button>
      </div>
      {call.error ? <p class="error">{call.error}</p> : null}
    </section>
  );
}

function formatClock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
