import { describe, expect, it } from "vitest";
import { addQueue } from "../test/config-fixtures";
import { newTenant } from "../test/helpers";

describe("access codes", () => {
  it("creates, lists with a cursor, updates and deletes", async () => {
    const t = await newTenant();
    const created = await t.post("/access-codes", { code: "12345", mediaType: "multimedia" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "12345", mediaType: "multimedia" });
    await t.post("/access-codes", { code: "12346", mediaType: "voice" });
    await t.post("/access-codes", { code: "12347", mediaType: "video" });

    const first = await t.get("/access-codes?limit=2");
    expect(first.body.items.map((i: { code: string }) => i.code)).toEqual(["12345", "12346"]);
    const second = await t.get(`/access-codes?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { code: string }) => i.code)).toEqual(["12347"]);
    expect(second.body.nextCursor).toBeNull();

    const patched = await t.patch(`/access-codes/${created.body.id}`, { code: "54321" });
    expect(patched.body).toMatchObject({ code: "54321", mediaType: "multimedia" });
    expect((await t.del(`/access-codes/${created.body.id}`)).status).toBe(204);
    expect((await t.get(`/access-codes/${created.body.id}`)).status).toBe(404);
  });

  it.each([
    [{ code: "12a", mediaType: "voice" }, "code"],
    [{ code: "", mediaType: "voice" }, "code"],
    [{ code: "1", mediaType: "fax" }, "mediaType"],
    [{ code: 1, mediaType: "voice" }, "code"],
    [{ code: "1", mediaType: "voice", extra: true }, "extra"],
  ])("refuses %j naming %s", async (input, field) => {
    const t = await newTenant();
    const res = await t.post("/access-codes", input);
    expect(res.status).toBe(422);
    expect(res.body.errors[field]).toBeDefined();
    expect((await t.get("/access-codes")).body.items).toEqual([]);
  });

  it("answers 409 for a duplicate code and 404 for another tenant's id", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const created = await a.post("/access-codes", { code: "777", mediaType: "voice" });
    expect((await a.post("/access-codes", { code: "777", mediaType: "video" })).status).toBe(409);
    expect((await b.post("/access-codes", { code: "777", mediaType: "video" })).status).toBe(201);
    expect((await b.get(`/access-codes/${created.body.id}`)).status).toBe(404);
    expect((await b.patch(`/access-codes/${created.body.id}`, { code: "1" })).status).toBe(404);
    expect((await b.del(`/access-codes/${created.body.id}`)).status).toBe(404);
  });

  it("refuses deletion and a media type change while a called route uses the code", async () => {
    const t = await newTenant();
    const code = await t.post("/access-codes", { code: "4100", mediaType: "multimedia" });
    const queue = await addQueue(t.tenantId, "multimedia");
    const route = await t.post("/called-routes", { accessCodeId: code.body.id, skillQueueId: queue });
    expect(route.status).toBe(201);

    const refused = await t.del(`/access-codes/${code.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("called route");
    const changed = await t.patch(`/access-codes/${code.body.id}`, { mediaType: "voice" });
    expect(changed.status).toBe(422);
    expect(changed.body.errors.mediaType).toBeDefined();
    expect((await t.patch(`/access-codes/${code.body.id}`, { code: "4101" })).status).toBe(200);
    expect((await t.get(`/access-codes/${code.body.id}`)).body).toMatchObject({
      code: "4101",
      mediaType: "multimedia",
    });

    expect((await t.del(`/called-routes/${route.body.id}`)).status).toBe(204);
    expect((await t.del(`/access-codes/${code.body.id}`)).status).toBe(204);
  });

  it("answers problem+json for malformed JSON", async () => {
    const t = await newTenant();
    const res = await t.request("POST", "/access-codes", "{not json", { "content-type": "application/json" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
