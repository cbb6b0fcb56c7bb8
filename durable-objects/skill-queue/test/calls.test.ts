import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, RATE_LIMIT_FRAMES } from "../../../worker/realtime/protocol";
import {
  answer,
  chatWithCallableAgent,
  inState,
  placeCall,
  presence,
  setClickToDial,
  systemLine,
} from "./call-fixtures";
import { adminOf, connectAgent, connectCustomer, fire, setupQueue, sql, TestSocket, tick } from "./fixtures";

const offer = { kind: "offer", sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" } as const;
const answerSdp = { kind: "answer", sdp: "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n" } as const;

describe("what the customer is offered", () => {
  it("a video click-to-dial queue offers voice and video", async () => {
    const s = await chatWithCallableAgent();
    const again = await connectCustomer(s.fx, { name: "Ada" });
    expect((await again.next("session.welcome")).calls).toEqual(["voice", "video"]);
  });

  it("a voice click-to-dial queue offers voice only; a video call is refused", async () => {
    const v = await chatWithCallableAgent({ ctdQueue: { type: "voiceClickToDial" } });
    const voiceOnly = await connectCustomer(v.fx);
    expect((await voiceOnly.next("session.welcome")).calls).toEqual(["voice"]);
    v.customer.send({ type: "call.start", media: "video" });
    const refused = await v.customer.next("error", (f) => f.ref === "call.start");
    expect(refused.code).toBe("not_allowed");
    expect(refused.message).toBe("Only voice calls are offered here");
  });

  it("no click-to-dial, or an IVR (there is none in this product): no calls", async () => {
    const s = await chatWithCallableAgent();
    await setClickToDial(s.fx, { calledParty: "ivr", skillQueueId: null, ivrAccessCode: "4001" });
    const ivr = await connectCustomer(s.fx);
    expect((await ivr.next("session.welcome")).calls).toEqual([]);
    const none = await setupQueue();
    const c = await connectCustomer(none);
    expect((await c.next("session.welcome")).calls).toEqual([]);
  });

  it("calls only while an agent chats with the customer", async () => {
    const fx = await setupQueue({ agents: [] });
    const ctd = await fx.addQueue({ type: "videoClickToDial" });
    await setClickToDial(fx, { calledParty: "agent", skillQueueId: ctd, ivrAccessCode: null });
    const c = await connectCustomer(fx);
    await c.next("session.welcome");
    c.send({ type: "call.start", media: "voice" });
    expect((await c.next("error", (f) => f.ref === "call.start")).code).toBe("conflict");
  });
});

describe("a call to the agent of the chat", () => {
  it("rings them, connects, relays signalling both ways, and a hang-up ends it for both", async () => {
    const s = await chatWithCallableAgent();
    s.customer.send({ type: "message.send", clientMsgId: "m1", text: "Can I call you?" });
    await s.customer.next("message.acked");
    const { caller, callId, welcome } = await placeCall(s.customer, "video");
    expect(welcome).toMatchObject({ state: "ringing", agentEmployeeId: s.agent.employeeId, media: "video" });
    const incoming = await s.callDesk.next("call.incoming");
    expect(incoming.call).toMatchObject({
      callId,
      conversationId: s.conversationId,
      chatAgentEmployeeId: s.agent.employeeId,
      customerName: "Ada",
    });
    // the chat's latest messages come with it
    expect(incoming.context.map((m) => m.text)).toContain("Can I call you?");
    // the chat's agent sees the call beside the chat
    expect((await s.chatDesk.next("conversation.call")).call.state).toBe("ringing");
    expect((await presence(s.fx, s.agent.employeeId)).call).toBe(callId);

    s.callDesk.send({ type: "call.accept", callId });
    const forAgent = await s.callDesk.next("call.updated", inState("connected"));
    const forCustomer = await caller.next("call.updated", inState("connected"));
    // no TURN configured here: host candidates only
    expect(forAgent.iceServers).toEqual([]);
    expect(forCustomer.iceServers).toEqual([]);
    await systemLine(s.customer, "Video call started");

    caller.send({ type: "call.signal", callId, signal: offer });
    expect((await s.callDesk.next("call.signalled")).signal).toEqual(offer);
    s.callDesk.send({ type: "call.signal", callId, signal: answerSdp });
    const back = await caller.next("call.signalled");
    expect(back).toMatchObject({ from: "agent", signal: answerSdp });
    const ice = {
      kind: "ice",
      candidate: {
        candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host",
        sdpMid: "0",
        sdpMLineIndex: 0,
        usernameFragment: "u",
      },
    } as const;
    caller.send({ type: "call.signal", callId, signal: ice });
    expect((await s.callDesk.next("call.signalled")).signal).toEqual(ice);

    caller.send({ type: "call.hangup", callId });
    const ended = await s.callDesk.next("call.updated", inState("ended"));
    expect(ended.call).toMatchObject({ endReason: "hangup", endedBy: "customer" });
    expect((await caller.next("call.updated", inState("ended"))).call.endReason).toBe("hangup");
    expect((await caller.waitClosed()).code).toBe(1000);
    await systemLine(s.customer, /^Video call ended \(\d+ s\)$/);
    expect((await presence(s.fx, s.agent.employeeId)).call).toBeNull();
    // the chat goes on
    s.customer.send({ type: "message.send", clientMsgId: "m2", text: "Thanks!" });
    await s.chatDesk.next("message", (f) => f.message.text === "Thanks!");
  });

  it("the agent hangs up; the call and its talk time reach the conversation history", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer, "voice");
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, caller, callId);
    await tick(1100);
    s.callDesk.send({ type: "call.hangup", callId });
    const ended = await caller.next("call.updated", inState("ended"));
    expect(ended.call).toMatchObject({ endReason: "hangup", endedBy: "agent" });
    await systemLine(s.customer, /^Voice call ended \(1 s\)$/);
    s.customer.send({ type: "conversation.leave" });
    const admin = await adminOf(s.fx);
    let conversation: any = null;
    for (let i = 0; i < 50 && !conversation?.calls?.length; i++) {
      await tick(100);
      const res = await admin.get(`/conversations/${s.conversationId}`);
      conversation = res.status === 200 ? res.body : null;
    }
    expect(conversation.calls).toEqual([
      expect.objectContaining({
        id: callId,
        skillQueueId: s.ctd,
        media: "voice",
        agentEmployeeId: s.agent.employeeId,
        outcome: "hangup",
        endedBy: "agent",
        durationSeconds: 1,
      }),
    ]);
    expect(conversation.transcript.map((l: { text: string }) => l.text)).toContain("Voice call ended (1 s)");
  });

  it("declined by the chat's agent: the call ends, the chat goes on", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    s.callDesk.send({ type: "call.decline", callId });
    const ended = await caller.next("call.updated", inState("ended"));
    expect(ended.call).toMatchObject({ endReason: "declined", endedBy: "agent" });
    await systemLine(s.customer, "Video call declined by the agent");
    expect((await presence(s.fx, s.agent.employeeId)).call).toBeNull();
    // a new call can be placed afterwards
    const second = await placeCall(s.customer);
    expect(second.welcome.state).toBe("ringing");
  });

  it("a quality checker watching the chat sees the call in progress", async () => {
    const s = await chatWithCallableAgent();
    const checkerStaff = await s.fx.addAgent([s.fx.queueId], { platformRole: "qualityChecker" });
    const checker = await connectAgent(checkerStaff, s.fx.queueId);
    await checker.next("session.welcome");
    const { caller, callId } = await placeCall(s.customer, "voice");
    await s.callDesk.next("call.incoming");
    checker.send({ type: "conversation.watch", conversationId: s.conversationId });
    await checker.next("conversation.assigned");
    expect((await checker.next("conversation.call")).call).toMatchObject({ callId, state: "ringing" });
    await answer(s.callDesk, caller, callId);
    const live = await checker.next("conversation.call", (f) => f.call.state === "connected");
    expect(live.call).toMatchObject({ media: "voice", agentEmployeeId: s.agent.employeeId });
    await checker.next("message", (f) => f.message.text === "Voice call started");
    // the customer's chat socket never gets the staff view of the call
    await s.customer.settle(100);
    expect(s.customer.all("conversation.call")).toHaveLength(0);
  });

  it("a second call while one is live is refused", async () => {
    const s = await chatWithCallableAgent();
    await placeCall(s.customer);
    s.customer.send({ type: "call.start", media: "voice" });
    const refused = await s.customer.next("error", (f) => f.ref === "call.start");
    expect(refused).toMatchObject({ code: "conflict", message: "A call is already in progress" });
  });
});

