/**
 * Data-protection requests through the real Worker, queue objects, D1 and local R2: an erasure
 * reaches every store (a live conversation in a queue object with its file, archived history,
 * cases, tickets), by each kind of identifier, never another tenant's data, twice with the
 * second answering zero; the audit entry has no personal data; the export holds everything.
 */
import { describe, expect, it } from "vitest";
import { adminOf, queueStub, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { conversationPrefix } from "../attachments/bucket";
import { connectedChat, customerUpload, PNG, r2Keys } from "../test/attachment-helpers";
import { addConversation } from "../test/config-fixtures";
import { client } from "../test/helpers";
import {
  addCase,
  addCustomerTicket,
  archivedConversation,
  auditEntries,
  rowsOf,
} from "../test/privacy-fixtures";
import { agentClient } from "../test/queue-route-fixtures";
import { anonymousCustomerId } from "./chat-tickets";

const ZERO = {
  conversations: 0,
  messages: 0,
  notes: 0,
  tags: 0,
  calls: 0,
  attachments: 0,
  cases: 0,
  leftMessages: 0,
  liveConversations: 0,
  chatTickets: 0,
};

describe("erasing one customer", () => {
  it("reaches a live conversation in its queue object, archived history, files, cases and tickets; a second erase finds nothing", async () => {
    const { fx, agent, customer, id: liveId, token } = await connectedChat();
    const upload = await customerUpload(token, PNG, "photo.png");
    expect(upload.status).toBe(201);
    const customerId = customer.customerId;
    const archivedId = await archivedConversation(fx.tenantId, { customerId });
    await addCase(fx.tenantId, customerId);
    await addCustomerTicket(fx.tenantId, customerId);
    const someoneElse = await archivedConversation(fx.tenantId, { customerId: "someone-else" });
    // another tenant whose customer has the same id
    const other = await setupQueue();
    const theirs = await archivedConversation(other.tenantId, { customerId });
    const admin = await adminOf(fx);

    const lookedUp = await admin.post("/privacy/lookup", { kind: "customerId", value: customerId });
    expect(lookedUp.status).toBe(200);
    expect(lookedUp.body.counts).toEqual({
      ...ZERO,
      conversations: 1,
      messages: 2,
      notes: 1,
      tags: 1,
      calls: 1,
      attachments: 1,
      cases: 1,
      liveConversations: 1,
      chatTickets: 1,
    });

    const erased = await admin.post("/privacy/erase", { kind: "customerId", value: customerId });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({
      kind: "customerId",
      customerIds: [customerId],
      // two files: the live chat's upload and the archived conversation's
      counts: { ...lookedUp.body.counts, attachments: 2 },
    });
    expect(await customer.waitClosed()).toEqual({ code: 4009, reason: "The customer's data was erased" });
    expect(await agent.next("conversation.removed")).toMatchObject({
      conversationId: liveId,
      reason: "erased",
    });
    const match = { tenantId: fx.tenantId, customerIds: [customerId], email: null };
    expect(await queueStub(fx.queueId).customerConversations(match)).toBe(0);
    expect(await r2Keys(conversationPrefix(fx.tenantId, liveId))).toEqual([]);
    expect(await r2Keys(conversationPrefix(fx.tenantId, archivedId))).toEqual([]);
    expect(await rowsOf(archivedId)).toEqual({ conversations: 0, messages: 0, notes: 0, tags: 0, calls: 0 });
    // the live conversation was dropped, never archived afterwards
    expect((await rowsOf(liveId)).conversations).toBe(0);
    // the same tenant's other customer and the other tenant's customer are untouched
    expect(await rowsOf(someoneElse)).toEqual({ conversations: 1, messages: 2, notes: 1, tags: 1, calls: 1 });
    expect(await rowsOf(theirs)).toEqual({ conversations: 1, messages: 2, notes: 1, tags: 1, calls: 1 });
    expect(await r2Keys(conversationPrefix(other.tenantId, theirs))).toHaveLength(1);

    const again = await admin.post("/privacy/erase", { kind: "customerId", value: customerId });
    expect(again.status).toBe(200);
    expect(again.body.counts).toEqual(ZERO);
  });

  it("records who, when and what kind in the audit log, with counts and no personal data", async () => {
    const fx = await setupQueue();
    const email = "grace.hopper@example.com";
    await archivedConversation(fx.tenantId, {
      customerId: "crm-7781",
      preChat: [{ key: "email", label: "Email", value: email, verified: false }],
    });
    const admin = await adminOf(fx);
    const erased = await admin.post("/privacy/erase", { kind: "email", value: email });
    expect(erased.body.counts.conversations).toBe(1);
    const entries = await auditEntries(fx.tenantId, "privacy");
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      actorType: "employee",
      actorName: "Admin",
      action: "delete",
      path: "/privacy/erase",
    });
    expect(entry?.changes).toContainEqual({ path: "identifierKind", before: null, after: "email" });
    expect(entry?.changes).toContainEqual({ path: "erased.conversations", before: null, after: 1 });
    const stored = JSON.stringify(entry);
    for (const personal of [email, "grace", "crm-7781"]) expect(stored).not.toContain(personal);
  });

  it("counts and erases a transcript archived before the R2 archive (legacy D1 rows) like one in R2", async () => {
    const fx = await setupQueue();
    const legacy = await archivedConversation(fx.tenantId, { customerId: "user-7", legacy: true });
    const inR2 = await archivedConversation(fx.tenantId, { customerId: "user-7" });
    const admin = await adminOf(fx);
    const counts = { conversations: 2, messages: 4, notes: 2, attachments: 2 };
    expect((await admin.post("/privacy/lookup", { kind: "sub", value: "user-7" })).body.counts).toMatchObject(
      counts,
    );
    expect((await admin.post("/privacy/erase", { kind: "sub", value: "user-7" })).body.counts).toMatchObject(
      counts,
    );
    const gone = { conversations: 0, messages: 0, notes: 0, tags: 0, calls: 0 };
    expect(await rowsOf(legacy)).toEqual(gone);
    expect(await rowsOf(inR2)).toEqual(gone);
  });

  it("answers zero for another tenant's customer and leaves it alone", async () => {
    const a = await setupQueue();
    const b = await setupQueue();
    const id = await archivedConversation(a.tenantId, { customerId: "user-42" });
    await addCase(a.tenantId, "user-42");
    const adminB = await adminOf(b);
    expect((await adminB.post("/privacy/lookup", { kind: "sub", value: "user-42" })).body.counts).toEqual(
      ZERO,
    );
    expect((await adminB.post("/privacy/erase", { kind: "sub", value: "user-42" })).body.counts).toEqual(
      ZERO,
    );
    expect((await rowsOf(id)).conversations).toBe(1);
    const adminA = await adminOf(a);
    expect(
      (await adminA.post("/privacy/lookup", { kind: "sub", value: "user-42" })).body.counts,
    ).toMatchObject({
      conversations: 1,
      cases: 1,
    });
  });
});

