import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connectAgent, connectCustomer, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { agents } from "../db/schema";
import { addConversation, addSignedInEmployee, db, setTenant } from "../test/config-fixtures";
import { client, newTenant } from "../test/helpers";

const form = { title: "Parcel late", customerName: "Ada", phone: "+86 138 0013 8000" };

describe("cases", () => {
  it("creates a case from an archived chat with defaults, then lists, reads and edits it", async () => {
    const t = await newTenant();
    const chat = await addConversation(t.tenantId, { skillQueueId: "sq_a", agentEmployeeId: "2001" });
    const created = await t.post("/cases", { ...form, conversationId: chat.id, email: "ada@example.com" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      conversationId: chat.id,
      skillQueueId: "sq_a",
      channelId: chat.channelId,
      customerId: chat.customerId,
      agentEmployeeId: "2001",
      title: "Parcel late",
      category: "inquiry",
      priority: "normal",
      status: "open",
      orderNumber: "",
      description: "",
    });
    expect(created.body.tenantId).toBeUndefined();
    const id = created.body.id;
    expect((await t.get(`/cases/${id}`)).body).toEqual(created.body);
    expect((await t.get(`/cases?conversationId=${chat.id}`)).body.items.map((c: any) => c.id)).toEqual([id]);

    const edited = await t.patch(`/cases/${id}`, { status: "resolved", priority: "high" });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: "resolved", priority: "high", title: "Parcel late" });
    expect(edited.body.updatedAt).toBeGreaterThanOrEqual(created.body.updatedAt);
    expect((await t.get("/cases?status=resolved")).body.items).toHaveLength(1);
    expect((await t.get("/cases?status=open")).body.items).toEqual([]);
  });

  it("lists newest first with a cursor", async () => {
    const t = await newTenant();
    const chat = await addConversation(t.tenantId);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await t.post("/cases", { title: `Case ${i}`, conversationId: chat.id })).body.id);
    const first = await t.get("/cases?limit=2");
    const second = await t.get(`/cases?limit=2&cursor=${first.body.nextCursor}`);
    const listed = [...first.body.items, ...second.body.items].map((c: any) => c.id);
    expect(new Set(listed)).toEqual(new Set(ids));
    expect(listed).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    const at = [...first.body.items, ...second.body.items].map((c: any) => c.createdAt);
    expect(at).toEqual([...at].sort((a, b) => b - a));
  });

  it.each([
    [{ title: "" }, "title"],
    [{ title: "x".repeat(201) }, "title"],
    [{ phone: "1234" }, "phone"],
    [{ phone: "+1234567890123456" }, "phone"],
    [{ phone: "call me" }, "phone"],
    [{ email: "ada@example" }, "email"],
    [{ category: "lost" }, "category"],
    [{ priority: "asap" }, "priority"],
    [{ orderNumber: "x".repeat(65) }, "orderNumber"],
    [{ description: "x".repeat(4001) }, "description"],
    [{ colour: "red" }, "colour"],
  ])("refuses %o naming %s", async (change, field) => {
    const t = await newTenant();
    const chat = await addConversation(t.tenantId);
    const res = await t.post("/cases", { ...form, conversationId: chat.id, ...change });
    expect(res.status).toBe(422);
    expect(res.body.type).toBeDefined();
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it.each([
    [{ title: "x".repeat(200) }],
    [{ phone: "12345" }],
    [{ phone: "+123456789012345" }],
    [{ phone: "(555) 123-4567" }],
    [{ phone: "", email: "" }],
    [{ orderNumber: "x".repeat(64), description: "x".repeat(4000) }],
  ])("accepts %o at the limit", async (change) => {
    const t = await newTenant();
    const chat = await addConversation(t.tenantId);
    expect((await t.post("/cases", { ...form, conversationId: chat.id, ...change })).status).toBe(201);
  });

  it("validates an edit as a whole and keeps the conversation", async () => {
    const t = await newTenant();
    const chat = await addConversation(t.tenantId);
    const { id } = (await t.post("/cases", { ...form, conversationId: chat.id })).body;
    const bad = await t.patch(`/cases/${id}`, { phone: "12" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors)).toEqual(["phone"]);
    expect((await t.patch(`/cases/${id}`, { conversationId: "cv_other" })).status).toBe(422);
    expect((await t.get(`/cases/${id}`)).body).toMatchObject({ phone: form.phone, conversationId: chat.id });
  });

  it("lets an agent create cases only for chats they served, and see and edit only those", async () => {
    const t = await newTenant();
    const mine = await addConversation(t.tenantId, { agentEmployeeId: "2001" });
    const theirs = await addConversation(t.tenantId, { agentEmployeeId: "2002" });
    const agent = client((await addSignedInEmployee(t.tenantId, "2001")).token, t.tenantId);
    const own = await agent.post("/cases", { ...form, conversationId: mine.id });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ createdByEmployeeId: "2001", agentEmployeeId: "2001" });
    const refused = await agent.post("/cases", { ...form, conversationId: theirs.id });
    expect(refused.status).toBe(404);
    expect(refused.body.detail).toMatch(/chat you serve or served/);

    const adminCase = (await t.post("/cases", { ...form, conversationId: theirs.id })).body;
    expect((await agent.get("/cases")).body.items.map((c: any) => c.id)).toEqual([own.body.id]);
    expect((await agent.get(`/cases/${adminCase.id}`)).status).toBe(404);
    expect((await agent.patch(`/cases/${adminCase.id}`, { status: "closed" })).status).toBe(404);
    expect((await t.get(`/cases/${adminCase.id}`)).body.status).toBe("open");
    expect((await t.get("/cases")).body.items).toHaveLength(2);
  });

  it("keeps tenants apart", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const chat = await addConversation(a.tenantId);
    const created = (await a.post("/cases", { ...form, conversationId: chat.id })).body;
    expect((await b.post("/cases", { ...form, conversationId: chat.id })).status).toBe(404);
    expect((await b.get(`/cases/${created.id}`)).status).toBe(404);
    expect((await b.patch(`/cases/${created.id}`, { title: "mine" })).status).toBe(404);
    expect((await b.get("/cases")).body.items).toEqual([]);
  });

  it("creates a case from a live chat in the agent's skill queue, only by its agent", async () => {
    const fx = await setupQueue({ agents: [{}, {}] });
    const [ann, bob] = fx.agents;
    const x = await connectAgent(ann!, fx.queueId);
    const customer = await connectCustomer(fx, { name: "Ada" });
    const assigned = await x.next("conversation.assigned");
    const conversationId = assigned.conversation.conversationId;
    await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
    const asAnn = client(ann!.token, fx.tenantId);
    const asBob = client(bob!.token, fx.tenantId);

    expect((await asAnn.post("/cases", { ...form, conversationId })).status).toBe(404);
    expect((await asBob.post("/cases", { ...form, conversationId, skillQueueId: fx.queueId })).status).toBe(
      404,
    );
    const other = await setupQueue();
    expect(
      (await asAnn.post("/cases", { ...form, conversationId, skillQueueId: other.queueId })).status,
    ).toBe(404);
    const created = await asAnn.post("/cases", { ...form, conversationId, skillQueueId: fx.queueId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      conversationId,
      skillQueueId: fx.queueId,
      channelId: fx.channelId,
      agentEmployeeId: ann!.employeeId,
    });
  });

  it("tells the workbench whether the agent's Smart Form Filling is on", async () => {
    const t = await newTenant();
    const { token } = await addSignedInEmployee(t.tenantId, "2001");
    const agent = client(token, t.tenantId);
    const on = async () => (await agent.get("/agent/form-filling")).body.smartFormFilling;
    expect(await on()).toBe(false);
    await db()
      .insert(agents)
      .values({
        id: `ag_${t.tenantId}`,
        tenantId: t.tenantId,
        employeeId: "2001",
        platformRole: "common",
        agentType: "multimedia",
        intelligentRecognition: true,
        smartFormFilling: true,
        skillType: "skillQueue",
      });
    expect(await on()).toBe(false);
    await setTenant(t.tenantId, { intelligentFormFilling: true });
    expect(await on()).toBe(true);
    await db()
      .update(agents)
      .set({ intelligentRecognition: false })
      .where(and(eq(agents.tenantId, t.tenantId), eq(agents.employeeId, "2001")));
    expect(await on()).toBe(false);
    expect((await t.get("/agent/form-filling")).body.smartFormFilling).toBe(false);
  });
});
