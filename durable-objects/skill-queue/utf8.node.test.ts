import { describe, expect, it } from "vitest";
import { utf8Length } from "./utf8";

const encoded = (s: string) => new TextEncoder().encode(s).byteLength;

describe("utf8Length", () => {
  it.each([
    ["empty", ""],
    ["ASCII", '{"type":"message","text":"hello"}'],
    ["U+007F, last 1-byte", "\u007f"],
    ["U+0080, first 2-byte", "\u0080"],
    ["U+07FF, last 2-byte", "\u07ff"],
    ["U+0800, first 3-byte", "\u0800"],
    ["Latin-1 accents", "é".repeat(4000)],
    ["CJK", "字".repeat(4000)],
    ["U+FFFF", "\uffff"],
    ["emoji (surrogate pair)", "a😀b🇫🇷"],
    ["mixed", "Grüße, 世界 😀!"],
  ])("%s: as many bytes as the encoder writes", (_name, s) => {
    expect(utf8Length(s)).toBe(encoded(s));
  });

  it("a lone surrogate counts 2 (the encoder writes 3 for its replacement)", () => {
    expect(utf8Length("\ud800")).toBe(2);
  });
});