describe("each kind of identifier", () => {
  it("visitorId: the customer ids the widget derived from it on each channel", async () => {
    const fx = await setupQueue();
    const visitorId = "visitor0123456789abcdef";
    const customerId = await anonymousCustomerId(fx.channelId, visitorId);
    const mine = await archivedConversation(fx.tenantId, { customerId, channelId: fx.channelId });
    const another = await archivedConversation(fx.tenantId, {
      customerId: await anonymousCustomerId(fx.channelId, "visitor9999999999zzzzzz"),
    });
    const admin = await adminOf(fx);
    const erased = await admin.post("/privacy/erase", { kind: "visitorId", value: visitorId });
    expect(erased.body).toMatchObject({
      customerIds: [customerId],
      counts: { conversations: 1, messages: 2 },
    });
    expect((await rowsOf(mine)).conversations).toBe(0);
    expect((await rowsOf(another)).conversations).toBe(1);
  });

  it("sub: the identity token's subject is the customer id", async () => {
    const fx = await setupQueue();
    const mine = await archivedConversation(fx.tenantId, { customerId: "user-42" });
    const another = await archivedConversation(fx.tenantId, { customerId: "user-420" });
    const admin = await adminOf(fx);
    const erased = await admin.post("/privacy/erase", { kind: "sub", value: "user-42" });
    expect(erased.body.counts).toMatchObject({ conversations: 1, messages: 2, notes: 1, tags: 1, calls: 1 });
    expect((await rowsOf(mine)).conversations).toBe(0);
    expect((await rowsOf(another)).conversations).toBe(1);
  });

  it("email: pre-chat forms, left messages' contact and cases, whatever the case; and all conversations of those customers", async () => {
    const fx = await setupQueue();
    const viaForm = await archivedConversation(fx.tenantId, {
      customerId: "anon_form",
      preChat: [{ key: "mail", label: "Email", value: "Ada@Example.com", verified: false }],
    });
    const sameCustomerLater = (await addConversation(fx.tenantId, { customerId: "anon_form" })).id;
    const left = (
      await addConversation(fx.tenantId, {
        customerId: "anon_left",
        leftAt: Date.now(),
        contact: "ada@example.COM",
        outcome: "leftMessage",
      })
    ).id;
    await addCase(fx.tenantId, "anon_case", { email: "ADA@example.com" });
    const stranger = (
      await addConversation(fx.tenantId, {
        customerId: "anon_other",
        preChat: [{ key: "mail", label: "Email", value: "ada@example.org", verified: false }],
      })
    ).id;
    const admin = await adminOf(fx);
    const erased = await admin.post("/privacy/erase", { kind: "email", value: " ada@example.com " });
    expect(erased.status).toBe(200);
    expect(erased.body.customerIds).toEqual(["anon_case", "anon_form", "anon_left"]);
    expect(erased.body.counts).toMatchObject({ conversations: 3, leftMessages: 1, cases: 1 });
    for (const id of [viaForm, sameCustomerLater, left]) expect((await rowsOf(id)).conversations).toBe(0);
    expect((await rowsOf(stranger)).conversations).toBe(1);
  });
});

