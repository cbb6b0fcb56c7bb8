/** The `preChatForm` section of web channels: definitions refused with 422 naming the field, limits at their boundaries. */
import { beforeAll, describe, expect, it } from "vitest";
import { addQueue, addRoute } from "../test/config-fixtures";
import { newTenant, unique } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;

const text = (i: number) => ({ key: `f${i}`, kind: "text", label: `Field ${i}` });
const select = (options: string[]) => ({ key: "topic", kind: "select", label: "Topic", options });

describe("web channels: the pre-chat form", () => {
  let t: Tenant;
  let route: string;
  beforeAll(async () => {
    t = await newTenant();
    route = await addRoute(t.tenantId, await addQueue(t.tenantId, "multimedia"));
  });
  const create = (preChatForm: unknown) =>
    t.post("/channels", { accessCode: `web_${unique()}`, routeId: route, preChatForm });

  it.each<[string, unknown, string, RegExp]>([
    [
      "11 fields",
      { fields: Array.from({ length: 11 }, (_, i) => text(i)) },
      "preChatForm.fields",
      /at most 10 fields/,
    ],
    [
      "a 61-character label",
      { fields: [{ ...text(0), label: "x".repeat(61) }] },
      "preChatForm.fields.0.label",
      /at most 60 characters/,
    ],
    [
      "an empty label",
      { fields: [{ ...text(0), label: "" }] },
      "preChatForm.fields.0.label",
      /label is required/,
    ],
    [
      "a select without options",
      { fields: [select([])] },
      "preChatForm.fields.0.options",
      /at least one option/,
    ],
    [
      "a select with 21 options",
      { fields: [select(Array.from({ length: 21 }, (_, i) => `o${i}`))] },
      "preChatForm.fields.0.options",
      /at most 20 options/,
    ],
    ["a repeated key", { fields: [text(1), { ...text(2), key: "f1" }] }, "preChatForm.fields.1", /Each key/],
    [
      "two name fields",
      {
        fields: [
          { key: "a", kind: "name", label: "Name" },
          { key: "b", kind: "name", label: "Other name" },
        ],
      },
      "preChatForm.fields.1",
      /one name, one email and one phone field/,
    ],
    [
      "an unknown kind",
      { fields: [{ ...text(0), kind: "date" }] },
      "preChatForm.fields.0.kind",
      /kind must be/,
    ],
    [
      "a key with a space",
      { fields: [{ ...text(0), key: "order no" }] },
      "preChatForm.fields.0.key",
      /letters/,
    ],
    ["the form on without fields", { enabled: true, fields: [] }, "preChatForm.fields", /at least one field/],
    ["an unknown field property", { fields: [{ ...text(0), hint: "x" }] }, "preChatForm.fields.0.hint", /./],
  ])("refuses %s with 422 naming the field", async (_what, preChatForm, path, message) => {
    const res = await create(preChatForm);
    expect(res.status).toBe(422);
    expect(res.body.errors[path]?.join(" ")).toMatch(message);
  });

  it("keeps a form at its limits: 10 fields, a 60-character label, 20 options; other kinds have no options", async () => {
    const fields = [
      { key: "name", kind: "name", label: "x".repeat(60), required: true },
      { key: "email", kind: "email", label: "Email", options: ["ignored"] },
      { key: "phone", kind: "phone", label: "Phone" },
      select(Array.from({ length: 20 }, (_, i) => `Option ${i}`)),
      ...Array.from({ length: 6 }, (_, i) => text(i)),
    ];
    const res = await create({ enabled: true, fields });
    expect(res.status).toBe(201);
    expect(res.body.preChatForm.enabled).toBe(true);
    expect(res.body.preChatForm.fields).toHaveLength(10);
    expect(res.body.preChatForm.fields[0]).toEqual({
      key: "name",
      kind: "name",
      label: "x".repeat(60),
      required: true,
      options: [],
    });
    expect(res.body.preChatForm.fields[1].options).toEqual([]);
    expect(res.body.preChatForm.fields[3].options).toHaveLength(20);
  });

  it("PATCH merges the section: turning it on keeps the fields, new fields replace the list", async () => {
    const created = await create({ fields: [text(1), text(2)] });
    const id = created.body.id;
    const on = await t.patch(`/channels/${id}`, { preChatForm: { enabled: true } });
    expect(on.status).toBe(200);
    expect(on.body.preChatForm).toMatchObject({ enabled: true, fields: [{ key: "f1" }, { key: "f2" }] });
    const replaced = await t.patch(`/channels/${id}`, { preChatForm: { fields: [text(3)] } });
    expect(replaced.body.preChatForm.fields.map((f: { key: string }) => f.key)).toEqual(["f3"]);
    const emptied = await t.patch(`/channels/${id}`, { preChatForm: { fields: [] } });
    expect(emptied.status).toBe(422);
    expect(Object.keys(emptied.body.errors)).toEqual(["preChatForm.fields"]);
  });
});
