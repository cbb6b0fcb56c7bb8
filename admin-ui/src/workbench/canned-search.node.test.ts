import { describe, expect, it } from "vitest";
import type { CannedResponse } from "../../../worker/schemas/canned-responses";
import { MAX_MATCHES, matchCanned, replaceRange, slashQuery } from "./canned-search";

const c = (shortcut: string, over: Partial<CannedResponse> = {}): CannedResponse => ({
  id: `id-${shortcut}-${over.scope ?? "tenant"}`,
  scope: "tenant",
  ouId: null,
  shortcut,
  title: shortcut,
  text: `text of ${shortcut}`,
  createdAt: 0,
  ...over,
});

describe("the / shortcut", () => {
  it.each([
    ["at the start", "/", 1, { start: 0, query: "" }],
    ["with a query", "/ref", 4, { start: 0, query: "ref" }],
    ["after a space", "Hello /gre", 10, { start: 6, query: "gre" }],
    ["after a new line", "Hi\n/x", 5, { start: 3, query: "x" }],
    ["caret inside the query", "/refund", 3, { start: 0, query: "re" }],
    ["inside a word (and/or)", "and/or", 6, null],
    ["a space after the query closes it", "/ref ", 5, null],
    ["a path", "/a/b", 4, null],
    ["no slash", "hello", 5, null],
  ])("%s", (_name, text, caret, expected) => {
    expect(slashQuery(text, caret)).toEqual(expected);
  });

  it("ranks shortcut prefix, shortcut, title, then text; personal before tenant-wide on a tie", () => {
    const items = [
      c("zz", { text: "mentions refund" }),
      c("a-refund"),
      c("refund"),
      c("refund", { scope: "personal" }),
      c("other", { title: "Refund policy" }),
      c("nope"),
    ];
    expect(matchCanned(items, "REF").map((x) => `${x.shortcut}:${x.scope}`)).toEqual([
      "refund:personal",
      "refund:tenant",
      "a-refund:tenant",
      "other:tenant",
      "zz:tenant",
    ]);
  });

  it(`lists at most ${MAX_MATCHES}, everything for an empty query`, () => {
    const items = Array.from({ length: 12 }, (_, i) => c(`s${String(i).padStart(2, "0")}`));
    expect(matchCanned(items, "")).toHaveLength(MAX_MATCHES);
    expect(matchCanned(items, "", 20)).toHaveLength(12);
    expect(matchCanned(items, "s11").map((x) => x.shortcut)).toEqual(["s11"]);
  });

  it("replaces the /query and puts the caret after the insert", () => {
    expect(replaceRange("Hi /gre there", 3, 7, "Hello Ada")).toEqual({
      text: "Hi Hello Ada there",
      caret: 12,
    });
  });
});
