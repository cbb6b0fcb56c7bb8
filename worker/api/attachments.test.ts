/**
 * The attachment routes' access rules and limits, through the real Worker, queue object, D1 and
 * local R2: who may read which file (404 for any other tenant or conversation), what a download
 * says about itself, and every limit at its boundary.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  adminOf,
  connectCustomer,
  fetchApp,
  queueStub,
  setupQueue,
} from "../../durable-objects/skill-queue/test/fixtures";
import { conversationPrefix, deleteConversationAttachments } from "../attachments/bucket";
import { signAttachmentToken } from "../realtime/attachment-token";
import {
  connectedChat,
  customerDownload,
  customerUpload,
  PDF,
  PNG,
  r2Keys,
  setAttachments,
  staffDownload,
  staffUpload,
  text,
  textOfSize,
} from "../test/attachment-helpers";
import { UPLOADS_PER_ADDRESS } from "./attachments";

const chat = connectedChat;

const raw = (path: string, init: RequestInit = {}) => fetchApp(path, init);

describe("downloads say what they are, from the server's own check", () => {
  it("an image: inline, its real type, nosniff, sandboxed, private, loadable from the widget's pages", async () => {
    const { token } = await chat();
    const up = await customerUpload(token, PNG, "photo.png");
    const res = await customerDownload(token, up.body.id);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(PNG.byteLength),
      "content-disposition": `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=3600",
      "cross-origin-resource-policy": "cross-origin",
      "referrer-policy": "no-referrer",
    });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it("a page disguised as an image is stored and served as plain text, as a download", async () => {
    const { token } = await chat();
    const page = text("<html><body><script>alert(document.cookie)</script></body></html>");
    const up = await customerUpload(token, page, "cute-cat.png", { "content-type": "image/png" });
    expect(up.body).toMatchObject({ contentType: "text/plain", kind: "file" });
    const res = await customerDownload(token, up.body.id);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("a PDF downloads as an attachment; a file name with emoji and quotes survives", async () => {
    const { token } = await chat();
    const up = await customerUpload(token, PDF, 'Rechnung "März" 👩🏽‍💻.pdf');
    expect(up.body.name).toBe('Rechnung "März" 👩🏽‍💻.pdf');
    const res = await customerDownload(token, up.body.id);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="Rechnung _M_rz_ _+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe('Rechnung "März" 👩🏽‍💻.pdf');
  });
});

describe("who may read a file", () => {
  it("another conversation's token, a forged, expired or missing token: 404 or 401", async () => {
    const { fx, token } = await chat();
    const up = await customerUpload(token, PNG, "a.png");
    const other = await connectCustomer(fx);
    const otherToken = (await other.next("session.welcome")).attachments!.token;
    expect((await customerDownload(otherToken, up.body.id)).status).toBe(404);
    expect((await customerDownload(`${token.slice(0, -2)}xx`, up.body.id)).status).toBe(401);
    expect((await raw(`/api/v1/chat/attachments/${up.body.id}`)).status).toBe(401);
    const [payload] = token.split(".");
    const claims = JSON.parse(atob(payload!.replaceAll("-", "+").replaceAll("_", "/")));
    const expired = await signAttachmentToken(
      {
        tenantId: claims.t,
        channelId: claims.ch,
        queueId: claims.q,
        conversationId: claims.c,
        customerId: claims.u,
        expiresAt: Date.now() - 1,
      },
      env.ATTACHMENT_SIGNING_KEY!,
    );
    const refused = await customerDownload(expired, up.body.id);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/expired/);
    expect((await customerDownload(token, "at_notanid")).status).toBe(404);
    expect((await customerDownload(token, encodeURIComponent("../../x"))).status).toBe(404);
  });

  it("staff: the conversation's agent, a checker of the queue and administrators; nobody else, no other tenant", async () => {
    const { fx, id, token } = await chat();
    const up = await customerUpload(token, PNG, "a.png");
    const bystander = await fx.addAgent([fx.queueId]);
    const checker = await fx.addAgent([fx.queueId], { platformRole: "qualityChecker" });
    // the agents API tells the queue object about new agents; this fixture writes D1 directly
    await queueStub(fx.queueId).invalidateConfig();
    const admin = await adminOf(fx);
    const stranger = await setupQueue();
    const strangerAdmin = await adminOf(stranger);
    const status = async (who: string, queue?: string) =>
      (await staffDownload(who, id, up.body.id, queue)).status;

    expect(await status(fx.agents[0]!.token, fx.queueId)).toBe(200);
    expect(await status(checker.token, fx.queueId)).toBe(200);
    expect(await status(admin.token)).toBe(200);
    expect(await status(bystander.token, fx.queueId)).toBe(404);
    expect(await status(bystander.token)).toBe(404);
    // the live conversation is not archived yet: its agent needs to name the queue it is in
    expect(await status(fx.agents[0]!.token)).toBe(404);
    expect(await status(strangerAdmin.token)).toBe(404);
    expect(await status(stranger.agents[0]!.token, fx.queueId)).toBe(404);
    expect(await status(fx.agents[0]!.token, stranger.queueId)).toBe(404);
    // nor may another tenant upload to it, naming its queue or their own
    for (const queue of [fx.queueId, stranger.queueId])
      expect((await staffUpload(stranger.agents[0]!.token, id, queue, PNG)).status).toBe(404);
    expect((await staffUpload(strangerAdmin.token, id, fx.queueId, PNG)).status).toBe(404);
    const res = await staffDownload(admin.token, id, up.body.id);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect((await raw(`/api/v1/conversations/${id}/attachments/${up.body.id}`)).status).toBe(401);
  });
});

describe("upload limits", () => {
  it("Content-Length is required, a whole number, not zero, and at most 25 MB before anything is read", async () => {
    const { token } = await chat();
    const post = (headers: Record<string, string>, body: BodyInit | null = null) =>
      raw("/api/v1/chat/attachments?name=a.txt", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, ...headers },
        body,
      });
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(text("hello"));
        c.close();
      },
    });
    expect((await post({}, chunked)).status).toBe(411);
    expect((await post({ "content-length": "0" }, new Uint8Array(0))).status).toBe(422);
    const huge = await post(
      { "content-length": String(25 * 1024 * 1024 + 1) },
      new FixedLengthStream(25 * 1024 * 1024 + 1).readable,
    );
    expect(huge.status).toBe(413);
  });

  it("the channel's maxBytes: exactly the limit is stored, one byte over is refused (413)", async () => {
    const { fx, token } = await chat();
    await setAttachments(fx.channelId, { maxBytes: 1024 });
    await queueStub(fx.queueId).invalidateConfig();
    expect((await customerUpload(token, textOfSize(1024), "max.txt")).status).toBe(201);
    const over = await customerUpload(token, textOfSize(1025), "over.txt");
    expect(over.status).toBe(413);
    expect(over.body.detail).toBe("The file is larger than 1 KB");
  });

  it("types: what the channel does not allow and what the server cannot recognise answer 415", async () => {
    const { fx, token } = await chat();
    await setAttachments(fx.channelId, { allowedTypes: ["image/png", "text/plain"] });
    await queueStub(fx.queueId).invalidateConfig();
    const pdf = await customerUpload(token, PDF, "a.pdf");
    expect(pdf.status).toBe(415);
    expect(pdf.body).toMatchObject({
      detail: "Files of type application/pdf are not allowed in this chat",
      errors: { file: ["Allowed types: image/png, text/plain"] },
    });
    const exe = await customerUpload(token, Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), "setup.txt");
    expect(exe.status).toBe(415);
    expect(exe.body.detail).toBe("This kind of file is not accepted");
  });

  it(`${UPLOADS_PER_ADDRESS} uploads per client address per minute; the next is refused with Retry-After`, async () => {
    const { token } = await chat();
    const address = { "cf-connecting-ip": "192.0.2.77" };
    const answers: { status: number; detail: string }[] = [];
    for (let i = 0; i <= UPLOADS_PER_ADDRESS; i++) {
      const up = await customerUpload(token, textOfSize(4), `${i}.txt`, address);
      answers.push({ status: up.status, detail: up.body?.detail ?? "" });
    }
    // the conversation's own limit (10 a minute) refuses first; those attempts still count for the address
    expect(answers.slice(0, 10).every((a) => a.status === 201)).toBe(true);
    expect(
      answers.slice(10, UPLOADS_PER_ADDRESS).every((a) => a.detail.startsWith("Too many files at once")),
    ).toBe(true);
    expect(answers[UPLOADS_PER_ADDRESS]).toEqual({
      status: 429,
      detail: expect.stringMatching(/^Too many file uploads from this address; try again in \d+ s$/),
    });
    const other = await customerUpload(token, textOfSize(4), "elsewhere.txt", {
      "cf-connecting-ip": "192.0.2.78",
    });
    expect(other.body.detail).toMatch(/^Too many files at once/);
  });

  it("answers CORS preflights for the widget's pages", async () => {
    const res = await raw("/api/v1/chat/attachments", {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/);
  });
});

describe("deleting a conversation's files", () => {
  it("deleteConversationAttachments removes every object of that conversation and nothing else", async () => {
    const a = await chat();
    const b = await connectCustomer(a.fx);
    const bWelcome = await b.next("session.welcome");
    const bToken = bWelcome.attachments!.token;
    const bId = bWelcome.conversations[0]!.conversationId;
    const kept = await customerUpload(bToken, PNG, "b.png");
    const gone = [await customerUpload(a.token, PNG, "1.png"), await customerUpload(a.token, PDF, "2.pdf")];
    expect(await r2Keys(conversationPrefix(a.fx.tenantId, a.id))).toHaveLength(2);

    expect(await deleteConversationAttachments(env, a.fx.tenantId, a.id)).toBe(2);
    expect(await r2Keys(conversationPrefix(a.fx.tenantId, a.id))).toEqual([]);
    for (const up of gone) expect((await customerDownload(a.token, up.body.id)).status).toBe(404);
    expect(await r2Keys(conversationPrefix(a.fx.tenantId, bId))).toHaveLength(1);
    expect((await customerDownload(bToken, kept.body.id)).status).toBe(200);
    expect(await deleteConversationAttachments(env, a.fx.tenantId, a.id)).toBe(0);
  });

  it("pages through more objects than one listing returns", async () => {
    const prefix = conversationPrefix("tn_bulk", "cv_bulk");
    await Promise.all(Array.from({ length: 7 }, (_, i) => env.ATTACHMENTS.put(`${prefix}at_${i}`, "x")));
    await env.ATTACHMENTS.put(`${conversationPrefix("tn_bulk", "cv_bulk2")}at_0`, "x");
    expect(await deleteConversationAttachments(env, "tn_bulk", "cv_bulk", 3)).toBe(7);
    expect(await r2Keys(prefix)).toEqual([]);
    expect(await r2Keys(conversationPrefix("tn_bulk", "cv_bulk2"))).toHaveLength(1);
  });
});
