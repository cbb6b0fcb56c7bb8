import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PREVIEW_CHARS, previewOf } from "../realtime/preview";
import { fakeSockets } from "../realtime/test/fake-socket";
import { msg, summary, welcomeCustomer } from "../realtime/test/frames";
import { WidgetController } from "./controller";

function setup() {
  const sockets = fakeSockets();
  const fetchFake = (async () =>
    new Response(JSON.stringify({ url: "/ws/chat?ticket=t" }), { status: 201 })) as unknown as typeof fetch;
  const widget = new WidgetController({
    apiOrigin: "https://cs.example",
    channelId: "ch1",
    locale: "en",
    createSocket: sockets.create,
    fetch: fetchFake,
  });
  return { widget, sockets };
}

/** Opens the chat, lets the server welcome it, then closes the dialog. */
async function openedThenClosed(t: ReturnType<typeof setup>) {
  t.widget.open();
  await vi.advanceTimersByTimeAsync(0);
  t.sockets.last.open();
  t.sockets.last.push(welcomeCustomer(summary()));
  t.widget.close();
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("WidgetController: what arrives while the dialog is closed", () => {
  it("counts replies and previews the latest; the customer's own messages do not count", async () => {
    const t = setup();
    await openedThenClosed(t);
    expect([t.widget.unread, t.widget.preview]).toEqual([0, null]);
    t.sockets.last.push({ type: "message", message: msg(1, { text: "Hello Ann" }) });
    t.sockets.last.push({ type: "message", message: msg(2, { sender: "customer", text: "mine" }) });
    t.sockets.last.push({
      type: "message",
      message: msg(3, { sender: "robot", text: "Orders ship within 24 hours." }),
    });
    expect([t.widget.unread, t.widget.preview]).toEqual([2, "Orders ship within 24 hours."]);
  });

  it("a file without a caption previews as its name; with one, as the caption", async () => {
    const t = setup();
    await openedThenClosed(t);
    const file = {
      id: "at_1",
      name: "terms 📄.pdf",
      contentType: "application/pdf",
      size: 9,
      kind: "file" as const,
    };
    t.sockets.last.push({ type: "message", message: msg(1, { text: "", attachment: file }) });
    expect([t.widget.unread, t.widget.preview]).toEqual([1, "terms 📄.pdf"]);
    t.sockets.last.push({ type: "message", message: msg(2, { text: "Our terms", attachment: file }) });
    expect([t.widget.unread, t.widget.preview]).toEqual([2, "Our terms"]);
  });

  it("nothing counts while the dialog is open; opening clears the count and the preview", async () => {
    const t = setup();
    t.widget.open();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.sockets.last.push(welcomeCustomer(summary()));
    t.sockets.last.push({ type: "message", message: msg(1) });
    expect([t.widget.unread, t.widget.preview]).toEqual([0, null]);
    t.widget.close();
    t.sockets.last.push({ type: "message", message: msg(2, { text: "are you there?" }) });
    expect([t.widget.unread, t.widget.preview]).toEqual([1, "are you there?"]);
    t.widget.open();
    expect([t.widget.unread, t.widget.preview]).toEqual([0, null]);
  });

  it("dismissing the preview keeps the count; the next reply previews again", async () => {
    const t = setup();
    await openedThenClosed(t);
    let renders = 0;
    t.widget.subscribe(() => renders++);
    t.sockets.last.push({ type: "message", message: msg(1, { text: "one" }) });
    t.widget.dismissPreview();
    expect([t.widget.unread, t.widget.preview]).toEqual([1, null]);
    expect(renders).toBeGreaterThanOrEqual(2);
    t.sockets.last.push({ type: "message", message: msg(2, { text: "two" }) });
    expect([t.widget.unread, t.widget.preview]).toEqual([2, "two"]);
  });

  it.each([
    ["short", "short"],
    ["  spaced \n\n out\t text ", "spaced out text"],
    ["a".repeat(PREVIEW_CHARS), "a".repeat(PREVIEW_CHARS)],
    ["a".repeat(PREVIEW_CHARS + 1), `${"a".repeat(PREVIEW_CHARS - 1)}…`],
    // Cut by characters, not UTF-16 units: an emoji is never split in half.
    ["😀".repeat(PREVIEW_CHARS + 5), `${"😀".repeat(PREVIEW_CHARS - 1)}…`],
    ["<b>bold</b>", "<b>bold</b>"],
    // A cut right after a space does not leave the space before the "…".
    [`${"a".repeat(PREVIEW_CHARS - 2)} tail`, `${"a".repeat(PREVIEW_CHARS - 2)}…`],
  ])("previews %j as %j", (text, expected) => {
    expect(previewOf(text)).toBe(expected);
    expect([...previewOf(text)].length).toBeLessThanOrEqual(PREVIEW_CHARS);
  });
});

describe("WidgetController: a left message followed across visits", () => {
  function memoryStorage() {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      map: m,
    };
  }
  afterEach(() => vi.unstubAllGlobals());

  it("remembers what the customer saw of a pending message, then checks in the background and counts only the new reply", async () => {
    const store = memoryStorage();
    vi.stubGlobal("localStorage", store);
    const first = setup();
    first.widget.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.sockets.last.url).not.toContain("resumeOnly");
    first.sockets.last.open();
    first.sockets.last.push(
      welcomeCustomer(summary({ state: "pending", agentEmployeeId: null, lastSeq: 2 })),
    );
    first.sockets.last.push({ type: "message", message: msg(1, { sender: "customer", text: "Refund?" }) });
    first.sockets.last.push({ type: "message", message: msg(2, { sender: "system", text: "Sorry…" }) });
    expect(store.map.get("edgechat.left.ch1")).toBe("2");
    first.widget.close();
    // a later visit: the dialog stays closed, the widget checks for a reply (resume-only)
    const next = setup();
    next.widget.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(next.sockets.last.url).toContain("resumeOnly");
    next.sockets.last.open();
    next.sockets.last.push(welcomeCustomer(summary({ state: "ended", lastSeq: 4 })));
    for (const m of [
      msg(1, { sender: "customer", text: "Refund?" }),
      msg(2, { sender: "system", text: "Sorry…" }),
      msg(3, { sender: "system", text: "You are now chatting with Alice." }),
      msg(4, { text: "Refund sent." }),
    ])
      next.sockets.last.push({ type: "message", message: m });
    expect([next.widget.unread, next.widget.preview]).toEqual([2, "Refund sent."]);
    // seen with the dialog open, after its end: nothing more to follow
    next.widget.open();
    next.sockets.last.push({
      type: "conversation.updated",
      conversation: summary({ state: "ended" }),
      reason: "agentEnded",
    });
    expect(store.map.has("edgechat.left.ch1")).toBe(false);
  });

  it("a background check with nothing to continue (4003) forgets the flag; opening then starts a chat for real", async () => {
    const store = memoryStorage();
    store.setItem("edgechat.left.ch1", "5");
    vi.stubGlobal("localStorage", store);
    const t = setup();
    t.widget.restore();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last.open();
    t.sockets.last.push({ ...welcomeCustomer(summary()), conversations: [] });
    t.sockets.last.drop(4003, "No conversation to continue");
    await vi.advanceTimersByTimeAsync(0);
    expect(store.map.has("edgechat.left.ch1")).toBe(false);
    t.widget.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.made).toHaveLength(2);
    expect(t.sockets.last.url).not.toContain("resumeOnly");
  });

  it("without a left message nothing connects until the customer opens the chat", async () => {
    vi.stubGlobal("localStorage", memoryStorage());
    const t = setup();
    t.widget.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.made).toHaveLength(0);
  });
});
