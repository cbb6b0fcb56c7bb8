/**
 * Deleting a skill queue stops it at once, on open sockets too: live conversations end (reason
 * `queueDeleted`, the customer told, archived with what they wrote), every staff and customer
 * socket closes with 4010, agents are signed out, and a connection made afterwards with a ticket
 * issued before the deletion is closed with 4010 as well.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../../worker/realtime/protocol";
import { archivedTranscript } from "../../../worker/test/archive-fixtures";
import { QUEUE_DELETED_REASON } from "../queue-deleted";
import {
  adminOf,
  connectAgent,
  connectCustomer,
  fire,
  postJson,
  setupQueue,
  sql,
  TestSocket,
} from "./fixtures";

const closedAsDeleted = { code: CloseCode.queueDeleted, reason: QUEUE_DELETED_REASON };

describe("a deleted skill queue", () => {
  it("ends its conversations, closes every socket with 4010 and refuses later connections", async () => {
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }, { platformRole: "qualityChecker" }] });
    const [common, checkerStaff] = fx.agents as [(typeof fx.agents)[0], (typeof fx.agents)[0]];
    const agent = await connectAgent(common, fx.queueId);
    await agent.next("session.welcome");
    const checker = await connectAgent(checkerStaff, fx.queueId);
    await checker.next("session.welcome");
    const chatting = await connectCustomer(fx, { name: "Ann" });
    const chatId = (await agent.next("conversation.assigned")).conversation.conversationId;
    const waiting = await connectCustomer(fx, { name: "Bo" });
    const waitId = (await waiting.next("session.welcome")).conversations[0]!.conversationId;
    await waiting.next("queue.position");
    waiting.send({ type: "message.send", clientMsgId: "w1", text: "Is anyone there?" });
    await waiting.next("message.acked");
    // tickets issued just before the deletion
    const lateCustomer = await postJson("/api/v1/chat/tickets", {
      channelId: fx.channelId,
      visitorId: `late${Date.now()}abcdefghij`,
    });
    const lateAgent = await postJson(
      "/api/v1/agent/tickets",
      { skillQueueId: fx.queueId },
      { authorization: `Bearer ${common.token}` },
    );
    expect([lateCustomer.status, lateAgent.status]).toEqual([201, 201]);

    // the references go without telling the queue (a lost notification): the staff stay connected
    for (const statement of [
      "DELETE FROM agent_skill_queues WHERE skill_queue_id = ?1",
      "UPDATE agents SET default_skill_queue_id = NULL WHERE default_skill_queue_id = ?1",
      "DELETE FROM called_routes WHERE skill_queue_id = ?1",
    ])
      await env.DB.prepare(statement).bind(fx.queueId).run();
    const admin = await adminOf(fx);
    expect((await admin.del(`/skill-queues/${fx.queueId}`)).status).toBe(204);

    for (const customer of [chatting, waiting]) {
      const ended = await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
      expect(ended.reason).toBe("queueDeleted");
    }
    const notice = await waiting.next("message", (f) => f.message.notice?.code === "queueDeleted");
    expect(notice.message.sender).toBe("system");
    for (const socket of [agent, checker, chatting, waiting])
      expect(await socket.waitClosed()).toEqual(closedAsDeleted);
    expect(await sql(fx.queueId, "SELECT * FROM agents")).toEqual([]);
    expect(await sql(fx.queueId, "SELECT state, end_reason FROM conversations ORDER BY started_at")).toEqual([
      { state: "ended", end_reason: "queueDeleted" },
      { state: "ended", end_reason: "queueDeleted" },
    ]);

    // archived as usual, with what the waiting customer wrote
    await fire(fx.queueId, "archive");
    const outcomes = await env.DB.prepare(
      "SELECT id, outcome FROM conversations WHERE id IN (?, ?) ORDER BY id",
    )
      .bind(chatId, waitId)
      .all<{ id: string; outcome: string }>();
    expect(outcomes.results.map((r) => r.outcome)).toEqual(["queueDeleted", "queueDeleted"]);
    expect((await archivedTranscript(waitId)).messages.map((m) => m.text)).toContain("Is anyone there?");

    for (const url of [lateCustomer.body.url, lateAgent.body.url] as string[])
      expect(await (await TestSocket.open(url)).waitClosed()).toEqual(closedAsDeleted);
  }, 30_000);
});
