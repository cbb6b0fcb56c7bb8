import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AgentDesk } from "./agent-desk";
import { CustomerChat } from "./customer-chat";
import { PagePacer } from "./page-pacer";
import { SeqLog } from "./seq-log";
import { type FakeSocket, fakeSockets } from "./test/fake-socket";
import { msg, summary, welcomeCustomer } from "./test/frames";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Plays one replayed page: its messages, then `session.resumed`. */
function page(s: FakeSocket, from: number, to: number, more: boolean, conversationId = "cv1") {
  for (const seq of range(from, to)) s.push({ type: "message", message: msg(seq, { conversationId }) });
  s.push({ type: "session.resumed", conversationId, lastSeq: to, replayed: to - from + 1, more });
}

const sentOf = (s: FakeSocket, type: string) => s.frames().filter((f) => f.type === type);

describe("SeqLog paging helpers", () => {
  it("firstSeq is the lowest held; resumeFrom stops at the first hole", () => {
    const log = new SeqLog<{ seq: number }>();
    expect([log.firstSeq, log.resumeFrom]).toEqual([0, 0]);
    log.addAll(range(801, 1000).map((seq) => ({ seq })));
    expect([log.firstSeq, log.resumeFrom]).toEqual([801, 1000]);
    log.add({ seq: 1003 });
    expect([log.lastSeq, log.resumeFrom]).toEqual([1003, 1000]);
    log.addAll([{ seq: 1001 }, { seq: 1002 }]);
    expect(log.resumeFrom).toBe(1003);
  });
});

