import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CloseCode } from "../../../worker/realtime/protocol";
import { backoffDelay } from "./backoff";
import { CLIENT_TIMEOUT_CODE, FatalTicketError, ReliableSocket, type StopReason } from "./reliable-socket";
import { fakeSockets } from "./test/fake-socket";

function setup(ticket?: () => Promise<string>) {
  const sockets = fakeSockets();
  const frames: unknown[] = [];
  const states: string[] = [];
  const opens: boolean[] = [];
  let tickets = 0;
  let stop: StopReason | undefined;
  const rs = new ReliableSocket({
    ticket: ticket ?? (async () => `ws://x/ws/chat?ticket=t${++tickets}`),
    createSocket: sockets.create,
    onFrame: (f) => frames.push(f),
    onOpen: (re) => opens.push(re),
    onState: (s, why) => {
      states.push(s);
      stop = why;
    },
    random: () => 1,
  });
  return { rs, sockets, frames, states, opens, stopReason: () => stop };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("ReliableSocket", () => {
  it("connects with a fresh ticket and delivers parsed JSON frames, never the heartbeat reply", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.last.url).toBe("ws://x/ws/chat?ticket=t1");
    t.sockets.last.open();
    t.sockets.last.push({ type: "message", n: 1 });
    t.sockets.last.push("pong");
    t.sockets.last.push("{not json");
    expect(t.frames).toEqual([{ type: "message", n: 1 }]);
    expect(t.rs.state).toBe("open");
    expect(t.opens).toEqual([false]);
  });

  it("sends nothing while not open and reports it", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.rs.send({ type: "x" })).toBe(false);
    t.sockets.last.open();
    expect(t.rs.send({ type: "x" })).toBe(true);
    expect(t.sockets.last.frames()).toEqual([{ type: "x" }]);
  });

  it("pings every 20 s and reconnects with a new ticket when no answer comes within 10 s", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = t.sockets.last;
    first.open();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(first.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.sent).toEqual(["ping"]);
    first.push("pong");
    await vi.advanceTimersByTimeAsync(20_000);
    expect(first.sent).toEqual(["ping", "ping"]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(t.sockets.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.closedWith?.code).toBe(CLIENT_TIMEOUT_CODE);
    expect(t.rs.state).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sockets.made).toHaveLength(2);
    expect(t.sockets.last.url).toBe("ws://x/ws/chat?ticket=t2");
    t.sockets.last.open();
    expect(t.opens).toEqual([false, true]);
  });

  it("backs off exponentially up to the cap while the server stays away, and resets after a success", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      t.sockets.last.drop();
      const before = t.sockets.made.length;
      let waited = 0;
      while (t.sockets.made.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    t.sockets.last.open();
    t.sockets.last.drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sockets.made).toHaveLength(9);
  });

  it.each([
    [CloseCode.replaced, "replaced"],
    [CloseCode.conversationClosed, "conversationClosed"],
    [CloseCode.revoked, "revoked"],
    [CloseCode.erased, "conversationClosed"],
    [CloseCode.queueDeleted, "revoked"],
  ] as const)("stops for good on close code %i (%s)", async (code, reason) => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.sockets.last.drop(code);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets.made).toHaveLength(1);
    expect(t.rs.state).toBe("closed");
    expect(t.stopReason()).toBe(reason);
  });

  it.each([CloseCode.badTicket, CloseCode.policyViolation, CloseCode.tooBig, 1006, 1011])(
    "reconnects after close code %i",
    async (code) => {
      const t = setup();
      t.rs.start();
      await vi.advanceTimersByTimeAsync(0);
      t.sockets.last.open();
      t.sockets.last.drop(code);
      await vi.advanceTimersByTimeAsync(500);
      expect(t.sockets.made).toHaveLength(2);
    },
  );

  it("follows a move at once to the URL the server gave, without a new ticket", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.rs.moveTo("ws://x/ws/chat?ticket=moved");
    t.sockets.last.drop(CloseCode.moved);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.made.map((s) => s.url)).toEqual([
      "ws://x/ws/chat?ticket=t1",
      "ws://x/ws/chat?ticket=moved",
    ]);
  });

  it("gives up when the ticket is refused for good, retries when the ticket request fails otherwise", async () => {
    let calls = 0;
    const t = setup(async () => {
      calls++;
      if (calls === 1) throw new Error("network down");
      throw new FatalTicketError("origin not allowed");
    });
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.rs.state).toBe("connecting");
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
    expect(t.rs.state).toBe("closed");
    expect(t.stopReason()).toBe("refused");
    expect(t.sockets.made).toHaveLength(0);
  });

  it("ignores events of a socket it already gave up on", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = t.sockets.last;
    first.open();
    first.drop();
    await vi.advanceTimersByTimeAsync(500);
    t.sockets.last.open();
    first.push({ type: "stale" });
    first.drop();
    expect(t.frames).toEqual([]);
    expect(t.rs.state).toBe("open");
  });

  it("stop() closes normally and never reconnects", async () => {
    const t = setup();
    t.rs.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.rs.stop();
    t.sockets.last.drop(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets.made).toHaveLength(1);
    expect(t.stopReason()).toBe("client");
  });
});

describe("backoffDelay", () => {
  it.each([
    [0, 0, 250],
    [0, 1, 500],
    [3, 1, 4000],
    [5, 1, 15000],
    [50, 0, 7500],
  ])("attempt %i with random %d waits %i ms", (attempt, r, ms) => {
    expect(backoffDelay(attempt, () => r)).toBe(ms);
  });
});
