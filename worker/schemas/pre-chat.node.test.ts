import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { issuesToFieldErrors } from "./issues";
import {
  lockedValues,
  type PreChatField,
  PreChatFormObject,
  type PreChatMessages,
  preChatEntries,
  preChatFormOf,
  preChatValuesSchema,
} from "./pre-chat";

const field = (over: Partial<PreChatField> & Pick<PreChatField, "key" | "kind">): PreChatField => ({
  label: over.key,
  required: false,
  options: [],
  ...over,
});

function errorsOf(form: unknown) {
  const r = v.safeParse(PreChatFormObject, form);
  return r.success ? null : issuesToFieldErrors(r.issues);
}

describe("the form definition", () => {
  const text = (i: number) => ({ key: `f${i}`, kind: "text", label: `Field ${i}` });

  it("is off with no fields by default, also for channels saved before it existed", () => {
    expect(v.parse(PreChatFormObject, {})).toEqual({ enabled: false, fields: [] });
    expect(preChatFormOf(undefined)).toEqual({ enabled: false, fields: [] });
  });

  it.each([
    ["10 fields", { fields: Array.from({ length: 10 }, (_, i) => text(i)) }, null],
    ["11 fields", { fields: Array.from({ length: 11 }, (_, i) => text(i)) }, "fields"],
    ["a 60-character label", { fields: [{ ...text(0), label: "x".repeat(60) }] }, null],
    ["a 61-character label", { fields: [{ ...text(0), label: "x".repeat(61) }] }, "fields.0.label"],
    ["an empty label", { fields: [{ ...text(0), label: "  " }] }, "fields.0.label"],
    ["a bad key", { fields: [{ ...text(0), key: "1st field" }] }, "fields.0.key"],
    ["a 33-character key", { fields: [{ ...text(0), key: `k${"x".repeat(32)}` }] }, "fields.0.key"],
    ["an unknown kind", { fields: [{ ...text(0), kind: "date" }] }, "fields.0.kind"],
    ["a repeated key", { fields: [text(0), { ...text(1), key: "f0" }] }, "fields.1"],
    [
      "two email fields",
      {
        fields: [
          { key: "a", kind: "email", label: "A" },
          { key: "b", kind: "email", label: "B" },
        ],
      },
      "fields.1",
    ],
    [
      "two text fields",
      {
        fields: [text(0), text(1)],
      },
      null,
    ],
    ["a select without options", { fields: [{ key: "s", kind: "select", label: "S" }] }, "fields.0.options"],
    [
      "a select with 20 options",
      {
        fields: [
          { key: "s", kind: "select", label: "S", options: Array.from({ length: 20 }, (_, i) => `o${i}`) },
        ],
      },
      null,
    ],
    [
      "a select with 21 options",
      {
        fields: [
          { key: "s", kind: "select", label: "S", options: Array.from({ length: 21 }, (_, i) => `o${i}`) },
        ],
      },
      "fields.0.options",
    ],
    [
      "a repeated option",
      { fields: [{ key: "s", kind: "select", label: "S", options: ["a", "a"] }] },
      "fields.0.options.1",
    ],
    [
      "a 61-character option",
      { fields: [{ key: "s", kind: "select", label: "S", options: ["x".repeat(61)] }] },
      "fields.0.options.0",
    ],
  ])("%s → error at %s", (_what, form, path) => {
    const errors = errorsOf(form);
    if (path === null) expect(errors).toBeNull();
    else expect(Object.keys(errors ?? {})).toContain(path);
  });

  it("drops the options of a field that is not a select", () => {
    const form = v.parse(PreChatFormObject, {
      fields: [{ key: "t", kind: "text", label: "T", options: ["a"] }],
    });
    expect(form.fields[0]?.options).toEqual([]);
  });
});

describe("the submitted values", () => {
  const fields = [
    field({ key: "name", kind: "name", label: "Your name", required: true }),
    field({ key: "email", kind: "email", label: "Email" }),
    field({ key: "phone", kind: "phone", label: "Phone" }),
    field({ key: "topic", kind: "select", label: "Topic", required: true, options: ["Sales", "Support"] }),
    field({ key: "order", kind: "text", label: "Order number" }),
  ];
  const check = (values: unknown) => {
    const r = v.safeParse(preChatValuesSchema(fields), values);
    return r.success ? { ok: r.output } : { errors: issuesToFieldErrors(r.issues) };
  };

  it("accepts filled required fields, trims and fills absent optional ones with empty text", () => {
    expect(check({ name: "  Ada ", topic: "Sales" })).toEqual({
      ok: { name: "Ada", email: "", phone: "", topic: "Sales", order: "" },
    });
  });

  it.each([
    [{ topic: "Sales" }, "name", "Your name is required"],
    [{ name: "   ", topic: "Sales" }, "name", "Your name is required"],
    [
      { name: "Ada", topic: "Sales", email: "ada" },
      "email",
      "Email must be an email address such as ada@example.com",
    ],
    [
      { name: "Ada", topic: "Sales", phone: "12-34" },
      "phone",
      "Phone must be a phone number: digits, with + spaces or dashes, 5–20 digits",
    ],
    [{ name: "Ada", topic: "Billing" }, "topic", "Topic must be one of the choices offered"],
    [
      { name: "Ada", topic: "Sales", order: "x".repeat(201) },
      "order",
      "Order number must be at most 200 characters",
    ],
    [{ name: 42, topic: "Sales" }, "name", "Your name is required"],
  ])("%j → %s: %s", (values, key, message) => {
    expect(check(values)).toEqual({ errors: { [key]: [message] } });
  });

  it("drops keys the form does not have", () => {
    const result = check({ name: "Ada", topic: "Sales", isAdmin: "yes" });
    expect(result).toMatchObject({ ok: { name: "Ada" } });
    expect(Object.keys(("ok" in result && result.ok) || {})).not.toContain("isAdmin");
  });

  it("speaks the caller's language", () => {
    const zh: PreChatMessages = {
      required: (l) => `请填写${l}`,
      tooLong: (l, n) => `${l}最多 ${n} 个字`,
      email: (l) => `${l}格式不正确`,
      phone: (l) => `${l}格式不正确`,
      option: (l) => `请选择${l}`,
    };
    const r = v.safeParse(preChatValuesSchema(fields, zh), { topic: "Sales" });
    expect(r.success ? null : issuesToFieldErrors(r.issues)).toEqual({ name: ["请填写Your name"] });
  });
});

describe("locked values and what is kept", () => {
  const fields = [
    field({ key: "who", kind: "name", label: "Name", required: true }),
    field({ key: "mail", kind: "email", label: "Email" }),
    field({ key: "tel", kind: "phone", label: "Phone" }),
    field({ key: "note", kind: "text", label: "Note" }),
  ];

  it("locks the name, email and phone fields whose claims the token has", () => {
    expect(lockedValues(fields, { name: "Ada", email: null })).toEqual({ who: "Ada" });
    expect(
      lockedValues(fields, { name: "Ada", email: "ada@example.com", phone: "+44 20 7946 0000" }),
    ).toEqual({
      who: "Ada",
      mail: "ada@example.com",
      tel: "+44 20 7946 0000",
    });
    expect(lockedValues(fields, {})).toEqual({});
  });

  it("keeps values in the form's order, locked ones from the claims, empty ones left out", () => {
    expect(preChatEntries(fields, { note: "Order 7", who: "Eve", mail: "" }, { who: "Ada" })).toEqual([
      { key: "who", label: "Name", value: "Ada", verified: true },
      { key: "note", label: "Note", value: "Order 7", verified: false },
    ]);
  });
});