describe("PagePacer", () => {
  it("after a rate_limited refusal runs the same request again once retryAfterMs passed, and nothing before", async () => {
    const pacer = new PagePacer(100);
    const ran: string[] = [];
    pacer.run(() => ran.push("page 2"));
    pacer.retry(700);
    pacer.run(() => ran.push("page 3")); // replaces the waiting retry, but waits as long
    await vi.advanceTimersByTimeAsync(699);
    expect(ran).toEqual(["page 2"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(["page 2", "page 3"]);
    pacer.retry(300);
    await vi.advanceTimersByTimeAsync(300);
    expect(ran).toEqual(["page 2", "page 3", "page 3"]);
    pacer.retry(5_000);
    pacer.runNow(() => ran.push("new connection"));
    expect(ran.at(-1)).toBe("new connection");
  });

  it("hold delays a waiting request and the next ones without repeating anything", async () => {
    const pacer = new PagePacer(100);
    const ran: string[] = [];
    pacer.run(() => ran.push("a"));
    pacer.run(() => ran.push("b")); // waits 100 ms
    pacer.hold(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(ran).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(["a", "b"]);
    pacer.hold(300);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ran).toEqual(["a", "b"]);
  });

  it("runs the first request at once and spaces the next ones by the interval; cancel drops a waiting one", async () => {
    const pacer = new PagePacer(100);
    const ran: number[] = [];
    pacer.run(() => ran.push(1));
    pacer.run(() => ran.push(2));
    expect(ran).toEqual([1]);
    await vi.advanceTimersByTimeAsync(99);
    expect(ran).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual([1, 2]);
    pacer.run(() => ran.push(3));
    pacer.cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(ran).toEqual([1, 2]);
  });
});

function customer() {
  const sockets = fakeSockets();
  const chat = new CustomerChat({
    apiOrigin: "https://cs.example",
    channelId: "ch1",
    visitorId: "visitor-0123456789",
    user: () => ({}),
    createSocket: sockets.create,
    fetch: (async () =>
      new Response(JSON.stringify({ url: "/ws/chat?ticket=t" }), { status: 201 })) as unknown as typeof fetch,
    socket: { random: () => 1 },
    pageIntervalMs: 100,
  });
  return { chat, sockets };
}

describe("CustomerChat paged resume", () => {
  it("asks again from each page's lastSeq while more, paced, until every message is held once in order", async () => {
    const { chat, sockets } = customer();
    chat.start();
    await vi.advanceTimersByTimeAsync(0);
    sockets.last.open();
    sockets.last.push(welcomeCustomer(summary({ lastSeq: 450 })));
    expect(sentOf(sockets.last, "session.resume")).toEqual([{ type: "session.resume", lastSeq: 0 }]);
    page(sockets.last, 1, 200, true);
    page(sockets.last, 1, 200, true); // a repeated page is ignored, and does not double the request
    expect(sentOf(sockets.last, "session.resume")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(sentOf(sockets.last, "session.resume").at(-1)).toEqual({ type: "session.resume", lastSeq: 200 });
    expect(sentOf(sockets.last, "session.resume")).toHaveLength(2);
    page(sockets.last, 201, 400, true);
    await vi.advanceTimersByTimeAsync(100);
    expect(sentOf(sockets.last, "session.resume").at(-1)).toEqual({ type: "session.resume", lastSeq: 400 });
    page(sockets.last, 401, 450, false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentOf(sockets.last, "session.resume")).toHaveLength(3);
    expect(chat.bubbles().map((b) => b.seq)).toEqual(range(1, 450));
  });

  it("a page refused by the pull budget is asked for again after retryAfterMs, then the replay goes on", async () => {
    const { chat, sockets } = customer();
    chat.start();
    await vi.advanceTimersByTimeAsync(0);
    sockets.last.open();
    sockets.last.push(welcomeCustomer(summary({ lastSeq: 300 })));
    page(sockets.last, 1, 200, true);
    await vi.advanceTimersByTimeAsync(100);
    expect(sentOf(sockets.last, "session.resume").at(-1)).toEqual({ type: "session.resume", lastSeq: 200 });
    sockets.last.push({
      type: "error",
      code: "rate_limited",
      message: "Too much data requested; ask again in 1 s",
      ref: "session.resume",
      retryAfterMs: 900,
    });
    await vi.advanceTimersByTimeAsync(899);
    expect(sentOf(sockets.last, "session.resume")).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentOf(sockets.last, "session.resume").at(-1)).toEqual({ type: "session.resume", lastSeq: 200 });
    page(sockets.last, 201, 300, false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentOf(sockets.last, "session.resume")).toHaveLength(3);
    expect(chat.bubbles().map((b) => b.seq)).toEqual(range(1, 300));
    expect(chat.notice).toBeNull();
  });

  it("a reconnect mid-replay resumes after the unbroken run, not after a live message beyond the hole", async () => {
    const { chat, sockets } = customer();
    chat.start();
    await vi.advanceTimersByTimeAsync(0);
    sockets.last.open();
    sockets.last.push(welcomeCustomer(summary({ lastSeq: 1000 })));
    page(sockets.last, 1, 200, true);
    sockets.last.push({ type: "message", message: msg(1001) });
    sockets.last.drop();
    await vi.advanceTimersByTimeAsync(500);
    sockets.last.open();
    sockets.last.push(welcomeCustomer(summary({ lastSeq: 1001 })));
    expect(sentOf(sockets.last, "session.resume")).toEqual([{ type: "session.resume", lastSeq: 200 }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentOf(sockets.last, "session.resume")).toHaveLength(1);
  });
});

const agentWelcome = (conversations: ReturnType<typeof summary>[]) => ({
  type: "session.welcome",
  role: "agent",
  skillQueueId: "sq1",
  conversations,
  agent: null,
  serverTime: Date.now(),
});

function desk() {
  const sockets = fakeSockets();
  const d = new AgentDesk({
    ticket: async () => "ws://x/ws/agent?ticket=1",
    createSocket: sockets.create,
    socket: { random: () => 1 },
    pageIntervalMs: 100,
  });
  return { d, sockets };
}

async function reconnect(t: ReturnType<typeof desk>, conversations: ReturnType<typeof summary>[]) {
  t.sockets.last.drop();
  await vi.advanceTimersByTimeAsync(500);
  t.sockets.last.open();
  t.sockets.last.push(agentWelcome(conversations));
}

/** A desk that was assigned `ids` (each holding seq 1), still on its first connection. */
async function deskHolding(ids: string[]) {
  const t = desk();
  t.d.start();
  await vi.advanceTimersByTimeAsync(0);
  t.sockets.last.open();
  t.sockets.last.push(agentWelcome([]));
  for (const id of ids)
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary({ conversationId: id }),
      messages: [msg(1, { conversationId: id })],
      firstSeq: 1,
      hasEarlier: false,
    });
  return t;
}

describe("AgentDesk paging", () => {
  it("opens a long chat at its latest page and loads earlier pages back to seq 1", async () => {
    const t = desk();
    t.d.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.sockets.last.push({
      type: "conversation.assigned",
      conversation: summary({ lastSeq: 450 }),
      messages: range(251, 450).map((s) => msg(s)),
      firstSeq: 251,
      hasEarlier: true,
    });
    const chat = t.d.chats.get("cv1")!;
    expect(chat.hasEarlier).toBe(true);
    expect(t.d.loadEarlier("cv1")).toBe(true);
    expect(t.d.loadEarlier("cv1")).toBe(false); // one fetch at a time
    expect(sentOf(t.sockets.last, "history.fetch")).toEqual([
      { type: "history.fetch", conversationId: "cv1", beforeSeq: 251 },
    ]);
    t.sockets.last.push({
      type: "history.page",
      conversationId: "cv1",
      messages: range(51, 250).map((s) => msg(s)),
      hasEarlier: true,
    });
    expect([chat.loadingEarlier, chat.hasEarlier]).toEqual([false, true]);
    t.d.loadEarlier("cv1");
    await vi.advanceTimersByTimeAsync(150); // history requests are paced
    expect(sentOf(t.sockets.last, "history.fetch").at(-1)).toMatchObject({ beforeSeq: 51 });
    t.sockets.last.push({ type: "error", code: "internal", message: "try again", ref: "cv1" });
    expect(chat.loadingEarlier).toBe(false);
    t.d.loadEarlier("cv1");
    await vi.advanceTimersByTimeAsync(150);
    expect(sentOf(t.sockets.last, "history.fetch")).toHaveLength(3);
    t.sockets.last.push({
      type: "history.page",
      conversationId: "cv1",
      messages: range(1, 50).map((s) => msg(s)),
      hasEarlier: false,
    });
    expect(chat.hasEarlier).toBe(false);
    expect(t.d.loadEarlier("cv1")).toBe(false);
    expect(t.d.bubbles("cv1").map((b) => b.seq)).toEqual(range(1, 450));
  });

  it("on a fresh page load fetches each live chat's latest page instead of replaying it from 0, and its notes", async () => {
    const t = desk();
    t.d.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.sockets.last.push(agentWelcome([summary({ lastSeq: 900 }), summary({ conversationId: "cv2" })]));
    expect(t.sockets.last.frames()).toEqual([
      {
        type: "session.resume",
        conversations: [
          { conversationId: "cv1", lastSeq: 900, lastNoteSeq: 0 },
          { conversationId: "cv2", lastSeq: 0, lastNoteSeq: 0 },
        ],
      },
      { type: "history.fetch", conversationId: "cv1", beforeSeq: 901 },
    ]);
    expect(t.d.chats.get("cv1")?.hasEarlier).toBe(true);
    expect(t.d.chats.get("cv2")?.hasEarlier).toBe(false);
  });

  it("fetches the latest pages of many chats one at a time, paced, and asks again after a rate_limited refusal", async () => {
    const t = desk();
    t.d.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    const ids = range(1, 45).map((i) => `cv${i}`);
    t.sockets.last.push(agentWelcome(ids.map((conversationId) => summary({ conversationId, lastSeq: 500 }))));
    const fetched = () => sentOf(t.sockets.last, "history.fetch").map((f) => f.conversationId);
    const answer = (conversationId: string) =>
      t.sockets.last.push({
        type: "history.page",
        conversationId,
        messages: range(301, 500).map((s) => msg(s, { conversationId })),
        hasEarlier: true,
      });
    expect(fetched()).toEqual(["cv1"]); // one on its way at a time, not 45 frames at once
    answer("cv1");
    expect(fetched()).toEqual(["cv1"]);
    await vi.advanceTimersByTimeAsync(150);
    expect(fetched()).toEqual(["cv1", "cv2"]);
    t.sockets.last.push({
      type: "error",
      code: "rate_limited",
      message: "Too much data requested; ask again in 2 s",
      ref: "history.fetch",
      retryAfterMs: 2000,
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetched()).toEqual(["cv1", "cv2"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetched()).toEqual(["cv1", "cv2", "cv2"]);
    expect(t.d.notice).toBeNull();
    for (const id of ids.slice(1)) {
      answer(id);
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(new Set(fetched())).toEqual(new Set(ids));
    expect(fetched()).toHaveLength(ids.length + 1);
    expect(ids.every((id) => t.d.chats.get(id)?.log.size === 200 && !t.d.chats.get(id)?.loadingEarlier)).toBe(
      true,
    );
  });

  it("a refused history page holds the resume too: neither asks before retryAfterMs", async () => {
    const t = await deskHolding(["cv1"]);
    await reconnect(t, [summary({ lastSeq: 500 }), summary({ conversationId: "cv2", lastSeq: 900 })]);
    expect(sentOf(t.sockets.last, "session.resume")).toHaveLength(1);
    expect(sentOf(t.sockets.last, "history.fetch")).toEqual([
      { type: "history.fetch", conversationId: "cv2", beforeSeq: 901 },
    ]);
    t.sockets.last.push({
      type: "error",
      code: "rate_limited",
      message: "Too much data requested; ask again in 2000 ms",
      ref: "history.fetch",
      retryAfterMs: 2000,
    });
    page(t.sockets.last, 2, 201, true); // the resume's first page says more
    // cv2 is new here: the resume asked for what follows its end (its notes and tags), nothing more
    t.sockets.last.push({
      type: "session.resumed",
      conversationId: "cv2",
      lastSeq: 900,
      replayed: 0,
      more: false,
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(sentOf(t.sockets.last, "session.resume")).toHaveLength(1);
    expect(sentOf(t.sockets.last, "history.fetch")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentOf(t.sockets.last, "session.resume")).toHaveLength(2);
    expect(sentOf(t.sockets.last, "history.fetch")).toHaveLength(2);
  });

  it("a resume refused by the pull budget is sent again whole after retryAfterMs", async () => {
    const t = await deskHolding(["cv1"]);
    await reconnect(t, [summary({ lastSeq: 500 })]);
    const resume = {
      type: "session.resume",
      conversations: [{ conversationId: "cv1", lastSeq: 1, lastNoteSeq: 0 }],
    };
    expect(sentOf(t.sockets.last, "session.resume")).toEqual([resume]);
    t.sockets.last.push({
      type: "error",
      code: "rate_limited",
      message: "Too much data requested; ask again in 1 s",
      ref: "session.resume",
      retryAfterMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(sentOf(t.sockets.last, "session.resume")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentOf(t.sockets.last, "session.resume")).toEqual([resume, resume]);
    page(t.sockets.last, 2, 500, false);
    expect(t.d.bubbles("cv1").map((b) => b.seq)).toEqual(range(1, 500));
  });

  it("a multi-conversation resume continues with one request once every conversation answered", async () => {
    const t = await deskHolding(["cv1", "cv2"]);
    await reconnect(t, [summary({ lastSeq: 500 }), summary({ conversationId: "cv2", lastSeq: 300 })]);
    expect(sentOf(t.sockets.last, "session.resume")).toEqual([
      {
        type: "session.resume",
        conversations: [
          { conversationId: "cv1", lastSeq: 1, lastNoteSeq: 0 },
          { conversationId: "cv2", lastSeq: 1, lastNoteSeq: 0 },
        ],
      },
    ]);
    page(t.sockets.last, 2, 201, true, "cv1");
    await vi.advanceTimersByTimeAsync(200);
    expect(sentOf(t.sockets.last, "session.resume")).toHaveLength(1); // cv2 not answered yet
    t.sockets.last.push({
      type: "session.resumed",
      conversationId: "cv2",
      lastSeq: 1,
      replayed: 0,
      more: true,
    });
    expect(sentOf(t.sockets.last, "session.resume").at(-1)).toEqual({
      type: "session.resume",
      conversations: [
        { conversationId: "cv1", lastSeq: 201, lastNoteSeq: 0 },
        { conversationId: "cv2", lastSeq: 1, lastNoteSeq: 0 },
      ],
    });
    page(t.sockets.last, 202, 300, false, "cv1");
    page(t.sockets.last, 2, 101, true, "cv2");
    await vi.advanceTimersByTimeAsync(100);
    expect(sentOf(t.sockets.last, "session.resume").at(-1)).toEqual({
      type: "session.resume",
      conversations: [{ conversationId: "cv2", lastSeq: 101, lastNoteSeq: 0 }],
    });
    page(t.sockets.last, 102, 300, false, "cv2");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentOf(t.sockets.last, "session.resume")).toHaveLength(3);
    expect(t.d.bubbles("cv1").map((b) => b.seq)).toEqual(range(1, 300));
    expect(t.d.bubbles("cv2").map((b) => b.seq)).toEqual(range(1, 300));
  });
});
