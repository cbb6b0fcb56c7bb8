import { describe, expect, it } from "vitest";
import type { PreChatField } from "../../../../worker/schemas/pre-chat";
import { canAdd, moveField, newField, removeField } from "./pre-chat-form";

const text = (key: string): PreChatField => ({ key, kind: "text", label: key, required: false, options: [] });

describe("the pre-chat form section", () => {
  it.each([
    ["a name field to an empty form", [], "name", true],
    ["a second name field", [newField([], "name")], "name", false],
    ["a second email field", [newField([], "email")], "email", false],
    ["a second text field", [text("a")], "text", true],
    ["a tenth field", Array.from({ length: 9 }, (_, i) => text(`t${i}`)), "text", true],
    ["an eleventh field", Array.from({ length: 10 }, (_, i) => text(`t${i}`)), "select", false],
  ] as const)("may add %s: %s", (_what, fields, kind, ok) => {
    expect(canAdd(fields, kind)).toBe(ok);
  });

  it("gives a new field an unused key, a label, and a select two options", () => {
    expect(newField([], "name")).toEqual({
      key: "name",
      kind: "name",
      label: "Your name",
      required: true,
      options: [],
    });
    expect(newField([text("text"), text("text2")], "text").key).toBe("text3");
    expect(newField([], "select").options).toEqual(["Sales", "Support"]);
  });

  it("moves and removes fields", () => {
    const list = ["a", "b", "c"];
    expect(moveField(list, 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveField(list, 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveField(list, 0, -1)).toEqual(list);
    expect(moveField(list, 2, 1)).toEqual(list);
    expect(removeField(list, 1)).toEqual(["a", "c"]);
  });
});
