import { describe, expect, it } from "vitest";
import { newId } from "../db/ids";
import { conversationTags, tags } from "../db/schema";
import { MAX_TENANT_TAGS } from "../schemas/tags";
import { addConversation, addSignedInEmployee, db } from "../test/config-fixtures";
import { client, newTenant } from "../test/helpers";

describe("tags", () => {
  it("creates, lists, renames and deletes; names are unique whatever their case", async () => {
    const t = await newTenant();
    const created = await t.post("/tags", { name: "  Refund " });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: "Refund", createdAt: expect.any(Number) });
    const vip = await t.post("/tags", { name: "VIP" });

    const dup = await t.post("/tags", { name: "refund" });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual({ name: ["Another tag has this name"] });
    expect((await t.patch(`/tags/${vip.body.id}`, { name: "REFUND" })).status).toBe(409);
    expect((await t.patch(`/tags/${created.body.id}`, { name: "refund" })).body.name).toBe("refund");

    expect((await t.get("/tags")).body.items.map((x: { name: string }) => x.name)).toEqual(["refund", "VIP"]);
    expect((await t.del(`/tags/${vip.body.id}`)).status).toBe(204);
    expect((await t.get(`/tags/${vip.body.id}`)).status).toBe(404);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(41) }, "name"],
    [{ name: "ok", color: "red" }, "color"],
  ])("refuses %j naming %s", async (input, field) => {
    const t = await newTenant();
    const res = await t.post("/tags", input);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it("takes 40 characters", async () => {
    const t = await newTenant();
    expect((await t.post("/tags", { name: "x".repeat(40) })).status).toBe(201);
  });

  it("lets every employee read the list and only administrators change it", async () => {
    const t = await newTenant();
    const tag = await t.post("/tags", { name: "Billing" });
    const agent = client((await addSignedInEmployee(t.tenantId, "2001")).token, t.tenantId);
    expect((await agent.get("/tags")).body.items).toHaveLength(1);
    expect((await agent.post("/tags", { name: "Mine" })).status).toBe(403);
    expect((await agent.patch(`/tags/${tag.body.id}`, { name: "Mine" })).status).toBe(403);
    expect((await agent.del(`/tags/${tag.body.id}`)).status).toBe(403);
    const other = await newTenant();
    expect((await other.get(`/tags/${tag.body.id}`)).status).toBe(404);
    expect((await other.del(`/tags/${tag.body.id}`)).status).toBe(404);
  });

  it(`holds at most ${MAX_TENANT_TAGS} tags per tenant`, async () => {
    const t = await newTenant();
    const rows = Array.from({ length: MAX_TENANT_TAGS - 1 }, (_, i) => ({
      id: newId("tag"),
      tenantId: t.tenantId,
      name: `tag ${i}`,
    }));
    for (let i = 0; i < rows.length; i += 25)
      await db()
        .insert(tags)
        .values(rows.slice(i, i + 25));
    expect((await t.post("/tags", { name: "last one" })).status).toBe(201);
    const over = await t.post("/tags", { name: "one too many" });
    expect(over.status).toBe(409);
    expect(over.body.errors.name[0]).toContain(`${MAX_TENANT_TAGS} tags, the most allowed`);
    // another tenant is not counted
    expect((await (await newTenant()).post("/tags", { name: "one too many" })).status).toBe(201);
  });

  it("deleting a tag takes it off archived conversations", async () => {
    const t = await newTenant();
    const keep = await t.post("/tags", { name: "Keep" });
    const drop = await t.post("/tags", { name: "Drop" });
    const conv = await addConversation(t.tenantId);
    expect(
      (await t.patch(`/conversations/${conv.id}`, { tagIds: [keep.body.id, drop.body.id] })).body.tags,
    ).toHaveLength(2);
    await t.del(`/tags/${drop.body.id}`);
    expect((await t.get(`/conversations/${conv.id}`)).body.tags).toEqual([
      { id: keep.body.id, name: "Keep" },
    ]);
    const left = await db().select().from(conversationTags);
    expect(left.filter((r) => r.tagId === drop.body.id)).toEqual([]);
  });
});
