import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { getIn, setIn } from "./path";
import { errorsUnder, prefixErrors, schemaCheck, unplacedErrors, validate } from "./validate";

describe("form paths", () => {
  it("reads and writes nested objects and arrays without mutating", () => {
    const draft = { a: { list: [{ x: 1 }, { x: 2 }] } };
    const next = setIn(draft, "a.list.1.x", 5);
    expect(getIn(next, "a.list.1.x")).toBe(5);
    expect(Array.isArray(next.a.list)).toBe(true);
    expect(draft.a.list[1]!.x).toBe(2);
    expect(next.a.list[0]).toBe(draft.a.list[0]);
    expect(getIn(draft, "a.missing.deep")).toBeUndefined();
  });

  it("creates missing objects along the path", () => {
    expect(setIn({ clickToDial: null } as Record<string, unknown>, "clickToDial.calledParty", "ivr")).toEqual(
      {
        clickToDial: { calledParty: "ivr" },
      },
    );
  });
});

describe("validation errors", () => {
  const schema = v.object({
    name: v.pipe(v.string(), v.minLength(1, "Name is required")),
    n: v.number("Must be a number"),
  });

  it("keys the schema's issues by dotted path", () => {
    const result = validate(schema, { name: "", n: Number.NaN });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ name: ["Name is required"], n: ["Must be a number"] });
    expect(validate(schema, { name: "x", n: 1 }).ok).toBe(true);
  });

  it("re-keys errors under and over a prefix, and lists those no field shows", () => {
    const errors = { "set.agentType": ["bad"], "range.to": ["late"], body: ["whole"] };
    expect(errorsUnder(errors, "set")).toEqual({ agentType: ["bad"] });
    expect(prefixErrors({ body: ["x"], a: ["y"] }, "p")).toEqual({ p: ["x"], "p.a": ["y"] });
    expect(unplacedErrors(errors, new Set(["set.agentType"]))).toEqual(["range.to: late", "whole"]);
  });
});

describe("schemaCheck", () => {
  const Schema = v.object({ name: v.pipe(v.string(), v.maxLength(3, "At most 3 characters")) });

  it.each([
    ["abc", null],
    ["abcd", { name: ["At most 3 characters"] }],
  ])("checks %j against the schema", (name, expected) => {
    expect(schemaCheck(Schema)({ name })).toEqual(expected);
  });

  it("checks the body made from the draft, not the draft", () => {
    const check = schemaCheck(Schema, (draft: { first: string; last: string }) => ({
      name: draft.first + draft.last,
    }));
    expect(check({ first: "ab", last: "c" })).toBeNull();
    expect(check({ first: "ab", last: "cd" })).toEqual({ name: ["At most 3 characters"] });
  });
});
