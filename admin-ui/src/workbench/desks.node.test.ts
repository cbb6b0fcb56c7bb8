import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AgentDesk } from "../realtime/agent-desk";
import { type FakeSocket, fakeSockets } from "../realtime/test/fake-socket";
import { msg, presence, summary } from "../realtime/test/frames";
import { DeskSet, type Selection } from "./desks";
import { queuesToSignIn, savedQueues, saveQueues } from "./queue-choice";
import { memoryStorage } from "./test/memory-storage";

const welcome = (queueId: string, conversations = [] as ReturnType<typeof summary>[]) => ({
  type: "session.welcome",
  role: "agent",
  skillQueueId: queueId,
  conversations,
  agent: presence(),
  serverTime: Date.now(),
});

const QUEUES = [
  { id: "sqA", name: "Sales" },
  { id: "sqB", name: "Billing" },
];

function setup() {
  const sockets = fakeSockets();
  const byQueue = new Map<string, FakeSocket>();
  const events = {
    signedIn: [] as string[][],
    selections: [] as (Selection | null)[],
    fresh: [] as string[],
  };
  const set = new DeskSet({
    queues: QUEUES,
    createDesk: (queueId, hooks) =>
      new AgentDesk({
        ticket: async () => `ws://x/ws/agent?ticket=${queueId}`,
        createSocket: (url) => {
          const s = sockets.create(url);
          byQueue.set(queueId, s);
          return s;
        },
        autoSelect: false,
        socket: { random: () => 1 },
        ...hooks,
      }),
    onSignedIn: (ids) => events.signedIn.push(ids),
    onSelect: (s) => events.selections.push(s),
    onNewChat: (queueId, c) => events.fresh.push(`${queueId}/${c.conversationId}`),
  });
  const socket = (queueId: string) => {
    const s = byQueue.get(queueId);
    if (!s) throw new Error(`no socket for ${queueId}`);
    return s;
  };
  return { set, sockets, socket, events };
}

