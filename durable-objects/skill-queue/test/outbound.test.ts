import { describe, expect, it } from "vitest";
import {
  CloseCode,
  EARLY_PULLS_MAX,
  PULL_BURST_BYTES,
  PULL_RATE_BYTES_PER_S,
  type ServerEvent,
} from "../../../worker/realtime/protocol";
import { addMessages, connectAgent, connectCustomer, setupQueue, type TestSocket } from "./fixtures";

/** Bytes of a frame as the server sent it (the same JSON text, re-serialized). */
const bytes = (f: ServerEvent) => new TextEncoder().encode(JSON.stringify(f)).byteLength;

/** A queue with an agent and two customers: `chatty` keeps chatting, `puller` holds a ~480 KB transcript. */
async function twoCustomers() {
  const fx = await setupQueue();
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const chatty = await connectCustomer(fx, { visitorId: "outbound-chatty-00001" });
  const chat = (await agent.next("conversation.assigned")).conversation.conversationId;
  const puller = await connectCustomer(fx, { visitorId: "outbound-puller-00001" });
  const pulled = (await agent.next("conversation.assigned")).conversation.conversationId;
  // 40 messages of 12 KB (UTF-8): every latest page is cut at PAGE_MAX_BYTES (21 messages)
  const last = await addMessages(fx.queueId, pulled, 40, () => "字".repeat(4000));
  await Promise.all([chatty.settle(), puller.settle(), agent.settle()]);
  for (const s of [agent, chatty, puller]) s.frames.length = 0;
  return { agent, chatty, puller, chat, pulled, last };
}

/** Asks for a page, waiting as told while the budget says `rate_limited` (as the bundled clients do). */
async function fetchPage(socket: TestSocket, fetch: object) {
  for (let attempt = 0; attempt < 10; attempt++) {
    socket.send(fetch);
    const answer = await socket.nextOf(["history.page", "error"]);
    if (answer.type === "history.page") return answer;
    expect(answer).toMatchObject({ code: "rate_limited", ref: "history.fetch" });
    await new Promise((r) => setTimeout(r, answer.retryAfterMs));
  }
  throw new Error("no page after 10 attempts");
}

/** One message from the chatty customer reaches the agent and is acknowledged. */
async function roundTrip(customer: TestSocket, agent: TestSocket, id: string) {
  customer.send({ type: "message.send", clientMsgId: id, text: `still here ${id}` });
  await customer.next("message.acked", (f) => f.clientMsgId === id);
  await agent.next("message", (f) => f.message.clientMsgId === id);
}

describe("outbound budget", () => {
  it("pulls past the budget get rate_limited; pulling on regardless closes with 4008; another customer keeps chatting", async () => {
    const { agent, chatty, puller, chat, pulled, last } = await twoCustomers();
    await roundTrip(chatty, agent, "before");
    const fetch = { type: "history.fetch", conversationId: pulled, beforeSeq: last + 1 };
    const started = Date.now();
    // far more requests than the budget allows, back to back (under the frame-rate limit)
    for (let i = 0; i < 20; i++) puller.send(fetch);
    const closed = await puller.waitClosed(5000);
    const elapsed = Date.now() - started;
    expect(closed.code).toBe(CloseCode.outboundBudget);

    const pages = puller.all("history.page");
    const refusals = puller.all("error");
    expect(pages.length).toBeGreaterThan(0);
    // one refused by the budget, then the early ones it answers before the next closes the socket
    expect(refusals).toHaveLength(1 + EARLY_PULLS_MAX);
    // every answer before the first refusal is a page, none after it
    expect(puller.frames.map((f) => f.type)).toEqual([
      ...pages.map(() => "history.page"),
      ...refusals.map(() => "error"),
    ]);
    // the boundary: each page was served while the bucket was above zero, the first refusal came
    // once it was not (refill while the test ran is the only slack)
    const slack = (elapsed * PULL_RATE_BYTES_PER_S) / 1000;
    const sizes = pages.map(bytes);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total - sizes.at(-1)!).toBeLessThan(PULL_BURST_BYTES + slack);
    expect(total).toBeGreaterThanOrEqual(PULL_BURST_BYTES);
    for (const r of refusals) {
      expect(r).toMatchObject({ code: "rate_limited", ref: "history.fetch" });
      expect(r.retryAfterMs).toBeGreaterThan(0);
      expect(r.retryAfterMs).toBeLessThanOrEqual(
        ((total - PULL_BURST_BYTES) * 1000) / PULL_RATE_BYTES_PER_S + 1,
      );
    }

    // nothing else slowed down: the other customer's chat, and its own pulls
    await roundTrip(chatty, agent, "after");
    expect(
      (await fetchPage(chatty, { type: "history.fetch", conversationId: chat, beforeSeq: 1_000 }))
        .conversationId,
    ).toBe(chat);
    expect(chatty.closed).toBeNull();
    expect(agent.closed).toBeNull();
  });

  it("a client that waits retryAfterMs is served again, and a resume shares the same budget", async () => {
    const { puller, pulled, last } = await twoCustomers();
    const fetch = { type: "history.fetch", conversationId: pulled, beforeSeq: last + 1 };
    // one request at a time, each answered before the next, until the first refusal
    let refusal: Extract<ServerEvent, { type: "error" }> | undefined;
    for (let i = 0; i < 10 && !refusal; i++) {
      const answered = puller.frames.length;
      puller.send(fetch);
      while (puller.frames.length === answered) await puller.settle(20);
      refusal = puller.all("error")[0];
    }
    expect(refusal).toMatchObject({ code: "rate_limited", ref: "history.fetch" });
    puller.frames.length = 0;
    puller.send({ type: "session.resume", lastSeq: 0 });
    expect(await puller.next("error")).toMatchObject({ code: "rate_limited", ref: "session.resume" });
    await new Promise((r) => setTimeout(r, refusal!.retryAfterMs! + 20));
    puller.frames.length = 0;
    puller.send(fetch);
    expect((await puller.next("history.page")).conversationId).toBe(pulled);
    expect(puller.closed).toBeNull();
  });
});
