import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, fetchApp, newTenant, unique } from "../test/helpers";
import {
  addAgent,
  addChannel,
  addGroup,
  addOrgUnit,
  agentClient,
  removeRow,
  setDataIsolation,
} from "../test/queue-route-fixtures";

type Body = Record<string, unknown>;
const name = () => `queue ${unique()}`;

async function create(t: Client, body: Body = {}) {
  return t.post("/skill-queues", { name: name(), ...body });
}
async function createId(t: Client, body: Body = {}): Promise<string> {
  const res = await create(t, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const count = async (t: Client) => (await t.get("/skill-queues?limit=200")).body.items.length;
const transfer = (targetId: string, transferType = "skillQueue") => ({
  action: "transfer",
  transferType,
  targetId,
});

const VOICE_PROMPTS = {
  queuingMethod: "defaultTone",
  queuingToneOrIvr: null,
  holdMethod: "defaultTone",
  holdTone: null,
  answerType: "employeeId",
  answerVoice: null,
};
const release = (transferType: string) => ({ action: "release", transferType, targetId: null });

describe("skill queues: defaults and ranges", () => {
  let t: Client;
  beforeAll(async () => {
    t = await newTenant();
  });

  it("creates with every default filled in", async () => {
    const res = await t.post("/skill-queues", { name: "  Support  " });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^sq_/),
      name: "Support",
      description: "",
      type: "voice",
      channels: [],
      ouId: null,
      maxWaitingTime: 60,
      maxCallDuration: 86400,
      wrapUpDuration: 5,
      effectiveWrapUpDuration: 10,
      maxCallsInQueue: 100,
      queuing: {
        timeout: release("ivr"),
        busy: {
          ...release("ivr"),
          queueUsage: 80,
          forwardingCondition: "deviceUsage",
          threshold: 100,
          maxQueuingMethod: "fixed",
          maxQueuing: 100,
        },
        noAgent: release("ivr"),
      },
      prompts: VOICE_PROMPTS,
      createdAt: expect.any(Number),
    });
    expect((await t.get(`/skill-queues/${res.body.id}`)).body).toEqual(res.body);
  });

  it.each([
    ["multimedia", "skillQueue", null],
    ["video", "ivr", VOICE_PROMPTS],
    ["voiceClickToDial", "ivr", null],
    ["videoClickToDial", "ivr", null],
  ])("a %s queue defaults to transferType %s and prompts %j", async (type, transferType, prompts) => {
    const res = await create(t, { type });
    expect(res.status).toBe(201);
    expect(res.body.prompts).toEqual(prompts);
    for (const key of ["timeout", "busy", "noAgent"])
      expect(res.body.queuing[key].transferType).toBe(transferType);
  });

  const top = (field: string) => (value: number) => ({ [field]: value });
  const busy =
    (field: string, extra: Body = {}) =>
    (value: number) => ({ queuing: { busy: { ...extra, [field]: value } } });
  it.each<[string, Body, (v: number) => Body, number, boolean, string]>([
    ["maxWaitingTime", {}, top("maxWaitingTime"), 1, true, "maxWaitingTime"],
    ["maxWaitingTime", {}, top("maxWaitingTime"), 60000, true, "maxWaitingTime"],
    ["maxWaitingTime", {}, top("maxWaitingTime"), 0, false, "maxWaitingTime"],
    ["maxWaitingTime", {}, top("maxWaitingTime"), 60001, false, "maxWaitingTime"],
    ["maxWaitingTime", {}, top("maxWaitingTime"), 1.5, false, "maxWaitingTime"],
    ["maxCallDuration", {}, top("maxCallDuration"), 1, true, "maxCallDuration"],
    ["maxCallDuration", {}, top("maxCallDuration"), 86400, true, "maxCallDuration"],
    ["maxCallDuration", {}, top("maxCallDuration"), 0, false, "maxCallDuration"],
    ["maxCallDuration", {}, top("maxCallDuration"), 86401, false, "maxCallDuration"],
    ["wrapUpDuration", {}, top("wrapUpDuration"), 0, true, "wrapUpDuration"],
    ["wrapUpDuration", {}, top("wrapUpDuration"), 3600, true, "wrapUpDuration"],
    ["wrapUpDuration", {}, top("wrapUpDuration"), -1, false, "wrapUpDuration"],
    ["wrapUpDuration", {}, top("wrapUpDuration"), 3601, false, "wrapUpDuration"],
    ["maxCallsInQueue", {}, top("maxCallsInQueue"), 0, true, "maxCallsInQueue"],
    ["maxCallsInQueue", {}, top("maxCallsInQueue"), 10000, true, "maxCallsInQueue"],
    ["maxCallsInQueue", {}, top("maxCallsInQueue"), -1, false, "maxCallsInQueue"],
    ["maxCallsInQueue", {}, top("maxCallsInQueue"), 10001, false, "maxCallsInQueue"],
    ["queueUsage", {}, busy("queueUsage"), 0, true, "queuing.busy.queueUsage"],
    ["queueUsage", {}, busy("queueUsage"), 100, true, "queuing.busy.queueUsage"],
    ["queueUsage", {}, busy("queueUsage"), -1, false, "queuing.busy.queueUsage"],
    ["queueUsage", {}, busy("queueUsage"), 101, false, "queuing.busy.queueUsage"],
    [
      "deviceUsage threshold",
      {},
      busy("threshold", { forwardingCondition: "deviceUsage" }),
      0,
      true,
      "queuing.busy.threshold",
    ],
    [
      "deviceUsage threshold",
      {},
      busy("threshold", { forwardingCondition: "deviceUsage" }),
      100,
      true,
      "queuing.busy.threshold",
    ],
    [
      "deviceUsage threshold",
      {},
      busy("threshold", { forwardingCondition: "deviceUsage" }),
      101,
      false,
      "queuing.busy.threshold",
    ],
    [
      "deviceUsage threshold",
      {},
      busy("threshold", { forwardingCondition: "deviceUsage" }),
      -1,
      false,
      "queuing.busy.threshold",
    ],
    [
      "waitingDuration threshold",
      {},
      busy("threshold", { forwardingCondition: "waitingDuration" }),
      0,
      true,
      "queuing.busy.threshold",
    ],
    [
      "waitingDuration threshold",
      {},
      busy("threshold", { forwardingCondition: "waitingDuration" }),
      9999,
      true,
      "queuing.busy.threshold",
    ],
    [
      "waitingDuration threshold",
      {},
      busy("threshold", { forwardingCondition: "waitingDuration" }),
      10000,
      false,
      "queuing.busy.threshold",
    ],
    ["voice maxQueuing", { type: "voice" }, busy("maxQueuing"), 0, true, "queuing.busy.maxQueuing"],
    ["voice maxQueuing", { type: "voice" }, busy("maxQueuing"), 10000, true, "queuing.busy.maxQueuing"],
    ["voice maxQueuing", { type: "voice" }, busy("maxQueuing"), 10001, false, "queuing.busy.maxQueuing"],
    ["video maxQueuing", { type: "video" }, busy("maxQueuing"), 0, true, "queuing.busy.maxQueuing"],
    [
      "multimedia maxQueuing",
      { type: "multimedia" },
      busy("maxQueuing"),
      0,
      false,
      "queuing.busy.maxQueuing",
    ],
    ["multimedia maxQueuing", { type: "multimedia" }, busy("maxQueuing"), 1, true, "queuing.busy.maxQueuing"],
    [
      "multimedia maxQueuing",
      { type: "multimedia" },
      busy("maxQueuing"),
      10000,
      true,
      "queuing.busy.maxQueuing",
    ],
    [
      "multimedia maxQueuing",
      { type: "multimedia" },
      busy("maxQueuing"),
      10001,
      false,
      "queuing.busy.maxQueuing",
    ],
    [
      "voiceClickToDial maxQueuing",
      { type: "voiceClickToDial" },
      busy("maxQueuing"),
      0,
      false,
      "queuing.busy.maxQueuing",
    ],
    [
      "videoClickToDial maxQueuing",
      { type: "videoClickToDial" },
      busy("maxQueuing"),
      0,
      false,
      "queuing.busy.maxQueuing",
    ],
    [
      "percentOfSignedIn scale factor",
      { type: "multimedia" },
      busy("maxQueuing", { maxQueuingMethod: "percentOfSignedIn" }),
      0,
      false,
      "queuing.busy.maxQueuing",
    ],
  ])("%s %s = %d: ok=%s", async (_label, base, build, value, ok, field) => {
    const before = await count(t);
    const res = await create(t, { ...base, ...build(value) });
    if (ok) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const path = field.split(".");
      expect(path.reduce<Body>((o, k) => o[k] as Body, res.body)).toBe(value);
      expect(await count(t)).toBe(before + 1);
    } else {
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(await count(t)).toBe(before);
    }
  });

  it.each([
    [0, 0],
    [1, 5],
    [4, 5],
    [5, 10],
    [12, 15],
    [3600, 3605],
  ])("wrapUpDuration %i gives effectiveWrapUpDuration %i", async (wrapUpDuration, effective) => {
    const res = await create(t, { wrapUpDuration });
    expect(res.body.effectiveWrapUpDuration).toBe(effective);
    const patched = await t.patch(`/skill-queues/${res.body.id}`, { wrapUpDuration: 12 });
    expect(patched.body.effectiveWrapUpDuration).toBe(15);
  });

  it("refuses a read-only field, an unknown field and a name out of range", async () => {
    const before = await count(t);
    for (const [body, field] of [
      [{ name: "x", effectiveWrapUpDuration: 5 }, "effectiveWrapUpDuration"],
      [{ name: "x", color: "red" }, "color"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{}, "name"],
      [{ name: "x", description: "d".repeat(256) }, "description"],
      [{ name: "x", type: "fax" }, "type"],
      [
        { name: "x", queuing: { busy: { forwardingCondition: "always" } } },
        "queuing.busy.forwardingCondition",
      ],
      [{ name: "x", queuing: { busy: { maxQueuingMethod: "guess" } } }, "queuing.busy.maxQueuingMethod"],
    ] as const) {
      const res = await t.post("/skill-queues", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors[field], JSON.stringify(res.body)).toBeDefined();
    }
    expect((await create(t, { name: "y".repeat(100), description: "d".repeat(255) })).status).toBe(201);
    expect(await count(t)).toBe(before + 1);
  });
});

