import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Note } from "../../../worker/realtime/protocol";
import { AgentDesk } from "./agent-desk";
import { fakeSockets } from "./test/fake-socket";
import { summary } from "./test/frames";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const welcome = (conversations = [summary()]) => ({
  type: "session.welcome",
  role: "agent",
  skillQueueId: "sq1",
  conversations,
  agent: {
    employeeId: "1001",
    name: "Alice",
    status: "idle",
    activeChats: 1,
    maxConcurrentChats: 5,
    wrapUpUntil: null,
  },
  serverTime: Date.now(),
});

const note = (seq: number, over: Partial<Note> = {}): Note => ({
  conversationId: "cv1",
  seq,
  authorEmployeeId: "1001",
  authorName: "Alice",
  text: `note ${seq}`,
  clientMsgId: `n${seq}`,
  at: 1000 + seq,
  ...over,
});

async function connected() {
  const sockets = fakeSockets();
  const desk = new AgentDesk({
    ticket: async () => "ws://x/ws/agent?ticket=1",
    createSocket: sockets.create,
    socket: { random: () => 1 },
  });
  desk.start();
  await vi.advanceTimersByTimeAsync(0);
  sockets.last.open();
  sockets.last.push(welcome([]));
  sockets.last.push({
    type: "conversation.assigned",
    conversation: summary(),
    messages: [],
    notes: [note(2), note(1)],
    tagIds: ["tag_a"],
  });
  return { desk, sockets };
}

const texts = (desk: AgentDesk) => desk.notes.notes("cv1").map((n) => [n.text, n.state]);

describe("desk notes and tags", () => {
  it("holds the notes of an assignment in seq order, and its tags", async () => {
    const { desk } = await connected();
    expect(texts(desk)).toEqual([
      ["note 1", "sent"],
      ["note 2", "sent"],
    ]);
    expect(desk.notes.tagIds("cv1")).toEqual(["tag_a"]);
  });

  it("writes a note: sending, then sent once acknowledged, shown once when it comes back", async () => {
    const { desk, sockets } = await connected();
    const id = desk.notes.add("cv1", "  call back at 5 ");
    expect(sockets.last.frames().at(-1)).toEqual({
      type: "note.add",
      conversationId: "cv1",
      clientMsgId: id,
      text: "call back at 5",
    });
    expect(texts(desk).at(-1)).toEqual(["call back at 5", "sending"]);
    sockets.last.push({ type: "note.acked", conversationId: "cv1", clientMsgId: id, seq: 3 });
    expect(texts(desk).at(-1)).toEqual(["call back at 5", "sent"]);
    sockets.last.push({ type: "note", note: note(3, { clientMsgId: id!, text: "call back at 5" }) });
    sockets.last.push({ type: "note", note: note(3, { clientMsgId: id!, text: "call back at 5" }) });
    expect(texts(desk)).toHaveLength(3);
    expect(desk.notes.add("cv1", "   ")).toBeNull();
  });

  it("sends an unacknowledged note again after a reconnect and resumes notes after the ones held", async () => {
    const { desk, sockets } = await connected();
    const id = desk.notes.add("cv1", "pending");
    sockets.last.drop();
    await vi.advanceTimersByTimeAsync(5_000);
    sockets.last.open();
    sockets.last.push(welcome([summary({ lastSeq: 0 })]));
    const frames = sockets.last.frames();
    expect(frames).toContainEqual({
      type: "session.resume",
      conversations: [{ conversationId: "cv1", lastSeq: 0, lastNoteSeq: 2 }],
    });
    expect(frames).toContainEqual({
      type: "note.add",
      conversationId: "cv1",
      clientMsgId: id,
      text: "pending",
    });
  });

  it("shows a refused note as failed with the reason, and does not send it again", async () => {
    const { desk, sockets } = await connected();
    const id = desk.notes.add("cv1", "too late");
    sockets.last.push({ type: "error", code: "conflict", message: "The conversation has ended", ref: id });
    expect(desk.notes.notes("cv1").at(-1)).toMatchObject({
      state: "failed",
      failed: "The conversation has ended",
    });
    sockets.last.drop();
    await vi.advanceTimersByTimeAsync(5_000);
    sockets.last.open();
    sockets.last.push(welcome());
    expect(sockets.last.frames().filter((f) => f.type === "note.add")).toEqual([]);
  });

  it("asks for tags and shows what the server says", async () => {
    const { desk, sockets } = await connected();
    desk.notes.setTags("cv1", ["tag_a", "tag_b"]);
    expect(sockets.last.frames().at(-1)).toEqual({
      type: "tags.set",
      conversationId: "cv1",
      tagIds: ["tag_a", "tag_b"],
    });
    expect(desk.notes.tagIds("cv1")).toEqual(["tag_a"]);
    sockets.last.push({ type: "conversation.tagged", conversationId: "cv1", tagIds: ["tag_b"] });
    expect(desk.notes.tagIds("cv1")).toEqual(["tag_b"]);
  });
});