describe("routing in the click-to-dial queue", () => {
  it("a missed ring (30 s) passes the call on to another agent of the queue, who sees the chat", async () => {
    const s = await chatWithCallableAgent();
    const other = await s.fx.addAgent([s.ctd], { agentType: "video" });
    const otherDesk = await connectAgent(other, s.ctd);
    await otherDesk.next("session.welcome");
    s.customer.send({ type: "message.send", clientMsgId: "m1", text: "My order 42 is late" });
    await s.customer.next("message.acked");
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    expect(otherDesk.all("call.incoming")).toHaveLength(0);

    await fire(s.ctd, "callRing", callId);
    expect((await s.callDesk.next("call.updated")).call.agentEmployeeId).toBeNull();
    const incoming = await otherDesk.next("call.incoming");
    expect(incoming.call).toMatchObject({
      callId,
      agentEmployeeId: other.employeeId,
      chatAgentName: s.agent.name,
    });
    expect(incoming.context.map((m) => m.text)).toContain("My order 42 is late");
    expect((await presence(s.fx, s.agent.employeeId)).call).toBeNull();

    await answer(otherDesk, caller, callId);
    await systemLine(s.customer, "Video call started");
  });

  it("the chat's agent busy in another call: the call queues and rings them once they are free", async () => {
    const s = await chatWithCallableAgent();
    const first = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, first.caller, first.callId);

    const second = await connectCustomer(s.fx, { name: "Bo" });
    await s.chatDesk.next("conversation.assigned");
    await second.next("conversation.updated", (f) => f.conversation.state === "connected");
    const waiting = await placeCall(second);
    expect(waiting.welcome).toMatchObject({ state: "queued", agentEmployeeId: null });
    await s.callDesk.settle(150);
    expect(s.callDesk.all("call.incoming")).toHaveLength(0);
    const live = await adminOf(s.fx).then((a) => a.get(`/skill-queues/${s.ctd}/live`));
    expect(live.body).toMatchObject({ waiting: 1, signedIn: 1, idle: 0 });

    first.caller.send({ type: "call.hangup", callId: first.callId });
    const rings = await s.callDesk.next("call.incoming");
    expect(rings.call.callId).toBe(waiting.callId);
    await waiting.caller.next("call.updated", inState("ringing"));
  });

  it("the chat's agent not in the click-to-dial queue: the call waits there for its agents", async () => {
    const s = await chatWithCallableAgent({ agent: { agentType: "multimedia" }, agentInCtd: false });
    const { welcome, caller } = await placeCall(s.customer);
    // nobody is signed in to the click-to-dial queue: its no-agent handling releases the call
    const ended =
      welcome.state === "ended" ? welcome : (await caller.next("call.updated", inState("ended"))).call;
    expect(ended.endReason).toBe("noAgent");
    await systemLine(s.customer, "Video call not answered: no agent for calls is on duty");

    const ctdAgent = await s.fx.addAgent([s.ctd], { agentType: "video" });
    const desk = await connectAgent(ctdAgent, s.ctd);
    await desk.next("session.welcome");
    const next = await placeCall(s.customer, "voice");
    expect(next.welcome.state).toBe("ringing");
    const incoming = await desk.next("call.incoming");
    expect(incoming.call).toMatchObject({ callId: next.callId, agentEmployeeId: ctdAgent.employeeId });
  });

  it("an audio agent takes voice calls, never video calls; a video call waits for someone who does", async () => {
    const s = await chatWithCallableAgent({ agent: { agentType: "multimedia" }, agentInCtd: false });
    const audio = await s.fx.addAgent([s.ctd], { agentType: "audio" });
    const desk = await connectAgent(audio, s.ctd);
    await desk.next("session.welcome");
    const video = await placeCall(s.customer, "video");
    expect(video.welcome.state).toBe("queued");
    await desk.settle(150);
    expect(desk.all("call.incoming")).toHaveLength(0);
    // the queue's max waiting time: the timeout handling releases it
    await fire(s.ctd, "callWait", video.callId);
    expect((await video.caller.next("call.updated", inState("ended"))).call.endReason).toBe("timeout");
    await systemLine(s.customer, "Video call not answered: no agent became free in time");

    const voice = await placeCall(s.customer, "voice");
    expect(voice.welcome.state).toBe("ringing");
    expect((await desk.next("call.incoming")).call.callId).toBe(voice.callId);
  });

  it("no-agent handling may transfer the call to another click-to-dial queue; the call socket follows", async () => {
    const s = await chatWithCallableAgent({ agent: { agentType: "multimedia" }, agentInCtd: false });
    const target = await s.fx.addQueue({ type: "videoClickToDial" });
    const first = await s.fx.addQueue({
      type: "videoClickToDial",
      noAgent: { action: "transfer", transferType: "skillQueue", targetId: target },
    });
    await setClickToDial(s.fx, { calledParty: "agent", skillQueueId: first, ivrAccessCode: null });
    const there = await s.fx.addAgent([target], { agentType: "video" });
    const desk = await connectAgent(there, target);
    await desk.next("session.welcome");
    s.customer.send({ type: "call.start", media: "video" });
    const placed = await s.customer.next("call.placed");
    // nobody is signed in to the first queue: the call went on before its socket arrived
    const late = await TestSocket.open(placed.url);
    const moved = await late.next("call.moved");
    expect((await late.waitClosed()).code).toBe(4004);
    const caller = await TestSocket.open(moved.url);
    expect((await caller.next("call.welcome")).call).toMatchObject({
      callId: placed.callId,
      skillQueueId: target,
      state: "ringing",
    });
    expect((await desk.next("call.incoming")).call.chatSkillQueueId).toBe(s.fx.queueId);
    await answer(desk, caller, placed.callId);
    await systemLine(s.customer, "Video call started");
  });

  it("max call duration ends a connected call; the agent wraps up for the queue's wrap-up time", async () => {
    const s = await chatWithCallableAgent({ ctdQueue: { wrapUpDuration: 5 } });
    const { caller, callId } = await placeCall(s.customer, "voice");
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, caller, callId);
    await fire(s.ctd, "callMaxDuration", callId);
    const ended = await caller.next("call.updated", inState("ended"));
    expect(ended.call).toMatchObject({ endReason: "maxDuration", endedBy: "system" });
    // one agent state: the wrap-up after the call holds in the chat queue too
    const arranging = await s.chatDesk.next("agent.updated", (f) => f.agent.status === "arranging");
    expect(Math.round((arranging.agent.wrapUpUntil! - Date.now()) / 1000)).toBe(10);
  });
});