describe("skill queues: media-type rules", () => {
  let t: Client;
  beforeAll(async () => {
    t = await newTenant();
  });

  it.each([
    ["multimedia", ["web", "email", "telegram"], 201, undefined],
    ["multimedia", [], 201, undefined],
    ["multimedia", ["web", "web"], 422, "channels.1"],
    ["multimedia", ["fax"], 422, "channels.0"],
    ["voice", ["web"], 422, "channels"],
    ["video", ["web"], 422, "channels"],
    ["voiceClickToDial", ["web"], 422, "channels"],
    ["videoClickToDial", ["web"], 422, "channels"],
    ["voice", [], 201, undefined],
  ])("a %s queue with channels %j answers %i", async (type, channels, status, field) => {
    const res = await create(t, { type, channels });
    expect(res.status).toBe(status);
    if (field) expect(Object.keys(res.body.errors)).toEqual([field]);
    else expect(res.body.channels).toEqual(channels);
  });

  it.each([
    ["voice", 201],
    ["video", 201],
    ["multimedia", 422],
    ["voiceClickToDial", 422],
    ["videoClickToDial", 422],
  ])("prompts on a %s queue answer %i", async (type, status) => {
    const res = await create(t, { type, prompts: { answerType: "noVoice" } });
    expect(res.status).toBe(status);
    if (status === 422) expect(Object.keys(res.body.errors)).toEqual(["prompts"]);
    else expect(res.body.prompts).toEqual({ ...VOICE_PROMPTS, answerType: "noVoice" });
  });

  it.each([
    [{ queuingMethod: "customTone" }, "prompts.queuingToneOrIvr"],
    [{ queuingMethod: "ivr", queuingToneOrIvr: "tone.wav" }, "prompts.queuingToneOrIvr"],
    [{ holdMethod: "customTone" }, "prompts.holdTone"],
    [{ answerType: "employeeIdAndCustom" }, "prompts.answerVoice"],
    [{ answerVoice: "hello.wav" }, "prompts.answerVoice"],
    [{ holdMethod: "loud" }, "prompts.holdMethod"],
  ])("refuses prompts %j naming %s", async (prompts, field) => {
    const res = await create(t, { prompts });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });

  it("accepts chosen tones, IVR and voice", async () => {
    const prompts = {
      queuingMethod: "ivr",
      queuingToneOrIvr: "4001",
      holdMethod: "customTone",
      holdTone: "hold.wav",
      answerType: "employeeIdAndCustom",
      answerVoice: "welcome.wav",
    };
    expect((await create(t, { type: "video", prompts })).body.prompts).toEqual(prompts);
  });

  it.each(["timeout", "busy", "noAgent"])(
    "a multimedia queue refuses IVR for %s, even when releasing",
    async (key) => {
      for (const action of [release("ivr"), transfer("4001", "ivr")]) {
        const res = await create(t, { type: "multimedia", queuing: { [key]: action } });
        expect(res.status).toBe(422);
        expect(res.body.errors[`queuing.${key}.transferType`]).toBeDefined();
      }
    },
  );

  it("transfers voice and click-to-dial queues to an IVR access code of digits", async () => {
    for (const type of ["voice", "video", "voiceClickToDial", "videoClickToDial"]) {
      const res = await create(t, { type, queuing: { noAgent: transfer("4001", "ivr") } });
      expect(res.status).toBe(201);
      expect(res.body.queuing.noAgent).toEqual(transfer("4001", "ivr"));
    }
    const bad = await create(t, { queuing: { noAgent: transfer("40a1", "ivr") } });
    expect(Object.keys(bad.body.errors)).toEqual(["queuing.noAgent.targetId"]);
  });

  it("transfers only to an existing queue of the same type, never to itself", async () => {
    const other = await newTenant();
    const foreign = await createId(other, { type: "multimedia" });
    const mm = await createId(t, { type: "multimedia" });
    const voice = await createId(t, { type: "voice" });
    const ok = await create(t, {
      type: "multimedia",
      queuing: { timeout: transfer(mm), busy: transfer(mm) },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.queuing.busy).toMatchObject(transfer(mm));

    const before = await count(t);
    for (const [target, message] of [
      [voice, "The target must be a multimedia skill queue, like this one"],
      [foreign, "No such skill queue"],
      ["sq_missing", "No such skill queue"],
    ]) {
      const res = await create(t, { type: "multimedia", queuing: { noAgent: transfer(target as string) } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual({ "queuing.noAgent.targetId": [message] });
    }
    const self = await t.patch(`/skill-queues/${mm}`, { queuing: { timeout: transfer(mm) } });
    expect(self.status).toBe(422);
    expect(Object.keys(self.body.errors)).toEqual(["queuing.timeout.targetId"]);
    expect(await count(t)).toBe(before);
  });

  it("needs a target to transfer and none to release", async () => {
    const missing = await create(t, { queuing: { timeout: { action: "transfer" } } });
    expect(Object.keys(missing.body.errors)).toEqual(["queuing.timeout.targetId"]);
    const extra = await create(t, { queuing: { timeout: { action: "release", targetId: "4001" } } });
    expect(Object.keys(extra.body.errors)).toEqual(["queuing.timeout.targetId"]);
    const empty = await create(t, { queuing: { timeout: { action: "release", targetId: "" } } });
    expect(empty.body.queuing.timeout.targetId).toBeNull();
  });
});

describe("skill queues: update", () => {
  it("merges nested objects per key and re-validates the whole", async () => {
    const t = await newTenant();
    const id = await createId(t, { type: "multimedia", description: "before", channels: ["web"] });
    const res = await t.patch(`/skill-queues/${id}`, {
      queuing: { busy: { threshold: 40 } },
      maxWaitingTime: 30,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ description: "before", channels: ["web"], maxWaitingTime: 30 });
    expect(res.body.queuing.busy).toMatchObject({ threshold: 40, queueUsage: 80, maxQueuing: 100 });

    const before = (await t.get(`/skill-queues/${id}`)).body;
    const refused = await t.patch(`/skill-queues/${id}`, {
      description: "after",
      queuing: { busy: { maxQueuing: 0 } },
    });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors)).toEqual(["queuing.busy.maxQueuing"]);
    const threshold = await t.patch(`/skill-queues/${id}`, { queuing: { busy: { threshold: 500 } } });
    expect(Object.keys(threshold.body.errors)).toEqual(["queuing.busy.threshold"]);
    expect((await t.get(`/skill-queues/${id}`)).body).toEqual(before);
    const waiting = await t.patch(`/skill-queues/${id}`, {
      queuing: { busy: { threshold: 500, forwardingCondition: "waitingDuration" } },
    });
    expect(waiting.body.queuing.busy).toMatchObject({
      threshold: 500,
      forwardingCondition: "waitingDuration",
    });
  });

  it("tells the queue's Durable Object on every change so that a running queue reloads", async () => {
    const t = await newTenant();
    const id = await createId(t);
    const stub = env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(id));
    const before = await stub.invalidateConfig();
    expect((await t.patch(`/skill-queues/${id}`, { maxWaitingTime: 30 })).status).toBe(200);
    expect((await t.patch(`/skill-queues/${id}`, { maxWaitingTime: 0 })).status).toBe(422);
    expect(await stub.invalidateConfig()).toBe(before + 2);
    expect((await t.del(`/skill-queues/${id}`)).status).toBe(204);
    expect(await stub.invalidateConfig()).toBe(before + 4);
  });

  it("clears a target when an action goes back to release", async () => {
    const t = await newTenant();
    const id = await createId(t, { queuing: { noAgent: transfer("4001", "ivr") } });
    const res = await t.patch(`/skill-queues/${id}`, { queuing: { noAgent: { action: "release" } } });
    expect(res.body.queuing.noAgent).toEqual(release("ivr"));
  });

  it("answers 409 for a duplicate name on create and update", async () => {
    const t = await newTenant();
    await createId(t, { name: "Sales" });
    const id = await createId(t, { name: "Support" });
    expect((await t.post("/skill-queues", { name: "Sales" })).status).toBe(409);
    const res = await t.patch(`/skill-queues/${id}`, { name: "Sales" });
    expect(res.status).toBe(409);
    expect(res.body.errors.name).toBeDefined();
    expect((await t.get(`/skill-queues/${id}`)).body.name).toBe("Support");
    expect((await t.patch(`/skill-queues/${id}`, { name: "Support", description: "same name" })).status).toBe(
      200,
    );
    expect((await (await newTenant()).post("/skill-queues", { name: "Sales" })).status).toBe(201);
  });

  it("changes the type when nothing depends on it, following the dependent fields", async () => {
    const t = await newTenant();
    const id = await createId(t, { type: "multimedia", channels: ["web"] });
    const voice = await t.patch(`/skill-queues/${id}`, { type: "voice" });
    expect(voice.status).toBe(200);
    expect(voice.body).toMatchObject({ type: "voice", channels: [], prompts: VOICE_PROMPTS });
    const back = await t.patch(`/skill-queues/${id}`, { type: "multimedia" });
    expect(back.body).toMatchObject({ type: "multimedia", prompts: null });
    expect(back.body.queuing.timeout.transferType).toBe("skillQueue");
  });

  it("refuses a type change that would leave the queue's own transfer target of another type", async () => {
    const t = await newTenant();
    const target = await createId(t, { type: "video" });
    const id = await createId(t, { type: "video", queuing: { busy: transfer(target) } });
    const res = await t.patch(`/skill-queues/${id}`, { type: "videoClickToDial" });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      "queuing.busy.targetId": ["The target must be a videoClickToDial skill queue, like this one"],
    });
    expect((await t.get(`/skill-queues/${id}`)).body.type).toBe("video");
  });

  it("lists by type", async () => {
    const t = await newTenant();
    const mm = await createId(t, { type: "multimedia" });
    await createId(t, { type: "voice" });
    const res = await t.get("/skill-queues?type=multimedia");
    expect(res.body.items.map((q: { id: string }) => q.id)).toEqual([mm]);
    expect((await t.get("/skill-queues?type=fax")).status).toBe(422);
  });
});