async function connect(
  t: ReturnType<typeof setup>,
  queueId: string,
  conversations: ReturnType<typeof summary>[] = [],
) {
  await vi.advanceTimersByTimeAsync(0);
  t.socket(queueId).open();
  t.socket(queueId).push(welcome(queueId, conversations));
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("DeskSet", () => {
  it("signs in to every chosen queue at once, one socket and ticket each, and remembers the set", async () => {
    const t = setup();
    t.set.start(["sqA", "sqB"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.made.map((s) => s.url).sort()).toEqual([
      "ws://x/ws/agent?ticket=sqA",
      "ws://x/ws/agent?ticket=sqB",
    ]);
    expect(t.events.signedIn.at(-1)).toEqual(["sqA", "sqB"]);
    expect(t.set.isSignedIn("sqB")).toBe(true);
  });

  it("lists the chats of all queues by need of attention, each with its queue", async () => {
    const t = setup();
    t.set.start(["sqA", "sqB"]);
    await connect(t, "sqA");
    await connect(t, "sqB");
    const answered = summary({ conversationId: "cvA", connectedAt: 100 });
    t.socket("sqA").push({
      type: "conversation.assigned",
      conversation: answered,
      messages: [
        msg(1, { conversationId: "cvA", sender: "customer", at: 150 }),
        msg(2, { conversationId: "cvA", at: 160 }),
      ],
    });
    t.socket("sqB").push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: "cvB", skillQueueId: "sqB", connectedAt: 300 }),
      messages: [msg(1, { conversationId: "cvB", sender: "customer", at: 310 })],
    });
    const list = t.set.list();
    expect(list.map((c) => [c.chat.summary.conversationId, c.queueName])).toEqual([
      ["cvB", "Billing"],
      ["cvA", "Sales"],
    ]);
    expect(list[0]?.facts.waitingSince).toBe(300);
    expect(t.events.fresh).toEqual(["sqA/cvA", "sqB/cvB"]);
  });

  it("has one selection across queues: the first new chat is selected, unread counts elsewhere", async () => {
    const t = setup();
    t.set.start(["sqA", "sqB"]);
    await connect(t, "sqA");
    await connect(t, "sqB");
    t.socket("sqA").push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: "cvA" }),
      messages: [],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.set.selected).toEqual({ queueId: "sqA", conversationId: "cvA" });
    t.socket("sqB").push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: "cvB" }),
      messages: [],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.set.selected).toEqual({ queueId: "sqA", conversationId: "cvA" });
    t.socket("sqB").push({ type: "message", message: msg(1, { conversationId: "cvB", sender: "customer" }) });
    expect(t.set.desks.get("sqB")?.chats.get("cvB")?.unread).toBe(1);
    t.set.select("sqB", "cvB");
    expect(t.set.desks.get("sqA")?.selected).toBeNull();
    expect(t.set.desks.get("sqB")?.selected).toBe("cvB");
    expect(t.set.desks.get("sqB")?.chats.get("cvB")?.unread).toBe(0);
    expect(t.set.current()?.chat.summary.conversationId).toBe("cvB");
    expect(t.events.selections.at(-1)).toEqual({ queueId: "sqB", conversationId: "cvB" });
  });

  it("the per-queue toggle signs out of one queue only and forgets it", async () => {
    const t = setup();
    t.set.start(["sqA", "sqB"]);
    await connect(t, "sqA");
    await connect(t, "sqB", [summary({ conversationId: "cvB" })]);
    t.set.select("sqB", "cvB");
    const b = t.socket("sqB");
    t.set.setSignedIn("sqB", false);
    expect(b.frames().some((f) => f.type === "agent.signOut")).toBe(true);
    expect(b.closedWith).not.toBeNull();
    expect(t.set.isSignedIn("sqB")).toBe(false);
    expect(t.set.selected).toBeNull();
    expect(t.set.list().map((c) => c.queueId)).toEqual([]);
    expect(t.events.signedIn.at(-1)).toEqual(["sqA"]);
    expect(
      t
        .socket("sqA")
        .frames()
        .some((f) => f.type === "agent.signOut"),
    ).toBe(false);
    t.set.setSignedIn("sqB", true);
    expect(t.events.signedIn.at(-1)).toEqual(["sqA", "sqB"]);
    t.set.setSignedIn("sqX", true);
    expect(t.set.isSignedIn("sqX")).toBe(false);
  });

  it("after a reload selects the chat that was open once it is back", async () => {
    const t = setup();
    t.set.start(["sqB"], { queueId: "sqB", conversationId: "cv9" });
    await connect(t, "sqB", [summary({ conversationId: "cv1" }), summary({ conversationId: "cv9" })]);
    expect(t.set.selected).toEqual({ queueId: "sqB", conversationId: "cv9" });
  });

  it("sets the status through one open desk; signing out signs out of every queue", async () => {
    const t = setup();
    t.set.start(["sqA", "sqB"]);
    await connect(t, "sqA");
    await connect(t, "sqB");
    expect(t.set.me()?.name).toBe("Alice");
    expect(t.set.setStatus("rest")).toBe(true);
    const statusFrames = [t.socket("sqA"), t.socket("sqB")].map(
      (s) => s.frames().filter((f) => f.type === "status.set").length,
    );
    expect(statusFrames.sort()).toEqual([0, 1]);
    t.set.signOut();
    for (const q of ["sqA", "sqB"]) expect(t.socket(q).frames().at(-1)).toEqual({ type: "agent.signOut" });
    expect(t.set.desks.size).toBe(0);
  });
});

describe("queue choice", () => {
  it.each([
    ["nothing kept: every served queue", ["a", "b", "c"], null, ["a", "b", "c"]],
    ["the kept set, in the served order", ["a", "b", "c"], ["c", "a"], ["a", "c"]],
    ["a queue no longer served is dropped", ["a", "b"], ["b", "gone"], ["b"]],
    ["all switched off stays off", ["a", "b"], [], []],
  ])("%s", (_what, served, saved, expected) => {
    expect(queuesToSignIn(served, saved)).toEqual(expected);
  });

  it("keeps the set per employee and reads garbage as nothing kept", () => {
    const storage = memoryStorage();
    saveQueues(storage, "1001", ["sqA"]);
    expect(savedQueues(storage, "1001")).toEqual(["sqA"]);
    expect(savedQueues(storage, "2002")).toBeNull();
    saveQueues(storage, "1001", null);
    expect(savedQueues(storage, "1001")).toBeNull();
    storage.setItem("ecs.queues.1001", '{"a":1}');
    expect(savedQueues(storage, "1001")).toBeNull();
    storage.setItem("ecs.queues.1001", "[1,");
    expect(savedQueues(storage, "1001")).toBeNull();
  });
});
