/**
 * The customer's side of a click-to-dial call, without any view: camera and microphone first
 * (a refusal or a missing device is a message, the chat goes on), then `call.start` on the chat
 * socket, the call socket from `call.placed`, and the call's states (ringing, queued, connected,
 * ended). Once connected the customer offers and the media flows peer to peer (`CallPeer`). The
 * call socket is the call's lifeline: it is never reopened, and losing it ends the call.
 */
import * as v from "valibot";
import {
  type CallEvent,
  CallEventSchema,
  type CallMedia,
  type CallSummary,
  HEARTBEAT_REQUEST,
  type IceServer,
} from "../../../../../worker/realtime/protocol";
import { CallPeer, mediaError, stopStream } from "../../../realtime/call-peer";
import { Observable } from "../../../realtime/observable";
import type { SocketFactory, SocketLike } from "../../../realtime/reliable-socket";
import { wsUrl } from "../../../realtime/ws-url";
import type { CallTexts } from "./texts";

export type CallerState = "idle" | "media" | "placing" | "ringing" | "queued" | "connected" | "ended";

/** What the caller needs of the chat (`CustomerChat`). */
export type ChatLink = {
  command(frame: { type: string; [key: string]: unknown }): boolean;
  readonly frames: Set<(frame: unknown) => void>;
};

export type CallerOptions = {
  apiOrigin: string;
  chat: () => ChatLink;
  texts: CallTexts;
  createSocket?: SocketFactory;
  getUserMedia?: (c: MediaStreamConstraints) => Promise<MediaStream>;
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
  /** How long `call.start` may go unanswered. */
  placeTimeoutMs?: number;
};

const ErrorSchema = v.object({ type: v.literal("error"), message: v.string(), ref: v.nullable(v.string()) });
const HEARTBEAT_MS = 25_000;

export class Caller extends Observable {
  state: CallerState = "idle";
  media: CallMedia = "voice";
  call: CallSummary | null = null;
  /** A refusal or failure to show (the text chat goes on). */
  message: string | null = null;
  local: MediaStream | null = null;
  remote: MediaStream | null = null;
  micOn = true;
  camOn = true;
  /** The agent's microphone and camera as they last said. */
  agentMedia = { audio: true, video: true };
  /** Local clock when the call connected (for the timer). */
  connectedAt: number | null = null;
  peer: CallPeer | null = null;