describe("the call's lifeline is its sockets", () => {
  it("the customer's call socket lost mid-call ends the call and frees the agent", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, caller, callId);
    caller.close();
    const ended = await s.callDesk.next("call.updated", inState("ended"));
    expect(ended.call).toMatchObject({ endReason: "connectionLost", endedBy: "customer" });
    expect((await presence(s.fx, s.agent.employeeId)).call).toBeNull();
    await systemLine(s.customer, /^Video call ended \(\d+ s\)$/);
  });

  it("the agent's socket lost mid-call ends it for the customer too", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, caller, callId);
    s.callDesk.close();
    const ended = await caller.next("call.updated", inState("ended"));
    expect(ended.call).toMatchObject({ endReason: "connectionLost", endedBy: "agent" });
    expect((await caller.waitClosed()).code).toBe(1000);
    expect((await presence(s.fx, s.agent.employeeId)).call).toBeNull();
  });

  it("the chat ending ends its call", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, caller, callId);
    s.chatDesk.send({ type: "conversation.end", conversationId: s.conversationId });
    expect((await caller.next("call.updated", inState("ended"))).call.endReason).toBe("chatEnded");
  });

  it("while a call is live the no-reply dialog end waits", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    await answer(s.callDesk, caller, callId);
    await sql(s.fx.queueId, "UPDATE conversations SET last_customer_at = 0");
    await fire(s.fx.queueId, "noReply", s.conversationId);
    const [row] = await sql<{ state: string }>(
      s.fx.queueId,
      "SELECT state FROM conversations WHERE id = ?",
      s.conversationId,
    );
    expect(row?.state).toBe("connected");
    const [timer] = await sql<{ due_at: number }>(
      s.fx.queueId,
      "SELECT due_at FROM timers WHERE kind = 'noReply'",
    );
    expect(timer!.due_at).toBeGreaterThan(Date.now());
  });
});

