import { describe, expect, it } from "vitest";
import { addConversation, addSignedInEmployee } from "../test/config-fixtures";
import { client, newTenant } from "../test/helpers";

const T0 = 1_700_000_000_000;

describe("conversation history", () => {
  it("lists newest first with filters, a half-open time window and a cursor", async () => {
    const t = await newTenant();
    const rows = [];
    for (let i = 0; i < 5; i++) {
      rows.push(
        await addConversation(t.tenantId, {
          endedAt: T0 + i * 1000,
          skillQueueId: i % 2 ? "sq_odd" : "sq_even",
          agentEmployeeId: "2001",
        }),
      );
    }
    const tie = await addConversation(t.tenantId, { endedAt: T0 + 4000, skillQueueId: "sq_even" });
    const ids = (res: { body: any }) => res.body.items.map((c: any) => c.id);
    const newestFirst = [
      ...[rows[4]!, tie].sort((a, b) => (a.id < b.id ? 1 : -1)),
      rows[3]!,
      rows[2]!,
      rows[1]!,
      rows[0]!,
    ].map((r) => r.id);

    expect(ids(await t.get("/conversations"))).toEqual(newestFirst);
    const first = await t.get("/conversations?limit=2");
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    const second = await t.get(`/conversations?limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual(newestFirst.slice(2, 4));
    const third = await t.get(`/conversations?limit=2&cursor=${second.body.nextCursor}`);
    expect(ids(third)).toEqual(newestFirst.slice(4));
    expect(third.body.nextCursor).toBeNull();

    expect(ids(await t.get("/conversations?skillQueueId=sq_odd"))).toEqual([rows[3]!.id, rows[1]!.id]);
    expect(ids(await t.get(`/conversations?from=${T0 + 1000}&to=${T0 + 3000}`))).toEqual([
      rows[2]!.id,
      rows[1]!.id,
    ]);
    expect(ids(await t.get(`/conversations?from=${T0 + 4000}&agentEmployeeId=2001`))).toEqual([rows[4]!.id]);
  });

  it("lists left messages: those waiting (outcome leftMessage) and all that were left, with contact and when", async () => {
    const t = await newTenant();
    const waiting = await addConversation(t.tenantId, {
      outcome: "leftMessage",
      leftAt: T0,
      endedAt: T0,
      contact: "ada@example.com",
    });
    const answered = await addConversation(t.tenantId, {
      outcome: "agentEnded",
      leftAt: T0 + 1,
      endedAt: T0 + 9,
    });
    const expired = await addConversation(t.tenantId, {
      outcome: "expired",
      leftAt: T0 + 2,
      endedAt: T0 + 8,
    });
    const plain = await addConversation(t.tenantId, { endedAt: T0 + 10 });
    const ids = (res: { body: any }) => res.body.items.map((c: any) => c.id);
    expect(ids(await t.get("/conversations?outcome=leftMessage"))).toEqual([waiting.id]);
    expect(ids(await t.get("/conversations?left=true"))).toEqual([answered.id, expired.id, waiting.id]);
    expect(ids(await t.get("/conversations?left=false"))).toEqual([plain.id]);
    const item = (await t.get("/conversations?outcome=leftMessage")).body.items[0];
    expect(item).toMatchObject({ outcome: "leftMessage", leftAt: T0, contact: "ada@example.com" });
    const refused = await t.get("/conversations?outcome=lost");
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors)).toContain("outcome");
  });

  it.each([
    ["from=yesterday", "from"],
    [`from=${T0}&to=${T0}`, "to"],
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    ["cursor=abc", "cursor"],
    ["agentEmployeeId=x1", "agentEmployeeId"],
  ])("refuses ?%s naming %s", async (query, field) => {
    const t = await newTenant();
    const res = await t.get(`/conversations?${query}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it.each([
    ["in R2", false],
    ["in the legacy D1 rows", true],
  ])("returns the transcript in seq order and the evaluation (archived %s)", async (_where, legacy) => {
    const t = await newTenant();
    const rated = await addConversation(t.tenantId, {
      legacy,
      messages: ["hello", "hi", "my order?", "on its way"],
      rating: 5,
      comment: "quick",
      agentEmployeeId: "2001",
      agentName: "Ann",
    });
    const res = await t.get(`/conversations/${rated.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: rated.id,
      agentEmployeeId: "2001",
      agentName: "Ann",
      messageCount: 4,
      evaluation: { rating: 5, comment: "quick" },
    });
    expect(res.body.tenantId).toBeUndefined();
    expect(res.body.transcript.map((l: any) => [l.seq, l.sender, l.text])).toEqual([
      [1, "customer", "hello"],
      [2, "agent", "hi"],
      [3, "customer", "my order?"],
      [4, "agent", "on its way"],
    ]);
    const unrated = await addConversation(t.tenantId);
    expect((await t.get(`/conversations/${unrated.id}`)).body.evaluation).toBeNull();
    expect((await t.get("/conversations/cv_nope")).status).toBe(404);
  });

  it("shows a common agent only the conversations they handled", async () => {
    const t = await newTenant();
    const mine = await addConversation(t.tenantId, { agentEmployeeId: "2001" });
    const theirs = await addConversation(t.tenantId, { agentEmployeeId: "2002" });
    const robotOnly = await addConversation(t.tenantId, { agentEmployeeId: null, outcome: "robot" });
    const agent = client((await addSignedInEmployee(t.tenantId, "2001")).token, t.tenantId);

    expect((await agent.get("/conversations")).body.items.map((c: any) => c.id)).toEqual([mine.id]);
    expect((await agent.get("/conversations?agentEmployeeId=2002")).body.items).toEqual([]);
    expect((await agent.get(`/conversations/${mine.id}`)).status).toBe(200);
    expect((await agent.get(`/conversations/${theirs.id}`)).status).toBe(404);
    expect((await agent.get(`/conversations/${robotOnly.id}`)).status).toBe(404);
    expect((await t.get("/conversations")).body.items).toHaveLength(3);
  });

  it("changes nothing but the tags", async () => {
    const t = await newTenant();
    const row = await addConversation(t.tenantId);
    expect((await t.post("/conversations", {})).status).toBe(404);
    const res = await t.patch(`/conversations/${row.id}`, { rating: 1 });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain("rating");
    expect((await t.del(`/conversations/${row.id}`)).status).toBe(404);
    expect((await t.get(`/conversations/${row.id}`)).body.evaluation).toBeNull();
  });

  it("sets tags after the chat and filters the history by tag", async () => {
    const t = await newTenant();
    const refund = (await t.post("/tags", { name: "Refund" })).body;
    const vip = (await t.post("/tags", { name: "VIP" })).body;
    const a = await addConversation(t.tenantId, { endedAt: T0, agentEmployeeId: "2001" });
    const b = await addConversation(t.tenantId, { endedAt: T0 + 1000, agentEmployeeId: "2002" });
    const patched = await t.patch(`/conversations/${a.id}`, { tagIds: [vip.id, refund.id] });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual([
      { id: refund.id, name: "Refund" },
      { id: vip.id, name: "VIP" },
    ]);
    await t.patch(`/conversations/${b.id}`, { tagIds: [vip.id] });
    const ids = async (q: string) => (await t.get(`/conversations${q}`)).body.items.map((c: any) => c.id);
    expect(await ids(`?tagId=${refund.id}`)).toEqual([a.id]);
    expect(await ids(`?tagId=${vip.id}`)).toEqual([b.id, a.id]);
    expect(await ids("?tagId=tag_nope")).toEqual([]);
    const list = (await t.get("/conversations")).body.items;
    expect(list.map((c: any) => c.tags.map((x: any) => x.name))).toEqual([["VIP"], ["Refund", "VIP"]]);

    // the whole list is replaced; an empty list clears it
    expect((await t.patch(`/conversations/${a.id}`, { tagIds: [refund.id] })).body.tags).toHaveLength(1);
    expect((await t.patch(`/conversations/${a.id}`, { tagIds: [] })).body.tags).toEqual([]);
    expect(await ids(`?tagId=${refund.id}`)).toEqual([]);
  });

  it("lets the agent who served the chat tag it, nobody else but administrators", async () => {
    const t = await newTenant();
    const tag = (await t.post("/tags", { name: "Refund" })).body;
    const mine = await addConversation(t.tenantId, { agentEmployeeId: "2001" });
    const theirs = await addConversation(t.tenantId, { agentEmployeeId: "2002" });
    const agent = client((await addSignedInEmployee(t.tenantId, "2001")).token, t.tenantId);
    expect((await agent.patch(`/conversations/${mine.id}`, { tagIds: [tag.id] })).status).toBe(200);
    expect((await agent.patch(`/conversations/${theirs.id}`, { tagIds: [tag.id] })).status).toBe(404);
    expect((await agent.get(`/conversations?tagId=${tag.id}`)).body.items.map((c: any) => c.id)).toEqual([
      mine.id,
    ]);
    const other = await newTenant();
    expect((await other.patch(`/conversations/${mine.id}`, { tagIds: [] })).status).toBe(404);
  });

  it("refuses tags of another tenant, repeats and more than 10", async () => {
    const t = await newTenant();
    const conv = await addConversation(t.tenantId);
    const own = [];
    for (let i = 0; i < 11; i++) own.push((await t.post("/tags", { name: `t${i}` })).body.id);
    const foreign = (await (await newTenant()).post("/tags", { name: "x" })).body.id;
    const bad = await t.patch(`/conversations/${conv.id}`, { tagIds: [own[0], foreign] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual({ "tagIds.1": ["No such tag"] });
    expect((await t.patch(`/conversations/${conv.id}`, { tagIds: [own[0], own[0]] })).status).toBe(422);
    expect((await t.patch(`/conversations/${conv.id}`, { tagIds: own.slice(0, 10) })).status).toBe(200);
    const over = await t.patch(`/conversations/${conv.id}`, { tagIds: own });
    expect(over.status).toBe(422);
    expect(over.body.errors.tagIds).toEqual(["A conversation has at most 10 tags"]);
    expect((await t.get(`/conversations/${conv.id}`)).body.tags).toHaveLength(10);
  });

  it.each([
    ["in R2", false],
    ["in the legacy D1 rows", true],
  ])("returns the staff notes apart from the transcript (archived %s)", async (_where, legacy) => {
    const t = await newTenant();
    const startedAt = Date.now() - 60_000;
    const conv = await addConversation(t.tenantId, {
      startedAt,
      messages: ["hello", "hi"],
      legacy,
      notes: [1, 2].map((seq) => ({
        authorEmployeeId: "2001",
        authorName: "Ann",
        text: `note ${seq}`,
        createdAt: startedAt + seq * 500,
      })),
    });
    const res = await t.get(`/conversations/${conv.id}`);
    expect(res.body.transcript.map((l: any) => l.text)).toEqual(["hello", "hi"]);
    expect(res.body.notes).toEqual([
      {
        seq: 1,
        authorEmployeeId: "2001",
        authorName: "Ann",
        text: "note 1",
        createdAt: conv.startedAt + 500,
      },
      {
        seq: 2,
        authorEmployeeId: "2001",
        authorName: "Ann",
        text: "note 2",
        createdAt: conv.startedAt + 1000,
      },
    ]);
    expect((await t.get("/conversations")).body.items[0].notes).toBeUndefined();
  });
});
