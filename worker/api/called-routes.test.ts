import { beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant } from "../test/helpers";
import {
  addChannel,
  addOrgUnit,
  agentClient,
  removeRow,
  setDataIsolation,
} from "../test/queue-route-fixtures";

type MediaType = "voice" | "video" | "multimedia";
type QueueType = MediaType | "voiceClickToDial" | "videoClickToDial";

let codes = 0;
async function accessCode(t: Client, mediaType: MediaType = "multimedia"): Promise<string> {
  const res = await t.post("/access-codes", { code: `7${Date.now() % 1e6}${codes++}`, mediaType });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function queue(t: Client, type: QueueType = "multimedia"): Promise<string> {
  const res = await t.post("/skill-queues", { name: `q ${type} ${codes++}`, type });
  expect(res.status).toBe(201);
  return res.body.id;
}
const routes = async (t: Client) => (await t.get("/called-routes")).body.items;

describe("called routes", () => {
  let t: Client;
  beforeAll(async () => {
    t = await newTenant();
  });

  it("creates with defaults, reads, lists by filter, updates and deletes", async () => {
    const code = await accessCode(t);
    const sq = await queue(t);
    const res = await t.post("/called-routes", { accessCodeId: code, skillQueueId: sq });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^cr_/),
      ouId: null,
      accessCodeId: code,
      extensionCode: "",
      deviceType: "skillQueue",
      skillQueueId: sq,
      createdAt: expect.any(Number),
    });
    expect((await t.get(`/called-routes/${res.body.id}`)).body).toEqual(res.body);
    expect((await t.get(`/called-routes?accessCodeId=${code}`)).body.items).toEqual([res.body]);
    expect((await t.get(`/called-routes?skillQueueId=${sq}`)).body.items).toEqual([res.body]);
    expect((await t.get("/called-routes?skillQueueId=sq_none")).body.items).toEqual([]);

    const patched = await t.patch(`/called-routes/${res.body.id}`, { extensionCode: "12" });
    expect(patched.body).toEqual({ ...res.body, extensionCode: "12" });
    expect((await t.del(`/called-routes/${res.body.id}`)).status).toBe(204);
    expect((await t.get(`/called-routes/${res.body.id}`)).status).toBe(404);
  });

  const ALL: QueueType[] = ["voice", "video", "multimedia", "voiceClickToDial", "videoClickToDial"];
  const allowed: Record<MediaType, QueueType[]> = {
    voice: ["voice", "voiceClickToDial"],
    video: ["video", "videoClickToDial"],
    multimedia: ["multimedia"],
  };
  const pairs = (["voice", "video", "multimedia"] as const).flatMap((m) =>
    ALL.map((q) => [m, q, allowed[m].includes(q)] as const),
  );
  it.each(pairs)("a %s access code to a %s skill queue: ok=%s", async (mediaType, queueType, ok) => {
    const before = (await routes(t)).length;
    const res = await t.post("/called-routes", {
      accessCodeId: await accessCode(t, mediaType),
      skillQueueId: await queue(t, queueType),
    });
    expect(res.status).toBe(ok ? 201 : 422);
    if (!ok) {
      expect(Object.keys(res.body.errors)).toEqual(["skillQueueId"]);
      expect((await routes(t)).length).toBe(before);
    }
  });

  it("keeps access code and extension code unique together", async () => {
    const code = await accessCode(t);
    const other = await accessCode(t);
    const sq = await queue(t);
    expect((await t.post("/called-routes", { accessCodeId: code, skillQueueId: sq })).status).toBe(201);
    const dup = await t.post("/called-routes", { accessCodeId: code, skillQueueId: sq, extensionCode: "" });
    expect(dup.status).toBe(409);
    expect(dup.body.errors.extensionCode).toBeDefined();
    const ext = await t.post("/called-routes", { accessCodeId: code, skillQueueId: sq, extensionCode: "1" });
    expect(ext.status).toBe(201);
    expect(
      (await t.post("/called-routes", { accessCodeId: other, skillQueueId: sq, extensionCode: "1" })).status,
    ).toBe(201);
    const clash = await t.patch(`/called-routes/${ext.body.id}`, { extensionCode: "" });
    expect(clash.status).toBe(409);
    expect((await t.get(`/called-routes/${ext.body.id}`)).body.extensionCode).toBe("1");
  });

  it.each([
    [{ extensionCode: "12345678" }, 201, undefined],
    [{ extensionCode: "123456789" }, 422, "extensionCode"],
    [{ extensionCode: "12a" }, 422, "extensionCode"],
    [{ extensionCode: 12 }, 422, "extensionCode"],
    [{ deviceType: "ivr" }, 422, "deviceType"],
    [{ deviceType: "skillQueue" }, 201, undefined],
    [{ accessCodeId: "ac_missing" }, 422, "accessCodeId"],
    [{ skillQueueId: "sq_missing" }, 422, "skillQueueId"],
    [{ accessCodeId: undefined }, 422, "accessCodeId"],
    [{ surprise: 1 }, 422, "surprise"],
  ])("%j answers %i", async (change, status, field) => {
    const before = (await routes(t)).length;
    const res = await t.post("/called-routes", {
      accessCodeId: await accessCode(t),
      skillQueueId: await queue(t),
      ...change,
    });
    expect(res.status).toBe(status);
    if (field) {
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect((await routes(t)).length).toBe(before);
    }
  });

  it("re-validates the merged route on update", async () => {
    const route = await t.post("/called-routes", {
      accessCodeId: await accessCode(t),
      skillQueueId: await queue(t),
    });
    const voice = await queue(t, "voice");
    const res = await t.patch(`/called-routes/${route.body.id}`, { skillQueueId: voice });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(["skillQueueId"]);
    const both = await t.patch(`/called-routes/${route.body.id}`, {
      skillQueueId: voice,
      accessCodeId: await accessCode(t, "voice"),
    });
    expect(both.status).toBe(200);
    expect(both.body.skillQueueId).toBe(voice);
  });

  it.each(["routeId", "silentAgentRouteId"] as const)(
    "refuses delete while a channel uses the route as %s",
    async (as) => {
      const route = await t.post("/called-routes", {
        accessCodeId: await accessCode(t),
        skillQueueId: await queue(t),
      });
      const channel = await addChannel(t.tenantId, { [as]: route.body.id });
      const del = await t.del(`/called-routes/${route.body.id}`);
      expect(del.status).toBe(409);
      expect((await t.get(`/called-routes/${route.body.id}`)).status).toBe(200);

      const retarget = await t.patch(`/called-routes/${route.body.id}`, { skillQueueId: await queue(t) });
      expect(retarget.status).toBe(200);
      const remedia = await t.patch(`/called-routes/${route.body.id}`, {
        accessCodeId: await accessCode(t, "voice"),
        skillQueueId: await queue(t, "voice"),
      });
      expect(remedia.status).toBe(409);
      expect(remedia.body.errors.accessCodeId).toBeDefined();
      expect((await t.get(`/called-routes/${route.body.id}`)).body).toEqual(retarget.body);
      const sameMedia = await t.patch(`/called-routes/${route.body.id}`, {
        accessCodeId: await accessCode(t),
      });
      expect(sameMedia.status).toBe(200);

      await removeRow("channels", channel);
      expect((await t.del(`/called-routes/${route.body.id}`)).status).toBe(204);
    },
  );

  it("answers 404 for another tenant's route and 422 for another tenant's code or queue", async () => {
    const other = await newTenant();
    const route = await t.post("/called-routes", {
      accessCodeId: await accessCode(t),
      skillQueueId: await queue(t),
    });
    expect((await other.get(`/called-routes/${route.body.id}`)).status).toBe(404);
    expect((await other.patch(`/called-routes/${route.body.id}`, { extensionCode: "1" })).status).toBe(404);
    expect((await other.del(`/called-routes/${route.body.id}`)).status).toBe(404);
    const foreign = await other.post("/called-routes", {
      accessCodeId: route.body.accessCodeId,
      skillQueueId: await queue(other),
    });
    expect(foreign.status).toBe(422);
    expect(Object.keys(foreign.body.errors)).toEqual(["accessCodeId"]);
    const foreignQueue = await other.post("/called-routes", {
      accessCodeId: await accessCode(other),
      skillQueueId: route.body.skillQueueId,
    });
    expect(Object.keys(foreignQueue.body.errors)).toEqual(["skillQueueId"]);
    expect(await routes(other)).toEqual([]);
  });
});

