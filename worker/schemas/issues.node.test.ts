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
});
