/**
 * The agent's click-to-dial calls, without any view: calls ringing them (with the chat they belong
 * to and its latest messages), answering (microphone and camera first), the connected call's media
 * (`CallPeer`; the customer offers, the agent answers), mute, camera off, hang-up, and how each
 * call ended. Calls arrive on the agent's sockets to click-to-dial queues ("lines", `AgentDesk`s
 * that pass call events here and send the call commands).
 */
import type {
  AgentCommand,
  CallEvent,
  CallSummary,
  ChatMessage,
  IceServer,
} from "../../../worker/realtime/protocol";
import { CallPeer, mediaError, type Received, stopStream } from "./call-peer";
import { Observable } from "./observable";

/** A socket to a click-to-dial queue that carries call commands. */
export type CallLine = { command(frame: AgentCommand): boolean };

export type DeskCall = {
  summary: CallSummary;
  /** The chat's latest messages when the call rang (for an agent who is not in that chat). */
  context: ChatMessage[];
  line: CallLine;
  local: MediaStream | null;
  remote: MediaStream | null;
  peer: CallPeer | null;
  micOn: boolean;
  camOn: boolean;
  /** The customer's microphone and camera as they last said. */
  customerMedia: { audio: boolean; video: boolean };
  /** Local clock when it connected (for the timer). */
  connectedAt: number | null;
  /** Answering: waiting for the camera and microphone. */
  answering: boolean;
  error: string | null;
};

export const MEDIA_MESSAGES = {
  permission: "Allow the microphone (and camera for a video call) in your browser to answer.",
  noDevice: "No microphone or camera was found, or another program is using it.",
  failed: "The microphone or camera could not be started.",
} as const;

export type CallDeskOptions = {
  getUserMedia?: (c: MediaStreamConstraints) => Promise<MediaStream>;
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
  /** A call started ringing (for notifications). */
  onRinging?: (c: CallSummary) => void;
};

export class CallDesk extends Observable {
  readonly calls = new Map<string, DeskCall>();

  constructor(private readonly o: CallDeskOptions = {}) {
    super();
  }

  /** The event handler of one line (pass it as `AgentDesk`'s `onCallEvent`). */
  handler(line: CallLine): (e: CallEvent) => void {
    return (e) => this.onEvent(line, e);
  }

  /** The latest call of a chat, if any. */
  ofChat(conversationId: string): DeskCall | undefined {
    let found: DeskCall | undefined;
    for (const c of this.calls.values())
      if (
        c.summary.conversationId === conversationId &&
        (!found || c.summary.placedAt > found.summary.placedAt)
      )
        found = c;
    return found;
  }

  /** Calls of chats not in `conversationIds` (the agent is not in them, e.g. a click-to-dial-only agent). */
  others(conversationIds: ReadonlySet<string>): DeskCall[] {
    return [...this.calls.values()].filter((c) => !conversationIds.has(c.summary.conversationId));
  }

  /** Answers a ringing call once the microphone (and camera) are on. */
  async accept(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call?.summary.state !== "ringing" || call.answering) return;
    call.answering = true;
    call.error = null;
    this.changed();
    try {
      const gum = this.o.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
      call.local = await gum({ audio: true, video: call.summary.media === "video" });
    } catch (err) {
      call.answering = false;
      call.error = MEDIA_MESSAGES[mediaError(err)];
      this.changed();
      return;
    }
    if (!call.line.command({ type: "call.accept", callId })) {
      call.answering = false;
      call.error = "Not connected; try again in a moment.";
      stopStream(call.local);
      call.local = null;
    }
    this.changed();
  }

  decline(callId: string): void {
    this.calls.get(callId)?.line.command({ type: "call.decline", callId });
  }

  hangUp(callId: string): void {
    this.calls.get(callId)?.line.command({ type: "call.hangup", callId });
  }

  toggleMic(callId: string): void {
    const c = this.calls.get(callId);
    if (!c) return;
    c.micOn = !c.micOn;
    this.applyMedia(c);
  }

  toggleCam(callId: string): void {
    const c = this.calls.get(callId);
    if (!c) return;
    c.camOn = !c.camOn;
    this.applyMedia(c);
  }

  /** Removes an ended call from view. */
  dismiss(callId: string): void {
    if (this.calls.get(callId)?.summary.state !== "ended") return;
    this.calls.delete(callId);
    this.changed();
  }

  /** Media bytes received in a connected call. */
  received(callId: string): Promise<Received> | null {
    return this.calls.get(callId)?.peer?.received() ?? null;
  }

  private applyMedia(c: DeskCall) {
    const video = c.summary.media === "video" && c.camOn;
    if (c.peer) c.peer.setMedia(c.micOn, video);
    else {
      for (const t of c.local?.getAudioTracks() ?? []) t.enabled = c.micOn;
      for (const t of c.local?.getVideoTracks() ?? []) t.enabled = video;
    }
    this.changed();
  }

  private onEvent(line: CallLine, e: CallEvent): void {
    switch (e.type) {
      case "call.incoming": {
        const c = this.upsert(line, e.call);
        c.context = e.context;
        this.o.onRinging?.(e.call);
        break;
      }
      case "call.updated": {
        const c = this.calls.get(e.call.callId);
        // the call went on to someone else (missed, or passed on): it is no longer this agent's
        if (e.call.state !== "ended" && e.call.agentEmployeeId === null) {
          if (c) this.drop(c);
          this.calls.delete(e.call.callId);
          break;
        }
        const call = this.upsert(line, e.call);
        if (e.call.state === "connected" && !call.peer) this.connect(call, e.iceServers);
        if (e.call.state === "ended") this.drop(call);
        break;
      }
      case "call.signalled": {
        const c = this.calls.get(e.callId);
        if (!c || e.from !== "customer") return;
        if (e.signal.kind === "media") c.customerMedia = { audio: e.signal.audio, video: e.signal.video };
        else void c.peer?.signal(e.signal).catch((err: unknown) => console.warn("call signalling", err));
        break;
      }
      default:
        return;
    }
    this.changed();
  }

  private upsert(line: CallLine, summary: CallSummary): DeskCall {
    const known = this.calls.get(summary.callId);
    if (known) {
      known.summary = summary;
      known.line = line;
      return known;
    }
    const call: DeskCall = {
      summary,
      context: [],
      line,
      local: null,
      remote: null,
      peer: null,
      micOn: true,
      camOn: true,
      customerMedia: { audio: true, video: true },
      connectedAt: null,
      answering: false,
      error: null,
    };
    this.calls.set(summary.callId, call);
    return call;
  }

  /** Connected: the media side waits for the customer's offer. */
  private connect(c: DeskCall, iceServers: IceServer[]) {
    c.answering = false;
    c.connectedAt = Date.now();
    if (!c.local) {
      // answered in another tab of this agent: this one has no media to offer
      c.error = "This call was answered elsewhere.";
      return;
    }
    const callId = c.summary.callId;
    c.peer = new CallPeer({
      iceServers,
      local: c.local,
      send: (signal) => c.line.command({ type: "call.signal", callId, signal }),
      onRemote: (stream) => {
        c.remote = stream;
        this.changed();
      },
      createPeer: this.o.createPeer,
    });
  }

  private drop(c: DeskCall) {
    c.peer?.close();
    c.peer = null;
    stopStream(c.local);
    c.local = null;
    c.remote = null;
    c.answering = false;
  }
}
