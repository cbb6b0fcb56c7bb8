/**
 * The report figures written with the archive (rules/conversation-metrics.ts): the first queue
 * time and first connection survive a hand-over to another queue, which is counted.
 */

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { archivedTranscript } from "../../../worker/test/archive-fixtures";
import { connectAgent, connectCustomer, fire, setupQueue, sql, tick } from "./fixtures";

const archivedRow = async (id: string) =>
  (await env.DB.prepare("SELECT * FROM conversations WHERE id = ?").bind(id).all()).results[0] as
    | Record<string, number | string | null>
    | undefined;

describe("archived report figures", () => {
  it("keeps wait, first response and handle time from the first queue across a hand-over", async () => {
    const fx = await setupQueue();
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    await targetAgent.next("session.welcome");
    const customer = await connectCustomer(fx, { visitorId: "metrics-customer-0001" });
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    const [first] = await sql<{ first_queued_at: number; first_connected_at: number }>(
      fx.queueId,
      "SELECT first_queued_at, first_connected_at FROM conversations WHERE id = ?",
      id,
    );
    expect(first!.first_queued_at).toBeTypeOf("number");
    expect(first!.first_connected_at).toBeGreaterThanOrEqual(first!.first_queued_at);
    await tick(30);
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "a1", text: "Let me transfer you" });
    const sent = await agent.next("message.acked");
    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    await customer.next("session.moved");
    await targetAgent.next("conversation.assigned");
    const [there] = await sql<{ first_queued_at: number; first_connected_at: number; transfers: number }>(
      target,
      "SELECT first_queued_at, first_connected_at, transfers FROM conversations WHERE id = ?",
      id,
    );
    expect(there).toEqual({ ...first, transfers: 1 });
    await tick(30);
    targetAgent.send({ type: "conversation.end", conversationId: id });
    await targetAgent.next("conversation.updated", (f) => f.conversation.state === "ended");
    await fire(target, "archive");
    const row = await archivedRow(id);
    const agentMessage = (await archivedTranscript(id)).messages.find((m) => m.seq === sent.seq)
      ?.createdAt as number;
    expect(row).toMatchObject({
      skill_queue_id: target,
      transfers: 1,
      robot_turns: 0,
      answered_at: first!.first_connected_at,
      wait_ms: first!.first_connected_at - first!.first_queued_at,
      first_response_ms: agentMessage - first!.first_queued_at,
      handle_ms: (row!.ended_at as number) - first!.first_connected_at,
    });
    expect(row!.handle_ms).toBeGreaterThanOrEqual(60);
  });
});
