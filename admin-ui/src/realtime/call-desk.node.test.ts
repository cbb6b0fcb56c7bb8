import { beforeAll, describe, expect, it } from "vitest";
import type { AgentCommand } from "../../../worker/realtime/protocol";
import { CallDesk, MEDIA_MESSAGES } from "./call-desk";
import { fakePeers, installMediaStream, userMedia } from "./test/fake-media";
import { callSummary } from "./test/frames";

beforeAll(installMediaStream);

const flush = () => new Promise((r) => setTimeout(r, 0));

const summary = callSummary;

function setup(refuse?: string) {
  const sent: AgentCommand[] = [];
  const line = {
    command: (f: AgentCommand) => {
      sent.push(f);
      return true;
    },
  };
  const media = userMedia(refuse);
  const peers = fakePeers();
  const rang: string[] = [];
  const desk = new CallDesk({
    getUserMedia: media.gum,
    createPeer: peers.create,
    onRinging: (c) => rang.push(c.callId),
  });
  const on = desk.handler(line);
  return { desk, on, sent, media, peers, rang };
}

describe("the agent's calls", () => {
  it("rings, answers with the microphone on, answers the customer's offer, hangs up", async () => {
    const t = setup();
    t.on({ type: "call.incoming", call: summary(), context: [] });
    expect(t.rang).toEqual(["cl_1"]);
    expect(t.desk.ofChat("cv_1")?.summary.state).toBe("ringing");
    await t.desk.accept("cl_1");
    expect(t.media.asked).toEqual([{ audio: true, video: false }]);
    expect(t.sent).toEqual([{ type: "call.accept", callId: "cl_1" }]);

    t.on({ type: "call.updated", call: summary({ state: "connected", connectedAt: 2000 }), iceServers: [] });
    const peer = t.peers.made[0]!;
    t.on({
      type: "call.signalled",
      callId: "cl_1",
      from: "customer",
      signal: { kind: "offer", sdp: "offer-sdp" },
    });
    await flush();
    await flush();
    expect(peer.remote).toEqual({ type: "offer", sdp: "offer-sdp" });
    expect(t.sent.at(-1)).toEqual({
      type: "call.signal",
      callId: "cl_1",
      signal: { kind: "answer", sdp: "answer-sdp" },
    });
    t.on({
      type: "call.signalled",
      callId: "cl_1",
      from: "customer",
      signal: { kind: "media", audio: false, video: false },
    });
    expect(t.desk.calls.get("cl_1")?.customerMedia.audio).toBe(false);
    expect(await t.desk.received("cl_1")).toEqual({ audio: 1200, video: 50_000 });

    t.desk.hangUp("cl_1");
    expect(t.sent.at(-1)).toEqual({ type: "call.hangup", callId: "cl_1" });
    t.on({
      type: "call.updated",
      call: summary({ state: "ended", connectedAt: 2000, endedAt: 9000, endReason: "hangup" }),
      iceServers: [],
    });
    expect(peer.closed).toBe(true);
    expect(t.media.granted[0]!.getTracks().every((x) => x.stopped)).toBe(true);
    t.desk.dismiss("cl_1");
    expect(t.desk.calls.size).toBe(0);
  });

  it("a refused microphone keeps the call ringing with a message, and nothing is sent", async () => {
    const t = setup("NotAllowedError");
    t.on({ type: "call.incoming", call: summary(), context: [] });
    await t.desk.accept("cl_1");
    expect(t.sent).toEqual([]);
    expect(t.desk.calls.get("cl_1")).toMatchObject({ error: MEDIA_MESSAGES.permission, answering: false });
  });

  it("a call that went on to someone else leaves this desk; calls of other chats are listed apart", () => {
    const t = setup();
    t.on({ type: "call.incoming", call: summary(), context: [] });
    t.on({
      type: "call.incoming",
      call: summary({ callId: "cl_2", conversationId: "cv_other" }),
      context: [],
    });
    expect(t.desk.others(new Set(["cv_1"])).map((c) => c.summary.callId)).toEqual(["cl_2"]);
    t.on({
      type: "call.updated",
      call: summary({ state: "queued", agentEmployeeId: null, agentName: null }),
      iceServers: [],
    });
    expect(t.desk.calls.has("cl_1")).toBe(false);
    t.desk.decline("cl_2");
    expect(t.sent).toEqual([{ type: "call.decline", callId: "cl_2" }]);
  });
});
