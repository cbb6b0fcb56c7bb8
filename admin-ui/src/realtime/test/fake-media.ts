/**
 * Test doubles for the browser's media and WebRTC objects (Node has neither): tracks, streams, a
 * `getUserMedia` that grants or refuses, and a peer connection that records what the client did.
 */
export class FakeTrack {
  enabled = true;
  stopped = false;
  constructor(readonly kind: "audio" | "video") {}
  stop(): void {
    this.stopped = true;
  }
}

export class FakeStream {
  private readonly tracks: FakeTrack[] = [];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks.push(...tracks);
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === "audio");
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === "video");
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
}

/** Installs `MediaStream` (the peer builds the remote stream with it). */
export function installMediaStream(): void {
  (globalThis as unknown as { MediaStream: unknown }).MediaStream = FakeStream;
}

/** A `getUserMedia` that grants a stream of the asked kinds, or fails with the DOMException `name`. */
export function userMedia(refuse?: string) {
  const asked: MediaStreamConstraints[] = [];
  const granted: FakeStream[] = [];
  const gum = async (c: MediaStreamConstraints) => {
    asked.push(c);
    if (refuse) throw Object.assign(new Error(refuse), { name: refuse });
    const s = new FakeStream([new FakeTrack("audio"), ...(c.video ? [new FakeTrack("video")] : [])]);
    granted.push(s);
    return s as unknown as MediaStream;
  };
  return { asked, granted, gum };
}

export class FakePeer {
  readonly config: RTCConfiguration;
  readonly added: FakeTrack[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  local: RTCSessionDescriptionInit | null = null;
  remote: RTCSessionDescriptionInit | null = null;
  closed = false;
  connectionState = "new";
  onicecandidate: ((e: { candidate: unknown }) => void) | null = null;
  ontrack: ((e: { track: FakeTrack }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;

  constructor(config: RTCConfiguration) {
    this.config = config;
  }
  addTrack(t: FakeTrack) {
    this.added.push(t);
  }
  async createOffer() {
    return { type: "offer", sdp: "offer-sdp" };
  }
  async createAnswer() {
    return { type: "answer", sdp: "answer-sdp" };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.local = d;
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.remote = d;
  }
  async addIceCandidate(c: RTCIceCandidateInit) {
    if (!this.remote) throw new Error("no remote description yet");
    this.candidates.push(c);
  }
  async getStats() {
    return new Map([
      ["a", { type: "inbound-rtp", kind: "audio", bytesReceived: 1200 }],
      ["v", { type: "inbound-rtp", kind: "video", bytesReceived: 50_000 }],
      ["o", { type: "outbound-rtp", kind: "audio", bytesSent: 999 }],
    ]);
  }
  close() {
    this.closed = true;
  }
  /* the browser's side */
  gather(candidate: string) {
    this.onicecandidate?.({
      candidate: {
        candidate,
        toJSON: () => ({ candidate, sdpMid: "0", sdpMLineIndex: 0, usernameFragment: "u" }),
      },
    });
  }
  receive(kind: "audio" | "video") {
    this.ontrack?.({ track: new FakeTrack(kind) });
  }
}

/** A peer factory that remembers every peer it made. */
export function fakePeers() {
  const made: FakePeer[] = [];
  return {
    made,
    create: (config: RTCConfiguration) => {
      const p = new FakePeer(config);
      made.push(p);
      return p as unknown as RTCPeerConnection;
    },
  };
}
