import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { issuesToFieldErrors } from "./issues";

describe("issuesToFieldErrors", () => {
  it("groups messages by dotted path, the root when there is none", () => {
    const parsed = v.safeParse(v.strictObject({ a: v.object({ b: v.string("b is text") }) }), {
      a: { b: 1 },
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(issuesToFieldErrors(parsed.issues)).toEqual({ "a.b": ["b is text"] });
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "treats the client-chosen key %s as a plain field (found by the fuzz run)",
    (key) => {
      const parsed = v.safeParse(v.strictObject({ name: v.string() }), JSON.parse(`{"name":"x","${key}":1}`));
      expect(parsed.success).toBe(false);
      if (parsed.success) return;
      const errors = issuesToFieldErrors(parsed.issues);
      expect(Object.keys(errors)).toEqual([key]);
      expect(JSON.parse(JSON.stringify(errors))[key]).toHaveLength(1);
    },
  );

  it("never echoes the input: default messages lose their 'but received' part", () => {
    const schema = v.strictObject({
      name: v.string(),
      code: v.pipe(v.string(), v.regex(/^\d+$/)),
      age: v.number(),
    });
    const parsed = v.safeParse(schema, { code: "<b>secret</b>", age: "<b>secret</b>", "<b>key</b>": 1 });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = issuesToFieldErrors(parsed.issues);
    expect(JSON.stringify(Object.values(errors))).not.toContain("<b>");
    expect(errors.name).toEqual(["Required"]);
    expect(errors["<b>key</b>"]).toEqual(["Unknown field"]);
    expect(errors.age).toEqual(["Invalid type: Expected number"]);
    expect(errors.code).toEqual(["Invalid format: Expected /^\\d+$/"]);
  });

  it("cuts a long client-chosen key to 64 characters", () => {
    const key = "k".repeat(10_000);
    const parsed = v.safeParse(v.strictObject({}), { [key]: 1 });
    if (parsed.success) throw new Error("expected a failure");
    expect(Object.keys(issuesToFieldErrors(parsed.issues))).toEqual([`${"k".repeat(64)}…`]);
  });
});
