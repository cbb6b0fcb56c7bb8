/**
 * The customer's browser context reaches staff only: the page reports (`page.viewed`, validated,
 * size-limited and rate-limited) and the browser and language from the chat's upgrade request.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PAGE_REPORTS_PER_WINDOW } from "../rules/customer-context";
import { connectAgent, postJson, queueStub, setupQueue, sql, TestSocket } from "./fixtures";

const UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36";

/** A customer whose chat connects with a browser's user agent and languages. */
async function browserCustomer(fx: { channelId: string }, acceptLanguage = "zh-CN,zh;q=0.9,en;q=0.5") {
  const res = await postJson(
    "/api/v1/chat/tickets",
    { channelId: fx.channelId, visitorId: `visitor${crypto.randomUUID()}` },
    { "cf-connecting-ip": "198.51.100.77" },
  );
  return TestSocket.open(res.body.url, { "user-agent": UA, "accept-language": acceptLanguage });
}

const page = (url: string, title = "Checkout", referrer = "") => ({
  type: "page.viewed",
  url,
  title,
  referrer,
});

describe("customer context", () => {
  it("page reports and the browser reach the agent, never the customer", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    const customer = await browserCustomer(fx);
    const assigned = await agent.next("conversation.assigned");
    expect(assigned.context).toMatchObject({ userAgent: UA, locale: "zh-CN", pageUrl: null });
    customer.send(page("https://shop.example/cart?x=1#pay", "Your cart", "https://search.example/q"));
    const update = await agent.next("customer.context", (f) => f.context.pageUrl !== null);
    expect(update).toMatchObject({
      conversationId: assigned.conversation.conversationId,
      context: {
        pageUrl: "https://shop.example/cart?x=1#pay",
        pageTitle: "Your cart",
        referrer: "https://search.example/q",
        userAgent: UA,
        locale: "zh-CN",
      },
    });
    expect(update.context.pageAt).toEqual(expect.any(Number));
    await customer.settle();
    expect(customer.frames.map((f) => f.type)).not.toContain("customer.context");
    expect(customer.all("error")).toEqual([]);
  });

  it("what was reported while waiting comes with the assignment, and again after the agent reconnects", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    agent.send({ type: "status.set", status: "rest" });
    await agent.next("agent.updated", (f) => f.agent.status === "rest");
    const customer = await browserCustomer(fx, "en-GB");
    await customer.next("queue.position");
    customer.send(page("http://shop.example/", "Home"));
    await customer.settle();
    agent.send({ type: "status.set", status: "idle" });
    const assigned = await agent.next("conversation.assigned");
    expect(assigned.context).toMatchObject({
      pageUrl: "http://shop.example/",
      pageTitle: "Home",
      locale: "en-GB",
    });
    agent.close();
    const again = await connectAgent(fx.agents[0]!, fx.queueId);
    await again.next("session.welcome");
    expect((await again.next("customer.context")).context.pageTitle).toBe("Home");
  });

  it.each([
    ["a javascript: address", page("javascript:alert(1)"), "url"],
    ["an ftp address", page("ftp://shop.example/file"), "url"],
    ["a relative address", page("/cart"), "url"],
    ["an address over 2 KB", page(`https://shop.example/${"a".repeat(2048 - 20)}`), "url"],
    ["a title over 200 characters", page("https://shop.example/", "t".repeat(201)), "title"],
    ["a javascript: referrer", page("https://shop.example/", "", "javascript:void(0)"), "referrer"],
    ["an unknown field", { ...page("https://shop.example/"), html: "<b>" }, "html"],
  ])("refuses %s with invalid_frame naming the field", async (_what, frame, field) => {
    const fx = await setupQueue();
    const customer = await browserCustomer(fx);
    await customer.next("session.welcome");
    customer.send(frame);
    const error = await customer.next("error");
    expect(error).toMatchObject({ code: "invalid_frame", ref: "page.viewed" });
    expect(Object.keys(error.issues ?? {})).toContain(field);
  });

  it("takes an address of exactly 2 KB and a title of exactly 200 characters", async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    const customer = await browserCustomer(fx);
    await agent.next("conversation.assigned");
    const url = `https://shop.example/${"a".repeat(2048 - 21)}`;
    expect(new TextEncoder().encode(url).byteLength).toBe(2048);
    customer.send(page(url, "t".repeat(200)));
    const update = await agent.next("customer.context", (f) => f.context.pageUrl !== null);
    expect(update.context.pageUrl).toBe(url);
    expect(update.context.pageTitle).toHaveLength(200);
  });

  it(`admits ${PAGE_REPORTS_PER_WINDOW} page reports a minute per conversation and refuses the next with rate_limited`, async () => {
    const fx = await setupQueue();
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    const customer = await browserCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    for (let i = 1; i <= PAGE_REPORTS_PER_WINDOW + 1; i++) customer.send(page(`https://shop.example/p${i}`));
    const refused = await customer.next("error");
    expect(refused).toMatchObject({ code: "rate_limited", ref: "page.viewed" });
    await agent.settle();
    const seen = agent.all("customer.context").map((f) => f.context.pageUrl);
    expect(seen).toHaveLength(PAGE_REPORTS_PER_WINDOW);
    expect(seen.at(-1)).toBe(`https://shop.example/p${PAGE_REPORTS_PER_WINDOW}`);
    // a minute later the window is new
    await sql(fx.queueId, "UPDATE customer_context SET report_window_start = report_window_start - 60000");
    customer.send(page("https://shop.example/later"));
    await agent.next("customer.context", (f) => f.context.pageUrl === "https://shop.example/later");
    expect(
      (await sql(fx.queueId, "SELECT report_count FROM customer_context WHERE conversation_id = ?", id))[0],
    ).toEqual({ report_count: 1 });
  });

  it("a watching quality checker gets the context; it goes when the conversation is dropped", async () => {
    const fx = await setupQueue({ agents: [{}, { platformRole: "qualityChecker" }] });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    const checker = await connectAgent(fx.agents[1]!, fx.queueId);
    await checker.next("session.welcome");
    const customer = await browserCustomer(fx);
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    checker.send({ type: "conversation.watch", conversationId: id });
    expect((await checker.next("conversation.assigned")).context?.locale).toBe("zh-CN");
    customer.send(page("https://shop.example/help", "Help"));
    expect((await checker.next("customer.context")).context.pageTitle).toBe("Help");
    await runInDurableObject(queueStub(fx.queueId), (_i, state) => {
      state.storage.sql.exec("DELETE FROM conversations WHERE id = ?", id);
      expect(state.storage.sql.exec("SELECT COUNT(*) AS n FROM customer_context").one().n).toBe(0);
    });
  });
});