describe("called routes: organization units", () => {
  type Case = ["isolation on" | "isolation off", "home" | "readWrite" | "read" | "other" | null, number];
  it.each<Case>([
    ["isolation on", "readWrite", 201],
    ["isolation on", "read", 201],
    ["isolation on", "home", 422],
    ["isolation on", "other", 422],
    ["isolation on", null, 422],
    ["isolation off", "home", 201],
    ["isolation off", "read", 201],
    ["isolation off", null, 201],
    ["isolation off", "other", 422],
  ])("a common agent with %s choosing the %s OU: %i", async (label, which, status) => {
    const t = await newTenant();
    const [home, rw, ro, other] = await Promise.all([1, 2, 3, 4].map(() => addOrgUnit(t.tenantId)));
    await setDataIsolation(t.tenantId, label === "isolation on");
    const agent = await agentClient(t.tenantId, {
      ouId: home,
      accessibleOus: [
        { ouId: rw as string, access: "readWrite" },
        { ouId: ro as string, access: "read" },
      ],
    });
    const ouId = which === null ? null : { home, readWrite: rw, read: ro, other }[which];
    const res = await agent.post("/called-routes", {
      ouId,
      accessCodeId: await accessCode(t),
      skillQueueId: await queue(t),
    });
    expect(res.status).toBe(status);
    if (status === 422) {
      expect(Object.keys(res.body.errors)).toEqual(["ouId"]);
      expect(await routes(t)).toEqual([]);
    } else {
      expect(res.body.ouId).toBe(ouId);
    }
  });

  it("lets the administrator choose every OU and Unorganized, and keeps an isolated agent off other OUs' routes", async () => {
    const t = await newTenant();
    const [mine, theirs] = await Promise.all([addOrgUnit(t.tenantId), addOrgUnit(t.tenantId)]);
    await setDataIsolation(t.tenantId, true);
    const theirRoute = await t.post("/called-routes", {
      ouId: theirs,
      accessCodeId: await accessCode(t),
      skillQueueId: await queue(t),
    });
    expect(theirRoute.status).toBe(201);
    const unknown = await t.post("/called-routes", {
      ouId: "ou_missing",
      accessCodeId: await accessCode(t),
      skillQueueId: await queue(t),
    });
    expect(unknown.body.errors).toEqual({ ouId: ["No such organization unit"] });
    const agent = await agentClient(t.tenantId, { accessibleOus: [{ ouId: mine, access: "read" }] });
    expect((await agent.patch(`/called-routes/${theirRoute.body.id}`, { extensionCode: "9" })).status).toBe(
      403,
    );
    expect((await agent.del(`/called-routes/${theirRoute.body.id}`)).status).toBe(403);
    expect((await t.get(`/called-routes/${theirRoute.body.id}`)).body.extensionCode).toBe("");
  });
});
