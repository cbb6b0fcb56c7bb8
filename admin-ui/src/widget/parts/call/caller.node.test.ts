import { beforeAll, describe, expect, it } from "vitest";
import { fakePeers, installMediaStream, userMedia } from "../../../realtime/test/fake-media";
import { fakeSockets } from "../../../realtime/test/fake-socket";
import { callSummary } from "../../../realtime/test/frames";
import { Caller } from "./caller";
import { callTexts } from "./texts";

beforeAll(installMediaStream);

const flush = () => new Promise((r) => setTimeout(r, 0));

const summary = (over: Parameters<typeof callSummary>[0] = {}) => callSummary({ media: "video", ...over });

/** A chat that records commands, plays frames to listeners, and a caller wired to fakes. */
function setup(refuse?: string) {
  const commands: Record<string, unknown>[] = [];
  const chat = {
    frames: new Set<(f: unknown) => void>(),
    command: (f: { type: string }) => {
      commands.push(f);
      return true;
    },
  };
  const sockets = fakeSockets();
  const peers = fakePeers();
  const media = userMedia(refuse);
  const caller = new Caller({
    apiOrigin: "https://cs.example",
    chat: () => chat,
    texts: callTexts("en"),
    createSocket: sockets.create,
    getUserMedia: media.gum,
    createPeer: peers.create,
  });
  const chatFrame = (f: object) => {
    for (const fn of chat.frames) fn(f);
  };
  return { caller, commands, chatFrame, sockets, peers, media };
}

describe("the customer's call", () => {
  it("asks for camera and microphone, places the call, connects, offers and relays ICE", async () => {
    const t = setup();
    await t.caller.start("video");
    expect(t.media.asked).toEqual([{ audio: true, video: true }]);
    expect(t.commands).toEqual([{ type: "call.start", media: "video" }]);
    expect(t.caller.state).toBe("placing");

    t.chatFrame({ type: "call.placed", callId: "cl_1", media: "video", url: "/ws/call?ticket=abc" });
    const ws = t.sockets.last;
    expect(ws.url).toBe("wss://cs.example/ws/call?ticket=abc");
    ws.open();
    ws.push({ type: "call.welcome", call: summary() });
    await flush();
    expect(t.caller.state).toBe("ringing");

    const ice = [{ urls: ["turn:turn.example:3478"], username: "u", credential: "c" }];
    ws.push({
      type: "call.updated",
      call: summary({ state: "connected", connectedAt: 2000 }),
      iceServers: ice,
    });
    await flush();
    expect(t.caller.state).toBe("connected");
    const peer = t.peers.made[0]!;
    expect(peer.config).toEqual({ iceServers: ice });
    expect(peer.added.map((x) => x.kind)).toEqual(["audio", "video"]);
    expect(ws.frames()).toContainEqual({
      type: "call.signal",
      callId: "cl_1",
      signal: { kind: "offer", sdp: "offer-sdp" },
    });

    // a candidate before the answer waits for it
    const cand = {
      candidate: "candidate:1 1 udp 1 192.0.2.9 5000 typ host",
      sdpMid: "0",
      sdpMLineIndex: 0,
      usernameFragment: "x",
    };
    ws.push({
      type: "call.signalled",
      callId: "cl_1",
      from: "agent",
      signal: { kind: "ice", candidate: cand },
    });
    await flush();
    expect(peer.candidates).toEqual([]);
    ws.push({
      type: "call.signalled",
      callId: "cl_1",
      from: "agent",
      signal: { kind: "answer", sdp: "answer-sdp" },
    });
    await flush();
    expect(peer.remote).toEqual({ type: "answer", sdp: "answer-sdp" });
    expect(peer.candidates).toEqual([cand]);

    // own candidates go to the agent
    peer.gather("candidate:2 1 udp 1 192.0.2.2 6000 typ host");
    expect(ws.frames().at(-1)).toMatchObject({ type: "call.signal", signal: { kind: "ice" } });
    peer.receive("video");
    expect(t.caller.remote?.getTracks()).toHaveLength(1);

    t.caller.toggleMic();
    expect(t.media.granted[0]!.getAudioTracks()[0]!.enabled).toBe(false);
    expect(ws.frames().at(-1)).toEqual({
      type: "call.signal",
      callId: "cl_1",
      signal: { kind: "media", audio: false, video: true },
    });

    t.caller.hangUp();
    expect(ws.frames().at(-1)).toEqual({ type: "call.hangup", callId: "cl_1" });
    ws.push({
      type: "call.updated",
      call: summary({
        state: "ended",
        connectedAt: 2000,
        endedAt: 67_000,
        endReason: "hangup",
        endedBy: "customer",
      }),
    });
    await flush();
    expect(t.caller.state).toBe("ended");
    expect(t.caller.message).toBe("Call ended (1:05)");
    expect(peer.closed).toBe(true);
    expect(t.media.granted[0]!.getTracks().every((x) => x.stopped)).toBe(true);
    expect(ws.closedWith?.code).toBe(1000);
  });

  it.each([
    ["NotAllowedError", callTexts("en").permission],
    ["NotFoundError", callTexts("en").noDevice],
    ["AbortError", callTexts("en").failed],
  ])("no camera or microphone (%s): a message, no call placed", async (name, message) => {
    const t = setup(name);
    await t.caller.start("voice");
    expect(t.caller.state).toBe("ended");
    expect(t.caller.message).toBe(message);
    expect(t.commands).toEqual([]);
  });

  it("a refusal of call.start is shown and the devices are released", async () => {
    const t = setup();
    await t.caller.start("voice");
    t.chatFrame({
      type: "error",
      code: "not_allowed",
      message: "This chat offers no calls",
      ref: "call.start",
    });
    expect(t.caller.state).toBe("ended");
    expect(t.caller.message).toBe("This chat offers no calls");
    expect(t.media.granted[0]!.getTracks().every((x) => x.stopped)).toBe(true);
    // other errors of the chat are not the call's
    const u = setup();
    await u.caller.start("voice");
    u.chatFrame({ type: "error", code: "conflict", message: "The conversation has ended", ref: "m-1" });
    expect(u.caller.state).toBe("placing");
  });

  it("the agent declining, and a lost call socket, end the call with a message", async () => {
    const t = setup();
    await t.caller.start("voice");
    t.chatFrame({ type: "call.placed", callId: "cl_1", media: "voice", url: "/ws/call?ticket=a" });
    t.sockets.last.open();
    t.sockets.last.push({
      type: "call.updated",
      call: summary({ state: "ended", endReason: "declined", endedBy: "agent", endedAt: 5000 }),
    });
    await flush();
    expect(t.caller.message).toBe(callTexts("en").reasons.declined);

    const u = setup();
    await u.caller.start("voice");
    u.chatFrame({ type: "call.placed", callId: "cl_1", media: "voice", url: "/ws/call?ticket=b" });
    u.sockets.last.open();
    u.sockets.last.drop(1006);
    expect(u.caller.state).toBe("ended");
    expect(u.caller.message).toBe(callTexts("en").lost);
    u.caller.dismiss();
    expect(u.caller.state).toBe("idle");
  });
});