  private socket: SocketLike | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private placeTimer: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => void) | null = null;

  constructor(private readonly o: CallerOptions) {
    super();
  }

  /** A call is on its way or in progress (the call buttons hide). */
  get active(): boolean {
    return this.state !== "idle" && this.state !== "ended";
  }

  /** Asks for the camera and microphone, then places the call. */
  async start(media: CallMedia): Promise<void> {
    if (this.active) return;
    this.reset();
    this.media = media;
    this.state = "media";
    this.changed();
    try {
      const gum = this.o.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
      this.local = await gum({ audio: true, video: media === "video" });
    } catch (err) {
      return this.fail(this.o.texts[mediaError(err)]);
    }
    this.state = "placing";
    const chat = this.o.chat();
    const listen = (f: unknown) => this.onChatFrame(f);
    chat.frames.add(listen);
    this.unlisten = () => chat.frames.delete(listen);
    this.placeTimer = setTimeout(() => this.fail(this.o.texts.lost), this.o.placeTimeoutMs ?? 15_000);
    if (!chat.command({ type: "call.start", media })) this.fail(this.o.texts.lost);
    this.changed();
  }

  hangUp(): void {
    if (this.call && this.socket) this.send({ type: "call.hangup", callId: this.call.callId });
    if (this.state === "placing" || this.state === "media") this.fail(null);
  }

  toggleMic(): void {
    this.micOn = !this.micOn;
    this.peer?.setMedia(this.micOn, this.camOn && this.media === "video");
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = this.micOn;
    this.changed();
  }

  toggleCam(): void {
    this.camOn = !this.camOn;
    this.peer?.setMedia(this.micOn, this.camOn);
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = this.camOn;
    this.changed();
  }

  /** Forgets an ended call's message (the panel closes). */
  dismiss(): void {
    if (this.active) return;
    this.reset();
    this.state = "idle";
    this.changed();
  }

  private onChatFrame(f: unknown): void {
    const err = v.safeParse(ErrorSchema, f);
    if (err.success && err.output.ref === "call.start" && this.state === "placing") {
      this.fail(err.output.message);
      return;
    }
    const e = v.safeParse(CallEventSchema, f);
    if (!e.success || e.output.type !== "call.placed" || this.state !== "placing") return;
    this.clearPlacing();
    this.open(e.output.url);
  }

  private open(url: string): void {
    this.socket?.close(1000, "moved");
    const ws = (this.o.createSocket ?? ((u) => new WebSocket(u)))(wsUrl(url, this.o.apiOrigin));
    this.socket = ws;
    ws.onmessage = (m) => {
      if (typeof m.data !== "string" || !m.data.startsWith("{")) return;
      try {
        const e = v.safeParse(CallEventSchema, JSON.parse(m.data));
        if (e.success) void this.onCallEvent(e.output);
      } catch {
        // not JSON: ignore
      }
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (this.active) this.end(this.o.texts.lost);
    };
    ws.onerror = () => {};
    this.heartbeat ??= setInterval(() => this.socket?.send(HEARTBEAT_REQUEST), HEARTBEAT_MS);
  }

  private async onCallEvent(e: CallEvent): Promise<void> {
    switch (e.type) {
      case "call.welcome":
      case "call.updated":
        this.call = e.call;
        if (e.call.state === "ended") {
          const talked =
            e.call.connectedAt !== null && e.call.endedAt !== null
              ? this.o.texts.ended(
                  this.o.texts.duration(Math.floor((e.call.endedAt - e.call.connectedAt) / 1000)),
                )
              : null;
          return this.end(talked ?? this.o.texts.reasons[e.call.endReason ?? "hangup"]);
        }
        if (e.call.state === "connected" && !this.peer)
          return this.connect(e.type === "call.updated" ? e.iceServers : []);
        if (e.call.state !== "connected") this.state = e.call.state;
        break;
      case "call.signalled":
        if (e.signal.kind === "media") this.agentMedia = { audio: e.signal.audio, video: e.signal.video };
        else await this.peer?.signal(e.signal).catch((err: unknown) => console.warn("EdgeChat call", err));
        break;
      case "call.moved":
        this.open(e.url);
        return;
      default:
        return;
    }
    this.changed();
  }

  private async connect(iceServers: IceServer[]): Promise<void> {
    if (!this.local || !this.call) return;
    const callId = this.call.callId;
    this.state = "connected";
    this.connectedAt = Date.now();
    this.peer = new CallPeer({
      iceServers,
      local: this.local,
      send: (signal) => this.send({ type: "call.signal", callId, signal }),
      onRemote: (stream) => {
        this.remote = stream;
        this.changed();
      },
      createPeer: this.o.createPeer,
    });
    this.changed();
    await this.peer.offer().catch((err: unknown) => console.warn("EdgeChat call", err));
  }

  private send(frame: object): void {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  private clearPlacing(): void {
    if (this.placeTimer) clearTimeout(this.placeTimer);
    this.placeTimer = null;
    this.unlisten?.();
    this.unlisten = null;
  }

  private fail(message: string | null): void {
    this.end(message);
  }

  private end(message: string | null): void {
    this.clearPlacing();
    this.message = message;
    this.state = "ended";
    this.peer?.close();
    this.peer = null;
    stopStream(this.local);
    this.local = null;
    this.remote = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const ws = this.socket;
    this.socket = null;
    ws?.close(1000, "call ended");
    this.changed();
  }

  private reset(): void {
    this.call = null;
    this.message = null;
    this.micOn = true;
    this.camOn = true;
    this.agentMedia = { audio: true, video: true };
    this.connectedAt = null;
  }
}
