import { describe, expect, it } from "vitest";
import { nameProblem, normalizeName } from "./name-rules";

const hex = (s: string) =>
  [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);

describe("name rules", () => {
  it.each([
    // Control characters: both ranges at their ends, and the neighbours that are allowed.
    ["a\u0000b", "control"],
    ["a\u001Fb", "control"],
    ["a\tb", "control"],
    ["a\nb", "control"],
    ["a b", null],
    ["a~b", null],
    ["a\u007Fb", "control"],
    ["a\u0080b", "control"],
    ["a\u009Fb", "control"],
    ["a\u00A0b", null],
    ["a\u2028b", "control"],
    ["a\u2029b", "control"],
    // Bidirectional embeddings, overrides and isolates, and their neighbours.
    ["a\u202Ab", "bidi"],
    ["\u202Ecod.exe", "bidi"],
    ["a\u202Fb", null],
    ["a\u2065b", null],
    ["a\u2066b", "bidi"],
    ["a\u2069b", "bidi"],
    ["a\u206Ab", null],
    ["שלום\u200F", null],
    ["\u061Cمرحبا", null],
    // Names of invisible characters only.
    ["\u200B", "invisible"],
    ["\u200B\u200C\u200D", "invisible"],
    ["\u2060", "invisible"],
    ["\u00AD", "invisible"],
    ["\uFEFF", "invisible"],
    ["\u200E", "invisible"],
    ["\u3164", "invisible"],
    ["\u2800", "invisible"],
    ["\u00A0\u3000", "invisible"],
    ["\uFE0F", "invisible"],
    ["a\u200B", null],
    ["\u200Bx", null],
    ["Sales", null],
    ["销售部", null],
    ["Équipe ☕", null],
    ["", null],
  ])("%j → %s", (name, problem) => {
    expect(nameProblem(name), hex(name).join(" ")).toBe(problem);
  });

  it.each([
    ["e\u0301", "é"],
    ["Cafe\u0301", "Café"],
    ["\u212B", "\u00C5"],
    ["é", "é"],
    ["Sales", "Sales"],
  ])("stores %j as NFC %j", (name, stored) => {
    expect(normalizeName(name)).toBe(stored);
    expect(normalizeName(name)).toBe(normalizeName(stored));
  });
});
