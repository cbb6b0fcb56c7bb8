import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv";

describe("CSV fields", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [-3, "-3"],
    [0.25, "0.25"],
    [true, "true"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1 555", "'+1 555"],
    ["-minus", "'-minus"],
    ["@cmd", "'@cmd"],
    ["\tTab", "'\tTab"],
    ['=HYPERLINK("x","y")', '"\'=HYPERLINK(""x"",""y"")"'],
    ["a=b", "a=b"],
    ["李伟", "李伟"],
  ] as const)("%j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("ends a line with CRLF", () => {
    expect(csvLine(["id", 1, null, "x,y"])).toBe('id,1,,"x,y"\r\n');
  });
});