describe("requests", () => {
  it.each([
    [{}, "kind"],
    [{ kind: "phone", value: "123" }, "kind"],
    [{ kind: "email", value: "not-an-address" }, "value"],
    [{ kind: "email", value: "" }, "value"],
    [{ kind: "visitorId", value: "short" }, "value"],
    [{ kind: "sub", value: "x".repeat(33) }, "value"],
    [{ kind: "customerId", value: "   " }, "value"],
    [{ kind: "sub", value: "user-42", extra: 1 }, "extra"],
  ])("%j is refused naming %s", async (request, field) => {
    const admin = await adminOf(await setupQueue());
    const res = await admin.post("/privacy/erase", request);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it("takes a sub of 32 characters and a visitorId of 16", async () => {
    const admin = await adminOf(await setupQueue());
    expect((await admin.post("/privacy/lookup", { kind: "sub", value: "x".repeat(32) })).status).toBe(200);
    expect((await admin.post("/privacy/lookup", { kind: "visitorId", value: "v".repeat(16) })).status).toBe(
      200,
    );
  });

  it("is for tenant administrators and API tokens with privacy:manage only", async () => {
    const fx = await setupQueue();
    const agent = await agentClient(fx.tenantId);
    const res = await agent.post("/privacy/lookup", { kind: "sub", value: "user-42" });
    expect(res.status).toBe(403);
    const admin = await adminOf(fx);
    const token = async (scopes: string[]) => {
      const created = await admin.post("/api-tokens", { name: `t ${scopes.join(" ")}`, scopes });
      return client(created.body.token, fx.tenantId);
    };
    const withScope = await token(["privacy:manage"]);
    const without = await token(["config:write", "history:read"]);
    expect((await without.post("/privacy/erase", { kind: "sub", value: "user-42" })).status).toBe(403);
    const erased = await withScope.post("/privacy/erase", { kind: "sub", value: "user-42" });
    expect(erased.status).toBe(200);
    expect((await auditEntries(fx.tenantId, "privacy"))[0]).toMatchObject({ actorType: "apiToken" });
  });
});

describe("exporting one customer", () => {
  it("streams every conversation with messages, notes, tags, calls and files by name, then cases and left messages", async () => {
    const fx = await setupQueue();
    const older = await archivedConversation(fx.tenantId, {
      customerId: "user-7",
      endedAt: Date.now() - 60_000,
    });
    const newer = (
      await addConversation(fx.tenantId, {
        customerId: "user-7",
        leftAt: Date.now(),
        contact: "ada@example.com",
        outcome: "leftMessage",
      })
    ).id;
    await archivedConversation(fx.tenantId, { customerId: "user-8" });
    await addCase(fx.tenantId, "user-7", { title: "Broken kettle" });
    const admin = await adminOf(fx);
    const res = await admin.request("POST", "/privacy/export", { kind: "sub", value: "user-7" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="customer-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const doc = (await res.json()) as any;
    expect(doc).toMatchObject({ identifierKind: "sub", customerIds: ["user-7"] });
    expect(doc.conversations.map((c: any) => c.id)).toEqual([newer, older]);
    const full = doc.conversations[1];
    expect(full.messages.map((m: any) => m.text)).toEqual(["hello", "here is the invoice"]);
    expect(full.notes).toEqual([{ seq: 1, authorName: "Lin", text: "VIP", createdAt: 1 }]);
    expect(full.tags).toHaveLength(1);
    expect(full.calls).toEqual([expect.objectContaining({ media: "voice", outcome: "hangup" })]);
    expect(full.attachments).toEqual([
      { id: expect.any(String), name: "invoice.pdf", contentType: "application/pdf", size: 4 },
    ]);
    expect(full).not.toHaveProperty("tenantId");
    expect(doc.cases.map((c: any) => c.title)).toEqual(["Broken kettle"]);
    expect(doc.leftMessages).toEqual([
      {
        conversationId: newer,
        leftAt: expect.any(Number),
        contact: "ada@example.com",
        outcome: "leftMessage",
      },
    ]);
    // an export changes nothing and writes no audit entry with the identifier
    expect((await rowsOf(older)).conversations).toBe(1);
    expect(await auditEntries(fx.tenantId, "privacy")).toEqual([]);
  });

  it("is an empty document for a customer with no data", async () => {
    const admin = await adminOf(await setupQueue());
    const res = await admin.request("POST", "/privacy/export", { kind: "sub", value: "nobody" });
    expect(await res.json()).toMatchObject({ conversations: [], cases: [], leftMessages: [] });
  });
});
