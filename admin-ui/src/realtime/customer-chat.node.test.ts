import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CloseCode } from "../../../worker/realtime/protocol";
import { CustomerChat, type CustomerUser } from "./customer-chat";
import { fakeSockets } from "./test/fake-socket";
import { msg, summary, welcomeCustomer } from "./test/frames";

type Call = { url: string; body: Record<string, unknown> };

function setup(
  answer: (n: number) => { status: number; body: unknown } = () => ({
    status: 201,
    body: { url: "/ws/chat?ticket=t" },
  }),
  user: () => CustomerUser = () => ({ name: "Ann" }),
) {
  const sockets = fakeSockets();
  const calls: Call[] = [];
  const fetchFake = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    const a = answer(calls.length);
    return new Response(JSON.stringify(a.body), { status: a.status });
  }) as unknown as typeof fetch;
  const chat = new CustomerChat({
    apiOrigin: "https://cs.example",
    channelId: "ch1",
    visitorId: "visitor-0123456789",
    user,
    createSocket: sockets.create,
    fetch: fetchFake,
    socket: { random: () => 1 },
  });
  return { chat, sockets, calls };
}

async function connect(t: ReturnType<typeof setup>, c = summary()) {
  await vi.advanceTimersByTimeAsync(0);
  t.sockets.last.open();
  t.sockets.last.push(welcomeCustomer(c));
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("CustomerChat", () => {
  it("asks for a ticket with the channel, visitor and name, and connects to the wss URL on the API origin", async () => {
    const t = setup();
    t.chat.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls).toEqual([
      {
        url: "https://cs.example/api/v1/chat/tickets",
        body: { channelId: "ch1", visitorId: "visitor-0123456789", name: "Ann" },
      },
    ]);
    expect(t.sockets.last.url).toBe("wss://cs.example/ws/chat?ticket=t");
  });

  it("resumes from 0 on the first welcome and from the last seq held after a reconnect", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    expect(t.sockets.last.frames()).toEqual([{ type: "session.resume", lastSeq: 0 }]);
    t.sockets.last.push({ type: "message", message: msg(1) });
    t.sockets.last.push({ type: "message", message: msg(2) });
    t.sockets.last.drop();
    await vi.advanceTimersByTimeAsync(500);
    await connect(t);
    expect(t.sockets.last.frames()).toEqual([{ type: "session.resume", lastSeq: 2 }]);
  });

  it("resends unacknowledged messages after a reconnect with the same clientMsgId; no message shows twice", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    const id = t.chat.send("  hello  ")!;
    expect(t.sockets.last.frames()[1]).toEqual({ type: "message.send", clientMsgId: id, text: "hello" });
    expect(t.chat.bubbles().map((b) => [b.text, b.state])).toEqual([["hello", "sending"]]);
    t.sockets.last.drop();
    const offline = t.chat.send("typed while offline")!;
    await vi.advanceTimersByTimeAsync(500);
    await connect(t);
    expect(t.sockets.last.frames()).toEqual([
      { type: "session.resume", lastSeq: 0 },
      { type: "message.send", clientMsgId: id, text: "hello" },
      { type: "message.send", clientMsgId: offline, text: "typed while offline" },
    ]);
    // The first send did arrive before the drop: the replay and the re-ack both mention seq 1.
    t.sockets.last.push({
      type: "message",
      message: msg(1, { sender: "customer", text: "hello", clientMsgId: id }),
    });
    t.sockets.last.push({ type: "session.resumed", conversationId: "cv1", lastSeq: 1, replayed: 1 });
    t.sockets.last.push({ type: "message.acked", conversationId: "cv1", clientMsgId: id, seq: 1 });
    t.sockets.last.push({ type: "message.acked", conversationId: "cv1", clientMsgId: offline, seq: 2 });
    expect(t.chat.bubbles().map((b) => [b.key, b.text, b.state])).toEqual([
      ["s1", "hello", "sent"],
      ["s2", "typed while offline", "sent"],
    ]);
    t.sockets.last.push({
      type: "message",
      message: msg(2, { sender: "customer", text: "typed while offline", clientMsgId: offline }),
    });
    t.sockets.last.push({
      type: "message",
      message: msg(1, { sender: "customer", text: "hello", clientMsgId: id }),
    });
    t.sockets.last.push({ type: "read", conversationId: "cv1", by: "agent", seq: 1 });
    expect(t.chat.bubbles().map((b) => [b.key, b.state])).toEqual([
      ["s1", "read"],
      ["s2", "sent"],
    ]);
  });

  it("shows a message the server refused as failed", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    const id = t.chat.send("late")!;
    t.sockets.last.push({ type: "error", code: "conflict", message: "The conversation has ended", ref: id });
    expect(t.chat.bubbles().map((b) => [b.text, b.state])).toEqual([["late", "failed"]]);
    expect(t.chat.notice).toBe("The conversation has ended");
  });

  it("drops frames that do not match the protocol", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    t.sockets.last.push({ type: "message", message: { seq: "1", text: "x" } });
    t.sockets.last.push({ type: "unknown.thing" });
    expect(t.chat.bubbles()).toEqual([]);
  });

  it("starts a fresh transcript when the server welcomes it into another conversation", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    t.sockets.last.push({ type: "message", message: msg(1) });
    t.sockets.last.drop();
    await vi.advanceTimersByTimeAsync(500);
    await connect(t, summary({ conversationId: "cv2", state: "bot" }));
    expect(t.sockets.last.frames()).toEqual([{ type: "session.resume", lastSeq: 0 }]);
    expect(t.chat.bubbles()).toEqual([]);
    expect(t.chat.conversation?.conversationId).toBe("cv2");
  });

  it("tracks queue position and reminders until an agent connects, then the agent's name", async () => {
    const t = setup();
    t.chat.start();
    await connect(t, summary({ state: "queued", agentName: null, agentEmployeeId: null, connectedAt: null }));
    t.sockets.last.push({
      type: "queue.position",
      conversationId: "cv1",
      position: 2,
      estimatedWaitSeconds: 40,
      reminder: null,
    });
    t.sockets.last.push({
      type: "queue.position",
      conversationId: "cv1",
      position: 1,
      estimatedWaitSeconds: 20,
      reminder: "You are number 1",
    });
    expect(t.chat.queue).toEqual({ position: 1, estimatedWaitSeconds: 20 });
    expect(t.chat.reminder).toBe("You are number 1");
    expect(t.chat.canEvaluate).toBe(false);
    t.sockets.last.push({ type: "conversation.updated", conversation: summary(), reason: null });
    expect(t.chat.queue).toBeNull();
    expect(t.chat.conversation?.agentName).toBe("Alice");
    expect(t.chat.canEvaluate).toBe(true);
  });

  it("follows a move: the next socket uses the server's URL made absolute", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    t.sockets.last.push({ type: "session.moved", skillQueueId: "sq2", url: "/ws/chat?ticket=moved" });
    t.sockets.last.drop(CloseCode.moved);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.last.url).toBe("wss://cs.example/ws/chat?ticket=moved");
    expect(t.calls).toHaveLength(1);
  });

  it("stops and explains when the channel refuses the ticket", async () => {
    const t = setup(() => ({
      status: 403,
      body: { detail: "This page's origin is not allowed to open this channel" },
    }));
    t.chat.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.chat.connection).toBe("closed");
    expect(t.chat.stopReason).toBe("refused");
    expect(t.chat.refused).toMatch(/origin is not allowed/);
  });

  it("tells the integrator in the browser console why the ticket was refused", async () => {
    const detail = "This page's origin https://blog.example is not allowed to open this channel: add it";
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const t = setup(() => ({ status: 403, body: { detail } }));
    t.chat.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledWith(`EdgeChat: ${detail}`);
    error.mockRestore();
  });

  const form = {
    fields: [{ key: "name", kind: "name", label: "Name", required: true, options: [] }],
    locked: {},
  };
  it.each([
    ["asks for it (200 without a ticket)", 200, { preChatForm: form }],
    [
      "refuses its values (422 with the form)",
      422,
      { detail: "invalid", errors: { "preChat.name": ["Name is required"] }, preChatForm: form },
    ],
  ])(
    "shows the pre-chat form when the server %s, then sends its values with the next ticket",
    async (_what, status, body) => {
      const user: CustomerUser = { name: "Ann" };
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      const t = setup(
        (n) => (n === 1 ? { status, body } : { status: 201, body: { url: "/ws/chat?ticket=t" } }),
        () => user,
      );
      t.chat.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(t.chat.stopReason).toBe("refused");
      expect(t.chat.form).toEqual(body);
      expect(t.chat.refused).toBeNull();
      expect(error).not.toHaveBeenCalled();
      error.mockRestore();

      user.preChat = { name: "Ann Lee" };
      t.chat.restart();
      expect(t.chat.form).toBeNull();
      await vi.advanceTimersByTimeAsync(0);
      expect(t.calls[1]?.body).toEqual({
        channelId: "ch1",
        visitorId: "visitor-0123456789",
        name: "Ann",
        preChat: { name: "Ann Lee" },
      });
      expect(t.sockets.last.url).toBe("wss://cs.example/ws/chat?ticket=t");
    },
  );

  it("retries the ticket after a server error", async () => {
    const t = setup((n) =>
      n === 1 ? { status: 503, body: {} } : { status: 201, body: { url: "/ws/chat?ticket=t" } },
    );
    t.chat.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.calls).toHaveLength(2);
    expect(t.sockets.made).toHaveLength(1);
  });

  it("records evaluations (the last one counts) and emits messages to listeners", async () => {
    const t = setup();
    const seen: number[] = [];
    t.chat.on("message", (m) => seen.push(m.seq));
    t.chat.start();
    await connect(t);
    expect(t.chat.evaluate(4, "ok")).toBe(true);
    expect(t.sockets.last.frames()[1]).toEqual({ type: "evaluation.submit", rating: 4, comment: "ok" });
    t.sockets.last.push({ type: "evaluation.recorded", conversationId: "cv1", rating: 4, comment: "ok" });
    t.sockets.last.push({ type: "evaluation.recorded", conversationId: "cv1", rating: 2, comment: "meh" });
    expect(t.chat.evaluation).toEqual({ rating: 2, comment: "meh" });
    t.sockets.last.push({ type: "message", message: msg(2) });
    t.sockets.last.push({ type: "message", message: msg(2) });
    expect(seen).toEqual([2]);
  });

  it("reports the page when it changed since the last report of this connection, and again after a reconnect", async () => {
    const t = setup();
    t.chat.start();
    await connect(t);
    const cart = { url: "https://shop.example/cart", title: "Cart", referrer: "" };
    const reports = () => t.sockets.last.frames().filter((f) => f.type === "page.viewed");
    t.chat.reportPage(cart);
    t.chat.reportPage(cart);
    t.chat.reportPage(null);
    expect(reports()).toEqual([{ type: "page.viewed", ...cart }]);
    t.chat.reportPage({ ...cart, title: "Cart (2)" });
    expect(reports().map((f) => f.title)).toEqual(["Cart", "Cart (2)"]);
    t.sockets.last.drop();
    t.chat.reportPage(cart);
    await vi.advanceTimersByTimeAsync(1000);
    await connect(t);
    t.chat.reportPage({ ...cart, title: "Cart (2)" });
    expect(reports().map((f) => f.title)).toEqual(["Cart (2)"]);
  });

  it("keeps the welcome's attachment offer and sends a file with an optional caption, shown with the file", async () => {
    const t = setup();
    t.chat.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    const offer = { token: "tok", expiresAt: 9000, maxBytes: 1024, allowedTypes: ["image/png"] };
    t.sockets.last.push({ ...welcomeCustomer(summary()), attachments: offer });
    expect(t.chat.attachments).toEqual(offer);
    const file = { id: "at_1", name: "a.png", contentType: "image/png", size: 9, kind: "image" as const };
    expect(t.chat.send("  ", undefined)).toBeNull();
    const id = t.chat.send("", file)!;
    expect(t.sockets.last.frames()[1]).toEqual({
      type: "message.send",
      clientMsgId: id,
      text: "",
      attachmentId: "at_1",
    });
    expect(t.chat.bubbles()).toMatchObject([{ text: "", attachment: file, state: "sending" }]);
    t.sockets.last.push({ type: "message.acked", conversationId: "cv1", clientMsgId: id, seq: 1 });
    expect(t.chat.bubbles()).toMatchObject([{ seq: 1, attachment: file, state: "sent" }]);
    t.sockets.last.push({
      type: "message",
      message: msg(1, { sender: "customer", clientMsgId: id, text: "", attachment: file }),
    });
    expect(t.chat.bubbles()).toMatchObject([{ seq: 1, attachment: file, mine: true }]);
    // a welcome without an offer (no signing key on the deployment) turns the button off
    t.sockets.last.push(welcomeCustomer(summary()));
    expect(t.chat.attachments).toBeNull();
  });
});
