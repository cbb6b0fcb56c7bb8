/**
 * One side of a click-to-dial call's media: an `RTCPeerConnection` with the local camera and
 * microphone, the other side's stream out, and the WebRTC signalling (offer, answer, ICE) handed
 * to `send` and taken from `signal`. The customer offers, the agent answers. ICE candidates that
 * arrive before the remote description are held until it is set. Used by the widget's call part
 * and the workbench; transport-free, so it runs wherever `RTCPeerConnection` does.
 */
import type { CallSignal, IceServer } from "../../../worker/realtime/protocol";

export type CallPeerOptions = {
  iceServers: IceServer[];
  local: MediaStream;
  send: (signal: CallSignal) => void;
  /** The other side's stream got a track. */
  onRemote: (stream: MediaStream) => void;
  onState?: (state: RTCPeerConnectionState) => void;
  /** The browser's `RTCPeerConnection` unless a test plays it. */
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
};

/** Bytes of media received so far, by kind (from `getStats`, `inbound-rtp`). */
export type Received = { audio: number; video: number };

export class CallPeer {
  readonly remote: MediaStream;
  private readonly pc: RTCPeerConnection;
  private readonly held: RTCIceCandidateInit[] = [];
  private remoteSet = false;
  private closed = false;

  constructor(private readonly o: CallPeerOptions) {
    this.pc = (o.createPeer ?? ((c) => new RTCPeerConnection(c)))({ iceServers: o.iceServers });
    this.remote = new MediaStream();
    for (const track of o.local.getTracks()) this.pc.addTrack(track, o.local);
    this.pc.onicecandidate = (e) => {
      if (e.candidate?.candidate) o.send({ kind: "ice", candidate: iceJson(e.candidate) });
    };
    this.pc.ontrack = (e) => {
      if (!this.remote.getTracks().includes(e.track)) this.remote.addTrack(e.track);
      o.onRemote(this.remote);
    };
    this.pc.onconnectionstatechange = () => o.onState?.(this.pc.connectionState);
  }

  /** The caller's side: makes and sends the offer. */
  async offer(): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.o.send({ kind: "offer", sdp: offer.sdp ?? "" });
  }

  /** Takes the other side's offer (answering it), answer or ICE candidate; media states are the caller's concern. */
  async signal(s: CallSignal): Promise<void> {
    if (this.closed) return;
    switch (s.kind) {
      case "offer": {
        await this.setRemote({ type: "offer", sdp: s.sdp });
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        this.o.send({ kind: "answer", sdp: answer.sdp ?? "" });
        return;
      }
      case "answer":
        return this.setRemote({ type: "answer", sdp: s.sdp });
      case "ice": {
        const c = { ...s.candidate };
        if (this.remoteSet) await this.pc.addIceCandidate(c);
        else this.held.push(c);
        return;
      }
      case "media":
        return;
    }
  }

  private async setRemote(d: RTCSessionDescriptionInit): Promise<void> {
    await this.pc.setRemoteDescription(d);
    this.remoteSet = true;
    for (const c of this.held.splice(0)) await this.pc.addIceCandidate(c);
  }

  /** Turns the microphone or camera on or off (the track stays, sending silence or black) and tells the other side. */
  setMedia(audio: boolean, video: boolean): void {
    for (const t of this.o.local.getAudioTracks()) t.enabled = audio;
    for (const t of this.o.local.getVideoTracks()) t.enabled = video;
    this.o.send({ kind: "media", audio, video });
  }

  /** Media bytes received so far. */
  async received(): Promise<Received> {
    const out: Received = { audio: 0, video: 0 };
    const stats = await this.pc.getStats();
    stats.forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
      if (r.type === "inbound-rtp" && (r.kind === "audio" || r.kind === "video"))
        out[r.kind] += r.bytesReceived ?? 0;
    });
    return out;
  }

  close(): void {
    this.closed = true;
    this.pc.close();
  }
}

function iceJson(c: RTCIceCandidate): Extract<CallSignal, { kind: "ice" }>["candidate"] {
  const j = c.toJSON();
  return {
    candidate: j.candidate ?? "",
    sdpMid: j.sdpMid ?? null,
    sdpMLineIndex: j.sdpMLineIndex ?? null,
    usernameFragment: j.usernameFragment ?? null,
  };
}

/** Stops a local stream's tracks (the camera light goes off). */
export function stopStream(stream: MediaStream | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}

/** Why the browser gave no camera or microphone, as a key for a message. */
export function mediaError(err: unknown): "permission" | "noDevice" | "failed" {
  const name = (err as { name?: string } | null)?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "permission";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError")
    return "noDevice";
  return "failed";
}