describe("skill queues: references", () => {
  const refs: [string, (tenantId: string, queueId: string) => Promise<() => Promise<unknown>>][] = [
    [
      "a called route",
      async (_tenantId, queueId) => {
        const code = await refsClient.post("/access-codes", {
          code: String(Math.floor(Math.random() * 1e9)),
          mediaType: "multimedia",
        });
        const route = await refsClient.post("/called-routes", {
          accessCodeId: code.body.id,
          skillQueueId: queueId,
        });
        expect(route.status).toBe(201);
        return () => refsClient.del(`/called-routes/${route.body.id}`);
      },
    ],
    [
      "an agent",
      async (tenantId, queueId) => removing("agents", await addAgent(tenantId, queueId, "member")),
    ],
    [
      "an agent (as default skill queue)",
      async (tenantId, queueId) => removing("agents", await addAgent(tenantId, queueId, "default")),
    ],
    [
      "a skill queue group",
      async (tenantId, queueId) => removing("skill_queue_groups", await addGroup(tenantId, queueId)),
    ],
    [
      "another skill queue (as transfer target)",
      async (_tenantId, queueId) => {
        const other = await createId(refsClient, {
          type: "multimedia",
          queuing: { busy: transfer(queueId) },
        });
        return () => refsClient.del(`/skill-queues/${other}`);
      },
    ],
    [
      "a web channel (as click-to-dial skill queue)",
      async (tenantId, queueId) =>
        removing("channels", await addChannel(tenantId, { clickToDialQueueId: queueId })),
    ],
  ];
  const removing = (table: "agents" | "skill_queue_groups" | "channels", id: string) => () =>
    removeRow(table, id);
  let refsClient: Client;
  beforeAll(async () => {
    refsClient = await newTenant();
  });

  it.each(refs)("refuses delete and type change while %s refers to the queue", async (what, add) => {
    const t = refsClient;
    const id = await createId(t, { type: "multimedia" });
    const remove = await add(t.tenantId, id);
    const before = (await t.get(`/skill-queues/${id}`)).body;

    const del = await t.del(`/skill-queues/${id}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toContain(what);
    const retype = await t.patch(`/skill-queues/${id}`, { type: "voiceClickToDial", description: "changed" });
    expect(retype.status).toBe(409);
    expect(retype.body.errors.type[0]).toContain(what);
    expect((await t.get(`/skill-queues/${id}`)).body).toEqual(before);
    expect((await t.patch(`/skill-queues/${id}`, { description: "same type is fine" })).status).toBe(200);

    await remove();
    expect((await t.patch(`/skill-queues/${id}`, { type: "voiceClickToDial" })).status).toBe(200);
    expect((await t.del(`/skill-queues/${id}`)).status).toBe(204);
    expect((await t.get(`/skill-queues/${id}`)).status).toBe(404);
  });

  it("a queue's transfer to another queue does not block deleting the transferring queue", async () => {
    const t = refsClient;
    const target = await createId(t, { type: "video" });
    const source = await createId(t, { type: "video", queuing: { timeout: transfer(target) } });
    expect((await t.del(`/skill-queues/${source}`)).status).toBe(204);
    expect((await t.del(`/skill-queues/${target}`)).status).toBe(204);
  });
});

describe("skill queues: tenants and organization units", () => {
  it("answers 404 for another tenant's queue", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const id = await createId(a);
    expect((await b.get(`/skill-queues/${id}`)).status).toBe(404);
    expect((await b.patch(`/skill-queues/${id}`, { description: "x" })).status).toBe(404);
    expect((await b.del(`/skill-queues/${id}`)).status).toBe(404);
    expect((await b.get("/skill-queues")).body.items).toEqual([]);
    expect((await a.get(`/skill-queues/${id}`)).body.description).toBe("");
  });

  it("lets the administrator choose any OU of the tenant and Unorganized, nothing else", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const ou = await addOrgUnit(t.tenantId);
    const foreignOu = await addOrgUnit(other.tenantId);
    await setDataIsolation(t.tenantId, true);
    expect((await create(t, { ouId: ou })).body.ouId).toBe(ou);
    expect((await create(t, { ouId: null })).body.ouId).toBeNull();
    const res = await create(t, { ouId: foreignOu });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ ouId: ["No such organization unit"] });
  });

  type Case = ["isolation on" | "isolation off", "home" | "readWrite" | "read" | "other" | null, number];
  it.each<Case>([
    ["isolation on", "readWrite", 201],
    ["isolation on", "read", 422],
    ["isolation on", "home", 422],
    ["isolation on", "other", 422],
    ["isolation on", null, 422],
    ["isolation off", "readWrite", 201],
    ["isolation off", "read", 201],
    ["isolation off", "other", 201],
    ["isolation off", null, 201],
  ])("a common agent with %s choosing the %s OU: %i", async (label, which, status) => {
    const t = await newTenant();
    const isolation = label === "isolation on";
    const [home, rw, ro, other] = await Promise.all([1, 2, 3, 4].map(() => addOrgUnit(t.tenantId)));
    await setDataIsolation(t.tenantId, isolation);
    const agent = await agentClient(t.tenantId, {
      ouId: home,
      accessibleOus: [
        { ouId: rw as string, access: "readWrite" },
        { ouId: ro as string, access: "read" },
      ],
    });
    const ouId = { home, readWrite: rw, read: ro, other }[which ?? "home"];
    const res = await create(agent, { ouId: which === null ? null : ouId });
    expect(res.status).toBe(status);
    if (status === 422) {
      expect(Object.keys(res.body.errors)).toEqual(["ouId"]);
      expect((await t.get("/skill-queues")).body.items).toEqual([]);
    }
  });

  it("keeps a common agent under data isolation away from queues of other OUs", async () => {
    const t = await newTenant();
    const [mine, theirs] = await Promise.all([addOrgUnit(t.tenantId), addOrgUnit(t.tenantId)]);
    await setDataIsolation(t.tenantId, true);
    const readOnly = await addOrgUnit(t.tenantId);
    const agent = await agentClient(t.tenantId, {
      accessibleOus: [
        { ouId: mine, access: "readWrite" },
        { ouId: readOnly, access: "read" },
      ],
    });
    const foreign = await createId(t, { ouId: theirs });
    const readable = await createId(t, { ouId: readOnly });
    const own = await createId(agent, { ouId: mine });
    // A queue the agent may not even read does not exist for them; one they may only read is refused.
    expect((await agent.get(`/skill-queues/${foreign}`)).status).toBe(404);
    expect((await agent.patch(`/skill-queues/${foreign}`, { description: "x" })).status).toBe(404);
    expect((await agent.del(`/skill-queues/${foreign}`)).status).toBe(404);
    expect((await agent.get(`/skill-queues/${readable}`)).status).toBe(200);
    expect((await agent.patch(`/skill-queues/${readable}`, { description: "x" })).status).toBe(403);
    expect((await agent.del(`/skill-queues/${readable}`)).status).toBe(403);
    const move = await agent.patch(`/skill-queues/${own}`, { ouId: theirs });
    expect(move.status).toBe(422);
    expect((await agent.patch(`/skill-queues/${own}`, { description: "mine" })).status).toBe(200);
    expect((await t.get(`/skill-queues/${foreign}`)).body.description).toBe("");
    expect((await t.get(`/skill-queues/${readable}`)).body.description).toBe("");
    expect((await agent.del(`/skill-queues/${own}`)).status).toBe(204);
  });
});

describe("skill queues and called routes in the OpenAPI document", () => {
  it("lists every operation with the ranges of the request body", async () => {
    const doc = (await (await fetchApp("/api/v1/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: { "application/json": { schema: Body } } } }>
      >;
    };
    for (const r of ["skill-queues", "called-routes"]) {
      expect(Object.keys(doc.paths[`/api/v1/${r}`] ?? {}).sort()).toEqual(["get", "post"]);
      expect(Object.keys(doc.paths[`/api/v1/${r}/{id}`] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    }
    const create = doc.paths["/api/v1/skill-queues"]?.post?.requestBody?.content["application/json"].schema;
    expect((create?.properties as Record<string, Body> | undefined)?.maxWaitingTime).toMatchObject({
      minimum: 1,
      maximum: 60000,
    });
    expect(create?.required).toEqual(["name"]);
  });
});
