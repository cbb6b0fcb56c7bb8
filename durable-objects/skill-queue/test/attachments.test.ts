/**
 * Files in chats through the queue object: a message carries its file's metadata with the same
 * exactly-once delivery as text, only files uploaded to that conversation by that side can be
 * sent, transfers and the archive keep them, and a customer's uploads are counted per conversation.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_CHARS } from "../../../worker/realtime/protocol";
import {
  connectedChat,
  customerDownload,
  customerUpload,
  PDF,
  PNG,
  setAttachments,
  staffDownload,
  staffUpload,
  textOfSize,
} from "../../../worker/test/attachment-helpers";
import { BYTES_MAX, FILES_MAX, UPLOADS_PER_MINUTE } from "../rules/attachment-quota";
import {
  adminOf,
  connectAgent,
  connectCustomer,
  dropKept,
  fire,
  queueStub,
  setupQueue,
  sql,
  TestSocket,
  tick,
} from "./fixtures";

const chat = connectedChat;

describe("attachments through the queue object", () => {
  it("the customer's welcome carries a token and the channel's limits", async () => {
    const { welcome } = await chat();
    expect(welcome.attachments).toMatchObject({
      token: expect.any(String),
      maxBytes: 10 * 1024 * 1024,
      allowedTypes: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"],
    });
    expect(welcome.attachments!.expiresAt - welcome.serverTime).toBe(4 * 60 * 60_000);
  });

  it("a customer's image reaches the agent with its metadata, exactly once, and replays", async () => {
    const { fx, agent, customer, id, token } = await chat();
    // the uploader's claimed type and name do not decide the type: the bytes do
    const up = await customerUpload(token, PNG, "holiday.jpg", { "content-type": "application/pdf" });
    expect(up.status).toBe(201);
    expect(up.body).toEqual({
      id: expect.stringMatching(/^at_/),
      name: "holiday.jpg",
      contentType: "image/png",
      size: PNG.byteLength,
      kind: "image",
      width: 3,
      height: 2,
    });
    customer.send({ type: "message.send", clientMsgId: "img-1", attachmentId: up.body.id });
    const acked = await customer.next("message.acked");
    customer.send({ type: "message.send", clientMsgId: "img-1", attachmentId: up.body.id });
    expect((await customer.next("message.acked")).seq).toBe(acked.seq);
    const got = await agent.next("message", (f) => f.message.clientMsgId === "img-1");
    expect(got.message).toMatchObject({ seq: acked.seq, text: "", attachment: up.body });
    await agent.settle();
    expect(agent.all("message").filter((f) => f.message.clientMsgId === "img-1")).toHaveLength(0);
    expect(await sql(fx.queueId, "SELECT COUNT(*) AS n FROM messages WHERE client_msg_id = 'img-1'")).toEqual(
      [{ n: 1 }],
    );

    customer.send({ type: "session.resume", lastSeq: acked.seq - 1 });
    const replayed = await customer.next("message", (f) => f.message.seq === acked.seq);
    expect(replayed.message.attachment).toEqual(up.body);
    agent.send({ type: "history.fetch", conversationId: id, beforeSeq: acked.seq + 1 });
    const page = await agent.next("history.page");
    expect(page.messages.at(-1)?.attachment).toEqual(up.body);
  });

  it("an agent's file reaches the customer, who downloads it with their token", async () => {
    const { fx, agent, customer, id, token } = await chat();
    const up = await staffUpload(fx.agents[0]!.token, id, fx.queueId, PDF, "terms.pdf");
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: "application/pdf", kind: "file", name: "terms.pdf" });
    agent.send({
      type: "message.send",
      conversationId: id,
      clientMsgId: "pdf-1",
      attachmentId: up.body.id,
      text: "Our terms",
    });
    await agent.next("message.acked");
    const got = await customer.next("message", (f) => f.message.clientMsgId === "pdf-1");
    expect(got.message).toMatchObject({ text: "Our terms", attachment: up.body });
    const res = await customerDownload(token, up.body.id);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it("only a file uploaded to this conversation by the sender's side can be sent", async () => {
    const { fx, agent, customer, id, token } = await chat();
    const other = await connectCustomer(fx);
    const otherToken = (await other.next("session.welcome")).attachments!.token;
    const foreign = await customerUpload(otherToken, PNG, "other.png");
    const own = await customerUpload(token, PNG, "mine.png");
    expect([foreign.status, own.status]).toEqual([201, 201]);
    const before = (
      await sql<{ last_seq: number }>(fx.queueId, "SELECT last_seq FROM conversations WHERE id = ?", id)
    )[0]!.last_seq;

    customer.send({ type: "message.send", clientMsgId: "x-1", attachmentId: foreign.body.id });
    expect(await customer.next("error")).toMatchObject({ code: "not_found", ref: "x-1" });
    customer.send({
      type: "message.send",
      clientMsgId: "x-2",
      attachmentId: "at_00000000000000000000000000",
    });
    expect(await customer.next("error")).toMatchObject({ code: "not_found", ref: "x-2" });
    // the agent cannot pass the customer's file off as their own
    agent.send({ type: "message.send", conversationId: id, clientMsgId: "x-3", attachmentId: own.body.id });
    expect(await agent.next("error")).toMatchObject({ code: "not_found", ref: "x-3" });
    const after = (
      await sql<{ last_seq: number }>(fx.queueId, "SELECT last_seq FROM conversations WHERE id = ?", id)
    )[0]!.last_seq;
    expect(after).toBe(before);
  });

  it("an ended conversation takes no more files; the ones sent stay readable", async () => {
    const { agent, customer, id, token } = await chat();
    const up = await customerUpload(token, PNG, "a.png");
    customer.send({ type: "message.send", clientMsgId: "e-1", attachmentId: up.body.id });
    await customer.next("message.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    const late = await customerUpload(token, PNG, "late.png");
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe("The conversation has ended");
    expect((await customerDownload(token, up.body.id)).status).toBe(200);
  });

  it("a transfer keeps the files: the target's agent and the customer still get them", async () => {
    const fx = await setupQueue();
    const other = await fx.addAgent([]);
    const target = await fx.addQueue({}, [other]);
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    const targetAgent = await connectAgent(other, target);
    await targetAgent.next("session.welcome");
    const customer = await connectCustomer(fx);
    const token = (await customer.next("session.welcome")).attachments!.token;
    const id = (await agent.next("conversation.assigned")).conversation.conversationId;
    await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
    const up = await customerUpload(token, PNG, "bill.png");
    customer.send({ type: "message.send", clientMsgId: "t-1", attachmentId: up.body.id });
    await customer.next("message.acked");
    // uploaded before the move, sent after it
    const pending = await customerUpload(token, PDF, "later.pdf");

    agent.send({ type: "conversation.transfer", conversationId: id, skillQueueId: target });
    const moved = await customer.next("session.moved");
    const assigned = await targetAgent.next("conversation.assigned");
    expect(assigned.messages.find((m) => m.clientMsgId === "t-1")?.attachment).toEqual(up.body);
    expect((await staffDownload(other.token, id, up.body.id, target)).status).toBe(200);
    // the first queue's agent no longer sees the live conversation
    expect((await staffDownload(fx.agents[0]!.token, id, up.body.id, fx.queueId)).status).toBe(404);

    const there = await TestSocket.open(moved.url);
    const fresh = (await there.next("session.welcome")).attachments!.token;
    expect((await customerDownload(fresh, up.body.id)).status).toBe(200);
    there.send({ type: "message.send", clientMsgId: "t-2", attachmentId: pending.body.id });
    await there.next("message.acked");
    expect(
      (await targetAgent.next("message", (f) => f.message.clientMsgId === "t-2")).message.attachment,
    ).toEqual(pending.body);
    // the old token names the first queue: it can still read, but no longer upload
    expect((await customerUpload(token, PNG, "x.png")).status).toBe(404);
    expect((await customerUpload(fresh, PNG, "x.png")).status).toBe(201);
  });

  it("the archive keeps each message's file; the agent who handled it can still download it", async () => {
    const { fx, agent, customer, id, token } = await chat();
    const up = await customerUpload(token, PNG, "receipt.png");
    customer.send({ type: "message.send", clientMsgId: "r-1", attachmentId: up.body.id, text: "my receipt" });
    await customer.next("message.acked");
    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");
    const admin = await adminOf(fx);
    const history = await admin.get(`/conversations/${id}`);
    expect(history.body.transcript.find((l: { text: string }) => l.text === "my receipt")).toMatchObject({
      attachment: up.body,
    });
    expect(history.body.transcript.find((l: { text: string }) => l.text !== "my receipt")).not.toHaveProperty(
      "attachment",
    );
    // the queue object forgets the conversation; the archive still names its agent
    await runInDurableObject(queueStub(fx.queueId), (instance, state) => {
      state.storage.sql.exec("DELETE FROM conversations WHERE id = ?", id);
      dropKept(instance);
    });
    expect((await staffDownload(fx.agents[0]!.token, id, up.body.id)).status).toBe(200);
    expect((await staffDownload(admin.token, id, up.body.id)).status).toBe(200);
  });
});

describe("emoji in messages", () => {
  // a flag, a ZWJ sequence with a skin tone, a keycap and an astral emoji: 2 to 7 UTF-16 units each
  const emoji = "Hi 🇫🇷 👩🏽‍💻 1️⃣ 😀!";

  it("round-trip unchanged: live, replayed, as a caption and in the archive, up to the text limit", async () => {
    const { fx, agent, customer, id, token } = await chat();
    customer.send({ type: "message.send", clientMsgId: "em-1", text: emoji });
    await customer.next("message.acked");
    expect((await agent.next("message", (f) => f.message.clientMsgId === "em-1")).message.text).toBe(emoji);

    const full = "😀".repeat(MAX_TEXT_CHARS / 2);
    customer.send({ type: "message.send", clientMsgId: "em-2", text: full });
    await customer.next("message.acked");
    expect((await agent.next("message", (f) => f.message.clientMsgId === "em-2")).message.text).toBe(full);

    const up = await customerUpload(token, PNG, "🐱.png");
    customer.send({ type: "message.send", clientMsgId: "em-3", attachmentId: up.body.id, text: emoji });
    const acked = await customer.next("message.acked");
    expect((await agent.next("message", (f) => f.message.clientMsgId === "em-3")).message).toMatchObject({
      text: emoji,
      attachment: { name: "🐱.png" },
    });

    customer.send({ type: "session.resume", lastSeq: acked.seq - 1 });
    expect((await customer.next("message", (f) => f.message.seq === acked.seq)).message.text).toBe(emoji);

    agent.send({ type: "conversation.end", conversationId: id });
    await customer.next("conversation.updated", (f) => f.conversation.state === "ended");
    await tick(50);
    await fire(fx.queueId, "archive");
    const transcript = (await (await adminOf(fx)).get(`/conversations/${id}`)).body.transcript as {
      text: string;
    }[];
    expect(transcript.map((l) => l.text)).toEqual(expect.arrayContaining([emoji, full]));
  });
});

describe("a customer's uploads per conversation", () => {
  it(`allows ${UPLOADS_PER_MINUTE} uploads a minute; the next waits (429 with Retry-After)`, async () => {
    const { token } = await chat();
    for (let i = 0; i < UPLOADS_PER_MINUTE; i++)
      expect((await customerUpload(token, textOfSize(10), `n${i}.txt`)).status).toBe(201);
    const over = await customerUpload(token, textOfSize(10), "over.txt");
    expect(over.status).toBe(429);
    expect(over.body.detail).toBe("Too many files at once; try again in a moment");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(over.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  it(`holds at most ${FILES_MAX} files and ${BYTES_MAX / 1024 / 1024} MB; exactly the cap is allowed`, async () => {
    const { fx, id, token } = await chat();
    const fill = (files: number, bytes: number) =>
      runInDurableObject(queueStub(fx.queueId), (_i, state) => {
        state.storage.sql.exec("DELETE FROM attachments WHERE conversation_id = ?", id);
        for (let i = 0; i < files; i++)
          state.storage.sql.exec(
            "INSERT INTO attachments (id, conversation_id, uploader, uploader_id, meta, size, created_at) VALUES (?, ?, 'customer', 'c', '{}', ?, 0)",
            `at_fill${i}`,
            id,
            i === 0 ? bytes : 0,
          );
      });
    await fill(FILES_MAX, 0);
    const full = await customerUpload(token, textOfSize(10), "51.txt");
    expect(full.status).toBe(409);
    expect(full.body.detail).toBe("This conversation holds as many files as it may");
    await fill(1, BYTES_MAX - 10);
    expect((await customerUpload(token, textOfSize(11), "over.txt")).status).toBe(409);
    expect((await customerUpload(token, textOfSize(10), "exact.txt")).status).toBe(201);
  });

  it("a failed upload does not count, and stores nothing", async () => {
    const { fx, id, token } = await chat();
    await setAttachments(fx.channelId, { allowedTypes: ["image/png"] });
    await queueStub(fx.queueId).invalidateConfig();
    expect((await customerUpload(token, PDF, "no.pdf")).status).toBe(415);
    expect(await sql(fx.queueId, "SELECT * FROM attachments WHERE conversation_id = ?", id)).toEqual([]);
    expect((await env.ATTACHMENTS.list({ prefix: `tenant/${fx.tenantId}/` })).objects).toEqual([]);
  });

  it("agents are not counted against the customer's quota", async () => {
    const { fx, id, token } = await chat();
    for (let i = 0; i < UPLOADS_PER_MINUTE; i++)
      expect((await staffUpload(fx.agents[0]!.token, id, fx.queueId, PNG)).status).toBe(201);
    expect((await customerUpload(token, PNG, "mine.png")).status).toBe(201);
  });
});

describe("uploads as the wrong party", () => {
  it("an agent who is not the conversation's agent cannot upload to it", async () => {
    const { fx, id } = await chat();
    const bystander = await fx.addAgent([fx.queueId]);
    expect((await staffUpload(bystander.token, id, fx.queueId, PNG)).status).toBe(404);
    const admin = await adminOf(fx);
    expect((await staffUpload(admin.token, id, fx.queueId, PNG)).status).toBe(404);
  });

  it("the channel's switch turns uploads off for both sides", async () => {
    const { fx, id, token } = await chat();
    await setAttachments(fx.channelId, { enabled: false });
    await queueStub(fx.queueId).invalidateConfig();
    const customer = await customerUpload(token, PNG, "a.png");
    expect(customer.status).toBe(403);
    expect(customer.body.detail).toBe("This channel does not accept files");
    expect((await staffUpload(fx.agents[0]!.token, id, fx.queueId, PNG)).status).toBe(403);
    const next = await connectCustomer(fx);
    expect((await next.next("session.welcome")).attachments).toMatchObject({ maxBytes: 0, allowedTypes: [] });
  });
});
