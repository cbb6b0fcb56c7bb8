import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AgentPresence, CloseCode } from "../../../worker/realtime/protocol";
import { AgentDesk } from "./agent-desk";
import { fakeSockets } from "./test/fake-socket";
import { msg, presence, summary } from "./test/frames";

const welcome = (conversations = [summary()], agent: AgentPresence | null = presence(), role = "agent") => ({
  type: "session.welcome",
  role,
  skillQueueId: "sq1",
  conversations,
  agent,
  serverTime: Date.now(),
});

function setup() {
  const sockets = fakeSockets();
  const newChats: string[] = [];
  let n = 0;
  const desk = new AgentDesk({
    ticket: async () => `ws://x/ws/agent?ticket=${++n}`,
    createSocket: sockets.create,
    onNewChat: (c) => newChats.push(c.conversationId),
    socket: { random: () => 1 },
  });
  return { desk, sockets, newChats };
}

async function open(t: ReturnType<typeof setup>, w: object) {
  await vi.advanceTimersByTimeAsync(0);
  t.sockets.last.open();
  t.sockets.last.push(w);
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("AgentDesk", () => {
  it("stops on close code 4005 (access revoked), shows the server's reason and never reconnects", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([]));
    t.sockets.last.drop(CloseCode.revoked, "You are no longer configured for this skill queue");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.sockets.made).toHaveLength(1);
    expect(t.desk.connection).toBe("closed");
    expect(t.desk.stopReason).toBe("revoked");
    expect(t.desk.notice).toBe(
      "You are no longer configured for this skill queue. Ask your administrator if this is unexpected.",
    );
  });

  it("resumes every live conversation from the last seq it holds after a reconnect, then resends unacked replies", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([]));
    expect(t.sockets.last.frames()).toEqual([]);
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary(),
      messages: [msg(1, { sender: "customer" }), msg(2, { sender: "robot" })],
    });
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: "cv2", startedAt: 2000 }),
      messages: [],
    });
    expect(t.newChats).toEqual(["cv1", "cv2"]);
    expect(t.desk.list().map((c) => c.summary.conversationId)).toEqual(["cv2", "cv1"]);
    t.sockets.last.drop();
    const reply = t.desk.send("cv1", "on my way")!;
    await vi.advanceTimersByTimeAsync(500);
    await open(t, welcome([summary(), summary({ conversationId: "cv2", startedAt: 2000 })]));
    expect(t.sockets.last.frames()).toEqual([
      {
        type: "session.resume",
        conversations: [
          { conversationId: "cv1", lastSeq: 2, lastNoteSeq: 0 },
          { conversationId: "cv2", lastSeq: 0, lastNoteSeq: 0 },
        ],
      },
      { type: "message.send", conversationId: "cv1", clientMsgId: reply, text: "on my way" },
    ]);
    t.sockets.last.push({ type: "message.acked", conversationId: "cv1", clientMsgId: reply, seq: 3 });
    t.sockets.last.push({ type: "message", message: msg(3, { text: "on my way", clientMsgId: reply }) });
    t.sockets.last.push({ type: "message", message: msg(3, { text: "on my way", clientMsgId: reply }) });
    expect(t.desk.bubbles("cv1").map((b) => [b.key, b.mine, b.state])).toEqual([
      ["s1", false, "sent"],
      ["s2", false, "sent"],
      ["s3", true, "sent"],
    ]);
    expect(t.newChats).toEqual(["cv1", "cv2"]);
  });

  it("counts unread customer messages of chats not in view and clears them on select with a read receipt", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([]));
    t.sockets.last.push({ type: "conversation.assigned", conversation: summary(), messages: [] });
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: "cv2" }),
      messages: [],
    });
    expect(t.desk.selected).toBe("cv1");
    t.sockets.last.push({ type: "message", message: msg(1, { conversationId: "cv2", sender: "customer" }) });
    t.sockets.last.push({ type: "message", message: msg(2, { conversationId: "cv2", sender: "customer" }) });
    t.sockets.last.push({ type: "message", message: msg(1, { sender: "customer" }) });
    expect(t.desk.chats.get("cv2")?.unread).toBe(2);
    expect(t.desk.chats.get("cv1")?.unread).toBe(0);
    t.desk.select("cv2");
    expect(t.desk.chats.get("cv2")?.unread).toBe(0);
    expect(t.sockets.last.frames().filter((f) => f.type === "read.mark")).toEqual([
      { type: "read.mark", conversationId: "cv1", seq: 1 },
      { type: "read.mark", conversationId: "cv2", seq: 2 },
    ]);
  });

  it("marks ended and removed chats closed, keeps them until dismissed, and shows the evaluation", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([]));
    t.sockets.last.push({ type: "conversation.assigned", conversation: summary(), messages: [] });
    t.sockets.last.push({
      type: "conversation.updated",
      conversation: summary({ state: "ended" }),
      reason: "agentEnded",
    });
    t.sockets.last.push({ type: "evaluation.recorded", conversationId: "cv1", rating: 5, comment: "great" });
    const chat = t.desk.chats.get("cv1")!;
    expect(chat.closed).toBe("agentEnded");
    expect(chat.evaluation).toEqual({ rating: 5, comment: "great" });
    t.desk.dismiss("cv1");
    expect(t.desk.chats.size).toBe(0);
  });

  it("counts the wrap-up down on the server's clock", async () => {
    const t = setup();
    t.desk.start();
    const until = Date.now() + 10_000;
    await open(t, welcome([], presence({ status: "arranging", wrapUpUntil: until })));
    expect(t.desk.wrapUpSecondsLeft()).toBe(10);
    expect(t.desk.wrapUpSecondsLeft(Date.now() + 9_001)).toBe(1);
    expect(t.desk.wrapUpSecondsLeft(Date.now() + 10_000)).toBe(0);
    t.sockets.last.push({ type: "agent.updated", agent: presence({ status: "idle" }) });
    expect(t.desk.wrapUpSecondsLeft()).toBe(0);
  });

  it("a quality checker watches again after a reconnect and inserts instead of replying", async () => {
    const t = setup();
    t.desk.setSelf("2001");
    t.desk.start();
    await open(t, welcome([], null, "qualityChecker"));
    t.sockets.last.push({
      type: "queue.snapshot",
      conversations: [summary()],
      agents: [presence()],
      waiting: 0,
    });
    expect(t.desk.snapshot?.agents[0]?.name).toBe("Alice");
    t.desk.watch("cv1");
    t.sockets.last.push({ type: "conversation.assigned", conversation: summary(), messages: [msg(1)] });
    expect(t.desk.chats.get("cv1")?.watched).toBe(true);
    expect(t.newChats).toEqual([]);
    const id = t.desk.send("cv1", "checking in")!;
    expect(t.sockets.last.frames().at(-1)).toEqual({
      type: "checker.insert",
      conversationId: "cv1",
      clientMsgId: id,
      text: "checking in",
    });
    t.sockets.last.drop();
    await vi.advanceTimersByTimeAsync(500);
    await open(t, welcome([], null, "qualityChecker"));
    expect(t.sockets.last.frames()[0]).toEqual({ type: "conversation.watch", conversationId: "cv1" });
    t.sockets.last.push({ type: "agent.updated", agent: presence({ status: "busy" }) });
    expect(t.desk.snapshot?.agents[0]?.status).toBe("busy");
  });

  it("keeps the Messages inbox from the server, picks up one and opens it when it arrives", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([summary({ conversationId: "cv0" })]));
    const item = {
      conversationId: "cv9",
      customerName: "Ada",
      customerNameVerified: false,
      contact: "ada@example.com",
      leftAt: 1000,
      expiresAt: 2000,
      preview: "Refund?",
    };
    t.sockets.last.push({ type: "leftMessages.updated", items: [item], total: 1 });
    expect(t.desk.leftMessages).toEqual([item]);
    expect(t.desk.leftTotal).toBe(1);
    expect(t.desk.pickUp("cv9")).toBe(true);
    expect(t.sockets.last.frames().at(-1)).toEqual({ type: "leftMessage.pickUp", conversationId: "cv9" });
    t.sockets.last.push({ type: "leftMessages.updated", items: [], total: 0 });
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: "cv9", contact: "ada@example.com" }),
      messages: [msg(1, { conversationId: "cv9", sender: "customer", text: "Refund?" })],
    });
    expect(t.desk.leftMessages).toEqual([]);
    expect(t.desk.selected).toBe("cv9");
  });

  it("a pickup another agent won: the conflict is shown and nothing opens", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([summary({ conversationId: "cv0" })]));
    t.desk.select("cv0");
    t.desk.pickUp("cv9");
    t.sockets.last.push({
      type: "error",
      code: "conflict",
      message: "Another agent already picked up this message",
      ref: "cv9",
    });
    expect(t.desk.notice).toBe("Another agent already picked up this message");
    expect(t.desk.selected).toBe("cv0");
  });

  it("after an intercept a checker's view credits each message to its real sender", async () => {
    const t = setup();
    t.desk.setSelf("2001", "Quinn");
    t.desk.start();
    await open(t, welcome([], null, "qualityChecker"));
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary({ agentEmployeeId: "2001", agentName: "Quinn" }),
      messages: [
        msg(1, { sender: "customer", senderName: "Ann" }),
        msg(2, { sender: "agent", senderName: "Alice", text: "Alice here" }),
        msg(3, { sender: "checker", senderName: "Quinn", text: "note" }),
        msg(4, { sender: "system", senderName: null, text: "Quinn took over the conversation." }),
        msg(5, { sender: "agent", senderName: "Quinn", text: "Quinn here" }),
      ],
    });
    const chat = t.desk.chats.get("cv1");
    expect(chat?.watched).toBe(false);
    const who = t.desk.bubbles("cv1").map((b) => [b.text, b.sender, b.senderName, b.mine]);
    expect(who).toEqual([
      ["m1", "customer", "Ann", false],
      ["Alice here", "agent", "Alice", false],
      ["note", "checker", "Quinn", true],
      ["Quinn took over the conversation.", "system", null, false],
      ["Quinn here", "agent", "Quinn", true],
    ]);
  });

  it("an agent who gets a transferred chat does not take the earlier agent's messages for their own", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([]));
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary(),
      messages: [msg(1, { senderName: "Bob" }), msg(2, { senderName: "Alice" })],
    });
    expect(t.desk.bubbles("cv1").map((b) => b.mine)).toEqual([false, true]);
  });

  it("keeps the customer's context from the assignment and its updates", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome([]));
    const context = {
      pageUrl: "https://shop.example/cart",
      pageTitle: "Cart",
      referrer: null,
      pageAt: 5,
      userAgent: "UA",
      locale: "zh-CN",
    };
    t.sockets.last.push({ type: "conversation.assigned", conversation: summary(), messages: [], context });
    expect(t.desk.chats.get("cv1")?.context).toEqual(context);
    t.sockets.last.push({
      type: "customer.context",
      conversationId: "cv1",
      context: { ...context, pageUrl: "https://shop.example/pay", pageTitle: "Pay" },
    });
    expect(t.desk.chats.get("cv1")?.context?.pageTitle).toBe("Pay");
    t.sockets.last.push({ type: "customer.context", conversationId: "nope", context });
    expect(t.desk.chats.has("nope")).toBe(false);
  });

  it("leaves the selection alone when told not to select new chats (a desk set selects)", async () => {
    const sockets = fakeSockets();
    const desk = new AgentDesk({
      ticket: async () => "ws://x/ws/agent?ticket=1",
      createSocket: sockets.create,
      autoSelect: false,
    });
    desk.start();
    await vi.advanceTimersByTimeAsync(0);
    sockets.last.open();
    sockets.last.push(welcome([]));
    sockets.last.push({ type: "conversation.assigned", conversation: summary(), messages: [] });
    expect(desk.selected).toBeNull();
  });

  it("sends an uploaded file as a reply, with or without a caption, and shows it while on its way", async () => {
    const t = setup();
    t.desk.start();
    await open(t, welcome());
    const file = {
      id: "at_1",
      name: "terms.pdf",
      contentType: "application/pdf",
      size: 9,
      kind: "file" as const,
    };
    const id = t.desk.send("cv1", "", file)!;
    expect(t.sockets.last.frames().at(-1)).toEqual({
      type: "message.send",
      conversationId: "cv1",
      clientMsgId: id,
      text: "",
      attachmentId: "at_1",
    });
    expect(t.desk.bubbles("cv1").at(-1)).toMatchObject({ text: "", attachment: file, state: "sending" });
    t.desk.send("cv1", " our terms ", file);
    expect(t.sockets.last.frames().at(-1)).toMatchObject({ text: "our terms", attachmentId: "at_1" });
    expect(t.desk.send("cv1", "  ")).toBeNull();
  });
});
