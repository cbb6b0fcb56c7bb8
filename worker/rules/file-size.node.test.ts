import { describe, expect, it } from "vitest";
import { sizeText } from "./file-size";

describe("sizeText", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1 KB"],
    [1536, "2 KB"],
    [1024 * 1024 - 1, "1024 KB"],
    [1024 * 1024, "1 MB"],
    [2.45 * 1024 * 1024, "2.5 MB"],
    [10 * 1024 * 1024, "10 MB"],
    [25 * 1024 * 1024, "25 MB"],
  ])("%i bytes read as %s", (bytes, text) => expect(sizeText(bytes)).toBe(text));
});
