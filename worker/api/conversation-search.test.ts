/** History search (text, customer name, rating, agent, window) and the streamed CSV/JSON export. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addConversation, addSignedInEmployee } from "../test/config-fixtures";
import { client, newTenant } from "../test/helpers";
import { SCAN_BUDGET } from "./conversation-scan";

const T0 = 1_700_000_000_000;
const ids = (res: { body: any }) => res.body.items.map((c: any) => c.id);

async function history(tenantId: string) {
  const refund = await addConversation(tenantId, {
    endedAt: T0 + 3000,
    customerName: "Aiko Tanaka",
    messages: ["I want a REFUND for order 42", "Done"],
    agentEmployeeId: "4001",
    rating: 5,
  });
  const shipping = await addConversation(tenantId, {
    endedAt: T0 + 2000,
    customerName: "Li Wei",
    messages: ["where is my parcel?", "It ships today; refunds take 3 days"],
    agentEmployeeId: "4002",
    rating: 2,
  });
  const named = await addConversation(tenantId, {
    endedAt: T0 + 1000,
    customerName: "Refund Rick",
    messages: ["hello"],
    agentEmployeeId: "4001",
  });
  return { refund, shipping, named };
}

describe("history search", () => {
  it("finds text in any message or the customer's name, case-insensitive, newest first", async () => {
    const t = await newTenant();
    const { refund, shipping, named } = await history(t.tenantId);
    expect(ids(await t.get("/conversations?q=refund"))).toEqual([refund.id, shipping.id, named.id]);
    expect(ids(await t.get("/conversations?q=tanaka"))).toEqual([refund.id]);
    expect(ids(await t.get("/conversations?q=%20parcel%20"))).toEqual([shipping.id]);
    expect(ids(await t.get("/conversations?q=nothing-like-this"))).toEqual([]);
    // LIKE wildcards are plain text here
    expect(ids(await t.get("/conversations?q=%25"))).toEqual([]);
  });

  it("combines text with rating, agent and the time window, and pages with the cursor", async () => {
    const t = await newTenant();
    const { refund, shipping, named } = await history(t.tenantId);
    expect(ids(await t.get("/conversations?q=refund&rating=2"))).toEqual([shipping.id]);
    expect(ids(await t.get("/conversations?q=refund&agentEmployeeId=4001"))).toEqual([refund.id, named.id]);
    expect(ids(await t.get(`/conversations?q=refund&to=${T0 + 3000}`))).toEqual([shipping.id, named.id]);
    const first = await t.get("/conversations?q=refund&limit=2");
    expect(ids(first)).toEqual([refund.id, shipping.id]);
    expect(ids(await t.get(`/conversations?q=refund&limit=2&cursor=${first.body.nextCursor}`))).toEqual([
      named.id,
    ]);
  });

  it("an agent searches only the conversations they handled; another tenant's never show", async () => {
    const t = await newTenant();
    const { refund, named } = await history(t.tenantId);
    const other = await newTenant();
    await history(other.tenantId);
    const agent = await addSignedInEmployee(t.tenantId, "4001");
    const mine = client(agent.token, t.tenantId);
    expect(ids(await mine.get("/conversations?q=refund"))).toEqual([refund.id, named.id]);
    const exported = await (await mine.request("GET", "/conversations/export?format=json&q=refund")).json();
    expect((exported as any[]).map((c) => c.id)).toEqual([refund.id, named.id]);
  });

  it.each([
    ["q=", "q"],
    [`q=${"x".repeat(101)}`, "q"],
    ["rating=0", "rating"],
    ["rating=6", "rating"],
    ["rating=4.5", "rating"],
  ])("refuses ?%s naming %s", async (query, field) => {
    const t = await newTenant();
    const res = await t.get(`/conversations?${query}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });
});

async function manyConversations(tenantId: string, n: number) {
  const statements = Array.from({ length: n }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO conversations (id, tenant_id, channel_id, customer_id, customer_name, outcome, started_at, ended_at, message_count)
       VALUES (?, ?, 'ch_x', 'cu', ?, 'agentEnded', ?, ?, 0)`,
    ).bind(
      `cv_many_${String(i).padStart(4, "0")}_${tenantId}`,
      tenantId,
      `Customer ${i}`,
      T0 + i,
      T0 + i + 1000,
    ),
  );
  await env.DB.batch(statements);
}

describe("text search as a bounded scan of the transcripts", () => {
  it(`scans at most ${SCAN_BUDGET} conversations per page and resumes with the cursor, in R2 and in legacy rows alike`, async () => {
    const t = await newTenant();
    // the two oldest mention the text (one archived in R2, one still in the legacy rows); the
    // newest SCAN_BUDGET + 10 do not
    const oldR2 = await addConversation(t.tenantId, { endedAt: T0 + 2, messages: ["hi", "the Blue kettle"] });
    const oldLegacy = await addConversation(t.tenantId, {
      endedAt: T0 + 1,
      messages: ["a BLUE kettle?"],
      legacy: true,
    });
    const newer = SCAN_BUDGET + 10;
    for (let i = 0; i < newer; i++)
      await addConversation(t.tenantId, {
        endedAt: T0 + 1000 + i,
        messages: ["red kettle"],
        legacy: i % 2 === 1,
      });
    const first = await t.get("/conversations?q=blue%20kettle&limit=5");
    expect(first.status).toBe(200);
    // nothing found yet, but not searched to the end: a cursor and how far it got
    expect(first.body.items).toEqual([]);
    expect(first.body.searched).toEqual({ scanned: SCAN_BUDGET, through: T0 + 1000 + newer - SCAN_BUDGET });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.get(`/conversations?q=blue%20kettle&limit=5&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual([oldR2.id, oldLegacy.id]);
    expect(second.body.searched).toEqual({ scanned: 12, through: T0 + 1 });
    expect(second.body.nextCursor).toBeNull();
    // without a text the list pages as before, with no `searched`
    const plain = await t.get("/conversations?limit=5");
    expect(plain.body.items).toHaveLength(5);
    expect(plain.body.searched).toBeUndefined();
  });

  it("stops at the page's limit and goes on after the last match", async () => {
    const t = await newTenant();
    const hits = [];
    for (let i = 0; i < 5; i++)
      hits.push(await addConversation(t.tenantId, { endedAt: T0 + 10 - i, messages: [`parcel ${i}`] }));
    const first = await t.get("/conversations?q=parcel&limit=2");
    expect(ids(first)).toEqual([hits[0]!.id, hits[1]!.id]);
    expect(first.body.searched).toEqual({ scanned: 2, through: T0 + 9 });
    const rest = await t.get(`/conversations?q=parcel&limit=10&cursor=${first.body.nextCursor}`);
    expect(ids(rest)).toEqual(hits.slice(2).map((h) => h.id));
    expect(rest.body.nextCursor).toBeNull();
  });
});

describe("history export", () => {
  it("streams every selected conversation as CSV across pages, newest first", async () => {
    const t = await newTenant();
    await manyConversations(t.tenantId, 450);
    const res = await t.request("GET", "/conversations/export?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="conversations-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe(
      "id,startedAt,endedAt,skillQueueId,channelId,customerName,agentEmployeeId,agentName,outcome,waitMs,firstResponseMs,handleMs,transfers,messageCount,rating,comment",
    );
    expect(lines.at(-1)).toBe("");
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(450);
    expect(rows[0]).toMatch(/^cv_many_0449_/);
    expect(rows.at(-1)).toMatch(/^cv_many_0000_/);
    expect(new Set(rows.map((r) => r.split(",")[0])).size).toBe(450);
  });

  it("quotes commas and quotes and defuses formulas in CSV; JSON is an array of summaries", async () => {
    const t = await newTenant();
    const row = await addConversation(t.tenantId, {
      endedAt: T0,
      customerName: '=HYPERLINK("http://x","y")',
      agentName: "Smith, Ann",
      rating: 4,
      comment: 'said "thanks"\nbye',
    });
    const csv = await (await t.request("GET", "/conversations/export")).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain('"Smith, Ann"');
    expect(csv).toContain('"said ""thanks""\nbye"');
    const json = await t.request("GET", "/conversations/export?format=json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const items = (await json.json()) as any[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: row.id, agentName: "Smith, Ann", evaluation: { rating: 4 } });
  });

  it("an empty selection is a header alone or an empty array", async () => {
    const t = await newTenant();
    expect(
      (await (await t.request("GET", "/conversations/export?q=none")).text()).split("\r\n"),
    ).toHaveLength(2);
    expect(await (await t.request("GET", "/conversations/export?format=json")).json()).toEqual([]);
  });

  it("refuses an unknown format naming it", async () => {
    const t = await newTenant();
    const res = await t.get("/conversations/export?format=xml");
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain("format");
  });
});
