/** The widget tells the agent which page the customer is on, and when it changes (address or title). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeSockets } from "../realtime/test/fake-socket";
import { summary, welcomeCustomer } from "../realtime/test/frames";
import { WidgetController } from "./controller";

const page = { href: "https://shop.example/cart", title: "Cart", referrer: "https://search.example/q" };

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("location", {
    get href() {
      return page.href;
    },
  });
  vi.stubGlobal("document", {
    get title() {
      return page.title;
    },
    get referrer() {
      return page.referrer;
    },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("WidgetController: page reports", () => {
  it("reports the page within 3 s of connecting and each change of address or title, only http(s) addresses", async () => {
    const sockets = fakeSockets();
    const widget = new WidgetController({
      apiOrigin: "https://cs.example",
      channelId: "ch1",
      locale: "en",
      createSocket: sockets.create,
      fetch: (async () =>
        new Response(JSON.stringify({ url: "/ws/chat?ticket=t" }), {
          status: 201,
        })) as unknown as typeof fetch,
    });
    widget.open();
    await vi.advanceTimersByTimeAsync(0);
    sockets.last.open();
    sockets.last.push(welcomeCustomer(summary()));
    const reports = () => sockets.last.frames().filter((f) => f.type === "page.viewed");
    await vi.advanceTimersByTimeAsync(3000);
    expect(reports()).toEqual([
      {
        type: "page.viewed",
        url: "https://shop.example/cart",
        title: "Cart",
        referrer: "https://search.example/q",
      },
    ]);
    await vi.advanceTimersByTimeAsync(9000);
    expect(reports()).toHaveLength(1);
    page.title = "T".repeat(250);
    page.href = "https://shop.example/pay#card";
    await vi.advanceTimersByTimeAsync(3000);
    expect(reports().at(-1)).toMatchObject({ url: "https://shop.example/pay#card", title: "T".repeat(200) });
    page.href = "file:///home/ann/page.html";
    page.referrer = "javascript:void(0)";
    await vi.advanceTimersByTimeAsync(3000);
    page.href = `https://shop.example/${"a".repeat(2100)}`;
    await vi.advanceTimersByTimeAsync(3000);
    expect(reports()).toHaveLength(2);
    page.href = "https://shop.example/done";
    await vi.advanceTimersByTimeAsync(3000);
    expect(reports().at(-1)).toMatchObject({ url: "https://shop.example/done", referrer: "" });
  });
});