describe("only the two parties, and every frame checked", () => {
  it("another agent cannot answer or signal the call; signalling waits for the connection", async () => {
    const s = await chatWithCallableAgent();
    const other = await s.fx.addAgent([s.ctd], { agentType: "video" });
    const otherDesk = await connectAgent(other, s.ctd);
    await otherDesk.next("session.welcome");
    const { caller, callId } = await placeCall(s.customer);
    await s.callDesk.next("call.incoming");
    caller.send({ type: "call.signal", callId, signal: offer });
    expect((await caller.next("error")).code).toBe("conflict");
    otherDesk.send({ type: "call.accept", callId });
    expect((await otherDesk.next("error")).code).toBe("not_found");
    await answer(s.callDesk, caller, callId);
    otherDesk.send({ type: "call.signal", callId, signal: answerSdp });
    expect((await otherDesk.next("error")).code).toBe("not_found");
    caller.send({ type: "call.signal", callId: "cl_someone_else", signal: offer });
    expect((await caller.next("error")).code).toBe("not_found");
    await caller.settle(100);
    expect(caller.all("call.signalled")).toHaveLength(0);
  });

  it("malformed, oversized and flooding call frames", async () => {
    const s = await chatWithCallableAgent();
    const { caller, callId } = await placeCall(s.customer);
    caller.send({ type: "call.signal", callId, signal: { kind: "offer", sdp: "x".repeat(15_001) } });
    expect(await caller.next("error")).toMatchObject({ code: "invalid_frame", ref: "call.signal" });
    caller.send({ type: "call.signal", callId, signal: { kind: "ice", candidate: { candidate: 5 } } });
    expect((await caller.next("error")).code).toBe("invalid_frame");
    caller.send({ type: "message.send", clientMsgId: "x", text: "not on this socket" });
    expect((await caller.next("error")).code).toBe("invalid_frame");
    caller.send(JSON.stringify({ type: "call.hangup", callId, pad: "x".repeat(MAX_FRAME_BYTES) }));
    expect((await caller.waitClosed()).code).toBe(1009);
    // the socket was the call's lifeline
    await systemLine(s.customer, "Video call cancelled");

    const flood = await placeCall(s.customer);
    for (let i = 0; i <= RATE_LIMIT_FRAMES; i++)
      flood.caller.send({
        type: "call.signal",
        callId: flood.callId,
        signal: { kind: "media", audio: true, video: true },
      });
    expect((await flood.caller.waitClosed()).code).toBe(1008);
  });

  it("a call ticket opens only the call socket, and only once", async () => {
    const s = await chatWithCallableAgent();
    s.customer.send({ type: "call.start", media: "voice" });
    const first = await s.customer.next("call.placed");
    await expect(TestSocket.open(first.url.replace("/ws/call", "/ws/chat"))).rejects.toThrow(/401/);
    s.customer.send({ type: "call.start", media: "voice" });
    // the first call is still ringing: no second one
    expect((await s.customer.next("error", (f) => f.ref === "call.start")).code).toBe("conflict");
  });

  it("a call ticket is single use", async () => {
    const s = await chatWithCallableAgent();
    s.customer.send({ type: "call.start", media: "voice" });
    const placed = await s.customer.next("call.placed");
    await TestSocket.open(placed.url);
    await expect(TestSocket.open(placed.url)).rejects.toThrow(/401/);
  });
});
