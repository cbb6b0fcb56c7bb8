import { describe, expect, it } from "vitest";
import { linkParts } from "./links";

describe("linkParts", () => {
  it.each([
    ["no link here", ["no link here"]],
    ["https://shop.example", ["", "https://shop.example", ""]],
    ["see https://shop.example/a.", ["see ", "https://shop.example/a", "."]],
    ["go to http://x.example/p?q=1&r=2#top, then", ["go to ", "http://x.example/p?q=1&r=2#top", ", then"]],
    ["(see https://x.example/a)", ["(see ", "https://x.example/a", ")"]],
    ["https://en.example/wiki/A_(b)", ["", "https://en.example/wiki/A_(b)", ""]],
    ["(https://en.example/wiki/A_(b))", ["(", "https://en.example/wiki/A_(b)", ")"]],
    ["[https://x.example/]", ["[", "https://x.example/", "]"]],
    ["really?! https://x.example!?", ["really?! ", "https://x.example", "!?"]],
    ["'https://x.example/a'", ["'", "https://x.example/a", "'"]],
    ['"https://x.example/a"', ['"', "https://x.example/a", '"']],
    ["<https://x.example/a>", ["<", "https://x.example/a", ">"]],
    ["HTTPS://X.EXAMPLE/Up", ["", "HTTPS://X.EXAMPLE/Up", ""]],
    [
      "two: https://a.example and http://b.example",
      ["two: ", "https://a.example", " and ", "http://b.example", ""],
    ],
    ["订单 https://shop.example/订单，谢谢", ["订单 ", "https://shop.example/订单，谢谢", ""]],
    ["emoji 😀 https://x.example/😀 ok", ["emoji 😀 ", "https://x.example/😀", " ok"]],
  ])("%j", (text, parts) => {
    expect(linkParts(text)).toEqual(parts);
  });

  it.each([
    "javascript:alert(1)",
    "javascript://https.example/%0aalert(1)",
    "data:text/html,<b>x</b>",
    "ftp://files.example/x",
    "www.example.com",
    "mailto:ann@example.com",
    "xhttps://x.example",
    "https://",
    "http://.",
  ])("leaves %j as text", (text) => {
    expect(linkParts(text)).toEqual([text]);
  });

  it("never changes the text: the pieces join back to it", () => {
    for (const text of ["a https://x.example/b). c", "((https://x.example/(a)))", "https://x.example/?a=(1"])
      expect(linkParts(text).join("")).toBe(text);
  });
});
