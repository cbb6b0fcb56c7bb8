import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AgentDesk } from "./agent-desk";
import { fakeSockets } from "./test/fake-socket";
import { msg, summary } from "./test/frames";

const agent = {
  employeeId: "1001",
  name: "Alice",
  status: "idle",
  activeChats: 0,
  maxConcurrentChats: 5,
  wrapUpUntil: null,
};

const welcome = (serverTime: number) => ({
  type: "session.welcome",
  role: "agent",
  skillQueueId: "sq1",
  conversations: [],
  agent,
  serverTime,
});

async function connected(serverTime = Date.now()) {
  const sockets = fakeSockets();
  const newChats: string[] = [];
  const desk = new AgentDesk({
    ticket: async () => "ws://x/ws/agent?ticket=1",
    createSocket: sockets.create,
    onNewChat: (c) => newChats.push(c.conversationId),
    socket: { random: () => 1 },
  });
  desk.start();
  await vi.advanceTimersByTimeAsync(0);
  sockets.last.open();
  sockets.last.push(welcome(serverTime));
  return { desk, sockets, newChats };
}

const queued = summary({ conversationId: "cv9", state: "queued", agentEmployeeId: null, agentName: null });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("AgentDesk offers and assistant suggestions", () => {
  it("keeps an offer until it ends, counts down in server time and answers it", async () => {
    const { desk, sockets, newChats } = await connected(Date.now() + 5000);
    sockets.last.push({
      type: "conversation.offered",
      conversation: queued,
      expiresAt: Date.now() + 5000 + 20_000,
      preview: "Is anyone there?",
    });
    expect(desk.offers.get("cv9")).toMatchObject({ preview: "Is anyone there?" });
    expect(newChats).toEqual(["cv9"]);
    expect(desk.offerSecondsLeft(desk.offers.get("cv9")!)).toBe(20);
    expect(desk.offerSecondsLeft(desk.offers.get("cv9")!, Date.now() + 19_001)).toBe(1);
    expect(desk.offerSecondsLeft(desk.offers.get("cv9")!, Date.now() + 25_000)).toBe(0);

    expect(desk.rejectOffer("cv9")).toBe(true);
    expect(desk.acceptOffer("cv9")).toBe(true);
    expect(sockets.last.frames().slice(-2)).toEqual([
      { type: "offer.reject", conversationId: "cv9" },
      { type: "offer.accept", conversationId: "cv9" },
    ]);
    sockets.last.push({ type: "offer.ended", conversationId: "cv9", reason: "accepted" });
    expect(desk.offers.size).toBe(0);
    sockets.last.push({
      type: "conversation.assigned",
      conversation: { ...queued, state: "connected", agentEmployeeId: "1001" },
      messages: [],
      hasEarlier: false,
    });
    // told once, when it was offered
    expect(newChats).toEqual(["cv9"]);
    expect(desk.chats.has("cv9")).toBe(true);
  });

  it("forgets offers on a new welcome (the server sends the open ones again)", async () => {
    const { desk, sockets } = await connected();
    sockets.last.push({
      type: "conversation.offered",
      conversation: queued,
      expiresAt: Date.now(),
      preview: null,
    });
    sockets.last.push(welcome(Date.now()));
    expect(desk.offers.size).toBe(0);
  });

  it("keeps the latest suggestions of each chat until a later customer message", async () => {
    const { desk, sockets } = await connected();
    sockets.last.push({
      type: "conversation.assigned",
      conversation: summary(),
      messages: [],
      hasEarlier: false,
    });
    const suggested = (seq: number, reply: string) =>
      sockets.last.push({
        type: "assistant.suggested",
        conversationId: "cv1",
        seq,
        suggestions: [{ reply, confidence: 0.64 }],
      });
    suggested(3, "Refunds take 3 days.");
    suggested(5, "Let me track your parcel.");
    expect(desk.suggestions.get("cv1")).toEqual({
      seq: 5,
      suggestions: [{ reply: "Let me track your parcel.", confidence: 0.64 }],
    });
    // a later customer message the robot has nothing for: the old suggestions go
    sockets.last.push({ type: "message", message: msg(5, { sender: "customer", text: "again" }) });
    expect(desk.suggestions.has("cv1")).toBe(true);
    sockets.last.push({ type: "message", message: msg(6, { sender: "customer", text: "hm" }) });
    expect(desk.suggestions.has("cv1")).toBe(false);
  });

  it("drops suggestions that arrive after the customer wrote again (they answer an earlier message)", async () => {
    const { desk, sockets } = await connected();
    sockets.last.push({
      type: "conversation.assigned",
      conversation: summary(),
      messages: [msg(4, { sender: "customer", text: "How long does a refund take?" })],
      hasEarlier: false,
    });
    const suggested = (seq: number, reply: string) =>
      sockets.last.push({
        type: "assistant.suggested",
        conversationId: "cv1",
        seq,
        suggestions: [{ reply, confidence: 0.64 }],
      });
    // the queue object works suggestions out after reading its configuration: a question the robot
    // has no answer for (5) can reach the desk before the answer to the one before it (4)
    sockets.last.push({ type: "message", message: msg(5, { sender: "customer", text: "gift cards?" }) });
    suggested(4, "Refunds take 3 days.");
    expect(desk.suggestions.has("cv1")).toBe(false);
    // the agent's own later message does not make them stale; an older one after a newer does
    sockets.last.push({ type: "message", message: msg(6, { sender: "agent", text: "One moment." }) });
    suggested(5, "We sell gift cards.");
    suggested(4, "Refunds take 3 days.");
    expect(desk.suggestions.get("cv1")).toEqual({
      seq: 5,
      suggestions: [{ reply: "We sell gift cards.", confidence: 0.64 }],
    });
  });
});
