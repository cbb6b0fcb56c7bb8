import { describe, expect, it } from "vitest";
import { ATTACHMENT_TYPES } from "../../../../worker/rules/attachment-type";
import { ATTACHMENT_TYPE_LABELS, bytesOf, megabytes } from "./attachment-form";

describe("attachment size in megabytes", () => {
  it.each([
    [10 * 1024 * 1024, "10"],
    [25 * 1024 * 1024, "25"],
    [1024, "0.001"],
    [1536 * 1024, "1.5"],
    [Number.NaN, ""],
  ])("%d bytes show as %s MB", (bytes, shown) => {
    expect(megabytes(bytes)).toBe(shown);
  });

  it.each([
    ["10", 10 * 1024 * 1024],
    [" 1.5 ", 1536 * 1024],
    ["0.001", 1049],
    ["", Number.NaN],
    ["-1", Number.NaN],
    ["1e3", Number.NaN],
    ["ten", Number.NaN],
  ])("%j MB is %d bytes", (typed, bytes) => {
    expect(bytesOf(typed)).toBe(bytes);
  });

  it("labels every type the server recognises", () => {
    expect(Object.keys(ATTACHMENT_TYPE_LABELS).sort()).toEqual([...ATTACHMENT_TYPES].sort());
  });
});
